import { ExternalE2EEKeyProvider, createKeyMaterialFromBuffer } from 'livekit-client';
import type { KeysView } from '@majlis/shared';
import { ApiError } from '../api/http.ts';
import { call, getSocket, listen } from '../realtime/socket.ts';
import { base64url, fromBase64url, loadDevice, type StoredDevice } from './deviceStore.ts';
import { newMediaKey, securityCode, unwrapMediaKey, wrapMediaKey, type Bytes } from './keys.ts';

/** livekit-client's key ring holds 16 keys; the frame trailer names the slot. */
const KEY_RING_SIZE = 16;

/**
 * livekit-client 2.23's ExternalE2EEKeyProvider sets every key at slot 0.
 * Setting the key at the relay's key index (modulo the ring) instead lets
 * frames sent with the old key still decrypt while the new one arrives, and
 * makes the sender move to the new slot (CONF-2).
 */
export class IndexedKeyProvider extends ExternalE2EEKeyProvider {
  async setIndexedKey(key: Bytes, keyIndex: number): Promise<void> {
    const material = await createKeyMaterialFromBuffer(key.buffer);
    this.onSetEncryptionKey(material, undefined, keyIndex % KEY_RING_SIZE);
  }
}

/** What the room shows and tests read: the key index in use and the code to compare aloud. */
export interface MediaKeysState {
  keyIndex: number;
  securityCode: string | undefined;
  /** A refusal or failure, by code; undefined while all is well. */
  problem: string | undefined;
}

/**
 * CONF-1 … CONF-3 on one device in one confidential session: register this
 * browser's device key, and follow the relay. The keyholder's device makes a
 * random media key whenever the set of devices changes (a member came, left
 * or was revoked) and sends it wrapped for each device with the next key
 * index; every other device opens its own copy. Each new key goes straight
 * into livekit-client's key provider. The media key never leaves the device
 * unwrapped.
 */
export class MediaKeys {
  readonly keyProvider = new IndexedKeyProvider();
  private device: StoredDevice | undefined;
  private applied = 0;
  /** The devices the current key was wrapped for, when this device made it. */
  private wrappedFor: ReadonlySet<string> | undefined;
  private state: MediaKeysState = { keyIndex: 0, securityCode: undefined, problem: undefined };
  private readonly listeners = new Set<() => void>();
  private running: Promise<void> | undefined;
  private again = false;
  private readonly stops: (() => void)[] = [];

  constructor(private readonly sessionId: string) {}

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  getState = (): MediaKeysState => this.state;

  async start(): Promise<void> {
    this.device = await loadDevice();
    this.stops.push(
      listen('keys:changed', (notice) => {
        if (notice.sessionId === this.sessionId) this.sync();
      }),
    );
    // A new socket connection follows no Socket.IO room: registering again re-joins it.
    const socket = getSocket();
    const reconnected = () => this.sync();
    socket.io.on('reconnect', reconnected);
    this.stops.push(() => socket.io.off('reconnect', reconnected));
    await this.register();
    this.sync();
  }

  stop(): void {
    for (const s of this.stops.splice(0)) s();
  }

  private async register(): Promise<KeysView> {
    const device = this.mustDevice();
    return call('keys:act', {
      sessionId: this.sessionId,
      command: {
        type: 'register',
        deviceId: device.deviceId,
        publicKey: base64url(device.publicKey),
      },
    });
  }

  private mustDevice(): StoredDevice {
    if (this.device === undefined) throw new Error('the device key is not loaded');
    return this.device;
  }

  /** One pass at a time; a notice during a pass makes one more pass after it. */
  private sync(): void {
    if (this.running !== undefined) {
      this.again = true;
      return;
    }
    this.running = this.pass()
      .then(
        () => this.set({ problem: undefined }),
        (err: unknown) => {
          this.set({
            problem: err instanceof ApiError ? (err.problem?.code ?? 'INTERNAL') : 'INTERNAL',
          });
          // A lost race for a key index: the next pass reads the new state.
          if (err instanceof ApiError && err.problem?.code === 'CONFLICT') this.again = true;
        },
      )
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.sync();
        }
      });
  }

  private async pass(): Promise<void> {
    const device = this.mustDevice();
    let view = await call('keys:get', { sessionId: this.sessionId, deviceId: device.deviceId });
    // Dropped by the relay (this device's owner left the room for a moment): register again.
    if (!view.devices.some((d) => d.deviceId === device.deviceId)) view = await this.register();
    if (view.keyholder === device.deviceId) {
      const now = new Set(view.devices.map((d) => d.deviceId));
      const same =
        this.wrappedFor !== undefined &&
        this.applied === view.keyIndex &&
        now.size === this.wrappedFor.size &&
        [...now].every((id) => this.wrappedFor?.has(id) === true);
      if (!same || view.rotationDue || view.keyIndex === 0) view = await this.rotate(view);
    } else if (view.mine !== null && view.mine.keyIndex > this.applied) {
      const mine = view.mine;
      const sender = view.devices.find((d) => d.deviceId === mine.fromDeviceId);
      if (sender === undefined) throw new Error('the key’s sender is not among the devices');
      const key = await unwrapMediaKey(
        device.privateKey,
        fromBase64url(sender.publicKey),
        { iv: fromBase64url(mine.iv), ciphertext: fromBase64url(mine.ciphertext) },
        {
          sessionId: this.sessionId,
          keyIndex: mine.keyIndex,
          fromDeviceId: mine.fromDeviceId,
          toDeviceId: device.deviceId,
        },
      );
      await this.use(key, mine.keyIndex);
      this.wrappedFor = undefined;
    }
    await this.showCode(view);
  }

  /** CONF-2: a fresh random key for exactly the devices registered now, at the next index. */
  private async rotate(view: KeysView): Promise<KeysView> {
    const device = this.mustDevice();
    const keyIndex = view.keyIndex + 1;
    const key = newMediaKey();
    const wrapped = await Promise.all(
      view.devices.map(async (d) => {
        const w = await wrapMediaKey(device.privateKey, fromBase64url(d.publicKey), key, {
          sessionId: this.sessionId,
          keyIndex,
          fromDeviceId: device.deviceId,
          toDeviceId: d.deviceId,
        });
        return { toDeviceId: d.deviceId, iv: base64url(w.iv), ciphertext: base64url(w.ciphertext) };
      }),
    );
    const next = await call('keys:act', {
      sessionId: this.sessionId,
      command: { type: 'distribute', fromDeviceId: device.deviceId, keyIndex, wrapped },
    });
    await this.use(key, keyIndex);
    this.wrappedFor = new Set(view.devices.map((d) => d.deviceId));
    return next;
  }

  private async use(key: Bytes, keyIndex: number): Promise<void> {
    await this.keyProvider.setIndexedKey(key, keyIndex);
    this.applied = keyIndex;
  }

  private async showCode(view: KeysView): Promise<void> {
    const code =
      this.applied === 0
        ? undefined
        : await securityCode(
            view.devices.map((d) => fromBase64url(d.publicKey)),
            this.applied,
          );
    this.set({ keyIndex: this.applied, securityCode: code });
  }

  private set(patch: Partial<MediaKeysState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }
}
