import { participantIdOfIdentity } from '@majlis/shared';
import type { Logger } from '../logger.ts';
import type { SummitService } from '../summits/service.ts';
import { ifExists } from '../summits/common.ts';
import type { MediaGateway } from './gateway.ts';

const ROOM_PREFIX = 'session-';

/**
 * Whether an identity connected to a session's room may stay there now.
 * Revocation is one reason to leave (ACCESS-6); the lobby and the
 * secretariat's invitation (CONF-5, ACCESS-8) add theirs through
 * `addRule`. Answers `true` to stay, or a reason to remove.
 */
export type RoomRule = (sessionId: string, identity: string) => Promise<true | string>;

/**
 * ACCESS-6: no LiveKit token outlives a revocation. A token is a bearer
 * credential LiveKit checks only against its signature and expiry, and
 * LiveKit itself hands a connected client a fresh 10-minute token at once
 * and every 5 minutes (livekit-server's `refreshToken`), which livekit-client
 * keeps for its reconnects. So a short TTL alone cannot cut anyone off: the
 * room itself is watched. Every `participant_joined` webhook is checked at
 * once, and a sweep lists each session room's participants at start-up and
 * every `sweepMs` (webhooks can be lost or late) and removes whoever may not
 * be there.
 */
export class RoomGuard {
  private readonly rules: RoomRule[] = [];
  private timer: NodeJS.Timeout | undefined;
  private sweeping = false;

  constructor(
    private readonly summits: SummitService,
    private readonly media: MediaGateway,
    private readonly logger: Logger,
  ) {
    this.rules.push((_sessionId, identity) => this.notRevoked(identity));
  }

  addRule(rule: RoomRule): void {
    this.rules.push(rule);
  }

  /** A participant identity stays only while its accreditation is active; a vanished one leaves too. */
  private async notRevoked(identity: string): Promise<true | string> {
    const participantId = participantIdOfIdentity(identity);
    if (participantId === null) return true;
    const participant = await ifExists(this.summits.getParticipant(participantId));
    if (participant === undefined) return 'unknown participant';
    return participant.status === 'revoked' ? 'revoked' : true;
  }

  /** The reason `identity` must leave the session's room, or true when it may stay. */
  async mayStay(sessionId: string, identity: string): Promise<true | string> {
    for (const rule of this.rules) {
      const verdict = await rule(sessionId, identity);
      if (verdict !== true) return verdict;
    }
    return true;
  }

  /** Checks one identity that just joined a room; removes it at once when it may not stay. */
  async onJoined(roomName: string | undefined, identity: string | undefined): Promise<void> {
    if (roomName === undefined || identity === undefined || !roomName.startsWith(ROOM_PREFIX))
      return;
    await this.enforce(roomName, identity);
  }

  private async enforce(roomName: string, identity: string): Promise<void> {
    const verdict = await this.mayStay(roomName.slice(ROOM_PREFIX.length), identity);
    if (verdict === true) return;
    const removed = await this.media.removeFromRoom(roomName, identity);
    if (removed)
      this.logger.warn({ room: roomName, identity, reason: verdict }, 'removed from room');
  }

  /** Lists every session room once and removes whoever may not stay. */
  async sweep(): Promise<void> {
    const rooms = (await this.media.roomNames()).filter((r) => r.startsWith(ROOM_PREFIX));
    await Promise.all(
      rooms.map(async (room) => {
        const identities = await this.media.roomParticipants(room);
        await Promise.all(identities.map((identity) => this.enforce(room, identity)));
      }),
    );
  }

  /** Sweeps now and then every `sweepMs`; a sweep still running is not doubled. */
  start(sweepMs: number): void {
    this.stop();
    const run = (): void => {
      if (this.sweeping) return;
      this.sweeping = true;
      this.sweep()
        .catch((err: unknown) => {
          // The next tick retries; an outage of LiveKit or Redis is logged, not hidden.
          this.logger.error({ err }, 'room sweep failed');
        })
        .finally(() => {
          this.sweeping = false;
        });
    };
    run();
    this.timer = setInterval(run, sweepMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}
