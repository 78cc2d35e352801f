import type { ErrorCode, FieldIssue } from '../errors.ts';

/**
 * What a pure rule answers: the decided value, or a refusal carrying the
 * closed code the server replies with. Rules never throw for a "no"; the
 * server turns a refusal into its problem+json or error ack in one place.
 */
export interface Refusal<C extends ErrorCode = ErrorCode> {
  code: C;
  message: string;
  issues?: FieldIssue[];
}

export type Decision<T, C extends ErrorCode = ErrorCode> =
  { ok: true; value: T } | { ok: false; refusal: Refusal<C> };

export const allow = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

export const refuse = <C extends ErrorCode>(
  code: C,
  message: string,
  issues?: FieldIssue[],
): { ok: false; refusal: Refusal<C> } => ({
  ok: false,
  refusal: { code, message, ...(issues === undefined ? {} : { issues }) },
});

/** A refusal naming one field, the way INVALID_PAYLOAD names fields everywhere else. */
export const refuseField = (
  path: string,
  message: string,
): { ok: false; refusal: Refusal<'INVALID_PAYLOAD'> } =>
  refuse('INVALID_PAYLOAD', `${path}: ${message}`, [{ path, message }]);
