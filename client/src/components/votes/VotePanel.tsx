import { useEffect, useId, useState, type SyntheticEvent } from 'react';
import {
  Motion,
  choicesFor,
  type AgendaItem,
  type BallotChoice,
  type BallotKind,
  type Delegation,
  type MajorityRule,
  type Me,
  type MotionResult,
  type MotionStatus,
  type MotionView,
  type OutcomeReason,
  type Session,
} from '@majlis/shared';
import { ApiError, request } from '../../api/http.ts';
import { getSession, getSummit, listAgendaItems, listDelegations } from '../../api/summits.ts';
import { ErrorAlert } from '../Alerts.tsx';
import {
  LocalizedText,
  errorMessage,
  useFormat,
  useT,
  type Lang,
  type MessageKey,
  type Translate,
} from '../../i18n/index.ts';
import { ConfirmDialog } from '../ConfirmDialog.tsx';
import { DelegationName } from '../DelegationName.tsx';
import {
  LocalizedTextFields,
  localizedFromDraft,
  type LocalizedDraft,
} from '../LocalizedTextFields.tsx';
import { AlternatePicker } from './AlternatePicker.tsx';
import { quorumFigure, storedBallot, useVotes } from './useVotes.ts';
import './votes.css';

const RULE_WORDS: Readonly<Record<MajorityRule, MessageKey>> = {
  simple: 'vote.rule.simple',
  two_thirds: 'vote.rule.two_thirds',
  consensus: 'vote.rule.consensus',
};
const KIND_WORDS: Readonly<Record<BallotKind, MessageKey>> = {
  recorded: 'vote.kind.recorded',
  secret: 'vote.kind.secret',
};
const STATUS_WORDS: Readonly<Record<MotionStatus, MessageKey>> = {
  draft: 'vote.status.draft',
  open: 'vote.status.open',
  counting: 'vote.status.counting',
  closed: 'vote.status.closed',
};
const CHOICE_WORDS: Readonly<Record<BallotChoice | 'not_voting', MessageKey>> = {
  yes: 'vote.choice.yes',
  no: 'vote.choice.no',
  abstain: 'vote.choice.abstain',
  object: 'vote.choice.object',
  not_voting: 'vote.choice.not_voting',
};
const REASON_WORDS: Readonly<Record<OutcomeReason, MessageKey>> = {
  majority_reached: 'vote.reason.majority_reached',
  majority_not_reached: 'vote.reason.majority_not_reached',
  tie: 'vote.reason.tie',
  no_votes: 'vote.reason.no_votes',
  no_objection: 'vote.reason.no_objection',
  objection: 'vote.reason.objection',
};

interface SessionContext {
  session: Session;
  langs: readonly Lang[];
  items: AgendaItem[];
  delegations: Map<string, Delegation>;
}

/** The session, its summit's languages, agenda and delegations: labels for motions and roll calls. */
function useSessionContext(sessionId: string): {
  context: SessionContext | undefined;
  /** Why the labels could not be read; the panel says so rather than lose the chair's form quietly. */
  failure: unknown;
} {
  const [loaded, setLoaded] = useState<{ context?: SessionContext; failure?: unknown }>({});
  useEffect(() => {
    // An object, not a let: the cleanup flips it after the closure was made.
    const guard = { live: true };
    const load = async (): Promise<SessionContext> => {
      const session = await getSession(sessionId);
      const [summit, items, delegations] = await Promise.all([
        getSummit(session.summitId),
        listAgendaItems(sessionId),
        listDelegations(session.summitId),
      ]);
      return {
        session,
        langs: summit.officialLanguages,
        items,
        delegations: new Map(delegations.map((d) => [d.id, d])),
      };
    };
    load().then(
      (context) => guard.live && setLoaded({ context }),
      (failure: unknown) => guard.live && setLoaded({ failure }),
    );
    return () => {
      guard.live = false;
    };
  }, [sessionId]);
  return { context: loaded.context, failure: loaded.failure };
}

function voteError(err: unknown, t: Translate): string {
  if (err instanceof ApiError) {
    const present = quorumFigure(err, 'present');
    const required = quorumFigure(err, 'required');
    const total = quorumFigure(err, 'votingDelegations');
    if (present !== undefined && required !== undefined && total !== undefined)
      return t('vote.error.noQuorum', { present, required, total });
  }
  return errorMessage(err, t);
}

