import { FloorCommandRequest, SessionRef, type FloorView } from '@majlis/shared';
import type { Clock } from '../clock.ts';
import { sessionRoom, type MajlisIo, type RealtimeModule } from '../realtime/io.ts';
import type { FloorService } from './service.ts';

/** Socket.IO commands for the floor; every change is broadcast to the session's watchers. */
export function floorModule(floor: FloorService, clock: Clock): RealtimeModule {
  return {
    attach(_socket, on) {
      on('floor:get', SessionRef, async ({ sessionId }, principal): Promise<FloorView> => {
        const state = await floor.view(principal, sessionId);
        return { floor: state, serverTime: clock.now().getTime() };
      });
      on(
        'floor:command',
        FloorCommandRequest,
        async ({ sessionId, command }, principal): Promise<FloorView> => {
          // Arrival time orders the speakers list, whatever retries follow.
          const receivedAt = clock.now().getTime();
          const state = await floor.command(principal, sessionId, command, receivedAt);
          return { floor: state, serverTime: clock.now().getTime() };
        },
      );
    },
  };
}

/** Fans each committed change out to every node's watchers (through the adapter). */
export function broadcastFloor(io: MajlisIo, floor: FloorService, clock: Clock): void {
  floor.onChange(({ sessionId, state, events }) => {
    const room = io.to(sessionRoom(sessionId));
    room.emit('floor:changed', { floor: state, serverTime: clock.now().getTime() });
    for (const e of events) {
      if (e.type === 'warning')
        room.emit('floor:warned', { sessionId, entry: e.entry, deadline: e.deadline });
      if (e.type === 'expired')
        room.emit('floor:expired', {
          sessionId,
          entry: e.entry,
          policy: e.policy,
          graceDeadline: e.graceDeadline,
        });
    }
  });
}
