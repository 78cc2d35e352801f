import { z } from 'zod';
import { Timestamp } from '../domain/common.ts';
import { allow, refuse, type Decision } from '../domain/decision.ts';

/**
 * CONF-1, CONF-2 on the server: the relay of a confidential session's media
 * keys, which it can never read. Devices register their public keys; the
 * keyholder's device (the chair's, else the first registered member's)
 * uploads the media key wrapped for each device; a device fetches what was
 * wrapped for it. A member leaving or revoked makes a rotation due: the next
 * upload must carry the next key index. Pure: `(state, command, actor) ->
 * state`, refusals typed.
 */

const b64url = (min: number, max: number) =>
  z
    .string()
    .min(min)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+$/, 'is not base64url');

/** A device's own random id (base64url, chosen on the device). */
export const DeviceId = b64url(16, 64);
/** An uncompressed P-256 point: 65 bytes, 87 base64url characters. */
export const DevicePublicKey = b64url(87, 87);

export const RegisteredDevice = z.object({
  deviceId: DeviceId,
  /** The media identity of the device's owner (`p-…` or `org-…`). */
  owner: z.string().min(1).max(64),
  publicKey: DevicePublicKey,
  at: Timestamp,
});
export type RegisteredDevice = z.infer<typeof RegisteredDevice>;

/** A media key wrapped for one device: AES-GCM output, opaque to the server. */
export const WrappedKey = z.object({
  toDeviceId: DeviceId,
  /** 12 bytes. */
  iv: b64url(16, 16),
  /** 32 key bytes and the 16-byte tag. */
  ciphertext: b64url(64, 64),
});
export type WrappedKey = z.infer<typeof WrappedKey>;

export const StoredWrappedKey = WrappedKey.extend({
  keyIndex: z.number().int().positive(),
  fromDeviceId: DeviceId,
});
export type StoredWrappedKey = z.infer<typeof StoredWrappedKey>;

export const SessionKeys = z.object({
  sessionId: z.string(),
  version: z.number().int().nonnegative(),
  /** 0 until the first key is made; each rotation adds one. */
  keyIndex: z.number().int().nonnegative(),
  devices: z.array(RegisteredDevice),
  /** The current key index's wraps only: an older key is never handed out again. */
  wrapped: z.array(StoredWrappedKey),
  /** CONF-2: a member left or was revoked; the next upload must be a new key. */
  rotationDue: z.boolean(),
});
export type SessionKeys = z.infer<typeof SessionKeys>;

export const initialKeys = (sessionId: string): SessionKeys => ({
  sessionId,
  version: 0,
  keyIndex: 0,
  devices: [],
  wrapped: [],
  rotationDue: false,
});

export const KeysCommand = z.discriminatedUnion('type', [
  z.object({ type: z.literal('register'), deviceId: DeviceId, publicKey: DevicePublicKey }),
  z.object({
    type: z.literal('distribute'),
    fromDeviceId: DeviceId,
    keyIndex: z.number().int().positive(),
    wrapped: z.array(WrappedKey).min(1).max(500),
  }),
]);
export type KeysCommand = z.infer<typeof KeysCommand>;

/** Who acts: a member the server has checked may be in the room now. */
export interface KeysActor {
  identity: string;
  /** The session's chair: its device holds the key when registered. */
  presides: boolean;
}

type KeysRefusal = 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT';

/**
 * The device that makes and hands out the media key: the chair's first
 * registered device, else the first registered device of anyone.
 */
export function keyholderOf(state: SessionKeys, chairIdentity: string | null): string | null {
  const chairs = state.devices.find((d) => d.owner === chairIdentity);
  return (chairs ?? state.devices[0])?.deviceId ?? null;
}

