import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sessionAdmits } from '../domain/access.ts';
import {
  castsForDelegation,
  decideCast,
  delegationVotesIn,
  mayBeAlternate,
  presentDelegations,
  quorumOf,
  votingDelegations,
  type SessionSeats,
} from './eligibility.ts';
import { checkQuorum } from './tally.ts';

const D1 = 'd1d1d1d1d1d1d1d1d1d1d1';
const D2 = 'd2d2d2d2d2d2d2d2d2d2d2';
const D3 = 'd3d3d3d3d3d3d3d3d3d3d3';
const T0 = Date.parse('2027-02-10T08:00:00.000Z');

const seats = (kind: SessionSeats['kind'], delegationIds: string[] = []): SessionSeats => ({
  kind,
  delegationIds,
  chairId: null,
  interpretationLanguages: [],
});
const voting = (id: string, votingRights = true) => ({ id, votingRights });

describe('VOTE-1 which delegations vote in a session', () => {
  it('a delegation without voting rights never votes, even in a plenary', () => {
    expect(delegationVotesIn(seats('plenary'), voting(D1, false))).toBe(false);
  });
  it.each([
    ['plenary', [], true],
    ['press_briefing', [], true],
    ['closed', [], true],
    ['closed', [D1], true],
    ['closed', [D2], false],
    ['bilateral', [D1, D2], true],
    ['bilateral', [D2, D3], false],
  ] as const)('in a %s session listing %j: %s', (kind, listed, expected) => {
    expect(delegationVotesIn(seats(kind, [...listed]), voting(D1))).toBe(expected);
  });
  it('the voting set of a closed session is its listed delegations with rights', () => {
    const all = [voting(D1), voting(D2, false), voting(D3)];
    expect(votingDelegations(seats('closed', [D1, D2]), all)).toEqual(new Set([D1]));
  });
});

describe('VOTE-4 who counts as present', () => {
  const member = (delegationId: string | null, status: 'invited' | 'active' | 'revoked') => ({
    delegationId,
    status,
  });
  it('one connected active member makes the delegation present', () => {
    const present = presentDelegations([member(D1, 'active'), member(D1, 'active')], new Set([D1]));
    expect(present).toEqual(new Set([D1]));
  });
  it('revoked or never-redeemed members, members of non-voting delegations and people without one do not', () => {
    const present = presentDelegations(
      [member(D1, 'revoked'), member(D2, 'invited'), member(D3, 'active'), member(null, 'active')],
      new Set([D1, D2]),
    );
    expect(present.size).toBe(0);
  });
  it('the quorum figures are the two set sizes', () => {
    expect(quorumOf(new Set([D1, D2, D3]), new Set([D2]))).toEqual({
      votingDelegations: 3,
      present: 1,
    });
  });
});

