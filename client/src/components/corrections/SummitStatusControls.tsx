import { SUMMIT_TRANSITIONS, type Summit, type SummitStatus } from '@majlis/shared';
import { updateSummit } from '../../api/corrections.ts';
import { useT, type MessageKey } from '../../i18n/index.ts';
import { ErrorAlert } from '../Alerts.tsx';
import { useAction } from '../useAction.ts';
import { DeleteControl } from './DeleteControl.tsx';

/** The act that moves a summit to each status (SUMMIT-1), as the secretariat names it. */
const MOVE_WORDS: Readonly<Record<SummitStatus, MessageKey>> = {
  draft: 'correction.summitToDraft',
  scheduled: 'correction.summitPublish',
  live: 'correction.summitGoLive',
  closed: 'correction.summitClose',
};

/**
 * The summit's next statuses, from the same transition table the server
 * decides with, and deleting it while it holds nothing (ACCT-3).
 */
export function SummitStatusControls({
  summit,
  title,
  onChanged,
  onDeleted,
}: {
  summit: Summit;
  title: string;
  onChanged: (summit: Summit) => void;
  onDeleted: () => void;
}) {
  const t = useT();
  const { busy, failure, run } = useAction();
  const move = (status: SummitStatus) =>
    run(async () => onChanged(await updateSummit(summit.id, summit.version, { status })));
  return (
    <div className="row-actions" data-testid="summit-controls">
      {SUMMIT_TRANSITIONS[summit.status].map((status) => (
        <button
          key={status}
          type="button"
          className={status === 'closed' ? 'secondary' : undefined}
          disabled={busy}
          onClick={() => void move(status)}
        >
          {t(MOVE_WORDS[status])}
        </button>
      ))}
      <DeleteControl
        target={{ kind: 'summit', id: summit.id }}
        version={summit.version}
        name={title}
        archiveHint="correction.summitArchive"
        onDeleted={onDeleted}
      />
      {failure && (
        <ErrorAlert error={failure.error} codeWords={{ PRECONDITION_FAILED: 'correction.stale' }} />
      )}
    </div>
  );
}
