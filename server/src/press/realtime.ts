import { notify, sessionRoom, type MajlisIo, type RealtimeModule } from '../realtime/io.ts';
import type { PressService } from './service.ts';

/** Socket.IO commands for press briefings (PRESS-1); roles and rules live in the service. */
export function pressModule(press: PressService): RealtimeModule {
  return {
    attach(_socket, on) {
      on('press:get', ({ sessionId }, principal) => press.view(principal, sessionId));
      on('press:ask', (input, principal) => press.ask(principal, input));
      on('press:withdraw', ({ sessionId }, principal) => press.withdraw(principal, sessionId));
      on('press:pick', (input, principal) => press.pick(principal, input));
      on('press:end', ({ sessionId }, principal) => press.end(principal, sessionId));
    },
  };
}

/** Every change of the queue reaches everyone following the briefing. */
export function broadcastPress(io: MajlisIo, press: PressService): void {
  press.onChanged((view) => {
    notify(io.to(sessionRoom(view.briefing.sessionId)), 'press:changed', view);
  });
}