describe('VOTE-1 who casts the delegation’s ballot', () => {
  const head = { id: 'h', role: 'head_of_delegation' as const, delegationId: D1 };
  const delegate = { id: 'x', role: 'delegate' as const, delegationId: D1 };
  it('the head always; a delegate only while designated', () => {
    expect(castsForDelegation(head, null)).toBe(true);
    expect(castsForDelegation(delegate, null)).toBe(false);
    expect(castsForDelegation(delegate, 'x')).toBe(true);
    expect(castsForDelegation(delegate, 'someone-else')).toBe(false);
  });
  it('the alternate is an accredited delegate of the same delegation', () => {
    expect(mayBeAlternate({ delegationId: D1, role: 'delegate', status: 'active' }, D1)).toBe(true);
    expect(mayBeAlternate({ delegationId: D1, role: 'delegate', status: 'invited' }, D1)).toBe(
      true,
    );
    expect(mayBeAlternate({ delegationId: D1, role: 'delegate', status: 'revoked' }, D1)).toBe(
      false,
    );
    expect(mayBeAlternate({ delegationId: D2, role: 'delegate', status: 'active' }, D1)).toBe(
      false,
    );
    expect(mayBeAlternate({ delegationId: D1, role: 'adviser', status: 'active' }, D1)).toBe(false);
    expect(mayBeAlternate(undefined, D1)).toBe(false);
  });

  const open = {
    status: 'open' as const,
    majority: 'simple' as const,
    silenceDeadline: null,
  };
  it.each([
    ['no delegation', null, 'yes', open, 'FORBIDDEN', 'no_delegation'],
    ['a delegate not designated', delegate, 'yes', open, 'FORBIDDEN', 'not_the_voter'],
    ['an objection to a voted motion', head, 'object', open, 'INVALID_PAYLOAD', 'bad_choice'],
    [
      'a draft motion',
      head,
      'yes',
      { ...open, status: 'draft' },
      'PRECONDITION_FAILED',
      'not_open',
    ],
    [
      'a sealed box (VOTE-6)',
      head,
      'no',
      { ...open, status: 'counting' },
      'PRECONDITION_FAILED',
      'closed',
    ],
  ] as const)('refuses %s', (_name, voter, choice, motion, code, reason) => {
    const d = decideCast(motion, voter, null, choice, T0);
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.refusal.code).toBe(code);
    expect(d.reason).toBe(reason);
  });
  it('refuses an objection once the silence deadline has passed (VOTE-3)', () => {
    const consensus = { status: 'open' as const, majority: 'consensus' as const };
    const deadline = new Date(T0).toISOString();
    expect(
      decideCast({ ...consensus, silenceDeadline: deadline }, head, null, 'object', T0),
    ).toMatchObject({
      ok: false,
      reason: 'closed',
    });
    expect(
      decideCast({ ...consensus, silenceDeadline: deadline }, head, null, 'object', T0 - 1),
    ).toEqual({
      ok: true,
      value: D1,
    });
  });
  it('lets the head or the designated alternate cast for their own delegation', () => {
    expect(decideCast(open, head, null, 'abstain', T0)).toEqual({ ok: true, value: D1 });
    expect(decideCast(open, delegate, 'x', 'no', T0)).toEqual({ ok: true, value: D1 });
  });
});

describe('VOTE-1, VOTE-4 properties (seeded)', () => {
  const ids = [D1, D2, D3, 'd4d4d4d4d4d4d4d4d4d4d4', 'd5d5d5d5d5d5d5d5d5d5d5'];
  const sessionArb = fc.record({
    kind: fc.constantFrom<SessionSeats['kind']>('plenary', 'closed', 'bilateral', 'press_briefing'),
    delegationIds: fc.subarray(ids),
    chairId: fc.constant(null),
    interpretationLanguages: fc.constant<SessionSeats['interpretationLanguages']>([]),
  });
  const delegationsArb = fc.uniqueArray(
    fc.record({ id: fc.constantFrom(...ids), votingRights: fc.boolean() }),
    { selector: (d) => d.id },
  );
  const connectedArb = fc.array(
    fc.record({
      delegationId: fc.option(fc.constantFrom(...ids), { nil: null }),
      status: fc.constantFrom<'invited' | 'active' | 'revoked'>('invited', 'active', 'revoked'),
    }),
    { maxLength: 12 },
  );

  it('a voting delegation is one whose head the session admits; the present are among the voting; quorum needs a majority of them', () => {
    fc.assert(
      fc.property(sessionArb, delegationsArb, connectedArb, (session, delegations, connected) => {
        const votes = votingDelegations(session, delegations);
        for (const d of delegations) {
          const headAdmitted = sessionAdmits(
            { id: 'h', role: 'head_of_delegation', delegationId: d.id, boothLanguage: null },
            session,
          );
          expect(votes.has(d.id)).toBe(d.votingRights && headAdmitted);
        }
        const present = presentDelegations(connected, votes);
        for (const p of present) expect(votes.has(p)).toBe(true);
        const { met } = checkQuorum(quorumOf(votes, present));
        expect(met).toBe(votes.size > 0 && 2 * present.size > votes.size);
      }),
      { seed: 20261129, numRuns: 500 },
    );
  });
});
