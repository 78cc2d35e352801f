import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkQuorum, requiredYes, tally, type BallotCount } from './tally.ts';
import type { MajorityRule, Outcome, OutcomeReason } from './motion.ts';

const count = (yes: number, no: number, abstain = 0, object = 0): BallotCount => ({
  yes,
  no,
  abstain,
  object,
});
const none = { eligible: 193, roll: null, receipts: null };

describe('VOTE-2/VOTE-3 tally: majority rules, abstentions outside the denominator', () => {
  const cases: [string, MajorityRule, BallotCount, Outcome, OutcomeReason, number][] = [
    // name, rule, ballots, outcome, reason, yes needed
    ['simple: more yes than no', 'simple', count(5, 4), 'adopted', 'majority_reached', 5],
    ['simple: tie is not a majority', 'simple', count(4, 4), 'rejected', 'tie', 5],
    [
      'simple: abstentions do not count against',
      'simple',
      count(2, 1, 50),
      'adopted',
      'majority_reached',
      2,
    ],
    [
      'simple: one yes, everyone else abstains',
      'simple',
      count(1, 0, 192),
      'adopted',
      'majority_reached',
      1,
    ],
    ['simple: everyone abstains', 'simple', count(0, 0, 10), 'rejected', 'no_votes', 1],
    ['simple: no ballots at all', 'simple', count(0, 0), 'rejected', 'no_votes', 1],
    ['simple: fewer yes than no', 'simple', count(3, 4, 9), 'rejected', 'majority_not_reached', 4],
    [
      'two-thirds: exactly two thirds adopts',
      'two_thirds',
      count(2, 1),
      'adopted',
      'majority_reached',
      2,
    ],
    [
      'two-thirds: exactly two thirds of 129+…',
      'two_thirds',
      count(128, 64, 1),
      'adopted',
      'majority_reached',
      128,
    ],
    [
      'two-thirds: one short of two thirds',
      'two_thirds',
      count(127, 64),
      'rejected',
      'majority_not_reached',
      128,
    ],
    [
      'two-thirds: 3 of 5 is not enough',
      'two_thirds',
      count(3, 2),
      'rejected',
      'majority_not_reached',
      4,
    ],
    ['two-thirds: 4 of 6 is enough', 'two_thirds', count(4, 2), 'adopted', 'majority_reached', 4],
    ['two-thirds: 7 of 10 is enough', 'two_thirds', count(7, 3), 'adopted', 'majority_reached', 7],
    [
      'two-thirds: 6 of 10 is not',
      'two_thirds',
      count(6, 4),
      'rejected',
      'majority_not_reached',
      7,
    ],
    [
      'two-thirds: abstentions do not count',
      'two_thirds',
      count(2, 1, 100),
      'adopted',
      'majority_reached',
      2,
    ],
    ['two-thirds: a tie', 'two_thirds', count(5, 5), 'rejected', 'tie', 7],
    [
      'two-thirds: unanimous single yes',
      'two_thirds',
      count(1, 0),
      'adopted',
      'majority_reached',
      1,
    ],
    ['two-thirds: only abstentions', 'two_thirds', count(0, 0, 3), 'rejected', 'no_votes', 1],
    ['consensus: silence kept', 'consensus', count(0, 0), 'adopted', 'no_objection', 0],
    [
      'consensus: one objection breaks it',
      'consensus',
      count(0, 0, 0, 1),
      'rejected',
      'objection',
      0,
    ],
    ['consensus: many objections', 'consensus', count(0, 0, 0, 12), 'rejected', 'objection', 0],
  ];
  it.each(cases)('%s', (_name, rule, ballots, outcome, reason, required) => {
    const r = tally(rule, ballots, none);
    expect(r.outcome).toBe(outcome);
    expect(r.reason).toBe(reason);
    expect(r.required).toBe(required);
    expect(r.presentAndVoting).toBe(ballots.yes + ballots.no);
    expect(r.ballotsCast).toBe(ballots.yes + ballots.no + ballots.abstain + ballots.object);
  });

  it('publishes receipts sorted, whatever order the box held them in', () => {
    const r = tally('simple', count(2, 1), { eligible: 3, roll: null, receipts: ['C', 'A', 'B'] });
    expect(r.receipts).toEqual(['A', 'B', 'C']);
  });

  it('abstentions never change the outcome (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<MajorityRule>('simple', 'two_thirds'),
        fc.nat(300),
        fc.nat(300),
        fc.nat(300),
        (rule, yes, no, abstain) =>
          tally(rule, count(yes, no, abstain), none).outcome ===
          tally(rule, count(yes, no, 0), none).outcome,
      ),
    );
  });

  it('matches the definitions: yes > no, and 3·yes ≥ 2·(yes + no) with one yes at least (property)', () => {
    fc.assert(
      fc.property(fc.nat(500), fc.nat(500), (yes, no) => {
        expect(tally('simple', count(yes, no), none).outcome === 'adopted').toBe(yes > no);
        expect(tally('two_thirds', count(yes, no), none).outcome === 'adopted').toBe(
          yes > 0 && 3 * yes >= 2 * (yes + no),
        );
        expect(requiredYes('simple', yes + no)).toBeGreaterThan((yes + no) / 2);
      }),
    );
  });
});

describe('VOTE-4 quorum: a majority of the delegations with voting rights present', () => {
  const cases: [number, number, boolean, number][] = [
    // voting delegations, present, met, required
    [193, 97, true, 97],
    [193, 96, false, 97],
    [193, 193, true, 97],
    [192, 96, false, 97],
    [192, 97, true, 97],
    [2, 1, false, 2],
    [2, 2, true, 2],
    [1, 1, true, 1],
    [1, 0, false, 1],
    [3, 2, true, 2],
    [3, 1, false, 2],
    [0, 0, false, 1],
  ];
  it.each(cases)('%i voting delegations, %i present: met %s (needs %i)', (v, p, met, required) => {
    expect(checkQuorum({ votingDelegations: v, present: p })).toEqual({ met, required });
  });
});
