import { describe, expect, it } from 'vitest';
import { ACTIONS, PERMISSIONS, can, type Action } from './authz.ts';
import { Role } from './auth.ts';

/** The table as the product brief states it, written out in full so a change to one cell shows here. */
const EXPECTED: Record<Action, Role[]> = {
  'summit:create': ['organiser'],
  'summit:read': Role.options,
  'summit:update': ['organiser'],
  'session:create': ['organiser'],
  'session:read': Role.options,
  'agenda:create': ['organiser'],
  'agenda:read': Role.options,
  'agenda:update': ['organiser', 'chair'],
  'delegation:create': ['organiser'],
  'delegation:read': Role.options,
  'participant:create': ['organiser'],
  'participant:read': [
    'organiser',
    'chair',
    'head_of_delegation',
    'delegate',
    'adviser',
    'interpreter',
  ],
  'participant:revoke': ['organiser'],
  'invitation:create': ['organiser'],
  'schedule:export': Role.options,
  'record:read': ['organiser'],
  'session:join': Role.options,
  'presence:read': ['organiser', 'chair'],
  'motion:create': ['organiser', 'chair'],
  'motion:read': Role.options,
  'vote:preside': ['chair'],
  'vote:cast': ['head_of_delegation', 'delegate'],
  'vote:designate': ['head_of_delegation'],
};

describe('role × action table', () => {
  const cases = ACTIONS.flatMap((action) =>
    Role.options.map((role) => [role, action, EXPECTED[action].includes(role)] as const),
  );
  it.each(cases)('%s may %s: %s', (role, action, allowed) => {
    expect(can(role, action)).toBe(allowed);
  });

  it('names every action exactly once', () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual([...ACTIONS].sort());
  });

  it('never lets observers or press change anything', () => {
    for (const action of ACTIONS.filter(
      (a) => !a.endsWith(':read') && a !== 'schedule:export' && a !== 'session:join',
    )) {
      expect(can('observer', action)).toBe(false);
      expect(can('press', action)).toBe(false);
    }
  });
});
