import type { Role } from './auth.ts';

/**
 * The role × action table. It is the only authorization rule: the server's
 * one middleware asks `can(role, action)` and nothing else decides.
 */
export const ACTIONS = [
  'summit:create',
  'summit:read',
  'summit:update',
  'summit:delete',
  'session:create',
  'session:read',
  'session:update',
  'session:delete',
  'agenda:create',
  'agenda:read',
  'agenda:update',
  'agenda:delete',
  'delegation:create',
  'delegation:read',
  'delegation:update',
  'delegation:delete',
  'participant:create',
  'participant:read',
  'participant:update',
  'participant:delete',
  'participant:revoke',
  'invitation:create',
  'schedule:export',
  'record:read',
  'session:join',
  'presence:read',
  'motion:create',
  'motion:read',
  'vote:preside',
  'vote:cast',
  'vote:designate',
  'alternate:read',
  'reach:read',
  'record:summary',
  'communique:read',
  'communique:draft',
  'communique:approve',
  'communique:publish',
  'claim:log',
  'claim:read',
  'signing-key:manage',
] as const;
export type Action = (typeof ACTIONS)[number];

type Table = Readonly<Record<Action, readonly Role[]>>;

const EVERYONE: readonly Role[] = [
  'organiser',
  'chair',
  'head_of_delegation',
  'delegate',
  'adviser',
  'interpreter',
  'observer',
  'press',
  'spokesperson',
];
const ACCREDITED_INSIDERS: readonly Role[] = [
  'organiser',
  'chair',
  'head_of_delegation',
  'delegate',
  'adviser',
  'interpreter',
];

export const PERMISSIONS: Table = {
  'summit:create': ['organiser'],
  'summit:read': EVERYONE,
  'summit:update': ['organiser'],
  // ACCT-3: corrections and deletions are the secretariat's alone.
  'summit:delete': ['organiser'],
  'session:create': ['organiser'],
  'session:read': EVERYONE,
  'session:update': ['organiser'],
  'session:delete': ['organiser'],
  'agenda:create': ['organiser'],
  'agenda:read': EVERYONE,
  'agenda:update': ['organiser', 'chair'],
  'agenda:delete': ['organiser'],
  'delegation:create': ['organiser'],
  'delegation:read': EVERYONE,
  'delegation:update': ['organiser'],
  'delegation:delete': ['organiser'],
  'participant:create': ['organiser'],
  'participant:read': ACCREDITED_INSIDERS,
  'participant:update': ['organiser'],
  'participant:delete': ['organiser'],
  'participant:revoke': ['organiser'],
  'invitation:create': ['organiser'],
  'schedule:export': EVERYONE,
  'record:read': ['organiser'],
  'session:join': EVERYONE,
  'presence:read': ['organiser', 'chair'],
  // The secretariat drafts motions; the chair drafts, opens and closes them (VOTE-1).
  'motion:create': ['organiser', 'chair'],
  'motion:read': EVERYONE,
  'vote:preside': ['chair'],
  // A delegate casts only once designated the alternate; the service checks that.
  'vote:cast': ['head_of_delegation', 'delegate'],
  'vote:designate': ['head_of_delegation'],
  // VOTE-1: who may cast for a delegation is the delegation's and the chair's business; the
  // service narrows the delegation's own roles to their own delegation.
  'alternate:read': ['organiser', 'chair', 'head_of_delegation', 'delegate', 'adviser'],
  // REACH-1: the secretariat and the chair (of that session: the service checks).
  'reach:read': ['organiser', 'chair'],
  // REC-1: anyone admitted to the session reads its summary record (the service checks).
  'record:summary': EVERYONE,
  // COMM-3: a spokesperson drafts, the head (or an organiser for the summit)
  // approves, either publishes; the service checks it is their own issuer.
  'communique:read': EVERYONE,
  'communique:draft': ['organiser', 'spokesperson'],
  'communique:approve': ['organiser', 'head_of_delegation'],
  'communique:publish': ['organiser', 'head_of_delegation', 'spokesperson'],
  'claim:log': ['organiser', 'spokesperson'],
  'claim:read': ['organiser', 'head_of_delegation', 'spokesperson'],
  // The secretariat keeps every issuer's keys (COMM-2): rotation and revocation are its acts.
  'signing-key:manage': ['organiser'],
};

export function can(role: Role, action: Action): boolean {
  return PERMISSIONS[action].includes(role);
}
