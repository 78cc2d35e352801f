import { useState } from 'react';
import type { Dependant } from '@majlis/shared';
import { ApiError } from '../../api/http.ts';
import { deleteEntity, type Deletable } from '../../api/corrections.ts';
import { useT, type MessageKey } from '../../i18n/index.ts';
import { ErrorAlert } from '../Alerts.tsx';
import { ConfirmDialog } from '../ConfirmDialog.tsx';
import { useAction } from '../useAction.ts';

/** ACCT-3: what a refused deletion still has, one sentence per kind. */
const DEPENDANT_WORDS: Readonly<Record<Dependant['kind'], MessageKey>> = {
  session: 'dependant.session',
  delegation: 'dependant.delegation',
  participant: 'dependant.participant',
  communique: 'dependant.communique',
  agenda_item: 'dependant.agenda_item',
  motion: 'dependant.motion',
  chaired_session: 'dependant.chaired_session',
  admitted_session: 'dependant.admitted_session',
  signing_key: 'dependant.signing_key',
  activity: 'dependant.activity',
};

/** The refused deletion's dependants, when the error is one. */
function dependantsOf(error: unknown): Dependant[] | undefined {
  if (!(error instanceof ApiError) || error.problem?.code !== 'CONFLICT') return undefined;
  return error.problem.dependants;
}

/**
 * A Delete button that asks first; when the server refuses because
 * something depends on the thing, the dialog says what and how many, and
 * what to do instead (the `archiveHint`).
 */
export function DeleteControl({
  target,
  version,
  name,
  archiveHint,
  onDeleted,
}: {
  target: Deletable;
  version: number;
  /** The thing as the reader knows it, for the button's label and the question. */
  name: string;
  archiveHint: MessageKey;
  onDeleted: () => void;
}) {
  const t = useT();
  const [asking, setAsking] = useState(false);
  const { busy, failure, run } = useAction();
  const dependants = failure === undefined ? undefined : dependantsOf(failure.error);
  const confirm = () =>
    run(async () => {
      await deleteEntity(target, version);
      setAsking(false);
      onDeleted();
    });
  return (
    <>
      <button
        type="button"
        className="danger"
        onClick={() => setAsking(true)}
        aria-label={t('correction.deleteNamed', { name })}
      >
        {t('correction.delete')}
      </button>
      {asking && (
        <ConfirmDialog
          title={t('correction.deleteTitle', { name })}
          confirmLabel={t('correction.deleteConfirm')}
          onConfirm={() => void confirm()}
          onCancel={() => setAsking(false)}
          busy={busy || dependants !== undefined}
        >
          {dependants === undefined ? (
            <p>{t('correction.deleteExplain')}</p>
          ) : (
            <div role="alert" data-testid="delete-refused">
              <p>{t('correction.deleteRefused')}</p>
              <ul>
                {dependants.map((d) => (
                  <li key={d.kind}>{t(DEPENDANT_WORDS[d.kind], { count: d.count })}</li>
                ))}
              </ul>
              <p>{t(archiveHint)}</p>
            </div>
          )}
          {failure && dependants === undefined && (
            <ErrorAlert
              error={failure.error}
              codeWords={{ PRECONDITION_FAILED: 'correction.stale' }}
            />
          )}
        </ConfirmDialog>
      )}
    </>
  );
}
