import { randomBytes } from 'node:crypto';
import { mediaIdentityOf, type ListeningChoice } from '@majlis/shared';
import type { InterpretationService } from '../interpretation/service.ts';
import type { PresenceService } from '../presence/presence.ts';
import type { SummitService } from '../summits/service.ts';
import type { Principal } from '../summits/principal.ts';

const VIEWERS = 30;
const HISTORY_MINUTES = 90;

/**
 * The demo's audience for one session, so the reach page has something to
 * show on a fresh start: thirty accredited viewers (observers and press,
 * never invited, named only "Demo viewer n") whose joins and leaves over the
 * last ninety minutes go through the presence service as LiveKit webhooks
 * would, some reconnecting within seconds; those still there choose a
 * channel through the interpretation service. Deterministic: the same
 * pattern every time.
 */
export async function seedDemoAudience(deps: {
  summits: SummitService;
  presence: PresenceService;
  interpretation: InterpretationService;
  org: Principal;
  summitId: string;
  sessionId: string;
  now: Date;
}): Promise<void> {
  let seed = 20_270_210;
  const next = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const roomName = `session-${deps.sessionId}`;
  const nowS = Math.floor(deps.now.getTime() / 1000);
  const channels: ListeningChoice[] = ['floor', 'fr', 'ar', 'es'];
  const notices: {
    at: number;
    event: 'participant_joined' | 'participant_left';
    identity: string;
  }[] = [];
  const stayers: { participantId: string; channel: ListeningChoice }[] = [];
  for (let i = 0; i < VIEWERS; i += 1) {
    const viewer = await deps.summits.createParticipant(deps.org, deps.summitId, {
      name: `Demo viewer ${i + 1}`,
      role: i % 5 === 0 ? 'press' : 'observer',
      rank: 'official',
      languages: [],
      delegationId: null,
      boothLanguage: null,
    });
    const identity = mediaIdentityOf({ kind: 'participant', id: viewer.id });
    let t = nowS - HISTORY_MINUTES * 60 + Math.floor(next() * 40 * 60);
    const stays = 1 + Math.floor(next() * 3);
    for (let s = 0; s < stays && t < nowS; s += 1) {
      notices.push({ at: t, event: 'participant_joined', identity });
      const leaveAt = t + 300 + Math.floor(next() * 40 * 60);
      if (leaveAt >= nowS) {
        stayers.push({
          participantId: viewer.id,
          channel: channels[Math.floor(next() * channels.length)] ?? 'floor',
        });
        break;
      }
      notices.push({ at: leaveAt, event: 'participant_left', identity });
      // Now and then a dropped connection that comes back within seconds.
      t = leaveAt + (next() < 0.3 ? 3 + Math.floor(next() * 6) : 120 + Math.floor(next() * 900));
    }
  }
  notices.sort((a, b) => a.at - b.at);
  for (const n of notices)
    await deps.presence.onWebhook({
      id: `EV_demo_${randomBytes(8).toString('hex')}`,
      event: n.event,
      roomName,
      identity: n.identity,
      createdAt: n.at,
    });
  for (const s of stayers) {
    const participant = await deps.summits.getParticipant(s.participantId);
    await deps.interpretation.listen(
      { kind: 'participant', participant, role: participant.role },
      deps.sessionId,
      s.channel,
    );
  }
}