/**
 * Votes in the meeting room (VOTE-1 … VOTE-7): the chair's panel to draft,
 * open and close motions; the ballot card for the delegation's voter with a
 * confirmation; "your delegation has voted" for the rest of the delegation;
 * and for everyone the motion's state and, once closed, its result and chart.
 */
export function VotePanel({ sessionId, me }: { sessionId: string; me: Me }) {
  const t = useT();
  const headingId = useId();
  const { views, loaded, open, close, cast } = useVotes(sessionId);
  const { context, failure } = useSessionContext(sessionId);
  const presides =
    me.kind === 'participant' &&
    me.role === 'chair' &&
    context?.session.chairId === me.participantId;
  return (
    <section className="votes" aria-labelledby={headingId} data-testid="vote-panel">
      <h2 id={headingId}>{t('vote.title')}</h2>
      {failure !== undefined && <ErrorAlert error={failure} />}
      {context && (presides || me.role === 'organiser') && (
        <MotionForm sessionId={sessionId} context={context} />
      )}
      {me.kind === 'participant' && me.role === 'head_of_delegation' && me.delegationId && (
        <AlternatePicker summitId={me.summitId} delegationId={me.delegationId} />
      )}
      {loaded && views.length === 0 && <p>{t('vote.empty')}</p>}
      <ul className="motions">
        {views.map((view) => (
          <li key={view.motion.id}>
            <MotionCard
              view={view}
              presides={presides}
              context={context}
              onOpen={() => open(view.motion.id)}
              onClose={() => close(view.motion.id)}
              onCast={(choice) => cast(view.motion.id, choice)}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}

function MotionForm({ sessionId, context }: { sessionId: string; context: SessionContext }) {
  const t = useT();
  const [text, setText] = useState<LocalizedDraft>({});
  const [agendaItemId, setAgendaItemId] = useState(context.items[0]?.id ?? '');
  const [majority, setMajority] = useState<MajorityRule>('simple');
  const [ballot, setBallot] = useState<BallotKind>('recorded');
  const [changeable, setChangeable] = useState(false);
  const [silenceMinutes, setSilenceMinutes] = useState(60);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const ids = { item: useId(), majority: useId(), ballot: useId(), silence: useId() };

  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    request(Motion, `/sessions/${encodeURIComponent(sessionId)}/motions`, {
      method: 'POST',
      body: {
        agendaItemId,
        text: localizedFromDraft(text, context.langs),
        majority,
        ballot,
        changeable,
        silenceSeconds: majority === 'consensus' ? silenceMinutes * 60 : null,
      },
    }).then(
      () => {
        setText({});
        setBusy(false);
      },
      (err: unknown) => {
        setError(errorMessage(err, t, { text: t('vote.form.text') }));
        setBusy(false);
      },
    );
  };

  return (
    <details className="motion-form">
      <summary>{t('vote.form.title')}</summary>
      <form className="form" onSubmit={submit} data-testid="motion-form">
        <label htmlFor={ids.item}>{t('vote.form.agendaItem')}</label>
        <select
          id={ids.item}
          value={agendaItemId}
          onChange={(e) => setAgendaItemId(e.target.value)}
        >
          {context.items.map((item) => (
            <option key={item.id} value={item.id}>
              {item.title[context.langs[0] ?? 'en'] ?? Object.values(item.title)[0]}
            </option>
          ))}
        </select>
        <LocalizedTextFields
          field={t('vote.form.text')}
          langs={context.langs}
          value={text}
          onChange={setText}
          maxLength={4000}
        />
        <label htmlFor={ids.majority}>{t('vote.form.majority')}</label>
        <select
          id={ids.majority}
          value={majority}
          onChange={(e) => setMajority(e.target.value as MajorityRule)}
          data-testid="motion-majority"
        >
          {(Object.keys(RULE_WORDS) as MajorityRule[]).map((rule) => (
            <option key={rule} value={rule}>
              {t(RULE_WORDS[rule])}
            </option>
          ))}
        </select>
        {majority === 'consensus' && (
          <>
            <label htmlFor={ids.silence}>{t('vote.form.silenceMinutes')}</label>
            <input
              id={ids.silence}
              type="number"
              min={1}
              max={43_200}
              value={silenceMinutes}
              onChange={(e) => setSilenceMinutes(Number(e.target.value))}
            />
          </>
        )}
        <label htmlFor={ids.ballot}>{t('vote.form.ballot')}</label>
        <select
          id={ids.ballot}
          value={ballot}
          onChange={(e) => setBallot(e.target.value as BallotKind)}
          data-testid="motion-ballot"
        >
          {(Object.keys(KIND_WORDS) as BallotKind[]).map((kind) => (
            <option key={kind} value={kind}>
              {t(KIND_WORDS[kind])}
            </option>
          ))}
        </select>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={changeable}
            onChange={(e) => setChangeable(e.target.checked)}
          />
          {t('vote.form.changeable')}
        </label>
        {error !== undefined && <p role="alert">{error}</p>}
        <button type="submit" disabled={busy} data-testid="motion-create">
          {t('vote.form.create')}
        </button>
      </form>
    </details>
  );
}

function MotionCard({
  view,
  presides,
  context,
  onOpen,
  onClose,
  onCast,
}: {
  view: MotionView;
  presides: boolean;
  context: SessionContext | undefined;
  onOpen: () => Promise<void>;
  onClose: () => Promise<void>;
  onCast: (choice: BallotChoice) => Promise<unknown>;
}) {
  const t = useT();
  const format = useFormat();
  const { motion, mine } = view;
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const act = (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    work().then(
      () => setBusy(false),
      (err: unknown) => {
        setError(voteError(err, t));
        setBusy(false);
      },
    );
  };
  const langs = context?.langs ?? [];
  return (
    <article
      className="motion"
      data-testid="motion"
      data-motion-id={motion.id}
      data-status={motion.status}
    >
      <LocalizedText value={motion.text} fallbackLangs={langs} as="p" className="motion-text" />
      <p className="motion-rules">
        {t('vote.rules', {
          rule: t(RULE_WORDS[motion.majority]),
          kind: t(KIND_WORDS[motion.ballot]),
        })}
        {motion.changeable && <> {t('vote.changeable')}</>}
      </p>
      <p role="status" data-testid="motion-status">
        {t(STATUS_WORDS[motion.status])}
      </p>
      {motion.status === 'open' && motion.silenceDeadline !== null && (
        <p>{t('vote.silenceUntil', { at: format.dateTime(new Date(motion.silenceDeadline)) })}</p>
      )}
      {motion.quorum !== null && motion.status !== 'closed' && (
        <p>
          {t('vote.quorumAtOpening', {
            present: motion.quorum.present,
            total: motion.quorum.votingDelegations,
          })}
        </p>
      )}
      {presides && (motion.status === 'draft' || motion.status === 'open') && (
        <div className="row-actions">
          {motion.status === 'draft' ? (
            <button
              type="button"
              disabled={busy}
              onClick={() => act(onOpen)}
              data-testid="vote-open"
            >
              {t('vote.open')}
            </button>
          ) : (
            <button
              type="button"
              disabled={busy}
              onClick={() => act(onClose)}
              data-testid="vote-close"
            >
              {t('vote.close')}
            </button>
          )}
        </div>
      )}
      {motion.status === 'open' && mine !== null && (
        <BallotCard motion={motion} mine={mine} busy={busy} onCast={(c) => act(() => onCast(c))} />
      )}
      {motion.status === 'closed' && motion.result !== null && (
        <ResultView motion={motion} result={motion.result} context={context} />
      )}
      {error !== undefined && (
        <p role="alert" data-testid="vote-error">
          {error}
        </p>
      )}
    </article>
  );
}

function BallotCard({
  motion,
  mine,
  busy,
  onCast,
}: {
  motion: Motion;
  mine: NonNullable<MotionView['mine']>;
  busy: boolean;
  onCast: (choice: BallotChoice) => void;
}) {
  const t = useT();
  const name = useId();
  const [choice, setChoice] = useState<BallotChoice>();
  const [confirming, setConfirming] = useState(false);
  const stored = storedBallot(motion.id);
  if (!mine.eligible) return <p>{t('vote.noVote')}</p>;
  const voted = mine.hasVoted;
  const mayChange = voted && motion.changeable && mine.mayCast && stored !== undefined;
  return (
    <div className="ballot" data-testid="ballot">
      {voted && (
        <p className="voted" role="status" data-testid="delegation-voted">
          {t('vote.delegationVoted')}
        </p>
      )}
      {voted && stored?.receipt && (
        <p>
          {t('vote.yourReceipt')} <code data-testid="receipt">{stored.receipt}</code>
        </p>
      )}
      {!voted && !mine.mayCast && <p>{t('vote.waitingForVoter')}</p>}
      {mine.mayCast && (!voted || mayChange) && (
        <fieldset>
          <legend>{voted ? t('vote.changeBallot') : t('vote.yourBallot')}</legend>
          {choicesFor(motion.majority).map((c) => (
            <label key={c} className="choice">
              <input
                type="radio"
                name={name}
                value={c}
                checked={choice === c}
                onChange={() => setChoice(c)}
                data-testid={`choice-${c}`}
              />
              {t(CHOICE_WORDS[c])}
            </label>
          ))}
          <button
            type="button"
            disabled={choice === undefined || busy}
            onClick={() => setConfirming(true)}
            data-testid="vote-cast"
          >
            {t('vote.cast')}
          </button>
        </fieldset>
      )}
      {confirming && choice !== undefined && (
        <ConfirmDialog
          title={t('vote.confirmTitle')}
          confirmLabel={t('vote.confirmCast')}
          busy={busy}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            onCast(choice);
          }}
        >
          <p>
            {t('vote.confirmText', { choice: t(CHOICE_WORDS[choice]) })}{' '}
            {motion.changeable ? t('vote.confirmChangeable') : t('vote.confirmFinal')}
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}

function ResultView({
  motion,
  result,
  context,
}: {
  motion: Motion;
  result: MotionResult;
  context: SessionContext | undefined;
}) {
  const t = useT();
  const format = useFormat();
  const rows: [BallotChoice, number][] =
    result.rule === 'consensus'
      ? [['object', result.tally.objections]]
      : [
          ['yes', result.tally.yes],
          ['no', result.tally.no],
          ['abstain', result.tally.abstain],
        ];
  const scale = Math.max(1, ...rows.map(([, n]) => n));
  const stored = storedBallot(motion.id);
  return (
    <div className="result" data-testid="vote-result">
      <p className={`outcome outcome-${result.outcome}`} data-testid="vote-outcome">
        {result.outcome === 'adopted' ? t('vote.outcome.adopted') : t('vote.outcome.rejected')}
      </p>
      <p>
        {t(REASON_WORDS[result.reason], {
          required: result.required,
          presentAndVoting: result.presentAndVoting,
        })}
      </p>
      <table className="tally" data-testid="vote-tally">
        <caption>
          {t('vote.tallyCaption', { cast: result.ballotsCast, eligible: result.eligible })}
        </caption>
        <tbody>
          {rows.map(([choice, n]) => (
            <tr key={choice} data-choice={choice}>
              <th scope="row">{t(CHOICE_WORDS[choice])}</th>
              <td className="tally-count">{format.number(n)}</td>
              <td className="tally-bar-cell" aria-hidden="true">
                <span
                  className={`tally-bar bar-${choice}`}
                  style={{ inlineSize: `${String((100 * n) / scale)}%` }}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.roll !== null && (
        <details open>
          <summary>{t('vote.rollCall')}</summary>
          <table className="roll" data-testid="vote-roll">
            <tbody>
              {result.roll.map((entry) => {
                const d = context?.delegations.get(entry.delegationId);
                return (
                  <tr key={entry.delegationId}>
                    <th scope="row">
                      {d ? (
                        <DelegationName delegation={d} fallbackLangs={context?.langs ?? []} />
                      ) : (
                        entry.delegationId
                      )}
                    </th>
                    <td>{t(CHOICE_WORDS[entry.choice])}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </details>
      )}
      {result.receipts !== null && (
        <p>
          {t('vote.receiptsPublished', { count: result.receipts.length })}{' '}
          {stored?.receipt && result.receipts.includes(stored.receipt) && (
            <strong data-testid="receipt-counted">{t('vote.receiptCounted')}</strong>
          )}
        </p>
      )}
    </div>
  );
}
