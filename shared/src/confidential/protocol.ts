import { z } from 'zod';
import { command, notice, type ContractTable } from '../contract.ts';
import { Id, SessionRef } from '../domain/common.ts';
import { DeviceId, KeysCommand, KeysView } from './keys.ts';
import { LobbyCommand, LobbyState, LobbyStatus } from './lobby.ts';

/** One lobby act on one session (CONF-5, ACCESS-8). */
export const LobbyActRequest = z.object({ sessionId: Id, command: LobbyCommand });
export type LobbyActRequest = z.infer<typeof LobbyActRequest>;

/** Told to the person concerned, on each of their devices: they may now join, or may not. */
export const LobbyDecided = z.object({ sessionId: Id, status: LobbyStatus });
export type LobbyDecided = z.infer<typeof LobbyDecided>;

/** The lobby's realtime contract (CONF-5, ACCESS-8). */
export const lobbyContract = {
  /** The chair's or the secretariat's view of the lobby; also starts `lobby:changed` for them. */
  'lobby:get': command({
    input: SessionRef,
    output: LobbyState,
    errors: ['FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  }),
  /** Knock, admit, deny, admit a delegation, invite the secretariat (each refused with a code). */
  'lobby:act': command({
    input: LobbyActRequest,
    output: LobbyState,
    errors: ['FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  }),
  /** To the chair's and the secretariat's consoles after every change; apply if `version` is newer. */
  'lobby:changed': notice(LobbyState),
  'lobby:decided': notice(LobbyDecided),
} as const satisfies ContractTable;

/** One device's request about a session's keys. */
export const KeysRequest = z.object({ sessionId: Id, deviceId: DeviceId.optional() });
export const KeysActRequest = z.object({ sessionId: Id, command: KeysCommand });
export type KeysActRequest = z.infer<typeof KeysActRequest>;

/** Told to the session's member devices: re-read (`keys:get`) to pick up a new key or device. */
export const KeysChanged = z.object({
  sessionId: Id,
  version: z.number().int().nonnegative(),
  keyIndex: z.number().int().nonnegative(),
  rotationDue: z.boolean(),
});
export type KeysChanged = z.infer<typeof KeysChanged>;

/** The media-key relay's realtime contract (CONF-1 … CONF-3): wrapped keys only. */
export const keysContract = {
  'keys:get': command({
    input: KeysRequest,
    output: KeysView,
    errors: ['FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  }),
  /** Register a device's public key, or (the keyholder) hand out a key wrapped per device. */
  'keys:act': command({
    input: KeysActRequest,
    output: KeysView,
    errors: ['FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  }),
  'keys:changed': notice(KeysChanged),
} as const satisfies ContractTable;
