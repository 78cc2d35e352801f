import { PresenceEntry, participantIdOfIdentity, type SessionPresence } from '@majlis/shared';
import type { Logger } from '../logger.ts';
import type { MediaGateway, WebhookNotice } from '../media/gateway.ts';
import { keys } from '../store/keys.ts';
import type { RedisStore } from '../store/redis.ts';
import { ATTENDANCE_MAX_ENTRIES } from '../store/streams.ts';
import type { Write } from '../store/tx.ts';

/** One connection as stored in a session's presence hash (the identity is the field). */
const StoredPresence = PresenceEntry.pick({ participantId: true, joinedAt: true });

const ROOM_PREFIX = 'session-';
const sessionIdOfRoom = (room: string | undefined): string | undefined =>
  room?.startsWith(ROOM_PREFIX) ? room.slice(ROOM_PREFIX.length) : undefined;

/**
 * Who is connected to each session's room, from LiveKit webhooks
 * (signature-verified, de-duplicated by event id) and reconciled with
 * LiveKit's own list at start-up. The attendance log keeps every join and
 * leave; quorum and reach figures are computed from it.
 */
export class PresenceService {
  constructor(
    private readonly store: RedisStore,
    private readonly media: MediaGateway,
    private readonly logger: Logger,
  ) {}

  async onWebhook(notice: WebhookNotice): Promise<void> {
    const sessionId = sessionIdOfRoom(notice.roomName);
    if (sessionId === undefined) return;
    // Deliveries repeat; each event id is applied once, across every server node.
    if (!(await this.store.claimOnce(keys.webhookSeen(notice.id), 24 * 3600))) return;
    const at = new Date((notice.createdAt || Date.now() / 1000) * 1000).toISOString();
    const writes: Write[] = [];
    switch (notice.event) {
      case 'participant_joined':
        if (notice.identity === undefined) return;
        writes.push(
          {
            op: 'hset',
            key: keys.sessionPresence(sessionId),
            field: notice.identity,
            value: JSON.stringify({
              participantId: participantIdOfIdentity(notice.identity),
              joinedAt: at,
            }),
          },
          {
            op: 'xadd',
            key: keys.sessionAttendance(sessionId),
            maxLen: ATTENDANCE_MAX_ENTRIES,
            value: JSON.stringify({ identity: notice.identity, event: 'joined', at }),
          },
        );
        break;
      case 'participant_left':
        if (notice.identity === undefined) return;
        writes.push(
          { op: 'hdel', key: keys.sessionPresence(sessionId), field: notice.identity },
          {
            op: 'xadd',
            key: keys.sessionAttendance(sessionId),
            maxLen: ATTENDANCE_MAX_ENTRIES,
            value: JSON.stringify({ identity: notice.identity, event: 'left', at }),
          },
        );
        break;
      case 'room_finished':
        writes.push(
          { op: 'del', key: keys.sessionPresence(sessionId) },
          { op: 'del', key: keys.sessionChannels(sessionId) },
        );
        break;
      default:
        return;
    }
    await this.store.commit({ checks: [], writes });
  }

  async presence(sessionId: string): Promise<SessionPresence> {
    const [all, channels] = await Promise.all([
      this.store.hashAll(keys.sessionPresence(sessionId)),
      this.store.hashAll(keys.sessionChannels(sessionId)),
    ]);
    const present = Object.entries(all)
      .map(([identity, raw]) =>
        PresenceEntry.parse({
          identity,
          ...StoredPresence.parse(JSON.parse(raw)),
          channel: channels[identity] ?? null,
        }),
      )
      .sort((a, b) => a.joinedAt.localeCompare(b.joinedAt));
    return { sessionId, present };
  }

  /**
   * Webhooks can be lost (a restart, a dropped delivery); LiveKit's own list
   * is the truth. Rewrites every session's presence from it.
   */
  async reconcile(now: Date): Promise<void> {
    const rooms = new Set((await this.media.roomNames()).filter((r) => r.startsWith(ROOM_PREFIX)));
    const stored = await this.store.scanKeys(keys.sessionPresence('*'));
    const sessionIds = new Set([...rooms].map((r) => r.slice(ROOM_PREFIX.length)));
    for (const key of stored) {
      const id = /^majlis:session:(.+):presence$/.exec(key)?.[1];
      if (id !== undefined) sessionIds.add(id);
    }
    for (const sessionId of sessionIds) {
      const room = `${ROOM_PREFIX}${sessionId}`;
      const live = rooms.has(room) ? await this.media.roomParticipants(room) : [];
      const before = await this.store.hashAll(keys.sessionPresence(sessionId));
      const writes: Write[] = [];
      for (const identity of Object.keys(before)) {
        if (!live.includes(identity)) {
          writes.push(
            { op: 'hdel', key: keys.sessionPresence(sessionId), field: identity },
            {
              op: 'xadd',
              key: keys.sessionAttendance(sessionId),
              maxLen: ATTENDANCE_MAX_ENTRIES,
              value: JSON.stringify({
                identity,
                event: 'left',
                at: now.toISOString(),
                reconciled: true,
              }),
            },
          );
        }
      }
      for (const identity of live) {
        if (before[identity] === undefined) {
          writes.push(
            {
              op: 'hset',
              key: keys.sessionPresence(sessionId),
              field: identity,
              value: JSON.stringify({
                participantId: participantIdOfIdentity(identity),
                joinedAt: now.toISOString(),
              }),
            },
            {
              op: 'xadd',
              key: keys.sessionAttendance(sessionId),
              maxLen: ATTENDANCE_MAX_ENTRIES,
              value: JSON.stringify({
                identity,
                event: 'joined',
                at: now.toISOString(),
                reconciled: true,
              }),
            },
          );
        }
      }
      if (writes.length > 0) await this.store.commit({ checks: [], writes });
    }
    this.logger.debug({ rooms: rooms.size }, 'presence reconciled with LiveKit');
  }
}
