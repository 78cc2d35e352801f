import { z } from 'zod';
import { Rank } from '../domain/participant.ts';

/**
 * The speakers list and the floor (FLOOR-1 … FLOOR-7) as a pure function:
 * `applyFloor(state, command, now) -> { state, events }`. No clock, socket
 * or store in here: the server calls it inside an atomic commit, tests call
 * it directly with any `now`.
 */
export const InterventionKind = z.enum([
  'statement',
  'point_of_order',
  'right_of_reply',
  'explanation_of_vote',
]);
export type InterventionKind = z.infer<typeof InterventionKind>;

export const ExpiryPolicy = z.enum(['notify', 'revoke']);

export const FloorPolicy = z.object({
  expiry: ExpiryPolicy,
  /** How long a speaker may go on after the deadline under the revoke policy. */
  graceMs: z.number().int().min(0).max(120_000),
  limitsMs: z.object({
    statement: z.number().int().min(10_000).max(3_600_000),
    point_of_order: z.number().int().min(10_000).max(3_600_000),
    right_of_reply: z.number().int().min(10_000).max(3_600_000),
    explanation_of_vote: z.number().int().min(10_000).max(3_600_000),
  }),
  /** FLOOR-2: Heads of State, then Heads of Government, then Ministers, then others. */
  protocolOrder: z.boolean(),
});
export type FloorPolicy = z.infer<typeof FloorPolicy>;

export const DEFAULT_POLICY: FloorPolicy = {
  expiry: 'notify',
  graceMs: 10_000,
  limitsMs: {
    statement: 300_000,
    point_of_order: 120_000,
    right_of_reply: 120_000,
    explanation_of_vote: 180_000,
  },
  protocolOrder: false,
};

/** FLOOR-5: everyone is warned this long before the deadline. */
export const WARNING_MS = 30_000;
/** FLOOR-4: rights of reply per delegation per agenda item. */
export const MAX_REPLIES = 2;

export const Entry = z.object({
  id: z.string(),
  delegationId: z.string(),
  participantId: z.string(),
  kind: InterventionKind,
  rank: Rank,
  /** Server receipt time (ms): the list's arrival order. */
  arrivedAt: z.number(),
  seq: z.number().int(),
});
export type Entry = z.infer<typeof Entry>;

export const Speaking = z.object({
  entry: Entry,
  startedAt: z.number(),
  /** Null while the clock is paused. */
  deadline: z.number().nullable(),
  /** Time left when paused; the deadline resumes from it. */
  remainingMs: z.number(),
  /**
   * Past-deadline time when the clock was paused (notify policy, MEET-3):
   * kept so that the overtime counter neither resets nor runs while paused.
   */
  overtimeMs: z.number().nonnegative().default(0),
  warned: z.boolean(),
  expired: z.boolean(),
  /** Under the revoke policy: when the floor is taken. */
  graceDeadline: z.number().nullable(),
});
export type Speaking = z.infer<typeof Speaking>;

/**
 * The chair's decision on a point of order. The outcome is what every reader
 * sees in their own language; the chair's words, if any, go beside it as typed.
 */
export const RulingOutcome = z.enum(['upheld', 'not_upheld', 'out_of_order']);
export type RulingOutcome = z.infer<typeof RulingOutcome>;

export const Ruling = z.object({
  outcome: RulingOutcome.nullable(),
  text: z.string().nullable(),
  pointOfOrder: Entry,
  at: z.number(),
});
export type Ruling = z.infer<typeof Ruling>;

export const FloorState = z.object({
  sessionId: z.string(),
  version: z.number().int().nonnegative(),
  agendaItemId: z.string().nullable(),
  policy: FloorPolicy,
  queue: z.array(Entry),
  current: Speaking.nullable(),
  /** A statement interrupted by a point of order, clock paused (FLOOR-3). */
  suspended: Speaking.nullable(),
  /** Rights of reply granted or pending per delegation for this agenda item. */
  replies: z.record(z.string(), z.number().int()),
  nextSeq: z.number().int(),
  /** The chair's last ruling, shown to everyone until the next one (MEET-3). */
  lastRuling: Ruling.nullable().default(null),
});
export type FloorState = z.infer<typeof FloorState>;

