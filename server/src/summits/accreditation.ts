import { randomBytes } from 'node:crypto';
import {
  Participant,
  Timestamp,
  activated,
  invitationExpiresAt,
  isHiddenRole,
  mayInvite,
  participantReferences,
  redemptionRefusal,
  revoked,
  type InvitationCreate,
  type InvitationCreated,
  type ListQuery,
  type Page,
  type ParticipantCreate,
} from '@majlis/shared';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { keys } from '../store/keys.ts';
import { transact } from '../store/record.ts';
import type { Write } from '../store/tx.ts';
import {
  decided,
  ifExists,
  must,
  newId,
  recordBody,
  sha256,
  stamp,
  type StoreDeps,
} from './common.ts';
import type { Principal } from './principal.ts';
import type { SummitReader } from './reader.ts';

/** A stored invitation: the token itself is never kept, only its SHA-256. */
export const StoredInvitation = z.object({
  id: z.string(),
  participantId: z.string(),
  summitId: z.string(),
  tokenHash: z.string().regex(/^[0-9a-f]{64}$/),
  expiresAt: Timestamp,
  createdAt: Timestamp,
  usedAt: Timestamp.nullable(),
  revokedAt: Timestamp.nullable(),
  version: z.number().int().positive(),
});
export type StoredInvitation = z.infer<typeof StoredInvitation>;

export type RevocationListener = (participant: Participant) => Promise<void> | void;

const invalidInvitation = () =>
  new AppError(
    'UNAUTHENTICATED',
    'This invitation is not valid: it may have expired, been used or been revoked',
  );

/**
 * Accreditation (ACCESS-1): participants, their single-use invitations, and
 * revocation. The rules (redeemable, activated, revoked) are pure in
 * shared; here they are loaded, decided, committed with their record
 * entry, and revocation's effects run after the commit.
 */
export class Accreditation {
  private readonly revocationListeners: RevocationListener[] = [];

  constructor(
    private readonly deps: StoreDeps,
    private readonly read: SummitReader,
  ) {}

  onRevoked(listener: RevocationListener): void {
    this.revocationListeners.push(listener);
  }

  async listParticipants(
    actor: Principal,
    summitId: string,
    q: ListQuery,
  ): Promise<Page<Participant>> {
    this.read.assertInSummit(actor, summitId);
    await this.read.getSummitRaw(summitId);
    const page = await this.read.page(
      Participant,
      keys.summitParticipants(summitId),
      keys.participant,
      q,
    );
    // Contact details are the secretariat's, not the room's. Observers and press are invisible
    // in the room (ACCESS-3), so only the secretariat sees them listed (issue 19, item 8).
    if (actor.kind === 'participant')
      page.items = page.items
        .filter((p) => !isHiddenRole(p.role))
        .map(({ email: _email, ...p }) => p);
    return page;
  }

