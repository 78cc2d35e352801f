import { notify, sessionRoom, type MajlisIo, type RealtimeModule } from '../realtime/io.ts';
import type { InterpretationService } from './service.ts';

/** Socket.IO commands for booths and channels (INTERP-1). */
export function interpretationModule(service: InterpretationService): RealtimeModule {
  return {
    attach(_socket, on) {
      on('interpretation:get', ({ sessionId }, principal) => service.view(principal, sessionId));
      on('interpretation:handover', ({ sessionId, language, to }, principal) =>
        service.handOver(principal, sessionId, language, to),
      );
      on('interpretation:listen', ({ sessionId, channel }, principal) =>
        service.listen(principal, sessionId, channel),
      );
    },
  };
}

/** Every hand-over reaches every watcher of the session, on every node. */
export function broadcastInterpretation(io: MajlisIo, service: InterpretationService): void {
  service.onChange((view) => {
    notify(io.to(sessionRoom(view.sessionId)), 'interpretation:changed', view);
  });
}
