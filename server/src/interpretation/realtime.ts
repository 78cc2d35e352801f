import {
  HandOverRequest,
  SessionRef,
  ListenRequest,
  type InterpretationView,
} from '@majlis/shared';
import { sessionRoom, type MajlisIo, type RealtimeModule } from '../realtime/io.ts';
import type { InterpretationService } from './service.ts';

/** Socket.IO commands for booths and channels (INTERP-1). */
export function interpretationModule(service: InterpretationService): RealtimeModule {
  return {
    attach(_socket, on) {
      on(
        'interpretation:get',
        SessionRef,
        ({ sessionId }, principal): Promise<InterpretationView> =>
          service.view(principal, sessionId),
      );
      on(
        'interpretation:handover',
        HandOverRequest,
        ({ sessionId, language, to }, principal): Promise<InterpretationView> =>
          service.handOver(principal, sessionId, language, to),
      );
      on('interpretation:listen', ListenRequest, ({ sessionId, channel }, principal) =>
        service.listen(principal, sessionId, channel),
      );
    },
  };
}

/** Every hand-over reaches every watcher of the session, on every node. */
export function broadcastInterpretation(io: MajlisIo, service: InterpretationService): void {
  service.onChange((view) => {
    io.to(sessionRoom(view.sessionId)).emit('interpretation:changed', view);
  });
}
