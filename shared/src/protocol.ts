import { z } from 'zod';
import {
  CommandUnanswered,
  ReplyEnvelope,
  command,
  joinContracts,
  mayAnswer,
  notice,
  type CommandNames,
  type CommandSpec,
  type ContractTable,
  type EdgeError,
  type NoticeNames,
  type NoticeSpec,
} from './contract.ts';
import { SessionRef, Timestamp } from './domain/common.ts';
import type { Result } from './errors.ts';
import { keysContract, lobbyContract } from './confidential/protocol.ts';
import { floorContract } from './floor/protocol.ts';
import { interpretationContract } from './interpretation/protocol.ts';
import { pressContract } from './press/protocol.ts';
import { sessionContract } from './sessions/contract.ts';
import { voteContract } from './votes/protocol.ts';

/**
 * The realtime protocol. Commands are imperative (`entity:verb`), notices
 * past tense. Each feature declares its contract table beside its schemas
 * (see `contract.ts`); this file joins them and derives everything else.
 */
export const AccessRevoked = z.object({ reason: z.enum(['revoked', 'signed_out']) });
export type AccessRevoked = z.infer<typeof AccessRevoked>;

export const Hello = z.object({
  participantId: z.string().nullable(),
  summitId: z.string().nullable(),
  serverTime: Timestamp,
});
export type Hello = z.infer<typeof Hello>;

export const ServerClock = z.object({ serverTime: Timestamp });
export type ServerClock = z.infer<typeof ServerClock>;

/** The connection itself: the clock, following a session, being let in and cut off. */
export const coreContract = {
  'clock:sync': command({ input: z.object({}), output: ServerClock, errors: [] }),
  /** Follow a session's live state (floor, votes, channels): joins its broadcast room. */
  'session:watch': command({
    input: SessionRef,
    output: SessionRef,
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  }),
  'session:unwatch': command({ input: SessionRef, output: SessionRef, errors: [] }),
  'connection:accepted': notice(Hello),
  'access:revoked': notice(AccessRevoked),
} as const satisfies ContractTable;

/**
 * Every feature's table, joined. A new feature adds one import and one
 * `.and(...)` here; an event name declared twice stops the module loading.
 */
export const contract = joinContracts(coreContract)
  .and(floorContract)
  .and(interpretationContract)
  .and(voteContract)
  .and(sessionContract)
  .and(lobbyContract)
  .and(keysContract)
  .and(pressContract).table;
export type Contract = typeof contract;

export type CommandName = CommandNames<Contract>;
export type NoticeName = NoticeNames<Contract>;
type CommandOf<E extends CommandName> = Extract<Contract[E], CommandSpec>;
type NoticeOf<N extends NoticeName> = Extract<Contract[N], NoticeSpec>;

/** What a client sends (before parsing: defaults may be left out). */
export type CommandInput<E extends CommandName> = z.input<CommandOf<E>['input']>;
/** What the server's handler receives, parsed. */
export type CommandArgs<E extends CommandName> = z.output<CommandOf<E>['input']>;
/** What the handler returns and the caller receives. */
export type CommandOutput<E extends CommandName> = z.output<CommandOf<E>['output']>;
/** Every code the command may answer: its own and the edge's. */
export type CommandCode<E extends CommandName> = CommandOf<E>['errors'][number] | EdgeError;
export type CommandReply<E extends CommandName> = Result<CommandOutput<E>, CommandCode<E>>;
export type NoticePayload<N extends NoticeName> = z.output<NoticeOf<N>['payload']>;

/**
 * The commands and notices re-typed as one mapped type, so that indexing by
 * a generic event name keeps its schemas' types (TypeScript's pattern for
 * correlated unions): `commands[event].input.parse(x)` is `CommandArgs<E>`.
 */
export type Commands = {
  readonly [E in CommandName]: CommandSpec<
    z.ZodType<CommandArgs<E>, CommandInput<E>>,
    z.ZodType<CommandOutput<E>>,
    CommandOf<E>['errors'][number]
  >;
};
export type Notices = {
  readonly [N in NoticeName]: NoticeSpec<z.ZodType<NoticePayload<N>>>;
};
export const commands: Commands = contract;
export const notices: Notices = contract;

const table: ContractTable = contract;
/** Narrows a name that came off the wire (an `onAny` listener's) to a notice of the contract. */
export const isNoticeName = (event: string): event is NoticeName => table[event]?.kind === 'notice';
/** Narrows a name that came off the wire to a command of the contract. */
export const isCommandName = (event: string): event is CommandName =>
  table[event]?.kind === 'command';

/** Socket.IO's maps, derived: a wrong event name, payload or reply does not compile. */
export type ClientToServerEvents = {
  [E in CommandName]: (input: CommandInput<E>, ack: (reply: CommandReply<E>) => void) => void;
};
export type ServerToClientEvents = {
  [N in NoticeName]: (payload: NoticePayload<N>) => void;
};

/** Nothing passes between server nodes except through the adapter yet. */
export interface InterServerEvents {
  'node:ping': () => void;
}

export interface SocketData {
  principalKind: 'organiser' | 'participant';
  principalId: string;
  summitId: string | null;
}

/**
 * What sending a command needs of a Socket.IO client socket. Its typed maps
 * cannot be indexed by a generic event name, so callers pass the same socket
 * seen through socket.io-client's default (untyped) maps; the types come back
 * from the contract, and the reply is parsed against it.
 */
export interface CommandChannel {
  timeout(ms: number): { emitWithAck(event: string, input: unknown): Promise<unknown> };
}

/**
 * Sends one command and resolves with its reply, parsed against the
 * contract. Rejects with `CommandUnanswered` when no answer came within
 * `timeoutMs` (or the connection dropped first), or the answer is not one
 * the contract allows. The client's `call` and the test harness's `ask` are
 * both this.
 */
export async function sendCommand<E extends CommandName>(
  channel: CommandChannel,
  event: E,
  input: CommandInput<E>,
  timeoutMs: number,
): Promise<CommandReply<E>> {
  let raw: unknown;
  try {
    raw = await channel.timeout(timeoutMs).emitWithAck(event, input);
  } catch (cause) {
    throw new CommandUnanswered(event, 'no_answer', { cause });
  }
  return readReply(event, raw);
}

/** An ack's reply, checked: its data against the command's output, its code against its errors. */
export function readReply<E extends CommandName>(event: E, raw: unknown): CommandReply<E> {
  const spec = commands[event];
  const envelope = ReplyEnvelope.safeParse(raw);
  if (!envelope.success) throw new CommandUnanswered(event, 'malformed', { cause: envelope.error });
  if (envelope.data.ok) {
    const data = spec.output.safeParse(envelope.data.data);
    if (!data.success) throw new CommandUnanswered(event, 'malformed', { cause: data.error });
    return { ok: true, data: data.data };
  }
  const { code, message, issues } = envelope.data.error;
  if (!mayAnswer(spec, code))
    throw new CommandUnanswered(event, 'malformed', {
      cause: new Error(`${event} does not declare ${code}`),
    });
  return { ok: false, error: { code, message, ...(issues ? { issues } : {}) } };
}
