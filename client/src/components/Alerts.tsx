import type { ErrorCode } from '@majlis/shared';
import { ApiError } from '../api/http.ts';
import { errorMessage, useT, type MessageKey } from '../i18n/index.ts';

/**
 * A failed action or load, by its error code, in the reader's language. A
 * page may give a code its own words where the general ones would mislead
 * (a wrong password is `UNAUTHENTICATED`, not "please sign in").
 */
export function ErrorAlert({
  error,
  fieldLabels,
  codeWords = {},
}: {
  error: unknown;
  fieldLabels?: Readonly<Record<string, string>>;
  codeWords?: Partial<Readonly<Record<ErrorCode, MessageKey>>>;
}) {
  const t = useT();
  const code = error instanceof ApiError ? error.problem?.code : undefined;
  const special = code === undefined ? undefined : codeWords[code];
  return (
    <p role="alert" className="bad">
      {special === undefined ? errorMessage(error, t, fieldLabels) : t(special)}
    </p>
  );
}

/** Shown while a page's data is on its way. */
export function Loading() {
  const t = useT();
  return (
    <p role="status" className="muted">
      {t('common.loading')}
    </p>
  );
}
