import { z } from 'zod';

/**
 * The one closed set of error codes. Every HTTP problem and every Socket.IO
 * error ack carries one of these; clients translate them, never the message.
 */
export const ErrorCode = z.enum([
  'INVALID_PAYLOAD',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PRECONDITION_FAILED',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** The single mapping from error code to HTTP status. */
export const httpStatusOf: Readonly<Record<ErrorCode, number>> = {
  INVALID_PAYLOAD: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL: 500,
};

export const FieldIssue = z.object({
  path: z.string(),
  message: z.string(),
});
export type FieldIssue = z.infer<typeof FieldIssue>;

/**
 * What a refused deletion would orphan (ACCT-3): a closed set of kinds, so a
 * client explains each in the reader's language, and how many there are.
 */
export const Dependant = z.object({
  kind: z.enum([
    'session',
    'delegation',
    'participant',
    'communique',
    'agenda_item',
    'motion',
    'chaired_session',
    'admitted_session',
    'signing_key',
    /** It has been used (signed in, opened, taken up): it is in the record; archive it instead. */
    'activity',
  ]),
  count: z.number().int().positive(),
});
export type Dependant = z.infer<typeof Dependant>;

/** RFC 9457 problem details, with our code and field issues as extensions. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  code: ErrorCode,
  issues: z.array(FieldIssue).optional(),
  dependants: z.array(Dependant).optional(),
});
export type Problem = z.infer<typeof Problem>;

export const problemTypeOf = (code: ErrorCode): string =>
  `https://majlis.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`;

/** Reply shape for Socket.IO acks and internal results; `C` narrows the codes a command may answer. */
export type Result<T, C extends ErrorCode = ErrorCode> =
  { ok: true; data: T } | { ok: false; error: { code: C; message: string; issues?: FieldIssue[] } };

export const ok = <T>(data: T): Result<T> => ({ ok: true, data });
