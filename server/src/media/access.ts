import {
  joinAdmission,
  mediaIdentityOf,
  mediaPermission,
  sessionAdmits,
  type ConnectionDetails,
  type MediaHolder,
  type MediaRoomState,
  type Participant,
  type ParticipantMetadata,
  type Session,
} from '@majlis/shared';
import { AppError } from '../errors.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { RedisStore } from '../store/redis.ts';
import type { SummitService } from '../summits/service.ts';
import type { Principal } from '../summits/principal.ts';
import type { MediaGateway } from './gateway.ts';
import { MediaRoomReader } from './room-state.ts';

/**
 * Who gets into which room with which permission (ACCESS-2 here; FLOOR-1,
 * ACCESS-3, ACCESS-7, INTERP-1, MEET-5 in the pure `mediaPermission`). It
 * reads the room's live state (floor, booths), asks the rules, and hands the
 * result to the gateway; LiveKit enforces it.
 */
/**
 * A check run before any token is minted; throws an AppError to refuse
 * (the lobby and the secretariat's invitation, CONF-5 and ACCESS-8).
 */
export type JoinGate = (actor: Principal, session: Session) => Promise<void>;

export class MediaAccess {
  private readonly rooms: MediaRoomReader;
  private readonly gates: JoinGate[] = [];

  constructor(
    private readonly summits: SummitService,
    private readonly media: MediaGateway,
    store: RedisStore,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    this.rooms = new MediaRoomReader(store);
  }

  addGate(gate: JoinGate): void {
    this.gates.push(gate);
  }

  async join(actor: Principal, sessionId: string): Promise<ConnectionDetails> {
    const session = await this.summits.getSessionUnchecked(sessionId);
    if (actor.kind === 'participant') {
      if (actor.participant.summitId !== session.summitId)
        throw new AppError('NOT_FOUND', 'Session not found');
      // ACCESS-2: no token for a closed or bilateral session to anyone outside it.
      // Answered as getSession answers it, so joining cannot probe which sessions exist.
      if (!sessionAdmits(actor.participant, session))
        throw new AppError('NOT_FOUND', 'Session not found');
    }
    const room = await this.rooms.read(session);
    // MEET-2: no token before the session opens (the client shows its waiting page) or after it closes.
    switch (joinAdmission(room.session.state ?? 'open')) {
      case 'wait':
        throw new AppError('CONFLICT', 'The session has not opened yet');
      case 'refuse':
        throw new AppError('FORBIDDEN', 'This session is closed');
      case 'enter':
        break;
    }
    for (const gate of this.gates) await gate(actor, session);
    const permission = mediaPermission({ ...room, holder: holderOf(actor) });
    const metadata = await this.metadataOf(actor);
    // ACCESS-8: in a confidential session the secretariat is seen, as the secretariat.
    if (actor.kind === 'organiser' && (session.kind === 'closed' || session.kind === 'bilateral'))
      metadata.name = 'Secretariat';
    const identity =
      actor.kind === 'organiser'
        ? mediaIdentityOf({ kind: 'organiser', id: actor.userId })
        : mediaIdentityOf({ kind: 'participant', id: actor.participant.id });
    return this.media.sessionToken(
      {
        roomName: session.roomName,
        identity,
        displayName: metadata.name,
        metadata: JSON.stringify(metadata),
        permission,
      },
      this.clock.now(),
    );
  }

  /**
   * Recomputes and pushes the full permission of people already in a
   * session's room after live state changed (floor, booth). In parallel, so
   * a swap lands at once; someone not in the room is skipped: their next
   * token carries the right grant.
   */
  async refreshPermissions(session: Session, participantIds: readonly string[]): Promise<void> {
    // Read once, after the change was committed: every push below follows the same state.
    const room: MediaRoomState = await this.rooms.read(session);
    await Promise.all(
      participantIds.map(async (participantId) => {
        try {
          const participant = await this.summits.getParticipant(participantId);
          const permission = mediaPermission({
            ...room,
            holder: participantHolder(participant),
          });
          await this.media.setPermission(
            session.roomName,
            mediaIdentityOf({ kind: 'participant', id: participantId }),
            permission,
          );
        } catch (err) {
          if (!isNotInRoom(err))
            this.logger.error(
              { err, sessionId: session.id, participantId },
              'could not update a LiveKit permission',
            );
        }
      }),
    );
  }

  private async metadataOf(actor: Principal): Promise<ParticipantMetadata> {
    if (actor.kind === 'organiser')
      return {
        participantId: null,
        name: actor.name,
        role: 'organiser',
        rank: null,
        delegation: null,
      };
    const p = actor.participant;
    const d = p.delegationId === null ? null : await this.summits.getDelegation(p.delegationId);
    return {
      participantId: p.id,
      name: p.name,
      role: p.role,
      rank: p.rank,
      delegation: d === null ? null : { id: d.id, code: d.code, kind: d.kind },
    };
  }

  /** ACCESS-1: a revoked participant leaves every room of the summit at once. */
  async removeEverywhere(participant: Participant): Promise<void> {
    const identity = mediaIdentityOf({ kind: 'participant', id: participant.id });
    const sessions = await this.summits.summitSessionsUnchecked(participant.summitId);
    const results = await Promise.allSettled(
      sessions.map((s) => this.media.removeFromRoom(s.roomName, identity)),
    );
    for (const r of results)
      if (r.status === 'rejected')
        this.logger.error(
          { err: r.reason as unknown, participantId: participant.id },
          'could not remove a revoked participant from a room',
        );
  }
}

const participantHolder = (p: Participant): MediaHolder => ({
  kind: 'participant',
  id: p.id,
  role: p.role,
  delegationId: p.delegationId,
  boothLanguage: p.boothLanguage,
});

const holderOf = (actor: Principal): MediaHolder =>
  actor.kind === 'organiser' ? { kind: 'organiser' } : participantHolder(actor.participant);

const isNotInRoom = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && 'status' in err && err.status === 404;