export const initialFloor = (sessionId: string): FloorState => ({
  sessionId,
  version: 0,
  agendaItemId: null,
  policy: DEFAULT_POLICY,
  queue: [],
  current: null,
  suspended: null,
  replies: {},
  nextSeq: 1,
  lastRuling: null,
});

export interface FloorActor {
  participantId: string;
  delegationId: string | null;
  rank: Rank;
  /** The chair of this session. */
  isChair: boolean;
  /** May speak for a delegation (head of delegation or delegate). */
  maySpeak: boolean;
}

const EntryRef = z.object({ entryId: z.string().min(1).max(64) });
export const FloorCommand = z.discriminatedUnion('type', [
  z.object({ type: z.literal('request'), kind: InterventionKind }),
  z.object({ type: z.literal('withdraw'), entryId: z.string().min(1).max(64) }),
  z.object({
    type: z.literal('reorder'),
    entryId: z.string().min(1).max(64),
    toIndex: z.number().int().min(0).max(10_000),
  }),
  z.object({
    type: z.literal('add'),
    delegationId: z.string().min(1).max(64),
    participantId: z.string().min(1).max(64),
    rank: Rank,
    kind: InterventionKind,
  }),
  EntryRef.extend({ type: z.literal('remove') }),
  z.object({ type: z.literal('grantNext') }),
  EntryRef.extend({ type: z.literal('grant') }),
  z.object({ type: z.literal('yield') }),
  z.object({ type: z.literal('revoke') }),
  z.object({ type: z.literal('pause') }),
  z.object({ type: z.literal('resume') }),
  z.object({ type: z.literal('extend'), ms: z.number().int().min(1000).max(3_600_000) }),
  z.object({ type: z.literal('setPolicy'), policy: FloorPolicy }),
  /**
   * FLOOR-3, MEET-4: a ruling on the point of order being heard, or at once on
   * a pending one (`entryId`) without hearing it. An outcome, the chair's
   * words, or both.
   */
  z
    .object({
      type: z.literal('rule'),
      outcome: RulingOutcome.optional(),
      ruling: z.string().trim().min(1).max(2000).optional(),
      entryId: z.string().min(1).max(64).optional(),
    })
    .refine((c) => c.outcome !== undefined || c.ruling !== undefined, {
      message: 'needs an outcome or the ruling text',
      path: ['outcome'],
    }),
  z.object({
    type: z.literal('setAgendaItem'),
    agendaItemId: z.string().min(1).max(64).nullable(),
  }),
  /** The server's clock: warnings, expiry and the grace period. */
  z.object({ type: z.literal('tick') }),
]);
export type FloorCommand = z.infer<typeof FloorCommand>;

export type FloorEvent =
  | { type: 'requested'; entry: Entry }
  | { type: 'withdrawn'; entryId: string }
  | { type: 'reordered'; entryId: string; toIndex: number }
  | { type: 'removed'; entryId: string }
  | { type: 'granted'; entry: Entry; deadline: number }
  | {
      type: 'ended';
      entry: Entry;
      reason: 'yielded' | 'revoked' | 'expired' | 'ruled';
      spokeMs: number;
    }
  | { type: 'suspended'; entry: Entry; remainingMs: number }
  | { type: 'resumed'; entry: Entry; deadline: number }
  | { type: 'paused'; entry: Entry; remainingMs: number }
  | { type: 'extended'; entry: Entry; deadline: number | null; remainingMs: number }
  | { type: 'warning'; entry: Entry; deadline: number }
  | { type: 'expired'; entry: Entry; policy: 'notify' | 'revoke'; graceDeadline: number | null }
  | {
      type: 'ruled';
      ruling: string | null;
      outcome: RulingOutcome | null;
      pointOfOrder: Entry;
      /** True when ruled while still pending, before it was heard (MEET-4). */
      unheard: boolean;
    }
  | { type: 'policyChanged'; policy: FloorPolicy }
  | { type: 'agendaItemChanged'; agendaItemId: string | null };

/**
 * Why the floor refused a command: a closed set, so the client shows each in
 * the reader's language and tests name the rule that refused. Each maps to
 * one error code.
 */
