import { describe, expect, it } from 'vitest';
import {
  applyKeys,
  forgetOwner,
  initialKeys,
  keyholderOf,
  keysViewFor,
  type KeysActor,
  type KeysCommand,
  type SessionKeys,
} from './keys.ts';

const NOW = '2027-02-10T07:00:00.000Z';
const CHAIR = 'p-chairchairchairchairch';
const A = 'p-aaaaaaaaaaaaaaaaaaaaaa';
const B = 'p-bbbbbbbbbbbbbbbbbbbbbb';
const pub = (c: string) => c.repeat(87);
const dev = (c: string) => `device-${c.repeat(12)}`;
const wrap = (to: string) => ({ toDeviceId: to, iv: 'i'.repeat(16), ciphertext: 'c'.repeat(64) });
const actor = (identity: string): KeysActor => ({ identity, presides: identity === CHAIR });

function run(steps: [KeysCommand, string][], state: SessionKeys = initialKeys('s')): SessionKeys {
  for (const [command, who] of steps) {
    const d = applyKeys(state, command, actor(who), CHAIR, NOW);
    if (!d.ok) throw new Error(`${d.refusal.code}: ${d.refusal.message}`);
    state = d.value;
  }
  return state;
}
const refusal = (state: SessionKeys, command: KeysCommand, who: string) => {
  const d = applyKeys(state, command, actor(who), CHAIR, NOW);
  return d.ok ? null : d.refusal.code;
};

const registered = run([
  [{ type: 'register', deviceId: dev('a'), publicKey: pub('A') }, A],
  [{ type: 'register', deviceId: dev('c'), publicKey: pub('C') }, CHAIR],
  [{ type: 'register', deviceId: dev('b'), publicKey: pub('B') }, B],
]);
const distributed = run(
  [
    [
      {
        type: 'distribute',
        fromDeviceId: dev('c'),
        keyIndex: 1,
        wrapped: [wrap(dev('a')), wrap(dev('b')), wrap(dev('c'))],
      },
      CHAIR,
    ],
  ],
  registered,
);

describe('CONF-1 the relay of wrapped media keys', () => {
  it('CONF-1: the chair’s device holds the key, else the first registered device', () => {
    expect(keyholderOf(registered, CHAIR)).toBe(dev('c'));
    expect(keyholderOf(registered, null)).toBe(dev('a'));
  });

  it('CONF-1: each device reads only what was wrapped for it, and the public keys of all', () => {
    const view = keysViewFor(distributed, dev('b'), CHAIR);
    expect(view.keyIndex).toBe(1);
    expect(view.mine?.toDeviceId).toBe(dev('b'));
    expect(view.devices.map((d) => d.publicKey).sort()).toEqual([pub('A'), pub('B'), pub('C')]);
    expect(keysViewFor(distributed, null, CHAIR).mine).toBeNull();
  });

  it('CONF-1: keys from a device that is not the sender’s own, or not the keyholder’s, are FORBIDDEN', () => {
    const cmd = (from: string): KeysCommand => ({
      type: 'distribute',
      fromDeviceId: from,
      keyIndex: 1,
      wrapped: [wrap(dev('a'))],
    });
    expect(refusal(registered, cmd(dev('c')), A)).toBe('FORBIDDEN');
    expect(refusal(registered, cmd(dev('a')), A)).toBe('FORBIDDEN');
    expect(refusal(registered, cmd(dev('z')), A)).toBe('FORBIDDEN');
  });

  it('CONF-1: a key wrapped for a device that is not a member’s is FORBIDDEN', () => {
    expect(
      refusal(
        registered,
        { type: 'distribute', fromDeviceId: dev('c'), keyIndex: 1, wrapped: [wrap(dev('x'))] },
        CHAIR,
      ),
    ).toBe('FORBIDDEN');
  });

  it('CONF-2: the current index tops up a newly registered device; a skipped or old index is a CONFLICT', () => {
    const joined = run(
      [[{ type: 'register', deviceId: dev('d'), publicKey: pub('D') }, A]],
      distributed,
    );
    const send = (keyIndex: number): KeysCommand => ({
      type: 'distribute',
      fromDeviceId: dev('c'),
      keyIndex,
      wrapped: [wrap(dev('d'))],
    });
    expect(refusal(joined, send(1), CHAIR)).toBeNull();
    expect(refusal(joined, send(3), CHAIR)).toBe('CONFLICT');
    const rotated = run([[send(2), CHAIR]], joined);
    expect(refusal(rotated, send(1), CHAIR)).toBe('CONFLICT');
  });

  it('CONF-2: a member who leaves takes their devices; the same index is then refused until a new key comes', () => {
    const after = forgetOwner(distributed, B);
    expect(after?.rotationDue).toBe(true);
    expect(after?.devices.map((d) => d.owner)).not.toContain(B);
    expect(after?.wrapped.map((w) => w.toDeviceId)).not.toContain(dev('b'));
    const state = after ?? distributed;
    expect(
      refusal(
        state,
        { type: 'distribute', fromDeviceId: dev('c'), keyIndex: 1, wrapped: [wrap(dev('a'))] },
        CHAIR,
      ),
    ).toBe('CONFLICT');
    const rotated = run(
      [
        [
          {
            type: 'distribute',
            fromDeviceId: dev('c'),
            keyIndex: 2,
            wrapped: [wrap(dev('a')), wrap(dev('c'))],
          },
          CHAIR,
        ],
      ],
      state,
    );
    expect(rotated.keyIndex).toBe(2);
    expect(rotated.rotationDue).toBe(false);
    expect(rotated.wrapped.every((w) => w.keyIndex === 2)).toBe(true);
    expect(forgetOwner(rotated, B)).toBeNull();
  });

  it('CONF-1: a device id belongs to one owner', () => {
    expect(
      refusal(registered, { type: 'register', deviceId: dev('a'), publicKey: pub('X') }, B),
    ).toBe('CONFLICT');
  });
});
