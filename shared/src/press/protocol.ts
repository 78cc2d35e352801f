import { command, notice, type ContractTable } from '../contract.ts';
import { SessionRef } from '../domain/common.ts';
import { AskQuestion, PickQuestion, PressView } from './questions.ts';

const REFUSALS = ['FORBIDDEN', 'NOT_FOUND', 'CONFLICT'] as const;

/** Press briefings' realtime contract (PRESS-1). */
export const pressContract = {
  'press:get': command({
    input: SessionRef,
    output: PressView,
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  }),
  /** A journalist's question; at most one waiting per journalist. */
  'press:ask': command({ input: AskQuestion, output: PressView, errors: REFUSALS }),
  'press:withdraw': command({ input: SessionRef, output: PressView, errors: REFUSALS }),
  /** The spokesperson or the chair gives a journalist the microphone for one question. */
  'press:pick': command({ input: PickQuestion, output: PressView, errors: REFUSALS }),
  /** Takes the microphone back: the journalist is hidden and silent again. */
  'press:end': command({ input: SessionRef, output: PressView, errors: REFUSALS }),
  'press:changed': notice(PressView),
} as const satisfies ContractTable;
