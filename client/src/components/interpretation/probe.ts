import type { Room } from 'livekit-client';
import type { ListeningChoice } from '@majlis/shared';

/**
 * Installs `window.majlisListening` (what a person actually hears, measured)
 * in the test build; in production it does nothing and the probe's code is
 * not in the bundle. Returns the uninstaller.
 */
export function installListeningProbe(room: Room, choice: () => ListeningChoice): () => void {
  if (import.meta.env.VITE_MAJLIS_TEST_PROBES !== '1') return () => {};
  let uninstall: (() => void) | undefined;
  let removed = false;
  void import('../../probes/listening.ts').then((probe) => {
    if (!removed) uninstall = probe.installListeningProbe(room, choice);
  });
  return () => {
    removed = true;
    uninstall?.();
  };
}
