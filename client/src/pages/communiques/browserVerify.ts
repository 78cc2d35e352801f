import {
  verifySigned,
  type Ed25519Verify,
  type PublicSigningKey,
  type SignedCommunique,
  type Verification,
} from '@majlis/shared';

/**
 * COMM-1 in the browser: WebCrypto's Ed25519 over the same JCS bytes the
 * server signed, against keys.json. Nothing here asks the server whether a
 * document is genuine; it only supplies the keys.
 */
export const webCryptoVerify: Ed25519Verify = async (publicKey, signature, message) => {
  // Copies into fresh ArrayBuffers: WebCrypto takes no view over a shared buffer.
  const key = await crypto.subtle.importKey(
    'raw',
    new Uint8Array(publicKey),
    { name: 'Ed25519' },
    false,
    ['verify'],
  );
  return crypto.subtle.verify(
    { name: 'Ed25519' },
    key,
    new Uint8Array(signature),
    new TextEncoder().encode(message),
  );
};

export function verifyInBrowser(
  signed: SignedCommunique,
  keys: readonly PublicSigningKey[],
  signedAt: Date | null,
): Promise<Verification> {
  return verifySigned(signed, keys, webCryptoVerify, { now: new Date(), signedAt });
}
