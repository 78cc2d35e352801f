/**
 * Type-level tests of the command binder and the notice helper: a wrong
 * event name, payload or result must not compile. Checked by `tsc` (npm
 * test's typecheck step); nothing here runs.
 */
import { expectTypeOf } from 'vitest';
import type { FloorView, MotionView } from '@majlis/shared';
import type { CommandBinder, MajlisIo, MajlisSocket } from './io.ts';
import { notify } from './io.ts';

declare const on: CommandBinder;
declare const io: MajlisIo;
declare const socket: MajlisSocket;
declare const floorView: FloorView;
declare const motionView: MotionView;

// The handler's input is the table's parsed input; its result must be the output.
on('floor:get', ({ sessionId }) => {
  expectTypeOf(sessionId).toEqualTypeOf<string>();
  return Promise.resolve(floorView);
});
on('vote:cast', (ballot) => {
  expectTypeOf(ballot.choice).toEqualTypeOf<'yes' | 'no' | 'abstain' | 'object'>();
  return Promise.resolve({ motionId: ballot.motionId, status: 'cast', receipt: null });
});

// @ts-expect-error a wrong event name: no such command
on('floor:grab', () => Promise.resolve(floorView));

// @ts-expect-error a notice is not a command
on('floor:changed', () => Promise.resolve(floorView));

on(
  'interpretation:get',
  // @ts-expect-error a wrong payload: interpretation:get names a session, no language
  ({ sessionId, language: _language }) => Promise.resolve({ sessionId, version: 0, booths: [] }),
);

// @ts-expect-error a wrong result: vote:open answers a MotionView, not a FloorView
on('vote:open', () => Promise.resolve(floorView));

// @ts-expect-error a wrong result: a field missing from the output
on('vote:get', () => Promise.resolve({ motion: motionView.motion }));

notify(io.to('session:x'), 'vote:changed', { motion: motionView.motion });
notify(socket, 'connection:accepted', { participantId: null, summitId: null, serverTime: 'now' });

// @ts-expect-error a wrong notice name
notify(io.to('session:x'), 'vote:tallied', { motion: motionView.motion });

// @ts-expect-error a wrong notice payload: floor:changed carries a FloorView
notify(io.to('session:x'), 'floor:changed', motionView);

// @ts-expect-error socket.io's own emit is typed from the same table
socket.emit('floor:warned', { sessionId: 'x' });
