import { z } from 'zod';
import { ErrorCode, FieldIssue } from './errors.ts';

/**
 * The realtime contract's two building blocks. Each feature writes ONE table
 * beside its schemas, keyed by event name (`entity:verb`):
 *
 *     export const floorContract = {
 *       'floor:get': command({ input: SessionRef, output: FloorView, errors: ['NOT_FOUND'] }),
 *       'floor:changed': notice(FloorView),
 *     } as const satisfies ContractTable;
 *
 * `protocol.ts` joins every feature's table into one and derives the
 * Socket.IO event maps, the server's handler types and the client's `call`
 * from it, so nothing past the edge is typed by hand.
 */

/**
 * Codes every command may answer whatever it declares: the edge itself
 * produces them (bad payload, signed out, throttled, store away, a bug).
 */
export const EDGE_ERRORS = [
  'INVALID_PAYLOAD',
  'UNAUTHENTICATED',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
  'INTERNAL',
] as const satisfies readonly ErrorCode[];
export type EdgeError = (typeof EDGE_ERRORS)[number];
/** The codes a command declares itself: what its rules refuse with. */
export type RuleError = Exclude<ErrorCode, EdgeError>;

/** Client → server, answered once by an ack carrying a `Result`. */
export interface CommandSpec<
  I extends z.ZodType = z.ZodType,
  O extends z.ZodType = z.ZodType,
  C extends RuleError = RuleError,
> {
  readonly kind: 'command';
  /** Parsed at the server's edge; unknown keys are dropped. */
  readonly input: I;
  /** What the handler must return; checked before it leaves the server. */
  readonly output: O;
  /** The closed set of codes its rules refuse with (besides `EDGE_ERRORS`). */
  readonly errors: readonly C[];
}

/** Server → client, no answer: a change the client merges into what it shows. */
export interface NoticeSpec<P extends z.ZodType = z.ZodType> {
  readonly kind: 'notice';
  readonly payload: P;
}

export type ContractTable = Readonly<Record<string, CommandSpec | NoticeSpec>>;

export function command<
  I extends z.ZodType,
  O extends z.ZodType,
  const C extends RuleError = never,
>(spec: { input: I; output: O; errors: readonly C[] }): CommandSpec<I, O, C> {
  return { kind: 'command', input: spec.input, output: spec.output, errors: spec.errors };
}

export function notice<P extends z.ZodType>(payload: P): NoticeSpec<P> {
  return { kind: 'notice', payload };
}

/** Feature tables being joined into one; `.table` is the result. */
export interface ContractJoin<T extends ContractTable> {
  readonly table: T;
  and<B extends ContractTable>(next: B): ContractJoin<T & B>;
}

/**
 * Joins feature tables: `joinContracts(core).and(floor).and(votes).table`.
 * An event name declared by two tables throws when the module loads, so no
 * feature's event silently replaces another's.
 */
export function joinContracts<T extends ContractTable>(table: T): ContractJoin<T> {
  return {
    table,
    and<B extends ContractTable>(next: B): ContractJoin<T & B> {
      for (const event of Object.keys(next))
        if (Object.hasOwn(table, event))
          throw new Error(`${event} is declared by two contract tables`);
      return joinContracts({ ...table, ...next });
    },
  };
}

/** The event names of a table's commands. */
export type CommandNames<T> = {
  [K in keyof T]: T[K] extends CommandSpec ? K : never;
}[keyof T] &
  string;
/** The event names of a table's notices. */
export type NoticeNames<T> = {
  [K in keyof T]: T[K] extends NoticeSpec ? K : never;
}[keyof T] &
  string;

/** Socket.IO ack replies, whatever the command: checked before their data is. */
export const ReplyEnvelope = z.discriminatedUnion('ok', [
  // The data is parsed next, with the command's own output schema.
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error: z.object({
      code: ErrorCode,
      message: z.string(),
      issues: z.array(FieldIssue).optional(),
    }),
  }),
]);

/** True when `code` is one a command may answer: one it declares, or an edge code. */
export function mayAnswer<C extends RuleError>(
  spec: { readonly errors: readonly C[] },
  code: ErrorCode,
): code is C | EdgeError {
  const declared: readonly ErrorCode[] = spec.errors;
  const edge: readonly ErrorCode[] = EDGE_ERRORS;
  return declared.includes(code) || edge.includes(code);
}

/**
 * A command that got no valid answer: none within the time allowed (or the
 * connection dropped first), or one that does not match the contract.
 */
export class CommandUnanswered extends Error {
  override name = 'CommandUnanswered';
  constructor(
    readonly event: string,
    readonly reason: 'no_answer' | 'malformed',
    options?: { cause: unknown },
  ) {
    super(
      reason === 'no_answer'
        ? `${event}: no answer from the server`
        : `${event}: the answer does not match the contract`,
      options,
    );
  }
}
