import { createIntl } from 'react-intl';
import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import {
  initialFloor,
  type CommandChannel,
  type FloorView,
  type InterpretationView,
  type MotionView,
} from '@majlis/shared';
import { ApiError } from '../api/http.ts';
import { errorMessage } from '../i18n/errors.ts';
import type { Translate } from '../i18n/translate.ts';
import en from '../i18n/messages/en.json';
import { COMMAND_TIMEOUT_MS, call, listen, type NoticeChannel } from './socket.ts';
import { newerByVersion } from './useLiveState.ts';

const SESSION = 'AAAAAAAAAAAAAAAAAAAAAA';
const FLOOR: FloorView = { floor: initialFloor(SESSION), serverTime: 1 };

/** A socket that answers every command with `answer` (or fails as socket.io does). */
function answering(answer: (event: string, input: unknown) => Promise<unknown>) {
  const sent: { event: string; input: unknown; timeoutMs: number }[] = [];
  const channel: CommandChannel = {
    timeout: (timeoutMs) => ({
      emitWithAck: (event, input) => {
        sent.push({ event, input, timeoutMs });
        return answer(event, input);
      },
    }),
  };
  return { channel, sent };
}

async function rejection(p: Promise<unknown>): Promise<ApiError> {
  const err: unknown = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(err)}`);
  return err;
}

const intl = createIntl({ locale: 'en', messages: en });
const t: Translate = (key, values) => intl.formatMessage({ id: key }, values);

describe('call: one typed way to send a command', () => {
  it('sends the event and input with the one timeout and resolves with the parsed output', async () => {
    const { channel, sent } = answering(() =>
      Promise.resolve({ ok: true, data: { ...FLOOR, extra: 'dropped' } }),
    );
    const view = await call('floor:get', { sessionId: SESSION }, channel);
    expect(view).toEqual(FLOOR);
    expect(sent).toEqual([
      { event: 'floor:get', input: { sessionId: SESSION }, timeoutMs: COMMAND_TIMEOUT_MS },
    ]);
  });

  it('rejects a refusal with ApiError carrying the code, its HTTP status and the field issues', async () => {
    const issues = [{ path: 'quorum.present', message: '3' }];
    const { channel } = answering(() =>
      Promise.resolve({
        ok: false,
        error: { code: 'PRECONDITION_FAILED', message: 'No quorum', issues },
      }),
    );
    const err = await rejection(call('vote:open', { motionId: SESSION }, channel));
    expect(err.status).toBe(412);
    expect(err.problem).toMatchObject({ code: 'PRECONDITION_FAILED', status: 412, issues });
    expect(errorMessage(err, t)).toBe(t('error.PRECONDITION_FAILED'));
  });

  it('rejects no answer in time as SERVICE_UNAVAILABLE with status 0, in the reader’s words', async () => {
    const { channel } = answering(() => Promise.reject(new Error('operation has timed out')));
    const err = await rejection(call('session:watch', { sessionId: SESSION }, channel));
    expect(err.status).toBe(0);
    expect(err.problem?.code).toBe('SERVICE_UNAVAILABLE');
    expect(errorMessage(err, t)).toBe(t('error.SERVICE_UNAVAILABLE'));
  });

  it('rejects an answer outside the contract as INTERNAL with status 0', async () => {
    const { channel } = answering(() =>
      Promise.resolve({ ok: false, error: { code: 'CONFLICT', message: 'not declared' } }),
    );
    const err = await rejection(call('floor:get', { sessionId: SESSION }, channel));
    expect(err.status).toBe(0);
    expect(err.problem?.code).toBe('INTERNAL');
  });
});

describe('listen: notices parsed at the client’s edge', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  function noticeChannel() {
    const listeners = new Map<string, (payload: unknown) => void>();
    const channel: NoticeChannel = {
      on: (event, listener) => listeners.set(event, listener),
      off: (event) => listeners.delete(event),
    };
    const deliver = (event: string, payload: unknown) => listeners.get(event)?.(payload);
    return { channel, deliver, listeners };
  }

  it('hands on a notice that matches the table and reports one that does not', () => {
    const reported: unknown[] = [];
    vi.stubGlobal('reportError', (err: unknown) => reported.push(err));
    const { channel, deliver, listeners } = noticeChannel();
    const heard: unknown[] = [];
    const stop = listen('vote:recorded', (notice) => heard.push(notice), channel);
    deliver('vote:recorded', { motionId: SESSION, delegationId: SESSION, extra: 1 });
    deliver('vote:recorded', { motionId: 'short', delegationId: SESSION });
    expect(heard).toEqual([{ motionId: SESSION, delegationId: SESSION }]);
    expect(reported).toHaveLength(1);
    stop();
    expect(listeners.size).toBe(0);
  });
});

describe('newerByVersion', () => {
  const merge = newerByVersion((v: { version: number; tag: string }) => v.version);
  it.each([
    ['nothing held yet', undefined, { version: 1, tag: 'in' }, 'in'],
    ['a newer version', { version: 1, tag: 'held' }, { version: 2, tag: 'in' }, 'in'],
    ['the same version again', { version: 2, tag: 'held' }, { version: 2, tag: 'in' }, 'in'],
    ['an older version', { version: 3, tag: 'held' }, { version: 2, tag: 'in' }, 'held'],
  ])('keeps the right state for %s', (_case, held, incoming, kept) => {
    expect(merge(held, incoming).tag).toBe(kept);
  });
});

/**
 * Type-level: a wrong event name, payload or result does not compile.
 * Never called; `tsc` checks it.
 */
export async function typedCalls(channel: CommandChannel): Promise<void> {
  expectTypeOf(await call('floor:get', { sessionId: SESSION }, channel)).toEqualTypeOf<FloorView>();
  expectTypeOf(
    await call('interpretation:get', { sessionId: SESSION }, channel),
  ).toEqualTypeOf<InterpretationView>();

  // @ts-expect-error a wrong event name
  await call('vote:tally', { motionId: SESSION }, channel);

  // @ts-expect-error a wrong payload: vote:cast needs a choice and a ballot key
  await call('vote:cast', { motionId: SESSION }, channel);

  // @ts-expect-error a wrong result: vote:cast answers a receipt, not a MotionView
  const view: MotionView = await call(
    'vote:cast',
    { motionId: SESSION, choice: 'yes', ballotKey: SESSION },
    channel,
  );
  expectTypeOf(view).toEqualTypeOf<MotionView>();

  // @ts-expect-error notices are listened to, not called
  await call('floor:changed', FLOOR, channel);

  // @ts-expect-error a wrong notice payload type in a listener
  listen('floor:changed', (changed: MotionView) => changed);
}
