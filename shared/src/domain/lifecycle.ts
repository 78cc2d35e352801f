import { z } from 'zod';
import { allow, refuse, type Decision } from './decision.ts';
import type { Session } from './session.ts';

/**
 * MEET-2: a session's life. It is scheduled, opened by its chair (or the
 * secretariat), may be suspended and opened again, and is closed; closing is
 * final. Like the speakers list, one pure reducer:
 * `applyLifecycle(progress, act, actor, session, now)` answers the next
 * progress and its events, or a refusal; the server commits it with its
 * record entry and then tells the SFU.
 */
export const SessionLifecycle = z.enum(['scheduled', 'open', 'suspended', 'closed']);
export type SessionLifecycle = z.infer<typeof SessionLifecycle>;

/** Where each state may go. Closed goes nowhere; a scheduled session may be closed unopened. */
export const SESSION_TRANSITIONS: Readonly<Record<SessionLifecycle, readonly SessionLifecycle[]>> =
  {
    scheduled: ['open', 'closed'],
    open: ['suspended', 'closed'],
    suspended: ['open', 'closed'],
    closed: [],
  };

export const sessionMayBecome = (from: SessionLifecycle, to: SessionLifecycle): boolean =>
  SESSION_TRANSITIONS[from].includes(to);

/** The presiding officer's acts on a session's life; each names the state it leads to. */
export const SessionAct = z.enum(['open', 'suspend', 'close']);
export type SessionAct = z.infer<typeof SessionAct>;

const TARGET: Readonly<Record<SessionAct, SessionLifecycle>> = {
  open: 'open',
  suspend: 'suspended',
  close: 'closed',
};

/** A session's life as stored: the state, a version for atomic commits, and when each step happened. */
export const SessionProgress = z.object({
  sessionId: z.string(),
  state: SessionLifecycle,
  version: z.number().int().nonnegative(),
  /** First opening (ms); a resumption after a suspension keeps it. */
  openedAt: z.number().nullable(),
  /** The current suspension's start; null unless suspended. */
  suspendedAt: z.number().nullable(),
  closedAt: z.number().nullable(),
});
export type SessionProgress = z.infer<typeof SessionProgress>;

export const initialProgress = (sessionId: string): SessionProgress => ({
  sessionId,
  state: 'scheduled',
  version: 0,
  openedAt: null,
  suspendedAt: null,
  closedAt: null,
});

export interface LifecycleEvent {
  type: 'opened' | 'suspended' | 'resumed' | 'closed';
  from: SessionLifecycle;
  to: SessionLifecycle;
}

/** Who asks: the secretariat (an organiser), or a participant of the summit. */
export type LifecycleActor = { kind: 'organiser' } | { kind: 'participant'; participantId: string };

/** MEET-2: the session's own chair or the secretariat; no other chair of the summit. */
export function presides(actor: LifecycleActor, session: Pick<Session, 'chairId'>): boolean {
  return actor.kind === 'organiser' || session.chairId === actor.participantId;
}

export function applyLifecycle(
  progress: SessionProgress,
  act: SessionAct,
  actor: LifecycleActor,
  session: Pick<Session, 'chairId'>,
  now: number,
): Decision<{ progress: SessionProgress; events: LifecycleEvent[] }, 'FORBIDDEN' | 'CONFLICT'> {
  if (!presides(actor, session))
    return refuse('FORBIDDEN', 'Only the chair of this session or the secretariat may do this');
  const from = progress.state;
  const to = TARGET[act];
  if (!sessionMayBecome(from, to))
    return refuse(
      'CONFLICT',
      from === 'closed' ? 'This session is closed' : `A ${from} session cannot be made ${to}`,
    );
  const next: SessionProgress = {
    ...progress,
    state: to,
    version: progress.version + 1,
    openedAt: progress.openedAt ?? (to === 'open' ? now : null),
    suspendedAt: to === 'suspended' ? now : null,
    closedAt: to === 'closed' ? now : null,
  };
  const type =
    to === 'open'
      ? from === 'scheduled'
        ? 'opened'
        : 'resumed'
      : to === 'closed'
        ? 'closed'
        : 'suspended';
  return allow({ progress: next, events: [{ type, from, to }] });
}

/**
 * MEET-2: what a join gets in each state. Before opening, a waiting answer
 * with no media token; once open (or suspended, to hear the chair resume),
 * the room; after closing, a refusal.
 */
export type JoinAdmission = 'wait' | 'enter' | 'refuse';

export function joinAdmission(state: SessionLifecycle): JoinAdmission {
  switch (state) {
    case 'scheduled':
      return 'wait';
    case 'open':
    case 'suspended':
      return 'enter';
    case 'closed':
      return 'refuse';
    default: {
      const unreachable: never = state;
      return unreachable;
    }
  }
}