export const FloorRefusal = z.enum([
  'needs_person',
  'not_chair',
  'may_not_speak',
  'not_own_request',
  'not_speaker',
  'no_such_entry',
  'already_listed',
  'point_of_order_pending',
  'reply_limit',
  'list_empty',
  'floor_taken',
  'floor_free',
  'no_point_of_order',
  'no_running_clock',
  'no_paused_clock',
]);
export type FloorRefusal = z.infer<typeof FloorRefusal>;

export const FLOOR_REFUSAL_CODE: Readonly<
  Record<FloorRefusal, 'FORBIDDEN' | 'CONFLICT' | 'NOT_FOUND'>
> = {
  needs_person: 'FORBIDDEN',
  not_chair: 'FORBIDDEN',
  may_not_speak: 'FORBIDDEN',
  not_own_request: 'FORBIDDEN',
  not_speaker: 'FORBIDDEN',
  no_such_entry: 'NOT_FOUND',
  already_listed: 'CONFLICT',
  point_of_order_pending: 'CONFLICT',
  reply_limit: 'CONFLICT',
  list_empty: 'CONFLICT',
  floor_taken: 'CONFLICT',
  floor_free: 'CONFLICT',
  no_point_of_order: 'CONFLICT',
  no_running_clock: 'CONFLICT',
  no_paused_clock: 'CONFLICT',
};

export class FloorError extends Error {
  readonly code: 'FORBIDDEN' | 'CONFLICT' | 'NOT_FOUND';
  constructor(
    readonly reason: FloorRefusal,
    message: string,
  ) {
    super(message);
    this.code = FLOOR_REFUSAL_CODE[reason];
  }
}

const RANK_ORDER: Readonly<Record<Entry['rank'], number>> = {
  head_of_state: 0,
  head_of_government: 1,
  minister: 2,
  ambassador: 3,
  official: 3,
};

const CLASS_OF: Readonly<Record<InterventionKind, number>> = {
  point_of_order: 0,
  statement: 1,
  explanation_of_vote: 1,
  right_of_reply: 2,
};

/**
 * The order entries are taken in: points of order first, then statements
 * (by rank when protocol order is on), rights of reply after the list; each
 * group by arrival. A chair's reorder moves an entry within this order by
 * rewriting its `arrivedAt`, so the rule stays one rule.
 */
export function ordered(queue: readonly Entry[], protocolOrder: boolean): Entry[] {
  return [...queue].sort(
    (a, b) =>
      CLASS_OF[a.kind] - CLASS_OF[b.kind] ||
      (protocolOrder && CLASS_OF[a.kind] === 1 ? RANK_ORDER[a.rank] - RANK_ORDER[b.rank] : 0) ||
      a.arrivedAt - b.arrivedAt ||
      a.seq - b.seq,
  );
}

const chairOnly = (actor: FloorActor) => {
  if (!actor.isChair) throw new FloorError('not_chair', 'Only the chair may do this');
};

function startSpeaking(entry: Entry, limitMs: number, now: number): Speaking {
  return {
    entry,
    startedAt: now,
    deadline: now + limitMs,
    remainingMs: limitMs,
    overtimeMs: 0,
    warned: limitMs <= WARNING_MS,
    expired: false,
    graceDeadline: null,
  };
}

const spokeMs = (s: Speaking, now: number) => Math.max(0, now - s.startedAt);

/** Stops a speaker's clock (a pause, or a point of order), keeping time left and time over. */
function freeze(c: Speaking, now: number): Speaking {
  if (c.deadline === null) return c;
  return {
    ...c,
    deadline: null,
    remainingMs: Math.max(0, c.deadline - now),
    overtimeMs: Math.max(0, now - c.deadline),
    graceDeadline: null,
  };
}

/**
 * Restarts a stopped clock: the deadline lies `remainingMs` ahead, or as far
 * behind as the speaker was over time, so the overtime counter goes on from
 * where it stopped. The grace period under the revoke policy starts again.
 */
function thaw(c: Speaking, now: number, policy: FloorPolicy): Speaking {
  if (c.deadline !== null) return c;
  const deadline = now + c.remainingMs - c.overtimeMs;
  return {
    ...c,
    deadline,
    overtimeMs: 0,
    graceDeadline: c.expired && policy.expiry === 'revoke' ? now + policy.graceMs : null,
  };
}

