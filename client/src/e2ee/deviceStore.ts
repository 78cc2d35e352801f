import { newDeviceKeyPair, type Bytes } from './keys.ts';

/**
 * CONF-1: this browser's device key, kept in IndexedDB. IndexedDB stores a
 * CryptoKey object as it is (structured clone), so the private key stays
 * non-extractable: no script, this one included, can read its bytes. One
 * device key per browser profile, made on first use and kept across visits,
 * so the security code the members compare stays the same between joins.
 */
export interface StoredDevice {
  /** 16 random bytes, base64url: the device's name at the relay. */
  deviceId: string;
  privateKey: CryptoKey;
  publicKey: Bytes;
}

const DB = 'majlis-e2ee';
const STORE = 'device';
const KEY = 'current';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB did not open'));
  });
}

function run<T>(
  db: IDBDatabase,
  mode: IDBTransactionMode,
  act: (s: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const request = act(db.transaction(STORE, mode).objectStore(STORE));
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

export const base64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

export function fromBase64url(text: string): Bytes {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) out[i] = binary.charCodeAt(i);
  return out;
}

const isStoredDevice = (v: unknown): v is StoredDevice =>
  typeof v === 'object' &&
  v !== null &&
  'deviceId' in v &&
  typeof v.deviceId === 'string' &&
  'privateKey' in v &&
  v.privateKey instanceof CryptoKey &&
  'publicKey' in v &&
  v.publicKey instanceof Uint8Array;

/** This browser's device key, made and stored on first use. */
export async function loadDevice(): Promise<StoredDevice> {
  const db = await open();
  try {
    // IndexedDB hands back whatever was stored; checked before it is trusted.
    const found: unknown = await run(db, 'readonly', (s) => s.get(KEY));
    if (isStoredDevice(found)) return found;
    const pair = await newDeviceKeyPair();
    const device: StoredDevice = {
      deviceId: base64url(crypto.getRandomValues(new Uint8Array(16))),
      privateKey: pair.privateKey,
      publicKey: pair.publicKey,
    };
    await run(db, 'readwrite', (s) => s.put(device, KEY));
    return device;
  } finally {
    db.close();
  }
}
