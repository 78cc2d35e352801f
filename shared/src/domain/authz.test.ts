import { describe, expect, it } from 'vitest';
import { Role } from './auth.ts';
import { ACTIONS, can, type Action } from './authz.ts';

/**
 * The role × action table checked against the rules it comes from
 * (PRODUCT.md: the role table, ACCESS-*, VOTE-1, MEET-3, COMM-*), not
 * against a copy of itself. Each rule names the actions it governs, who
 * must be allowed and who must be refused; "only X" refuses every other
 * role, including any role added later.
 */

interface RoleRule {
  rule: string;
  says: string;
  actions: readonly Action[];
  allowed: readonly Role[];
  /** Left out: everyone not allowed ("only …"). */
  refused?: readonly Role[];
}

const only = (...roles: Role[]) => ({
  allowed: roles,
  refused: Role.options.filter((r) => !roles.includes(r)),
});

/** Every accredited role that takes part in the meeting rather than watching it. */
const TAKING_PART: readonly Role[] = [
  'organiser',
  'chair',
  'head_of_delegation',
  'delegate',
  'adviser',
  'interpreter',
];
const WATCHING: readonly Role[] = ['observer', 'press'];

const RULES: readonly RoleRule[] = [
  {
    rule: 'ACCESS-1',
    says: 'only organisers accredit and revoke',
    actions: ['participant:create', 'invitation:create', 'participant:revoke'],
    ...only('organiser'),
  },
  {
    rule: 'roles: organiser',
    says: 'only the secretariat creates summits, sessions, agenda items and delegations',
    actions: ['summit:create', 'session:create', 'agenda:create', 'delegation:create'],
    ...only('organiser'),
  },
  {
    rule: 'ACCT-3',
    says: 'the secretariat corrects and deletes what it created; nobody else does',
    actions: [
      'summit:update',
      'summit:delete',
      'session:update',
      'session:delete',
      'agenda:delete',
      'delegation:update',
      'delegation:delete',
      'participant:update',
      'participant:delete',
    ],
    ...only('organiser'),
  },
  {
    rule: 'MEET-3',
    says: 'the chair sets the agenda item and the secretariat corrects it; delegations and watchers do not',
    actions: ['agenda:update'],
    allowed: ['organiser', 'chair'],
    refused: ['head_of_delegation', 'delegate', 'adviser', 'interpreter', ...WATCHING],
  },
  {
    rule: 'roles: chair',
    says: 'only the chair presides a vote (opens and closes it), not even the secretariat',
    actions: ['vote:preside'],
    ...only('chair'),
  },
  {
    rule: 'roles: chair',
    says: 'motions are put by the chair or prepared by the secretariat, never drafted by a delegation',
    actions: ['motion:create'],
    allowed: ['organiser', 'chair'],
    refused: ['head_of_delegation', 'delegate', 'adviser', 'interpreter', ...WATCHING],
  },
  {
    rule: 'VOTE-1',
    says: "a delegation's vote is cast by its head or a designated alternate (a delegate), by nobody else",
    actions: ['vote:cast'],
    ...only('head_of_delegation', 'delegate'),
  },
  {
    rule: 'VOTE-1',
    says: "a delegation's alternate is seen by the delegation and the chair (and the secretariat), not by those watching",
    actions: ['alternate:read'],
    ...only('organiser', 'chair', 'head_of_delegation', 'delegate', 'adviser'),
  },
  {
    rule: 'VOTE-1',
    says: 'only heads of delegation designate an alternate',
    actions: ['vote:designate'],
    ...only('head_of_delegation'),
  },
  {
    rule: 'ACCESS-3',
    says: 'who is in the room is known to the chair (VOTE-4 quorum) and the secretariat only: hidden watchers stay hidden',
    actions: ['presence:read'],
    ...only('organiser', 'chair'),
  },
  {
    rule: 'ACCESS-5',
    says: 'the hash-chained record is kept by the secretariat: only organisers read it whole',
    actions: ['record:read'],
    ...only('organiser'),
  },
  {
    rule: 'ACCESS-3',
    says: 'the list of accredited people (names, e-mail addresses) is for those taking part, not for observers and press',
    actions: ['participant:read'],
    allowed: TAKING_PART,
    refused: WATCHING,
  },
  {
    rule: 'roles: observer',
    says: 'everyone accredited reads the public programme, the motions and the schedule, and may ask to join (ACCESS-2 decides per session)',
    actions: [
      'summit:read',
      'session:read',
      'agenda:read',
      'delegation:read',
      'schedule:export',
      'motion:read',
      'session:join',
    ],
    allowed: Role.options,
    refused: [],
  },
  {
    rule: 'REACH-1',
    says: 'the secretariat sees audience figures; delegations and the people counted do not',
    actions: ['reach:read'],
    allowed: ['organiser'],
    refused: ['head_of_delegation', 'delegate', 'adviser', 'interpreter', ...WATCHING],
  },
  {
    rule: 'REC-1',
    says: 'the summary record is for everyone (the service checks admission to the session)',
    actions: ['record:summary'],
    allowed: Role.options,
    refused: [],
  },
  {
    rule: 'COMM-3',
    says: 'a spokesperson drafts a communiqué (the secretariat for the summit); delegates, advisers, the chair and watchers do not',
    actions: ['communique:draft'],
    allowed: ['spokesperson', 'organiser'],
    refused: ['chair', 'head_of_delegation', 'delegate', 'adviser', 'interpreter', ...WATCHING],
  },
  {
    rule: 'COMM-3',
    says: 'the head of delegation approves (an organiser for the summit); the spokesperson who drafts does not approve',
    actions: ['communique:approve'],
    ...only('head_of_delegation', 'organiser'),
  },
  {
    rule: 'COMM-3',
    says: 'publishing is for those who draft or approve; watchers and other delegation roles never publish',
    actions: ['communique:publish'],
    allowed: ['spokesperson', 'head_of_delegation', 'organiser'],
    refused: ['chair', 'delegate', 'adviser', 'interpreter', ...WATCHING],
  },
  {
    rule: 'COMM-4',
    says: 'accredited press read communiqués (embargoed ones included; the service checks the release time)',
    actions: ['communique:read'],
    allowed: Role.options,
    refused: [],
  },
  {
    rule: 'COMM-5',
    says: 'claims are logged by the spokesperson or the secretariat, and read by those who answer them',
    actions: ['claim:log', 'claim:read'],
    allowed: ['spokesperson', 'organiser'],
    refused: ['delegate', 'adviser', 'interpreter', ...WATCHING],
  },
  {
    rule: 'COMM-2',
    says: "issuers' signing keys are rotated and revoked by the secretariat only",
    actions: ['signing-key:manage'],
    ...only('organiser'),
  },
];

