import { describe, expect, it } from 'vitest';
import { turnoutOf } from './turnout.ts';

const motion = (
  majority: 'simple' | 'two_thirds' | 'consensus',
  status: 'draft' | 'open' | 'counting' | 'closed' = 'open',
) => ({ id: 'm'.repeat(22), sessionId: 's'.repeat(22), majority, status });

describe('MEET-3 live turnout for the chair, within VOTE-6', () => {
  it('counts the delegations that voted while the vote is open', () => {
    expect(turnoutOf(motion('simple'), { voted: 12, eligible: 40 })).toEqual({
      ok: true,
      value: { sessionId: 's'.repeat(22), motionId: 'm'.repeat(22), voted: 12, eligible: 40 },
    });
    expect(turnoutOf(motion('two_thirds'), { voted: 0, eligible: 3 }).ok).toBe(true);
  });

  it('VOTE-6: a consensus motion’s count is its result, so it stays sealed', () => {
    expect(turnoutOf(motion('consensus'), { voted: 1, eligible: 40 })).toMatchObject({
      ok: false,
      refusal: { code: 'CONFLICT' },
    });
  });

  it.each(['draft', 'counting', 'closed'] as const)('nothing while the vote is %s', (status) => {
    expect(turnoutOf(motion('simple', status), { voted: 3, eligible: 4 })).toMatchObject({
      ok: false,
      refusal: { code: 'CONFLICT' },
    });
  });
});
