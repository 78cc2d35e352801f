import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Debian's Chromium with fake camera and microphone; never a downloaded browser. */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH))
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}; install Debian's chromium`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      '--autoplay-policy=no-user-gesture-required',
      '--allow-loopback-in-peer-connection',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      ...extraArgs,
    ],
  });
}

export interface InboundCounters {
  video: { tracks: number; bytesReceived: number; framesDecoded: number };
  audio: {
    tracks: number;
    bytesReceived: number;
    totalSamplesDuration: number;
    totalAudioEnergy: number;
  };
}

/** Reads the page's inbound RTP counters (summed over subscribed tracks). */
export async function inboundCounters(page: Page): Promise<InboundCounters> {
  return page.evaluate(async () => {
    const m = window.majlisMedia;
    if (!m) throw new Error('media page not loaded');
    return m.counters();
  });
}

declare global {
  interface Window {
    majlisMedia?: {
      counters(): Promise<InboundCounters>;
      state(): string;
      localTracks(): string[];
    };
    majlisMeeting?: {
      room: {
        localParticipant: {
          permissions?: { canPublish: boolean; canPublishSources: number[] };
          publishTrack(track: MediaStreamTrack, opts?: { name?: string }): Promise<unknown>;
        };
      };
      counters(): Promise<InboundCounters>;
      countersFrom(identity: string): Promise<InboundCounters>;
      remoteIdentities(): string[];
      state(): string;
    };
  }
}