describe('the role table follows the rules', () => {
  it.each(RULES.map((r) => [`${r.rule}: ${r.says}`, r] as const))('%s', (_, rule) => {
    for (const action of rule.actions) {
      const wronglyRefused = rule.allowed.filter((role) => !can(role, action));
      const wronglyAllowed = (rule.refused ?? []).filter((role) => can(role, action));
      expect({ action, wronglyRefused, wronglyAllowed }).toEqual({
        action,
        wronglyRefused: [],
        wronglyAllowed: [],
      });
    }
  });

  it('every action is governed by at least one rule above', () => {
    const governed = new Set(RULES.flatMap((r) => r.actions));
    expect(ACTIONS.filter((a) => !governed.has(a))).toEqual([]);
  });
});

/** An action that changes something, as its verb says; reading, exporting and joining change nothing. */
const changes = (action: Action): boolean => !/:(read|export|join|summary)$/.test(action);

describe('ACCESS-3, ACCESS-7: observers and press change nothing', () => {
  it('the detector finds the changing actions', () => {
    expect(changes('vote:cast')).toBe(true);
    expect(changes('participant:revoke')).toBe(true);
    expect(changes('summit:read')).toBe(false);
  });

  it('no changing action is open to an observer or the press', () => {
    const open = ACTIONS.filter(changes).flatMap((action) =>
      WATCHING.filter((role) => can(role, action)).map((role) => `${role} ${action}`),
    );
    expect(open).toEqual([]);
  });
});

describe('roles: interpreters and advisers follow the meeting and take no procedural act', () => {
  const procedural: Action[] = [
    'vote:cast',
    'vote:designate',
    'vote:preside',
    'motion:create',
    'agenda:update',
    'participant:revoke',
  ];
  it('none of them is open to an interpreter or an adviser', () => {
    const open = procedural.flatMap((action) =>
      (['interpreter', 'adviser'] as const)
        .filter((role) => can(role, action))
        .map((role) => `${role} ${action}`),
    );
    expect(open).toEqual([]);
  });
});
