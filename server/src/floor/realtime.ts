import type { Clock } from '../clock.ts';
import { notify, sessionRoom, type MajlisIo, type RealtimeModule } from '../realtime/io.ts';
import type { FloorService } from './service.ts';

/** Socket.IO commands for the floor; every change is broadcast to the session's watchers. */
export function floorModule(floor: FloorService, clock: Clock): RealtimeModule {
  return {
    attach(_socket, on) {
      on('floor:get', async ({ sessionId }, principal) => {
        const state = await floor.view(principal, sessionId);
        return { floor: state, serverTime: clock.now().getTime() };
      });
      on('floor:command', async ({ sessionId, command }, principal) => {
        // Arrival time orders the speakers list, whatever retries follow.
        const receivedAt = clock.now().getTime();
        const state = await floor.command(principal, sessionId, command, receivedAt);
        return { floor: state, serverTime: clock.now().getTime() };
      });
    },
  };
}

/** Fans each committed change out to every node's watchers (through the adapter). */
export function broadcastFloor(io: MajlisIo, floor: FloorService, clock: Clock): void {
  floor.onChange(({ sessionId, state, events }) => {
    const room = io.to(sessionRoom(sessionId));
    notify(room, 'floor:changed', { floor: state, serverTime: clock.now().getTime() });
    for (const e of events) {
      if (e.type === 'warning')
        notify(room, 'floor:warned', { sessionId, entry: e.entry, deadline: e.deadline });
      if (e.type === 'expired')
        notify(room, 'floor:expired', {
          sessionId,
          entry: e.entry,
          policy: e.policy,
          graceDeadline: e.graceDeadline,
        });
    }
  });
}
