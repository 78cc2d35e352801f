import type { Room } from 'livekit-client';

/** Counters that prove media arrives, summed over every subscribed track. */
export interface InboundCounters {
  video: { tracks: number; bytesReceived: number; framesDecoded: number };
  audio: {
    tracks: number;
    bytesReceived: number;
    totalSamplesDuration: number;
    totalAudioEnergy: number;
  };
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** Sums inbound counters over every remote participant, or only `identity`'s tracks. */
export async function inboundCounters(room: Room, identity?: string): Promise<InboundCounters> {
  const out: InboundCounters = {
    video: { tracks: 0, bytesReceived: 0, framesDecoded: 0 },
    audio: { tracks: 0, bytesReceived: 0, totalSamplesDuration: 0, totalAudioEnergy: 0 },
  };
  for (const participant of room.remoteParticipants.values()) {
    if (identity !== undefined && participant.identity !== identity) continue;
    for (const pub of participant.trackPublications.values()) {
      const track = pub.track;
      if (track === undefined) continue;
      const report = await track.getRTCStatsReport();
      report?.forEach((s: Record<string, unknown>) => {
        if (s['type'] !== 'inbound-rtp') return;
        if (s['kind'] === 'video') {
          out.video.tracks += 1;
          out.video.bytesReceived += num(s['bytesReceived']);
          out.video.framesDecoded += num(s['framesDecoded']);
        } else if (s['kind'] === 'audio') {
          out.audio.tracks += 1;
          out.audio.bytesReceived += num(s['bytesReceived']);
          out.audio.totalSamplesDuration += num(s['totalSamplesDuration']);
          out.audio.totalAudioEnergy += num(s['totalAudioEnergy']);
        }
      });
    }
  }
  return out;
}