export function applyKeys(
  state: SessionKeys,
  command: KeysCommand,
  actor: KeysActor,
  chairIdentity: string | null,
  now: string,
): Decision<SessionKeys, KeysRefusal> {
  switch (command.type) {
    case 'register': {
      const existing = state.devices.find((d) => d.deviceId === command.deviceId);
      if (existing !== undefined && existing.owner !== actor.identity)
        return refuse('CONFLICT', 'That device id is registered to someone else');
      if (existing?.publicKey === command.publicKey) return allow(state);
      const device: RegisteredDevice = {
        deviceId: command.deviceId,
        owner: actor.identity,
        publicKey: command.publicKey,
        at: now,
      };
      return allow({
        ...state,
        version: state.version + 1,
        devices: [...state.devices.filter((d) => d.deviceId !== command.deviceId), device],
        // A new key for a device voids what was wrapped for the old one.
        wrapped: state.wrapped.filter((w) => w.toDeviceId !== command.deviceId),
      });
    }
    case 'distribute': {
      const from = state.devices.find((d) => d.deviceId === command.fromDeviceId);
      if (from?.owner !== actor.identity)
        return refuse('FORBIDDEN', 'Keys come only from a member’s own registered device');
      if (keyholderOf(state, chairIdentity) !== from.deviceId)
        return refuse('FORBIDDEN', 'Only the keyholder’s device hands out the media key');
      const unknown = command.wrapped.find(
        (w) => !state.devices.some((d) => d.deviceId === w.toDeviceId),
      );
      if (unknown !== undefined)
        return refuse('FORBIDDEN', 'A key was wrapped for a device that is not a member’s');
      const rotation = command.keyIndex === state.keyIndex + 1;
      const topUp = command.keyIndex === state.keyIndex && state.keyIndex > 0 && !state.rotationDue;
      if (!rotation && !topUp)
        return refuse(
          'CONFLICT',
          `Stale key index ${command.keyIndex}: the session is at ${state.keyIndex}${state.rotationDue ? ' and due to rotate' : ''}`,
        );
      const stored = command.wrapped.map((w) => ({
        ...w,
        keyIndex: command.keyIndex,
        fromDeviceId: from.deviceId,
      }));
      const kept = rotation
        ? []
        : state.wrapped.filter((w) => !stored.some((s) => s.toDeviceId === w.toDeviceId));
      return allow({
        ...state,
        version: state.version + 1,
        keyIndex: command.keyIndex,
        wrapped: [...kept, ...stored],
        rotationDue: rotation ? false : state.rotationDue,
      });
    }
    default: {
      const unreachable: never = command;
      return unreachable;
    }
  }
}

/**
 * CONF-2: a member left the room or lost access. Their devices go, with what
 * was wrapped for them, and the key must rotate before anything new is sent.
 * Null when they had no device here.
 */
export function forgetOwner(state: SessionKeys, owner: string): SessionKeys | null {
  const gone = state.devices.filter((d) => d.owner === owner).map((d) => d.deviceId);
  if (gone.length === 0) return null;
  return {
    ...state,
    version: state.version + 1,
    devices: state.devices.filter((d) => d.owner !== owner),
    wrapped: state.wrapped.filter((w) => !gone.includes(w.toDeviceId)),
    rotationDue: state.keyIndex > 0 ? true : state.rotationDue,
  };
}

/** What one device reads: the public set (for the security code) and its own wrapped key. */
export const KeysView = z.object({
  sessionId: z.string(),
  version: z.number().int().nonnegative(),
  keyIndex: z.number().int().nonnegative(),
  keyholder: DeviceId.nullable(),
  rotationDue: z.boolean(),
  devices: z.array(RegisteredDevice.pick({ deviceId: true, owner: true, publicKey: true })),
  /** What the keyholder wrapped for the asking device at the current index, if anything. */
  mine: StoredWrappedKey.nullable(),
});
export type KeysView = z.infer<typeof KeysView>;

export function keysViewFor(
  state: SessionKeys,
  deviceId: string | null,
  chairIdentity: string | null,
): KeysView {
  return {
    sessionId: state.sessionId,
    version: state.version,
    keyIndex: state.keyIndex,
    keyholder: keyholderOf(state, chairIdentity),
    rotationDue: state.rotationDue,
    devices: state.devices.map(({ deviceId: id, owner, publicKey }) => ({
      deviceId: id,
      owner,
      publicKey,
    })),
    mine: state.wrapped.find((w) => w.toDeviceId === deviceId) ?? null,
  };
}