/** The next moment `tick` has work to do, or null. */
export function nextDue(state: FloorState): number | null {
  const c = state.current;
  if (c === null || c.deadline === null) return null;
  if (!c.warned) return c.deadline - WARNING_MS;
  if (!c.expired) return c.deadline;
  if (c.graceDeadline !== null) return c.graceDeadline;
  return null;
}

export function applyFloor(
  state: FloorState,
  command: FloorCommand,
  actor: FloorActor | null,
  now: number,
): { state: FloorState; events: FloorEvent[] } {
  // The state is plain JSON (it lives in Redis as JSON), so a JSON copy is a deep copy.
  const s = JSON.parse(JSON.stringify(state)) as FloorState;
  const events: FloorEvent[] = [];
  const needActor = (): FloorActor => {
    if (actor === null) throw new FloorError('needs_person', 'This command needs a person');
    return actor;
  };
  const findQueued = (entryId: string): Entry => {
    const e = s.queue.find((q) => q.id === entryId);
    if (!e) throw new FloorError('no_such_entry', 'No such entry on the speakers list');
    return e;
  };
  const end = (reason: 'yielded' | 'revoked' | 'expired' | 'ruled') => {
    const c = s.current;
    if (c === null) return;
    events.push({ type: 'ended', entry: c.entry, reason, spokeMs: spokeMs(c, now) });
    s.current = null;
    if (c.entry.kind !== 'point_of_order') return;
    // Points of order are taken at once, one after another, before anyone resumes (FLOOR-3).
    const nextPoint = ordered(s.queue, false).find((q) => q.kind === 'point_of_order');
    if (nextPoint !== undefined) {
      grant(nextPoint);
      return;
    }
    // The interrupted speaker resumes with exactly the time they had left (FLOOR-3, MEET-4).
    if (s.suspended !== null) {
      const back = thaw(s.suspended, now, s.policy);
      s.suspended = null;
      s.current = back;
      events.push({ type: 'resumed', entry: back.entry, deadline: back.deadline ?? now });
    }
  };
  function grant(entry: Entry): void {
    if (s.current !== null)
      throw new FloorError('floor_taken', 'Someone holds the floor; end it first');
    s.queue = s.queue.filter((q) => q.id !== entry.id);
    s.current = startSpeaking(entry, s.policy.limitsMs[entry.kind], now);
    events.push({ type: 'granted', entry, deadline: now + s.policy.limitsMs[entry.kind] });
  }
  const inscribe = (
    delegationId: string,
    participantId: string,
    rank: Entry['rank'],
    kind: InterventionKind,
  ): Entry => {
    // MEET-4: one pending point of order per delegation, whether waiting or being heard.
    if (
      kind === 'point_of_order' &&
      [...s.queue, ...(s.current ? [s.current.entry] : [])].some(
        (q) => q.delegationId === delegationId && q.kind === 'point_of_order',
      )
    ) {
      throw new FloorError(
        'point_of_order_pending',
        'Your delegation already has a point of order pending',
      );
    }
    if (s.queue.some((q) => q.delegationId === delegationId && q.kind === kind)) {
      throw new FloorError('already_listed', 'Your delegation is already on the list for this');
    }
    if (kind === 'right_of_reply' && (s.replies[delegationId] ?? 0) >= MAX_REPLIES) {
      throw new FloorError(
        'reply_limit',
        `At most ${MAX_REPLIES} rights of reply per delegation on this agenda item`,
      );
    }
    const entry: Entry = {
      id: `e${s.nextSeq}`,
      delegationId,
      participantId,
      kind,
      rank,
      arrivedAt: now,
      seq: s.nextSeq,
    };
    s.nextSeq += 1;
    if (kind === 'right_of_reply') s.replies[delegationId] = (s.replies[delegationId] ?? 0) + 1;
    s.queue.push(entry);
    events.push({ type: 'requested', entry });
    return entry;
  };

  switch (command.type) {
    case 'request': {
      const a = needActor();
      if (!a.maySpeak || a.delegationId === null)
        throw new FloorError(
          'may_not_speak',
          'Only a head of delegation or a delegate may ask for the floor',
        );
      const entry = inscribe(a.delegationId, a.participantId, a.rank, command.kind);
      // A point of order is taken at once: the speaker's clock pauses (FLOOR-3).
      if (command.kind === 'point_of_order' && s.current?.entry.kind !== 'point_of_order') {
        if (s.current !== null) {
          const c = freeze(s.current, now);
          s.suspended = c;
          s.current = null;
          events.push({ type: 'suspended', entry: c.entry, remainingMs: c.remainingMs });
        }
        grant(entry);
      }
      break;
    }
    case 'withdraw': {
      const a = needActor();
      const e = findQueued(command.entryId);
      if (!a.isChair && e.delegationId !== a.delegationId)
        throw new FloorError(
          'not_own_request',
          'Only your own delegation’s requests can be withdrawn',
        );
      s.queue = s.queue.filter((q) => q.id !== e.id);
      if (e.kind === 'right_of_reply')
        s.replies[e.delegationId] = Math.max(0, (s.replies[e.delegationId] ?? 1) - 1);
      events.push({ type: 'withdrawn', entryId: e.id });
      break;
    }
    case 'remove': {
      chairOnly(needActor());
      const e = findQueued(command.entryId);
      s.queue = s.queue.filter((q) => q.id !== e.id);
      if (e.kind === 'right_of_reply')
        s.replies[e.delegationId] = Math.max(0, (s.replies[e.delegationId] ?? 1) - 1);
      events.push({ type: 'removed', entryId: e.id });
      break;
    }
    case 'reorder': {
      chairOnly(needActor());
      const e = findQueued(command.entryId);
      const others = ordered(s.queue, s.policy.protocolOrder).filter(
        (q) => q.id !== e.id && CLASS_OF[q.kind] === CLASS_OF[e.kind],
      );
      const to = Math.min(command.toIndex, others.length);
      const before = others[to - 1];
      const after = others[to];
      // Place it between its new neighbours in arrival time; the chair's order then holds.
      e.arrivedAt =
        before === undefined
          ? after
            ? after.arrivedAt - 1
            : e.arrivedAt
          : after === undefined
            ? before.arrivedAt + 1
            : (before.arrivedAt + after.arrivedAt) / 2;
      if (s.policy.protocolOrder && (before ?? after)) e.rank = (before ?? after)?.rank ?? e.rank;
      events.push({ type: 'reordered', entryId: e.id, toIndex: to });
      break;
    }
    case 'add': {
      chairOnly(needActor());
      inscribe(command.delegationId, command.participantId, command.rank, command.kind);
      break;
    }
    case 'grantNext': {
      chairOnly(needActor());
      const next = ordered(s.queue, s.policy.protocolOrder)[0];
      if (!next) throw new FloorError('list_empty', 'The speakers list is empty');
      grant(next);
      break;
    }
    case 'grant': {
      chairOnly(needActor());
      grant(findQueued(command.entryId));
      break;
    }
    case 'yield': {
      const a = needActor();
      if (s.current === null) throw new FloorError('floor_free', 'No one holds the floor');
      if (!a.isChair && s.current.entry.participantId !== a.participantId)
        throw new FloorError('not_speaker', 'Only the speaker or the chair may end this');
      end('yielded');
      break;
    }
    case 'revoke': {
      chairOnly(needActor());
      if (s.current === null) throw new FloorError('floor_free', 'No one holds the floor');
      end('revoked');
      break;
    }
    case 'rule': {
      chairOnly(needActor());
      const heard = s.current?.entry.kind === 'point_of_order' ? s.current.entry : null;
      const point =
        command.entryId === undefined || command.entryId === heard?.id
          ? heard
          : findQueued(command.entryId);
      if (point === null || point.kind !== 'point_of_order')
        throw new FloorError('no_point_of_order', 'There is no point of order to rule on');
      const unheard = point !== heard;
      s.lastRuling = {
        outcome: command.outcome ?? null,
        text: command.ruling ?? null,
        pointOfOrder: point,
        at: now,
      };
      events.push({
        type: 'ruled',
        ruling: command.ruling ?? null,
        outcome: command.outcome ?? null,
        pointOfOrder: point,
        unheard,
      });
      // MEET-4: a pending point ruled out of order at once never takes the floor.
      if (unheard) s.queue = s.queue.filter((q) => q.id !== point.id);
      else end('ruled');
      break;
    }
    case 'pause': {
      chairOnly(needActor());
      const c = s.current;
      if (c === null || c.deadline === null)
        throw new FloorError('no_running_clock', 'No running clock to pause');
      s.current = freeze(c, now);
      events.push({ type: 'paused', entry: c.entry, remainingMs: s.current.remainingMs });
      break;
    }
    case 'resume': {
      chairOnly(needActor());
      const c = s.current;
      if (c === null || c.deadline !== null)
        throw new FloorError('no_paused_clock', 'No paused clock to resume');
      s.current = thaw(c, now, s.policy);
      events.push({ type: 'resumed', entry: c.entry, deadline: s.current.deadline ?? now });
      break;
    }
    case 'extend': {
      chairOnly(needActor());
      const c = s.current;
      if (c === null) throw new FloorError('floor_free', 'No one holds the floor');
      if (c.deadline === null) {
        c.remainingMs += command.ms;
        c.overtimeMs = 0;
      } else {
        c.deadline = Math.max(c.deadline, now) + command.ms;
        c.remainingMs = c.deadline - now;
      }
      c.expired = false;
      c.graceDeadline = null;
      c.warned = (c.deadline ?? now + c.remainingMs) - now <= WARNING_MS ? c.warned : false;
      events.push({
        type: 'extended',
        entry: c.entry,
        deadline: c.deadline,
        remainingMs: c.remainingMs,
      });
      break;
    }
    case 'setPolicy': {
      chairOnly(needActor());
      s.policy = command.policy;
      // New limits apply from the next grant; a new expiry policy applies to a speaker already over time.
      const c = s.current;
      if (c !== null && c.expired && c.deadline !== null)
        c.graceDeadline = command.policy.expiry === 'revoke' ? now + command.policy.graceMs : null;
      events.push({ type: 'policyChanged', policy: command.policy });
      break;
    }
    case 'setAgendaItem': {
      chairOnly(needActor());
      if (s.agendaItemId !== command.agendaItemId) {
        s.agendaItemId = command.agendaItemId;
        // FLOOR-4: the reply cap counts per agenda item.
        s.replies = {};
        for (const q of s.queue)
          if (q.kind === 'right_of_reply')
            s.replies[q.delegationId] = (s.replies[q.delegationId] ?? 0) + 1;
        events.push({ type: 'agendaItemChanged', agendaItemId: command.agendaItemId });
      }
      break;
    }
    case 'tick': {
      const c = s.current;
      if (c === null || c.deadline === null) break;
      if (!c.warned && now >= c.deadline - WARNING_MS) {
        c.warned = true;
        events.push({ type: 'warning', entry: c.entry, deadline: c.deadline });
      }
      if (!c.expired && now >= c.deadline) {
        c.expired = true;
        c.graceDeadline = s.policy.expiry === 'revoke' ? c.deadline + s.policy.graceMs : null;
        events.push({
          type: 'expired',
          entry: c.entry,
          policy: s.policy.expiry,
          graceDeadline: c.graceDeadline,
        });
      }
      if (c.expired && c.graceDeadline !== null && now >= c.graceDeadline) end('expired');
      break;
    }
    default: {
      const unreachable: never = command;
      throw new Error(`Unknown floor command ${JSON.stringify(unreachable)}`);
    }
  }
  if (events.length > 0) s.version = state.version + 1;
  return { state: s, events };
}

/** Clock values for display: never negative (FLOOR-5). */
export function remainingMs(s: Speaking, now: number): number {
  return Math.max(0, s.deadline === null ? s.remainingMs : s.deadline - now);
}

/**
 * Time past the deadline, for the overtime counter under the notify policy
 * (MEET-3, FLOOR-5); zero before it. Stands still while the clock is paused.
 */
export function overtimeOf(s: Speaking, now: number): number {
  return s.deadline === null ? s.overtimeMs : Math.max(0, now - s.deadline);
}
