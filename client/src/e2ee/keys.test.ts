import { describe, expect, it } from 'vitest';
import {
  MEDIA_KEY_BYTES,
  newDeviceKeyPair,
  newMediaKey,
  securityCode,
  unwrapMediaKey,
  wrapMediaKey,
  type WrapContext,
} from './keys.ts';

const context: WrapContext = {
  sessionId: 'sesssesssesssesssesses',
  keyIndex: 3,
  fromDeviceId: 'chair-laptop',
  toDeviceId: 'delegate-phone',
};

describe('CONF-1 media keys wrapped per device', () => {
  it('CONF-1: the recipient device opens the key wrapped for it', async () => {
    const [chair, delegate] = await Promise.all([newDeviceKeyPair(), newDeviceKeyPair()]);
    const key = newMediaKey();
    expect(key).toHaveLength(MEDIA_KEY_BYTES);
    const wrapped = await wrapMediaKey(chair.privateKey, delegate.publicKey, key, context);
    // The wrapped bytes are not the key.
    expect(Buffer.from(wrapped.ciphertext).includes(Buffer.from(key))).toBe(false);
    expect(await unwrapMediaKey(delegate.privateKey, chair.publicKey, wrapped, context)).toEqual(
      key,
    );
  });

  it('CONF-1: the private key never leaves the device', async () => {
    const device = await newDeviceKeyPair();
    expect(device.privateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('pkcs8', device.privateKey)).rejects.toThrow();
  });

  it('CONF-1: another device, another context or altered bytes open nothing', async () => {
    const [chair, delegate, other] = await Promise.all([
      newDeviceKeyPair(),
      newDeviceKeyPair(),
      newDeviceKeyPair(),
    ]);
    const wrapped = await wrapMediaKey(
      chair.privateKey,
      delegate.publicKey,
      newMediaKey(),
      context,
    );
    await expect(
      unwrapMediaKey(other.privateKey, chair.publicKey, wrapped, context),
    ).rejects.toThrow();
    await expect(
      unwrapMediaKey(delegate.privateKey, chair.publicKey, wrapped, { ...context, keyIndex: 4 }),
    ).rejects.toThrow();
    await expect(
      unwrapMediaKey(delegate.privateKey, chair.publicKey, wrapped, {
        ...context,
        toDeviceId: 'someone-else',
      }),
    ).rejects.toThrow();
    const altered = {
      ...wrapped,
      ciphertext: wrapped.ciphertext.map((b, i) => (i === 0 ? b ^ 1 : b)),
    };
    await expect(
      unwrapMediaKey(delegate.privateKey, chair.publicKey, altered, context),
    ).rejects.toThrow();
  });
});

describe('CONF-3 the security code', () => {
  it('CONF-3: every member computes the same code, whatever order they list the devices in', async () => {
    const keys = (await Promise.all([1, 2, 3].map(() => newDeviceKeyPair()))).map(
      (d) => d.publicKey,
    );
    const code = await securityCode(keys, 1);
    expect(code).toMatch(/^\d{4} \d{4} \d{4} \d{4} \d{4}$/);
    expect(await securityCode([...keys].reverse(), 1)).toBe(code);
    expect(
      await securityCode(
        [keys[1], keys[2], keys[0]].filter((k) => k !== undefined),
        1,
      ),
    ).toBe(code);
  });

  it('CONF-3: a substituted device key or another key index changes it', async () => {
    const keys = (await Promise.all([1, 2, 3].map(() => newDeviceKeyPair()))).map(
      (d) => d.publicKey,
    );
    const code = await securityCode(keys, 1);
    const substitute = (await newDeviceKeyPair()).publicKey;
    expect(
      await securityCode(
        [keys[0], keys[1], substitute].filter((k) => k !== undefined),
        1,
      ),
    ).not.toBe(code);
    expect(await securityCode(keys, 2)).not.toBe(code);
  });
});
