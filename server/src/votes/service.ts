import { createHash, randomInt } from 'node:crypto';
import {
  Delegation,
  Motion,
  Participant,
  VoteError,
  acceptsBallots,
  applyMotion,
  can,
  choicesFor,
  emptyCount,
  isPublicSession,
  type Action,
  type AlternateDesignation,
  type BallotReceipt,
  type CastBallot,
  type CountedBox,
  type MotionCommand,
  type MotionCreate,
  type MotionEvent,
  type MotionList,
  type MotionView,
  type MyBallot,
  type ReceiptCheck,
  type RollCallEntry,
  type Session,
} from '@majlis/shared';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { PresenceService } from '../presence/presence.ts';
import type { BallotKeys } from '../store/ballot.ts';
import { keys } from '../store/keys.ts';
import { transact, type RecordBody } from '../store/record.ts';
import type { RedisStore } from '../store/redis.ts';
import type { Write } from '../store/tx.ts';
import { newId, type SummitService } from '../summits/service.ts';
import { actorOf, type Principal } from '../summits/principal.ts';

const CHOICES = ['yes', 'no', 'abstain', 'object'] as const;

/** What a secret ballot's voter gets back: a short code derived from the key only their device holds. */
export function receiptOf(ballotKey: string): string {
  const hex = createHash('sha256').update(`majlis-receipt\n${ballotKey}`).digest('hex');
  return (hex.slice(0, 20).toUpperCase().match(/.{4}/g) ?? []).join('-');
}

const Alternate = z.object({
  delegationId: z.string(),
  participantId: z.string().nullable(),
  version: z.number().int().positive(),
  updatedAt: z.string(),
});

export interface BallotRecorded {
  motionId: string;
  delegationId: string;
}

/** setTimeout's longest delay; a later deadline is reached in hops. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Motions and ballots (VOTE-1 … VOTE-7). The lifecycle is the pure
 * `applyMotion`, committed atomically with its record entry; ballots go
 * through one Lua script in the store. Closing is two steps: the motion is
 * sealed (no ballot lands after that commit), then the sealed box is counted
 * and the result published; a crash between the two is finished at start-up.
 * No count leaves this class before the second step: notices say only what
 * state a motion is in, and a delegation hears only that it has voted.
 */
export class VoteService {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly changed: ((motion: Motion) => void)[] = [];
  private readonly recorded: ((notice: BallotRecorded) => void)[] = [];
  private stopped = false;

