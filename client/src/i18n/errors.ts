import type { ErrorCode, FieldIssue } from '@majlis/shared';
import { ApiError } from '../api/http.ts';
import type { MessageKey } from './catalogue.ts';
import type { Translate } from './translate.ts';

/**
 * One message per server error code. Typed as a full record so that a new
 * code in `shared/src/errors.ts` fails the build here until it has words.
 */
const ERROR_MESSAGES: Readonly<Record<ErrorCode, MessageKey>> = {
  INVALID_PAYLOAD: 'error.INVALID_PAYLOAD',
  UNAUTHENTICATED: 'error.UNAUTHENTICATED',
  FORBIDDEN: 'error.FORBIDDEN',
  NOT_FOUND: 'error.NOT_FOUND',
  CONFLICT: 'error.CONFLICT',
  PRECONDITION_FAILED: 'error.PRECONDITION_FAILED',
  RATE_LIMITED: 'error.RATE_LIMITED',
  SERVICE_UNAVAILABLE: 'error.SERVICE_UNAVAILABLE',
  INTERNAL: 'error.INTERNAL',
};

/** Values a server error may carry for its message (a limit, a name, a count). */
export type ErrorParams = Readonly<Record<string, string | number>>;

/**
 * A server error in the reader's language, from its code and parameters. The
 * server's English `title`/`detail` are for logs and API users, never shown.
 * `fieldLabels` names the form's fields (already translated) so an invalid
 * field is pointed out by the label the reader sees; unknown paths add nothing.
 */
export function problemMessage(
  problem: { code: ErrorCode; params?: ErrorParams | undefined; issues?: FieldIssue[] | undefined },
  t: Translate,
  fieldLabels: Readonly<Record<string, string>> = {},
): string {
  const lines = [t(ERROR_MESSAGES[problem.code], problem.params)];
  const fields = new Set(
    (problem.issues ?? []).flatMap((issue) => {
      const label = fieldLabels[issue.path];
      return label === undefined ? [] : [label];
    }),
  );
  for (const field of fields) lines.push(t('error.invalidField', { field }));
  return lines.join(' ');
}

/** Any error a page caught, as one sentence in the reader's language. */
export function errorMessage(
  err: unknown,
  t: Translate,
  fieldLabels?: Readonly<Record<string, string>>,
): string {
  if (err instanceof ApiError) {
    return err.problem
      ? problemMessage(err.problem, t, fieldLabels)
      : t('error.http', { status: err.status });
  }
  // fetch() rejects with a TypeError when the server cannot be reached at all.
  if (err instanceof TypeError) return t('error.network');
  return t('error.unknown');
}
