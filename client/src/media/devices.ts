import { useEffect, useRef, useState } from 'react';
import {
  createLocalAudioTrack,
  createLocalVideoTrack,
  type LocalAudioTrack,
  type LocalVideoTrack,
} from 'livekit-client';

export interface Devices {
  cameras: MediaDeviceInfo[];
  microphones: MediaDeviceInfo[];
}

/** Lists cameras and microphones (labels appear once the browser has granted access). */
export function useDevices(enabled: boolean): Devices {
  const [devices, setDevices] = useState<Devices>({ cameras: [], microphones: [] });
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const read = () =>
      navigator.mediaDevices.enumerateDevices().then((all) => {
        if (live)
          setDevices({
            cameras: all.filter((d) => d.kind === 'videoinput'),
            microphones: all.filter((d) => d.kind === 'audioinput'),
          });
      });
    const onChange = () => void read();
    onChange();
    navigator.mediaDevices.addEventListener('devicechange', onChange);
    return () => {
      live = false;
      navigator.mediaDevices.removeEventListener('devicechange', onChange);
    };
  }, [enabled]);
  return devices;
}

/** A camera preview and a microphone level (0–1) for the pre-join screen. */
export function usePreview(
  enabled: boolean,
  cameraId: string | undefined,
  microphoneId: string | undefined,
) {
  const [video, setVideo] = useState<LocalVideoTrack | undefined>();
  const [level, setLevel] = useState(0);
  const [failed, setFailed] = useState(false);
  const audioRef = useRef<LocalAudioTrack | undefined>(undefined);

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    let track: LocalVideoTrack | undefined;
    createLocalVideoTrack(cameraId ? { deviceId: cameraId } : {}).then(
      (t) => {
        if (!live) {
          t.stop();
          return;
        }
        track = t;
        setVideo(t);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
      track?.stop();
      setVideo(undefined);
    };
  }, [enabled, cameraId]);

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    let frame = 0;
    let ctx: AudioContext | undefined;
    createLocalAudioTrack(microphoneId ? { deviceId: microphoneId } : {}).then(
      (t) => {
        if (!live) {
          t.stop();
          return;
        }
        audioRef.current = t;
        ctx = new AudioContext();
        const analyser = ctx.createAnalyser();
        analyser.fftSize = 512;
        ctx.createMediaStreamSource(new MediaStream([t.mediaStreamTrack])).connect(analyser);
        const data = new Uint8Array(analyser.fftSize);
        const tick = () => {
          analyser.getByteTimeDomainData(data);
          let peak = 0;
          for (const v of data) peak = Math.max(peak, Math.abs(v - 128) / 128);
          setLevel(peak);
          frame = requestAnimationFrame(tick);
        };
        tick();
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
      cancelAnimationFrame(frame);
      void ctx?.close();
      audioRef.current?.stop();
      audioRef.current = undefined;
    };
  }, [enabled, microphoneId]);

  return { video, level, failed };
}
