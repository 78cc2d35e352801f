import { describe, expect, it } from 'vitest';
import { canonicalJson, chain, verifyChain, GENESIS, type RecordBody } from './record.ts';
import { encodeTx } from './tx.ts';

const body = (act: string): RecordBody => ({
  at: '2027-01-01T00:00:00.000Z',
  actor: { kind: 'organiser', id: 'u1' },
  act,
  subject: { type: 'summit', id: 's1' },
  changes: { b: 1, a: { d: 2, c: 3 } },
});

describe('record hash chain (ACCESS-5)', () => {
  it('serialises objects with sorted keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 1, e: 2 }] } })).toBe(
      '{"a":{"c":[3,{"e":2,"f":1}],"d":2},"b":1}',
    );
  });

  it('links each entry to the one before and detects edits, removals and reordering', () => {
    const e0 = chain(null, body('summit.created'));
    const e1 = chain({ seq: e0.seq, hash: e0.hash }, body('summit.updated'));
    const e2 = chain({ seq: e1.seq, hash: e1.hash }, body('delegation.created'));
    expect(e0.prev).toBe(GENESIS);
    expect([e0.seq, e1.seq, e2.seq]).toEqual([0, 1, 2]);
    expect(e1.prev).toBe(e0.hash);
    expect(verifyChain([e0, e1, e2])).toEqual({ ok: true });
    expect(verifyChain([e0, { ...e1, changes: { b: 2 } }, e2])).toEqual({ ok: false, brokenAt: 1 });
    expect(verifyChain([e0, e2])).toEqual({ ok: false, brokenAt: 2 });
    expect(verifyChain([e1, e0, e2])).toEqual({ ok: false, brokenAt: 1 });
  });
});

describe('encodeTx', () => {
  it('passes every key through KEYS once and refers to it by index', () => {
    const { keys, arg } = encodeTx({
      checks: [
        { key: 'k:a', version: 3 },
        { key: 'k:b', absent: true },
      ],
      writes: [
        { op: 'set', key: 'k:a', value: '{"version":4}' },
        { op: 'zadd', key: 'k:z', score: 1.5, member: 'm' },
      ],
    });
    expect(keys).toEqual(['k:a', 'k:b', 'k:z']);
    expect(JSON.parse(arg)).toEqual({
      c: [
        [1, 3],
        [2, 0],
      ],
      w: [
        ['set', 1, '{"version":4}', '0'],
        ['zadd', 3, '1.5', 'm'],
      ],
    });
  });
});