  async createParticipant(
    actor: Principal,
    summitId: string,
    input: ParticipantCreate,
  ): Promise<Participant> {
    await this.read.getSummit(actor, summitId);
    const delegation =
      input.delegationId === null
        ? undefined
        : await ifExists(this.read.getDelegation(input.delegationId));
    decided(participantReferences(summitId, input.delegationId, delegation));
    const { now, ms } = stamp(this.deps.clock);
    const id = newId();
    const participant: Participant = {
      ...input,
      id,
      summitId,
      status: 'invited',
      revokedAt: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    const { email: _email, ...recorded } = input;
    await transact(this.deps.store, () =>
      Promise.resolve({
        tx: {
          checks: [{ key: keys.participant(id), absent: true }],
          writes: [
            { op: 'set', key: keys.participant(id), value: JSON.stringify(participant) },
            { op: 'zadd', key: keys.summitParticipants(summitId), score: ms, member: id },
          ],
        },
        record: {
          scope: summitId,
          body: recordBody(
            actor,
            'participant.accredited',
            { type: 'participant', id },
            recorded,
            now,
          ),
        },
      }),
    );
    return participant;
  }

  async createInvitation(
    actor: Principal,
    participantId: string,
    input: InvitationCreate,
    origin: string,
  ): Promise<InvitationCreated> {
    const participant = await this.read.getParticipant(participantId);
    this.read.assertInSummit(actor, participant.summitId);
    if (!mayInvite(participant))
      throw new AppError('CONFLICT', 'This participant’s accreditation was revoked');
    const token = randomBytes(32).toString('base64url');
    const { now, ms } = stamp(this.deps.clock);
    const invitation: StoredInvitation = {
      id: newId(),
      participantId,
      summitId: participant.summitId,
      tokenHash: sha256(token),
      expiresAt: invitationExpiresAt(ms, input.expiresInHours),
      createdAt: now,
      usedAt: null,
      revokedAt: null,
      version: 1,
    };
    await transact(this.deps.store, () =>
      Promise.resolve({
        tx: {
          checks: [{ key: keys.invitation(invitation.id), absent: true }],
          writes: [
            { op: 'set', key: keys.invitation(invitation.id), value: JSON.stringify(invitation) },
            { op: 'set', key: keys.invitationByHash(invitation.tokenHash), value: invitation.id },
            { op: 'sadd', key: keys.participantInvitations(participantId), member: invitation.id },
          ],
        },
        record: {
          scope: participant.summitId,
          body: recordBody(
            actor,
            'invitation.created',
            { type: 'invitation', id: invitation.id },
            { participantId, expiresAt: invitation.expiresAt },
            now,
          ),
        },
      }),
    );
    // The token sits in the fragment: browsers never send it to a server in a URL or a Referer.
    return {
      id: invitation.id,
      participantId,
      expiresAt: invitation.expiresAt,
      url: `${origin}/invite#token=${token}`,
    };
  }

  /**
   * Single use: the commit checks the invitation's version, so of many
   * concurrent redemptions exactly one lands.
   */
  async redeemInvitation(token: string): Promise<Participant> {
    let redeemed: Participant | undefined;
    const { store } = this.deps;
    await transact(store, async () => {
      const id = await store.get(keys.invitationByHash(sha256(token)));
      if (id === null) throw invalidInvitation();
      const raw = await store.get(keys.invitation(id));
      if (raw === null) throw invalidInvitation();
      const invitation = StoredInvitation.parse(JSON.parse(raw));
      const participant = await ifExists(this.read.getParticipant(invitation.participantId));
      if (participant === undefined) throw invalidInvitation();
      const { now, ms } = stamp(this.deps.clock);
      if (redemptionRefusal(invitation, participant, ms) !== null) throw invalidInvitation();
      const used: StoredInvitation = {
        ...invitation,
        usedAt: now,
        version: invitation.version + 1,
      };
      const active = activated(participant, now);
      redeemed = active;
      const writes: Write[] = [
        { op: 'set', key: keys.invitation(id), value: JSON.stringify(used) },
      ];
      if (active !== participant)
        writes.push({
          op: 'set',
          key: keys.participant(participant.id),
          value: JSON.stringify(active),
        });
      return {
        tx: {
          checks: [
            { key: keys.invitation(id), version: invitation.version },
            { key: keys.participant(participant.id), version: participant.version },
          ],
          writes,
        },
        record: {
          scope: participant.summitId,
          body: recordBody(
            undefined,
            'invitation.redeemed',
            { type: 'invitation', id },
            { participantId: participant.id },
            now,
          ),
        },
      };
    }).catch((err: unknown) => {
      // Losing a race for the same invitation means it has been used.
      if (err instanceof AppError && err.code === 'CONFLICT') throw invalidInvitation();
      throw err;
    });
    return must(redeemed);
  }

  /** ACCESS-1: revocation ends sessions and sockets at once, and refuses every invitation. */
  async revokeParticipant(actor: Principal, participantId: string): Promise<Participant> {
    let result: Participant | undefined;
    await transact(this.deps.store, async () => {
      const current = await this.read.getParticipant(participantId);
      this.read.assertInSummit(actor, current.summitId);
      const { now } = stamp(this.deps.clock);
      const next = revoked(current, now);
      result = next ?? current;
      if (next === null) return { tx: { checks: [], writes: [] } };
      const authKeys = await this.deps.store.members(keys.authsOf('participant', participantId));
      return {
        tx: {
          checks: [{ key: keys.participant(participantId), version: current.version }],
          writes: [
            { op: 'set', key: keys.participant(participantId), value: JSON.stringify(next) },
            ...authKeys.map((key): Write => ({ op: 'del', key })),
            { op: 'del', key: keys.authsOf('participant', participantId) },
          ],
        },
        record: {
          scope: current.summitId,
          body: recordBody(
            actor,
            'participant.revoked',
            { type: 'participant', id: participantId },
            {},
            now,
          ),
        },
      };
    });
    const participant = must(result);
    // Effects after the commit: sockets and SFU connections are cut by the listeners.
    for (const listener of this.revocationListeners) await listener(participant);
    return participant;
  }
}