  constructor(
    private readonly store: RedisStore,
    private readonly summits: SummitService,
    private readonly presence: PresenceService,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  onChanged(listener: (motion: Motion) => void): void {
    this.changed.push(listener);
  }

  onRecorded(listener: (notice: BallotRecorded) => void): void {
    this.recorded.push(listener);
  }

  // ── reading ──────────────────────────────────────────────────────────
  private async load(motionId: string): Promise<Motion> {
    const raw = await this.store.get(keys.motion(motionId));
    if (raw === null) throw new AppError('NOT_FOUND', 'Motion not found');
    return Motion.parse(JSON.parse(raw));
  }

  /** The motion and its session, if the actor may see that session (else NOT_FOUND). */
  private async admitted(
    actor: Principal,
    motionId: string,
  ): Promise<{ motion: Motion; session: Session }> {
    const motion = await this.load(motionId);
    const session = await this.summits.getSession(actor, motion.sessionId);
    return { motion, session };
  }

  async view(actor: Principal, motionId: string): Promise<MotionView> {
    authorize(actor, 'motion:read');
    const { motion, session } = await this.admitted(actor, motionId);
    this.expireIfDue(motion);
    return { motion, mine: await this.mine(actor, motion, session) };
  }

  async list(actor: Principal, sessionId: string): Promise<MotionList> {
    authorize(actor, 'motion:read');
    const session = await this.summits.getSession(actor, sessionId);
    const { members } = await this.store.rangeByRank(keys.sessionMotions(sessionId), 0, 10_000);
    const raws = await this.store.mget(members.map(keys.motion));
    const motions = raws
      .filter((r): r is string => r !== null)
      .map((r) => Motion.parse(JSON.parse(r)));
    for (const m of motions) this.expireIfDue(m);
    return {
      sessionId,
      motions: await Promise.all(
        motions.map(async (motion) => ({
          motion,
          mine: await this.mine(actor, motion, session),
        })),
      ),
    };
  }

  /** The viewer's own delegation only: may they cast, and is its ballot in. */
  private async mine(actor: Principal, motion: Motion, session: Session): Promise<MyBallot | null> {
    if (actor.kind !== 'participant' || actor.participant.delegationId === null) return null;
    const delegationId = actor.participant.delegationId;
    const [eligible, hasVoted, alternate] = await Promise.all([
      motion.status === 'draft'
        ? this.summits.getDelegation(delegationId).then((d) => d.votingRights && admits(session, d))
        : this.store.isMember(keys.motionEligible(motion.id), delegationId),
      motion.ballot === 'secret'
        ? this.store.isMember(keys.motionVoted(motion.id), delegationId)
        : this.store.hashGet(keys.motionRoll(motion.id), delegationId).then((c) => c !== null),
      this.alternateOf(delegationId),
    ]);
    const voter =
      actor.participant.role === 'head_of_delegation' || alternate === actor.participant.id;
    return { delegationId, eligible, hasVoted, mayCast: eligible && voter };
  }

  private async alternateOf(delegationId: string): Promise<string | null> {
    const raw = await this.store.get(keys.delegationAlternate(delegationId));
    return raw === null ? null : Alternate.parse(JSON.parse(raw)).participantId;
  }

  // ── the chair ────────────────────────────────────────────────────────
  private assertPresides(actor: Principal, session: Session): void {
    if (actor.kind === 'participant' && session.chairId !== actor.participant.id)
      throw new AppError('FORBIDDEN', 'Only the chair of this session presides over its votes');
  }

  async create(actor: Principal, sessionId: string, input: MotionCreate): Promise<Motion> {
    authorize(actor, 'motion:create');
    const session = await this.summits.getSession(actor, sessionId);
    this.assertPresides(actor, session);
    const item = await this.summits.getAgendaItem(input.agendaItemId).catch(() => undefined);
    if (item?.sessionId !== sessionId)
      throw new AppError('INVALID_PAYLOAD', 'agendaItemId: is not an item of this session', [
        { path: 'agendaItemId', message: 'is not an item of this session' },
      ]);
    const now = this.clock.now();
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
    await transact(this.store, () =>
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
          body: this.body(actor, 'motion.created', motion.id, { ...input, sessionId }, at),
        },
      }),
    );
    this.emitChanged(motion);
    return motion;
  }

  /** VOTE-4: opens only if a majority of the delegations with voting rights is connected now. */
  async open(actor: Principal, motionId: string): Promise<MotionView> {
    authorize(actor, 'vote:preside');
    const { motion: before, session } = await this.admitted(actor, motionId);
    this.assertPresides(actor, session);
    // A second click finds it open; counting or closed motions are refused by applyMotion.
    if (before.status === 'open') return this.view(actor, motionId);
    const eligible = await this.votingDelegations(session);
    const present = await this.presentDelegations(session.id, eligible);
    const quorum = { votingDelegations: eligible.size, present: present.size };
    const motion = await this.apply(actor, motionId, { type: 'open', quorum }, (m, events) =>
      events.length === 0
        ? []
        : [
            ...[...eligible].map((d): Write => ({
              op: 'sadd',
              key: keys.motionEligible(m.id),
              member: d,
            })),
            { op: 'sadd', key: keys.liveMotions(), member: m.id },
          ],
    );
    this.arm(motion);
    return { motion, mine: await this.mine(actor, motion, session) };
  }

  async close(actor: Principal, motionId: string): Promise<MotionView> {
    authorize(actor, 'vote:preside');
    const { session } = await this.admitted(actor, motionId);
    this.assertPresides(actor, session);
    await this.apply(actor, motionId, { type: 'close' });
    const motion = await this.count(motionId);
    return { motion, mine: await this.mine(actor, motion, session) };
  }

  /**
   * Applies one lifecycle command to the stored motion in one atomic commit
   * with its record entry, re-reading when another writer got in first (a
   * double click, another server process, the silence timer).
   */
  private async apply(
    actor: Principal | undefined,
    motionId: string,
    command: MotionCommand,
    extraWrites: (motion: Motion, events: MotionEvent[]) => Write[] = () => [],
  ): Promise<Motion> {
    let result: Motion | undefined;
    let published: MotionEvent[] = [];
    await transact(
      this.store,
      async () => {
        const current = await this.load(motionId);
        const now = this.clock.now();
        let next: { motion: Motion; events: MotionEvent[] };
        try {
          next = applyMotion(current, command, now.getTime());
        } catch (err) {
          if (err instanceof VoteError) throw toAppError(err);
          throw err;
        }
        result = next.motion;
        published = next.events;
        if (next.events.length === 0) return { tx: { checks: [], writes: [] } };
        return {
          tx: {
            checks: [{ key: keys.motion(motionId), version: current.version }],
            writes: [
              { op: 'set', key: keys.motion(motionId), value: JSON.stringify(next.motion) },
              ...extraWrites(next.motion, next.events),
            ],
          },
          record: {
            scope: current.summitId,
            bodies: next.events.map((e) =>
              this.body(actor, `motion.${e.type}`, motionId, recordedChanges(e), now.toISOString()),
            ),
          },
        };
      },
      { retryConflicts: true },
    );
    if (result === undefined) throw new Error('motion transaction finished without a result');
    if (published.length > 0) this.emitChanged(result);
    return result;
  }

  /** Counts a sealed box and publishes the result (VOTE-6: the first moment any count exists outside Redis). */
  private async count(motionId: string): Promise<Motion> {
    const sealed = await this.load(motionId);
    if (sealed.status !== 'counting') return sealed;
    const box = await this.readBox(sealed);
    const motion = await this.apply(undefined, motionId, { type: 'count', box }, (m) => [
      { op: 'srem', key: keys.liveMotions(), member: m.id },
      // The published receipts and totals are all that stays of a secret box.
      ...(m.ballot === 'secret'
        ? CHOICES.map((c): Write => ({ op: 'del', key: keys.motionBox(m.id, c) }))
        : []),
    ]);
    if (motion.ballot === 'secret') {
      // The append-only file still holds each cast in order; rewrite it from the data.
      void this.store.compactLog().then((ok) => {
        if (!ok) this.logger.warn({ motionId }, 'Redis did not rewrite its append-only file');
      });
    }
    return motion;
  }

  /** Read only once sealed: the Lua script refuses every ballot after the seal. */
  private async readBox(motion: Motion): Promise<CountedBox> {
    const eligible = (await this.store.members(keys.motionEligible(motion.id))).sort();
    const counts = emptyCount();
    if (motion.ballot === 'recorded') {
      const roll = await this.store.hashAll(keys.motionRoll(motion.id));
      const entries: RollCallEntry[] = eligible.map((delegationId) => {
        const choice = roll[delegationId];
        const parsed = CHOICES.find((c) => c === choice);
        if (parsed !== undefined) counts[parsed] += 1;
        return { delegationId, choice: parsed ?? 'not_voting' };
      });
      return { counts, eligible: eligible.length, roll: entries, receipts: null };
    }
    const receipts: string[] = [];
    for (const choice of CHOICES) {
      const { members, total } = await this.store.rangeByRank(
        keys.motionBox(motion.id, choice),
        0,
        1_000_000,
      );
      counts[choice] = total;
      receipts.push(...members);
    }
    return { counts, eligible: eligible.length, roll: null, receipts };
  }

  // ── delegations ──────────────────────────────────────────────────────
  /** Delegations with voting rights admitted to the session (VOTE-1). */
  private async votingDelegations(session: Session): Promise<Set<string>> {
    const { members } = await this.store.rangeByRank(
      keys.summitDelegations(session.summitId),
      0,
      100_000,
    );
    const raws = await this.store.mget(members.map(keys.delegation));
    const out = new Set<string>();
    for (const raw of raws) {
      if (raw === null) continue;
      const d = Delegation.parse(JSON.parse(raw));
      if (d.votingRights && admits(session, d)) out.add(d.id);
    }
    return out;
  }

  /** A delegation is present when any accredited member is connected to the session's room. */
  private async presentDelegations(sessionId: string, eligible: Set<string>): Promise<Set<string>> {
    const { present } = await this.presence.presence(sessionId);
    const ids = [
      ...new Set(present.flatMap((p) => (p.participantId === null ? [] : [p.participantId]))),
    ];
    const raws = await this.store.mget(ids.map(keys.participant));
    const out = new Set<string>();
    for (const raw of raws) {
      if (raw === null) continue;
      const p = Participant.parse(JSON.parse(raw));
      if (p.status === 'active' && p.delegationId !== null && eligible.has(p.delegationId))
        out.add(p.delegationId);
    }
    return out;
  }

  async alternate(actor: Principal, delegationId: string): Promise<AlternateDesignation> {
    const d = await this.summits.getDelegation(delegationId);
    await this.summits.getSummit(actor, d.summitId);
    return { delegationId, participantId: await this.alternateOf(delegationId) };
  }

  /** A head of delegation names the delegate who may cast the delegation's ballot (VOTE-1). */
  async designate(
    actor: Principal,
    delegationId: string,
    participantId: string | null,
  ): Promise<AlternateDesignation> {
    authorize(actor, 'vote:designate');
    if (actor.kind !== 'participant' || actor.participant.delegationId !== delegationId)
      throw new AppError('FORBIDDEN', 'Only a head of this delegation designates its alternate');
    if (participantId !== null) {
      const p = await this.summits.getParticipant(participantId).catch(() => undefined);
      if (p?.delegationId !== delegationId || p.role !== 'delegate' || p.status === 'revoked')
        throw new AppError(
          'INVALID_PAYLOAD',
          'participantId: is not a delegate of this delegation',
          [{ path: 'participantId', message: 'is not a delegate of this delegation' }],
        );
    }
    await transact(
      this.store,
      async () => {
        const key = keys.delegationAlternate(delegationId);
        const raw = await this.store.get(key);
        const current = raw === null ? null : Alternate.parse(JSON.parse(raw));
        if ((current?.participantId ?? null) === participantId)
          return { tx: { checks: [], writes: [] } };
        const at = this.clock.now().toISOString();
        const next = {
          delegationId,
          participantId,
          version: (current?.version ?? 0) + 1,
          updatedAt: at,
        };
        return {
          tx: {
            checks: [current === null ? { key, absent: true } : { key, version: current.version }],
            writes: [{ op: 'set', key, value: JSON.stringify(next) }],
          },
          record: {
            scope: actor.participant.summitId,
            body: {
              at,
              actor: actorOf(actor),
              act: 'delegation.alternate_designated',
              subject: { type: 'delegation', id: delegationId },
              changes: { participantId },
            },
          },
        };
      },
      { retryConflicts: true },
    );
    return { delegationId, participantId };
  }

  // ── ballots ──────────────────────────────────────────────────────────
  /**
   * VOTE-1, VOTE-7: the head of delegation or its alternate casts the
   * delegation's one ballot. The Lua script decides atomically; a retry with
   * the same ballot key is answered as the ballot it repeats.
   */
  async cast(actor: Principal, input: CastBallot): Promise<BallotReceipt> {
    authorize(actor, 'vote:cast');
    const now = this.clock.now().getTime();
    const { motion } = await this.admitted(actor, input.motionId);
    if (actor.kind !== 'participant' || actor.participant.delegationId === null)
      throw new AppError('FORBIDDEN', 'Only a delegation casts a ballot');
    const delegationId = actor.participant.delegationId;
    if (
      actor.participant.role !== 'head_of_delegation' &&
      (await this.alternateOf(delegationId)) !== actor.participant.id
    )
      throw new AppError(
        'FORBIDDEN',
        'Only the head of delegation or its designated alternate casts the delegation’s ballot',
      );
    if (!choicesFor(motion.majority).includes(input.choice))
      throw new AppError(
        'INVALID_PAYLOAD',
        `choice: must be one of ${choicesFor(motion.majority).join(', ')} for this motion`,
        [{ path: 'choice', message: `must be one of ${choicesFor(motion.majority).join(', ')}` }],
      );
    if (motion.status === 'draft')
      throw new AppError('PRECONDITION_FAILED', 'This vote has not been opened yet');
    if (!acceptsBallots(motion, now)) {
      this.expireIfDue(motion);
      throw new AppError('PRECONDITION_FAILED', 'This vote is closed');
    }
    const receipt = receiptOf(input.ballotKey);
    const outcome = await this.store.castBallot({
      keys: ballotKeys(motion.id),
      delegationId,
      choice: input.choice,
      receipt,
      score: randomInt(0, 2 ** 47),
    });
    switch (outcome) {
      case 'cast':
      case 'unchanged':
      case 'changed':
        for (const l of this.recorded) l({ motionId: motion.id, delegationId });
        return {
          motionId: motion.id,
          status: outcome,
          receipt: motion.ballot === 'secret' ? receipt : null,
        };
      case 'closed':
        throw new AppError('PRECONDITION_FAILED', 'This vote is closed');
      case 'not_found':
        throw new AppError('NOT_FOUND', 'Motion not found');
      case 'not_eligible':
        throw new AppError('FORBIDDEN', 'Your delegation has no vote on this motion');
      case 'already_voted':
        throw new AppError(
          'CONFLICT',
          motion.changeable && motion.ballot === 'secret'
            ? 'Your delegation has already voted; a secret ballot is changed only from the device that cast it'
            : 'Your delegation has already voted',
        );
      case 'receipt_taken':
        throw new AppError('CONFLICT', 'This ballot key was already used; make a new one');
      default: {
        const unreachable: never = outcome;
        throw new Error(`unhandled cast outcome ${String(unreachable)}`);
      }
    }
  }

  /** Anyone who may see the motion can check a receipt; it says only whether that code was counted. */
  async checkReceipt(actor: Principal, motionId: string, receipt: string): Promise<ReceiptCheck> {
    authorize(actor, 'motion:read');
    const { motion } = await this.admitted(actor, motionId);
    const closed = motion.status === 'closed';
    return {
      motionId,
      receipt,
      closed,
      counted: closed && (motion.result?.receipts ?? []).includes(receipt),
    };
  }

  // ── the silence clock and restarts ───────────────────────────────────
  /** After a start: count boxes sealed before a crash, re-arm silence deadlines. */
  async resume(): Promise<void> {
    for (const id of await this.store.members(keys.liveMotions())) {
      const motion = await this.load(id).catch(() => undefined);
      if (motion === undefined) continue;
      if (motion.status === 'counting') await this.count(id);
      else if (motion.status === 'closed') {
        await this.store.commit({
          checks: [],
          writes: [{ op: 'srem', key: keys.liveMotions(), member: id }],
        });
      } else this.arm(motion);
    }
  }

  private arm(motion: Motion): void {
    if (this.stopped || motion.status !== 'open' || motion.silenceDeadline === null) return;
    if (this.timers.has(motion.id)) return;
    const wait = Date.parse(motion.silenceDeadline) - this.clock.now().getTime();
    const timer = setTimeout(
      () => {
        this.timers.delete(motion.id);
        if (wait > MAX_TIMER_MS) this.arm(motion);
        else this.expireIfDue(motion, true);
      },
      Math.min(Math.max(wait, 0), MAX_TIMER_MS),
    );
    timer.unref();
    this.timers.set(motion.id, timer);
  }

  /** Seals and counts a consensus motion whose silence deadline has passed. */
  private expireIfDue(motion: Motion, force = false): void {
    if (this.stopped || motion.status !== 'open' || motion.silenceDeadline === null) return;
    if (!force && Date.parse(motion.silenceDeadline) > this.clock.now().getTime()) {
      this.arm(motion);
      return;
    }
    void this.apply(undefined, motion.id, { type: 'expire' })
      .then((m) => (m.status === 'counting' ? this.count(m.id) : m))
      .catch((err: unknown) => {
        if (!this.stopped)
          this.logger.error({ err, motionId: motion.id }, 'silence deadline failed');
      });
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  private emitChanged(motion: Motion): void {
    for (const l of this.changed) l(motion);
  }

  private body(
    actor: Principal | undefined,
    act: string,
    motionId: string,
    changes: Record<string, unknown>,
    at: string,
  ): RecordBody {
    return { at, actor: actorOf(actor), act, subject: { type: 'motion', id: motionId }, changes };
  }
}

