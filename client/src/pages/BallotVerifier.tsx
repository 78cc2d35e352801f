import { useId, useState, type ChangeEvent } from 'react';
import { Board, describeProblem, verifyBoard, type BoardReport } from '@majlis/shared/ballots';
import { useT, type MessageKey } from '../i18n/index.ts';

type Checked =
  | { kind: 'idle' }
  | { kind: 'not-a-board' }
  | { kind: 'checked'; board: Board; report: BoardReport };

const OPTION_LABELS: Readonly<Record<string, MessageKey>> = {
  yes: 'vote.choice.yes',
  no: 'vote.choice.no',
  abstain: 'vote.choice.abstain',
};

/**
 * VOTE-8: anyone checks an exported bulletin board in their own browser,
 * with the same shared code as `npm run verify-ballot`; nothing is sent to
 * the server. The problems name ballots by receipt, so a voter can look for
 * their own.
 */
export default function BallotVerifierPage() {
  const t = useT();
  const fieldId = useId();
  const [checked, setChecked] = useState<Checked>({ kind: 'idle' });

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch {
      setChecked({ kind: 'not-a-board' });
      return;
    }
    const board = Board.safeParse(parsed);
    if (!board.success) {
      setChecked({ kind: 'not-a-board' });
      return;
    }
    setChecked({ kind: 'checked', board: board.data, report: verifyBoard(board.data) });
  };

  return (
    <section className="card" aria-labelledby="ballot-verify-title">
      <h1 id="ballot-verify-title">{t('ballotVerify.title')}</h1>
      <p>{t('ballotVerify.intro')}</p>
      <div className="form-grid">
        <label htmlFor={fieldId}>{t('ballotVerify.file')}</label>
        <input
          id={fieldId}
          type="file"
          accept="application/json,.json"
          data-testid="ballot-board-file"
          onChange={(e) => void onFile(e)}
        />
      </div>
      {checked.kind === 'not-a-board' && (
        <p className="bad" role="status" data-testid="ballot-verdict" data-verdict="not_a_board">
          {t('ballotVerify.notBoard')}
        </p>
      )}
      {checked.kind === 'checked' && (
        <div
          role="status"
          data-testid="ballot-verdict"
          data-verdict={checked.report.ok ? 'verified' : 'failed'}
        >
          <p>
            {t('ballotVerify.summary', {
              ballots: checked.report.ballots,
              trustees: checked.board.trustees.length,
              threshold: checked.board.threshold,
            })}
          </p>
          {checked.report.counts !== null && (
            <ul className="rows" data-testid="ballot-counts">
              {checked.board.options.map((option, i) => {
                const label = OPTION_LABELS[option];
                return (
                  <li key={option}>
                    {label === undefined ? option : t(label)}: {checked.report.counts?.[i] ?? 0}
                  </li>
                );
              })}
            </ul>
          )}
          {checked.report.ok ? (
            <p className="good">
              {t(
                checked.board.tally === null
                  ? 'ballotVerify.verifiedNoTally'
                  : 'ballotVerify.verified',
              )}
            </p>
          ) : (
            <>
              <p className="bad">
                {t('ballotVerify.failed', { count: checked.report.problems.length })}
              </p>
              <ul className="rows" dir="ltr" data-testid="ballot-problems">
                {checked.report.problems.map((p, i) => (
                  <li key={i}>{describeProblem(p)}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}
