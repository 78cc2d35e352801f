import { z } from 'zod';
import { command, notice, type ContractTable } from '../contract.ts';
import { Id, SessionRef } from '../domain/common.ts';
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