export function ballotKeys(motionId: string): BallotKeys {
  return {
    motion: keys.motion(motionId),
    eligible: keys.motionEligible(motionId),
    voted: keys.motionVoted(motionId),
    roll: keys.motionRoll(motionId),
    box: {
      yes: keys.motionBox(motionId, 'yes'),
      no: keys.motionBox(motionId, 'no'),
      abstain: keys.motionBox(motionId, 'abstain'),
      object: keys.motionBox(motionId, 'object'),
    },
  };
}

function admits(session: Session, d: Delegation): boolean {
  if (isPublicSession(session.kind)) return true;
  if (session.kind === 'closed' && session.delegationIds.length === 0) return true;
  return session.delegationIds.includes(d.id);
}

function authorize(actor: Principal, action: Action): void {
  if (!can(actor.role, action))
    throw new AppError('FORBIDDEN', `The role ${actor.role} may not ${action.replace(':', ' ')}`);
}

/** The quorum figures of a refusal travel as field issues, so a client can show them. */
function toAppError(err: VoteError): AppError {
  const issues = Object.entries(err.details).map(([k, v]) => ({
    path: `quorum.${k}`,
    message: String(v),
  }));
  return new AppError(err.code, err.message, issues.length > 0 ? issues : undefined);
}

function recordedChanges(e: MotionEvent): Record<string, unknown> {
  switch (e.type) {
    case 'opened':
      return { quorum: e.quorum, silenceDeadline: e.silenceDeadline };
    case 'sealed':
      return { by: e.by };
    case 'closed':
      return { result: e.result };
    default: {
      const unreachable: never = e;
      throw new Error(`unhandled motion event ${JSON.stringify(unreachable)}`);
    }
  }
}
