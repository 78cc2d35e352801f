import {
  type FloorCommand,
  type FloorState,
  type RulingOutcome,
  type SessionLifecycle,
} from '@majlis/shared';
import { ApiError } from '../../api/http.ts';
import { errorMessage, type MessageKey, type Translate } from '../../i18n/index.ts';
// Type only: a value import would bring livekit-client to the home page (MySessions uses STATE_WORDS).
import type { NotAllowedToPublish } from '../../media/meeting.ts';

const isNotAllowedToPublish = (err: unknown): err is NotAllowedToPublish =>
  err instanceof Error && err.name === 'NotAllowedToPublish';

export const STATE_WORDS: Readonly<Record<SessionLifecycle, MessageKey>> = {
  scheduled: 'room.state.scheduled',
  open: 'room.state.open',
  suspended: 'room.state.suspended',
  closed: 'room.state.closed',
};

export const RULING_WORDS: Readonly<Record<RulingOutcome | 'none', MessageKey>> = {
  upheld: 'room.ruling.upheld',
  not_upheld: 'room.ruling.not_upheld',
  out_of_order: 'room.ruling.out_of_order',
  none: 'room.ruling.none',
};

export const RULE_BUTTON_WORDS: Readonly<Record<RulingOutcome, MessageKey>> = {
  upheld: 'room.rule.upheld',
  not_upheld: 'room.rule.not_upheld',
  out_of_order: 'room.rule.out_of_order',
};

/**
 * A floor command's refusal in the reader's language. The server answers a
 * closed code; which rule refused follows from the command and the list the
 * reader sees (MEET-4: one pending point of order; FLOOR-4: two replies).
 */
export function floorRefusalWords(
  err: unknown,
  command: FloorCommand,
  floor: FloorState | undefined,
  delegationId: string | null,
  t: Translate,
): string {
  if (err instanceof ApiError && err.problem?.code === 'CONFLICT' && command.type === 'request') {
    if (command.kind === 'point_of_order') return t('room.refusal.pointOfOrderPending');
    if (
      command.kind === 'right_of_reply' &&
      delegationId !== null &&
      (floor?.replies[delegationId] ?? 0) >= 2
    )
      return t('room.refusal.replyLimit');
    return t('room.refusal.alreadyListed');
  }
  return refusalWords(err, t);
}

/** Any refusal or failure of an act in the meeting room, by its code, never the server's English. */
export function refusalWords(err: unknown, t: Translate): string {
  if (isNotAllowedToPublish(err)) return t('room.mic.notAllowed');
  return errorMessage(err, t);
}
