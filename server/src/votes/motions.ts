import {
  castsForDelegation,
  delegationVotesIn,
  motionReferences,
  presentDelegations,
  quorumOf,
  votingDelegations,
  type Motion,
  type MotionCreate,
  type MotionList,
  type MotionView,
  type MyBallot,
  type Session,
} from '@majlis/shared';
import { AppError } from '../errors.ts';
import type { PresenceService } from '../presence/presence.ts';
import { keys } from '../store/keys.ts';
import { transact } from '../store/record.ts';
import type { Write } from '../store/tx.ts';
import { decided, ifExists, newId, recordBody } from '../summits/common.ts';
import type { Principal } from '../summits/principal.ts';
import type { SummitService } from '../summits/service.ts';
import { authorize } from './ballots.ts';
import type { Counting } from './counting.ts';
import type { MotionLifecycle, VoteDeps } from './lifecycle.ts';
import type { VerifiableBallots } from './verifiable.ts';

/**
 * Motions from draft to result, as the chair runs them: drafting, opening
 * with a quorum (VOTE-4), closing (seal, then count). Who votes is
 * `votingDelegations` and `presentDelegations` in shared; the lifecycle is
 * `applyMotion`. No count leaves here before the motion is closed (VOTE-6).
 */
export class Motions {
  constructor(
    private readonly deps: VoteDeps & { presence: PresenceService },
    private readonly summits: SummitService,
    private readonly motions: MotionLifecycle,
    private readonly counting: Counting,
    private readonly verifiable?: VerifiableBallots,
  ) {}

  /** The motion and its session, if the actor may see that session (else NOT_FOUND). */
  private async admitted(
    actor: Principal,
    motionId: string,
  ): Promise<{ motion: Motion; session: Session }> {
    const motion = await this.motions.load(motionId);
    const session = await this.summits.getSession(actor, motion.sessionId);
    return { motion, session };
  }

  async view(actor: Principal, motionId: string): Promise<MotionView> {
    authorize(actor, 'motion:read');
    const { motion, session } = await this.admitted(actor, motionId);
    this.counting.expireIfDue(motion);
    return { motion, mine: await this.mine(actor, motion, session) };
  }

  async list(actor: Principal, sessionId: string): Promise<MotionList> {
    authorize(actor, 'motion:read');
    const session = await this.summits.getSession(actor, sessionId);
    const { members } = await this.deps.store.rangeByRank(
      keys.sessionMotions(sessionId),
      0,
      10_000,
    );
    const motions = await this.motions.loadMany(members);
    for (const m of motions) this.counting.expireIfDue(m);
    return {
      sessionId,
      motions: await Promise.all(
        motions.map(async (motion) => ({ motion, mine: await this.mine(actor, motion, session) })),
      ),
    };
  }

  /** The viewer's own delegation only: may they cast, and is its ballot in. */
  private async mine(actor: Principal, motion: Motion, session: Session): Promise<MyBallot | null> {
    if (actor.kind !== 'participant' || actor.participant.delegationId === null) return null;
    const delegationId = actor.participant.delegationId;
    const { store } = this.deps;
    const [eligible, hasVoted, alternate] = await Promise.all([
      // Before opening, the rule; once open, the set fixed at that moment.
      motion.status === 'draft'
        ? this.summits.getDelegation(delegationId).then((d) => delegationVotesIn(session, d))
        : store.isMember(keys.motionEligible(motion.id), delegationId),
      motion.ballot === 'secret'
        ? store.isMember(keys.motionVoted(motion.id), delegationId)
        : store.hashGet(keys.motionRoll(motion.id), delegationId).then((c) => c !== null),
      this.motions.alternateOf(delegationId),
    ]);
    const mayCast = eligible && castsForDelegation(actor.participant, alternate);
    return { delegationId, eligible, hasVoted, mayCast };
  }

  private assertPresides(actor: Principal, session: Session): void {
    if (actor.kind === 'participant' && session.chairId !== actor.participant.id)
      throw new AppError('FORBIDDEN', 'Only the chair of this session presides over its votes');
  }

  async create(actor: Principal, sessionId: string, input: MotionCreate): Promise<Motion> {
    authorize(actor, 'motion:create');
    // load
    const session = await this.summits.getSession(actor, sessionId);
    this.assertPresides(actor, session);
    const item = await ifExists(this.summits.getAgendaItem(input.agendaItemId));
    // decide
    decided(motionReferences(sessionId, item));
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const motion: Motion = {
      ...input,
      id: newId(),
      summitId: session.summitId,
      sessionId,
      status: 'draft',
      openedAt: null,
      silenceDeadline: null,
      closedAt: null,
      quorum: null,
      result: null,
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    // commit
    await transact(this.deps.store, () =>
      Promise.resolve({
        tx: {
          checks: [{ key: keys.motion(motion.id), absent: true }],
          writes: [
            { op: 'set', key: keys.motion(motion.id), value: JSON.stringify(motion) },
            {
              op: 'zadd',
              key: keys.sessionMotions(sessionId),
              score: now.getTime(),
              member: motion.id,
            },
          ],
        },
        record: {
          scope: session.summitId,
          body: recordBody(
            actor,
            'motion.created',
            { type: 'motion', id: motion.id },
            { ...input, sessionId },
            at,
          ),
        },
      }),
    );
    // effects
    this.motions.announce(motion);
    return motion;
  }

  /** VOTE-4: opens only if a majority of the delegations with voting rights is connected now. */
  async open(actor: Principal, motionId: string): Promise<MotionView> {
    authorize(actor, 'vote:preside');
    const { motion: before, session } = await this.admitted(actor, motionId);
    this.assertPresides(actor, session);
    // A second click finds it open; counting or closed motions are refused by applyMotion.
    if (before.status === 'open') return this.view(actor, motionId);
    // VOTE-8: a verifiable motion opens only once its trustees' joint key exists.
    await this.verifiable?.assertReady(motionId);
    // load, then decide: who votes, who is here
    const voting = votingDelegations(
      session,
      await this.summits.summitDelegations(session.summitId),
    );
    const { present: connected } = await this.deps.presence.presence(session.id);
    const ids = [
      ...new Set(connected.flatMap((p) => (p.participantId === null ? [] : [p.participantId]))),
    ];
    const present = presentDelegations(await this.summits.participants(ids), voting);
    // commit: the eligible set is fixed with the opening (VOTE-7 checks it per ballot)
    const motion = await this.motions.apply(
      actor,
      motionId,
      { type: 'open', quorum: quorumOf(voting, present) },
      (m, events) =>
        events.length === 0
          ? []
          : [
              ...[...voting].map((d): Write => ({
                op: 'sadd',
                key: keys.motionEligible(m.id),
                member: d,
              })),
              { op: 'sadd', key: keys.liveMotions(), member: m.id },
            ],
    );
    // effects
    this.counting.arm(motion);
    return { motion, mine: await this.mine(actor, motion, session) };
  }

  async close(actor: Principal, motionId: string): Promise<MotionView> {
    authorize(actor, 'vote:preside');
    const { session } = await this.admitted(actor, motionId);
    this.assertPresides(actor, session);
    await this.motions.apply(actor, motionId, { type: 'close' });
    const motion = await this.counting.count(motionId);
    return { motion, mine: await this.mine(actor, motion, session) };
  }
}
