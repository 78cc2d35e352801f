import { useCallback, useEffect, useRef, useState } from 'react';
import { ConnectionState, Room, RoomEvent, Track, type RemoteTrack } from 'livekit-client';
import type { ConnectionDetails } from '@majlis/shared';

export interface RemoteTile {
  identity: string;
  name: string;
  video: RemoteTrack | undefined;
  audio: RemoteTrack | undefined;
}

/**
 * One LiveKit room for the page's lifetime: connect, publish camera and
 * microphone, and keep a list of remote tiles for React to draw.
 */
export function useMediaRoom() {
  const roomRef = useRef<Room | undefined>(undefined);
  const [state, setState] = useState<ConnectionState>(ConnectionState.Disconnected);
  const [tiles, setTiles] = useState<RemoteTile[]>([]);
  const [error, setError] = useState<string | undefined>();

  const refresh = useCallback(() => {
    const room = roomRef.current;
    if (!room) return;
    setTiles(
      [...room.remoteParticipants.values()].map((p) => ({
        identity: p.identity,
        name: p.name ?? p.identity,
        video: p.getTrackPublication(Track.Source.Camera)?.track,
        audio: p.getTrackPublication(Track.Source.Microphone)?.track,
      })),
    );
  }, []);

  const join = useCallback(
    async (details: ConnectionDetails, opts: { publish: boolean } = { publish: true }) => {
      setError(undefined);
      const room = new Room({ adaptiveStream: false, dynacast: true });
      roomRef.current = room;
      room
        .on(RoomEvent.ConnectionStateChanged, setState)
        .on(RoomEvent.ParticipantConnected, refresh)
        .on(RoomEvent.ParticipantDisconnected, refresh)
        .on(RoomEvent.TrackSubscribed, refresh)
        .on(RoomEvent.TrackUnsubscribed, refresh);
      // Test build only: the bundler drops this branch and the probe from production.
      if (import.meta.env.VITE_MAJLIS_TEST_PROBES === '1')
        void import('../probes/mediaRoom.ts').then((probe) => probe.exposeMediaRoom(room));
      try {
        await room.connect(details.serverUrl, details.participantToken);
        if (opts.publish) await room.localParticipant.enableCameraAndMicrophone();
        refresh();
      } catch (err) {
        setError(err instanceof Error ? err.message : String(err));
      }
    },
    [refresh],
  );

  const leave = useCallback(async () => {
    await roomRef.current?.disconnect();
    roomRef.current = undefined;
    setTiles([]);
  }, []);

  useEffect(() => () => void roomRef.current?.disconnect(), []);

  return { room: roomRef, state, tiles, error, join, leave };
}
