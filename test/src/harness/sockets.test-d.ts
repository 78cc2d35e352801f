/**
 * Type-level tests of the harness's `ask`: it is typed by the contract table
 * like the client's `call`, so a wrong event name, payload or result does
 * not compile in a test either. Checked by `tsc`; nothing here runs.
 */
import { expectTypeOf } from 'vitest';
import type { FloorView, InterpretationView, MotionView } from '@majlis/shared';
import { ask, must, type TestSocket } from './sockets.ts';

declare const socket: TestSocket;
const sessionId = 'AAAAAAAAAAAAAAAAAAAAAA';

export async function typedAsks(): Promise<void> {
  expectTypeOf(await must(ask(socket, 'floor:get', { sessionId }))).toEqualTypeOf<FloorView>();
  const reply = await ask(socket, 'vote:open', { motionId: sessionId });
  if (!reply.ok)
    expectTypeOf(reply.error.code).toEqualTypeOf<
      | 'FORBIDDEN'
      | 'NOT_FOUND'
      | 'CONFLICT'
      | 'PRECONDITION_FAILED'
      | 'INVALID_PAYLOAD'
      | 'UNAUTHENTICATED'
      | 'RATE_LIMITED'
      | 'SERVICE_UNAVAILABLE'
      | 'INTERNAL'
    >();

  // @ts-expect-error a wrong event name
  await ask(socket, 'floor:grab', { sessionId });

  // @ts-expect-error a wrong payload: a floor command needs its command
  await ask(socket, 'floor:command', { sessionId });

  // @ts-expect-error a wrong payload: no such ballot choice
  await ask(socket, 'vote:cast', { motionId: sessionId, choice: 'maybe', ballotKey: 'k' });

  // @ts-expect-error a wrong result: interpretation:get answers an InterpretationView
  const view: MotionView = await must(ask(socket, 'interpretation:get', { sessionId }));
  expectTypeOf(view).toEqualTypeOf<MotionView>();

  expectTypeOf(
    await must(ask(socket, 'interpretation:get', { sessionId })),
  ).toEqualTypeOf<InterpretationView>();

  // Notices on a test socket are typed from the same table.
  socket.on('floor:changed', (changed) => expectTypeOf(changed).toEqualTypeOf<FloorView>());
  // @ts-expect-error a wrong notice payload type
  socket.on('vote:changed', (changed: FloorView) => changed);
}
