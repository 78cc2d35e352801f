/**
 * CONF-1, CONF-3 on the device: the cryptography of confidential sessions,
 * WebCrypto only. A device holds an ECDH P-256 key pair whose private half
 * is not extractable (it stays in the browser's key store); the member who
 * makes a session's media key sends it to each device wrapped for that
 * device: ECDH between the sender's private key and the recipient's public
 * key, HKDF-SHA-256 bound to the session, key index and both devices, then
 * AES-256-GCM. The server only ever sees the wrapped bytes.
 *
 * Not yet wired into the meeting room: see docs/SPEC.md (CONF-1 … CONF-4).
 */

/** Bytes backed by a plain ArrayBuffer, what WebCrypto takes. */
export type Bytes = Uint8Array<ArrayBuffer>;

const ECDH: EcKeyGenParams = { name: 'ECDH', namedCurve: 'P-256' };
/** Raw media keys are 32 random bytes (livekit-client's ExternalE2EEKeyProvider takes them as is). */
export const MEDIA_KEY_BYTES = 32;

export interface DeviceKeyPair {
  /** Not extractable: usable for ECDH on this device only. */
  privateKey: CryptoKey;
  /** The uncompressed P-256 point (65 bytes), what the device registers for the session. */
  publicKey: Bytes;
}

export interface WrapContext {
  sessionId: string;
  keyIndex: number;
  fromDeviceId: string;
  toDeviceId: string;
}

export interface WrappedMediaKey {
  iv: Bytes;
  ciphertext: Bytes;
}

export async function newDeviceKeyPair(): Promise<DeviceKeyPair> {
  const pair = await crypto.subtle.generateKey(ECDH, false, ['deriveBits']);
  const publicKey = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return { privateKey: pair.privateKey, publicKey };
}

export function newMediaKey(): Bytes {
  return crypto.getRandomValues(new Uint8Array(MEDIA_KEY_BYTES));
}

const text = (s: string): Bytes => new TextEncoder().encode(s);

/** Everything the wrapping is bound to: a key wrapped for one context opens in no other. */
const contextBytes = (c: WrapContext): Bytes =>
  text(`majlis media key v1|${c.sessionId}|${c.keyIndex}|${c.fromDeviceId}|${c.toDeviceId}`);

async function wrappingKey(
  ownPrivate: CryptoKey,
  otherPublic: Bytes,
  context: WrapContext,
  usage: 'encrypt' | 'decrypt',
): Promise<CryptoKey> {
  const other = await crypto.subtle.importKey('raw', otherPublic, ECDH, false, []);
  const shared = await crypto.subtle.deriveBits({ name: 'ECDH', public: other }, ownPrivate, 256);
  const hkdf = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: text(context.sessionId), info: contextBytes(context) },
    hkdf,
    { name: 'AES-GCM', length: 256 },
    false,
    [usage],
  );
}

/** The sender's device wraps the media key for one recipient device. */
export async function wrapMediaKey(
  senderPrivate: CryptoKey,
  recipientPublic: Bytes,
  mediaKey: Bytes,
  context: WrapContext,
): Promise<WrappedMediaKey> {
  const key = await wrappingKey(senderPrivate, recipientPublic, context, 'encrypt');
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: contextBytes(context) },
      key,
      mediaKey,
    ),
  );
  return { iv, ciphertext };
}

/** The recipient's device opens a wrapped key; throws when it was not wrapped for it, or was altered. */
export async function unwrapMediaKey(
  recipientPrivate: CryptoKey,
  senderPublic: Bytes,
  wrapped: WrappedMediaKey,
  context: WrapContext,
): Promise<Bytes> {
  const key = await wrappingKey(recipientPrivate, senderPublic, context, 'decrypt');
  return new Uint8Array(
    await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: wrapped.iv, additionalData: contextBytes(context) },
      key,
      wrapped.ciphertext,
    ),
  );
}

const hex = (bytes: Bytes): string =>
  [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');

/**
 * CONF-3: the code members compare aloud. SHA-256 over the session's device
 * public keys, sorted so every member computes it in the same order, and the
 * key index; shown as five groups of four digits. A substituted device key
 * (a server that slips its own key in) or another key index changes it.
 */
export async function securityCode(
  devicePublicKeys: readonly Bytes[],
  keyIndex: number,
): Promise<string> {
  const sorted = devicePublicKeys.map(hex).sort();
  const digest = new Uint8Array(
    await crypto.subtle.digest(
      'SHA-256',
      text(`majlis security code v1|${keyIndex}|${sorted.join('|')}`),
    ),
  );
  const groups: string[] = [];
  for (let i = 0; i < 5; i += 1) {
    const n = (((digest[2 * i] ?? 0) << 8) | (digest[2 * i + 1] ?? 0)) % 10_000;
    groups.push(String(n).padStart(4, '0'));
  }
  return groups.join(' ');
}
