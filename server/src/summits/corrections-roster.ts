import {
  decideDelegationUpdate,
  decideParticipantUpdate,
  participantReferences,
  type Delegation,
  type DelegationUpdate,
  type Participant,
  type ParticipantUpdate,
} from '@majlis/shared';
import { AppError } from '../errors.ts';
import { keys } from '../store/keys.ts';
import type { Change } from '../store/record.ts';
import type { Write } from '../store/tx.ts';
import { StoredInvitation } from './accreditation.ts';
import { checkIfMatch, decided, diff, ifExists, must, recordBody, stamp } from './common.ts';
import { CorrectionsBase, refuseWhileDependants } from './corrections-common.ts';
import type { Principal } from './principal.ts';

/** ACCT-3 for the roster: correcting and deleting delegations and participants. */
export class RosterCorrections extends CorrectionsBase {
  // ── delegations ──

  private async delegationInSummit(actor: Principal, id: string): Promise<Delegation> {
    const delegation = await this.read.getDelegation(id);
    this.read.assertInSummit(actor, delegation.summitId);
    return delegation;
  }

  async updateDelegation(
    actor: Principal,
    delegationId: string,
    input: DelegationUpdate,
    ifMatch: number | undefined,
  ): Promise<Delegation> {
    let updated: Delegation | undefined;
    await this.commit(async () => {
      const current = await this.delegationInSummit(actor, delegationId);
      checkIfMatch(current.version, ifMatch);
      const { now } = stamp(this.deps.clock);
      const next = decided(decideDelegationUpdate(current, input, now));
      updated = next;
      const writes: Write[] = [
        { op: 'set', key: keys.delegation(delegationId), value: JSON.stringify(next) },
      ];
      const checks: Change['tx']['checks'] = [
        { key: keys.delegation(delegationId), version: current.version },
      ];
      if (next.code !== current.code) {
        const taken = await this.deps.store.get(keys.delegationCode(current.summitId, next.code));
        if (taken !== null)
          throw new AppError('CONFLICT', `This summit already has a delegation for ${next.code}`);
        checks.push({ key: keys.delegationCode(current.summitId, next.code), absent: true });
        writes.push(
          { op: 'del', key: keys.delegationCode(current.summitId, current.code) },
          { op: 'set', key: keys.delegationCode(current.summitId, next.code), value: delegationId },
        );
      }
      return {
        tx: { checks, writes },
        record: {
          scope: current.summitId,
          body: recordBody(
            actor,
            'delegation.updated',
            { type: 'delegation', id: delegationId },
            diff(current, next),
            now,
          ),
        },
      };
    }, ifMatch);
    return must(updated);
  }

  async deleteDelegation(actor: Principal, delegationId: string, ifMatch: number | undefined) {
    await this.commit(async () => {
      const delegation = await this.delegationInSummit(actor, delegationId);
      checkIfMatch(delegation.version, ifMatch);
      const { summitId } = delegation;
      const [participants, sessions] = await Promise.all([
        this.summitParticipants(summitId),
        this.read.summitSessionsUnchecked(summitId),
      ]);
      refuseWhileDependants('delegation', {
        participant: participants.filter((p) => p.delegationId === delegationId).length,
        admitted_session: sessions.filter((s) => s.delegationIds.includes(delegationId)).length,
        signing_key: Number(await this.exists(keys.issuerKey('delegation', delegationId))),
      });
      const { now } = stamp(this.deps.clock);
      return {
        tx: {
          checks: [{ key: keys.delegation(delegationId), version: delegation.version }],
          writes: [
            { op: 'del', key: keys.delegation(delegationId) },
            { op: 'del', key: keys.delegationCode(summitId, delegation.code) },
            { op: 'del', key: keys.delegationAlternate(delegationId) },
            { op: 'zrem', key: keys.summitDelegations(summitId), member: delegationId },
          ],
        },
        record: {
          scope: summitId,
          body: recordBody(
            actor,
            'delegation.deleted',
            { type: 'delegation', id: delegationId },
            { code: delegation.code },
            now,
          ),
        },
      };
    }, ifMatch);
  }

  // ── participants ──

  private async participantInSummit(actor: Principal, id: string): Promise<Participant> {
    const participant = await this.read.getParticipant(id);
    this.read.assertInSummit(actor, participant.summitId);
    return participant;
  }

  async updateParticipant(
    actor: Principal,
    participantId: string,
    input: ParticipantUpdate,
    ifMatch: number | undefined,
  ): Promise<Participant> {
    let updated: Participant | undefined;
    await this.commit(async () => {
      const current = await this.participantInSummit(actor, participantId);
      checkIfMatch(current.version, ifMatch);
      const { now } = stamp(this.deps.clock);
      const next = decided(
        decideParticipantUpdate(current, input, await this.chairedBy(current), now),
      );
      const delegation =
        next.delegationId === null
          ? undefined
          : await ifExists(this.read.getDelegation(next.delegationId));
      decided(participantReferences(current.summitId, next.delegationId, delegation));
      updated = next;
      // Contact details stay out of the record: it says the address changed, not what to.
      const { email: emailChange, ...changes } = diff(current, next);
      return {
        tx: {
          checks: [{ key: keys.participant(participantId), version: current.version }],
          writes: [
            { op: 'set', key: keys.participant(participantId), value: JSON.stringify(next) },
          ],
        },
        record: {
          scope: current.summitId,
          body: recordBody(
            actor,
            'participant.updated',
            { type: 'participant', id: participantId },
            emailChange === undefined ? changes : { ...changes, email: 'changed' },
            now,
          ),
        },
      };
    }, ifMatch);
    return must(updated);
  }

  /**
   * Only an accreditation never used can be deleted: once its holder signed
   * in, what they did is in the record, and revoking is how it is archived.
   */
  async deleteParticipant(actor: Principal, participantId: string, ifMatch: number | undefined) {
    await this.commit(async () => {
      const participant = await this.participantInSummit(actor, participantId);
      checkIfMatch(participant.version, ifMatch);
      refuseWhileDependants('participant', {
        chaired_session: await this.chairedBy(participant),
        activity: Number(participant.status !== 'invited'),
      });
      const invitationIds = await this.deps.store.members(
        keys.participantInvitations(participantId),
      );
      const invitations = (await this.deps.store.mget(invitationIds.map(keys.invitation)))
        .filter((raw): raw is string => raw !== null)
        .map((raw) => StoredInvitation.parse(JSON.parse(raw)));
      const { now } = stamp(this.deps.clock);
      return {
        tx: {
          checks: [{ key: keys.participant(participantId), version: participant.version }],
          writes: [
            { op: 'del', key: keys.participant(participantId) },
            {
              op: 'zrem',
              key: keys.summitParticipants(participant.summitId),
              member: participantId,
            },
            { op: 'del', key: keys.participantInvitations(participantId) },
            ...invitations.flatMap((inv): Write[] => [
              { op: 'del', key: keys.invitation(inv.id) },
              { op: 'del', key: keys.invitationByHash(inv.tokenHash) },
            ]),
          ],
        },
        record: {
          scope: participant.summitId,
          body: recordBody(
            actor,
            'participant.deleted',
            { type: 'participant', id: participantId },
            {},
            now,
          ),
        },
      };
    }, ifMatch);
  }
}
