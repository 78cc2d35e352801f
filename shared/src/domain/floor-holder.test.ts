import { describe, expect, it } from 'vitest';
import { floorHolderRefusal, type FloorHolderRefusal } from './floor-holder.ts';
import type { Participant } from './participant.ts';

const SUMMIT = 's0s0s0s0s0s0s0s0s0s0s0';
const D1 = 'd1d1d1d1d1d1d1d1d1d1d1';
const D2 = 'd2d2d2d2d2d2d2d2d2d2d2';
const D3 = 'd3d3d3d3d3d3d3d3d3d3d3';

const person = (overrides: Partial<Participant>): Participant => ({
  id: 'p1p1p1p1p1p1p1p1p1p1p1',
  summitId: SUMMIT,
  name: 'Someone',
  role: 'delegate',
  rank: 'official',
  delegationId: D1,
  languages: [],
  boothLanguage: null,
  status: 'active',
  revokedAt: null,
  version: 1,
  createdAt: '2027-01-01T00:00:00.000Z',
  updatedAt: '2027-01-01T00:00:00.000Z',
  ...overrides,
});
const session = (kind: 'plenary' | 'closed', delegationIds: string[] = []) => ({
  summitId: SUMMIT,
  kind,
  chairId: null,
  delegationIds,
  interpretationLanguages: [],
});

describe('ACCESS-7 only a delegation’s head or delegates hold its floor', () => {
  const cases: [string, Participant | undefined, string, FloorHolderRefusal | null][] = [
    ['a delegate for their own delegation', person({}), D1, null],
    ['a head for their own delegation', person({ role: 'head_of_delegation' }), D1, null],
    ['an adviser of that delegation', person({ role: 'adviser' }), D1, 'not_a_speaker'],
    ['an observer', person({ role: 'observer', delegationId: null }), D1, 'not_a_speaker'],
    ['press', person({ role: 'press', delegationId: null }), D1, 'not_a_speaker'],
    ['an interpreter', person({ role: 'interpreter', delegationId: null }), D1, 'not_a_speaker'],
    ['a delegate named for another delegation', person({}), D2, 'other_delegation'],
    [
      'a delegate named for a made-up delegation',
      person({}),
      'made-up-delegation',
      'other_delegation',
    ],
    ['a revoked delegate', person({ status: 'revoked' }), D1, 'revoked'],
    ['someone of another summit', person({ summitId: 'other' }), D1, 'other_summit'],
    ['nobody', undefined, D1, 'unknown_participant'],
  ];
  it.each(cases)('ACCESS-7: %s → %s', (_name, candidate, delegationId, expected) => {
    expect(
      floorHolderRefusal(
        candidate,
        { participantId: 'p1p1p1p1p1p1p1p1p1p1p1', delegationId },
        session('plenary'),
      ),
    ).toBe(expected);
  });

  it('ACCESS-7: a delegation outside a closed session is not put on its floor', () => {
    const entry = { participantId: 'p1p1p1p1p1p1p1p1p1p1p1', delegationId: D1 };
    expect(floorHolderRefusal(person({}), entry, session('closed', [D2, D3]))).toBe(
      'not_in_session',
    );
    expect(floorHolderRefusal(person({}), entry, session('closed', [D1, D3]))).toBeNull();
  });

  it('ACCESS-7: the entry must name the participant looked up', () => {
    expect(
      floorHolderRefusal(
        person({}),
        { participantId: 'someone-else', delegationId: D1 },
        session('plenary'),
      ),
    ).toBe('unknown_participant');
  });
});
