import { useId, useState, type SyntheticEvent } from 'react';
import {
  LANGUAGES as CONTENT_LANGUAGES,
  type LanguageCode,
  type Me,
  type PressBriefing,
  type PressQuestion,
  type PressQuestionStatus,
} from '@majlis/shared';
import { getSession } from '../../api/summits.ts';
import { ErrorAlert, Loading } from '../../components/Alerts.tsx';
import { RequireSignIn } from '../../components/RequireSignIn.tsx';
import { useRouteParam } from '../../components/routeParam.ts';
import { useAction } from '../../components/useAction.ts';
import { useLoader } from '../../components/useLoader.ts';
import { DateTime, directionOf, useFormat, useT, type MessageKey } from '../../i18n/index.ts';
import { call } from '../../realtime/socket.ts';
import {
  newerByVersion,
  onNotice,
  useLiveState,
  type LiveStateSpec,
} from '../../realtime/useLiveState.ts';

const STATUS_WORDS: Readonly<Record<PressQuestionStatus, MessageKey>> = {
  pending: 'press.status.pending',
  picked: 'press.status.picked',
  answered: 'press.status.answered',
  withdrawn: 'press.status.withdrawn',
};

/** PRESS-1: the briefing's queue, read once and kept by `press:changed`. */
const livePress: LiveStateSpec<PressBriefing> = {
  load: async (sessionId) => (await call('press:get', { sessionId })).briefing,
  merge: newerByVersion((b) => b.version),
  notices: [
    onNotice('press:changed', ({ briefing }, _current, sessionId) =>
      briefing.sessionId === sessionId ? briefing : undefined,
    ),
  ],
};

function AskForm({
  sessionId,
  onAnswer,
}: {
  sessionId: string;
  onAnswer: (b: PressBriefing) => void;
}) {
  const t = useT();
  const format = useFormat();
  const textId = useId();
  const langId = useId();
  const [text, setText] = useState('');
  const [language, setLanguage] = useState<LanguageCode>('en');
  const { busy, failure, run } = useAction();
  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    await run(async () => {
      onAnswer((await call('press:ask', { sessionId, text, language })).briefing);
      setText('');
    });
  };
  return (
    <form className="form-grid" onSubmit={(e) => void submit(e)} data-testid="press-ask">
      <label htmlFor={textId}>{t('press.text')}</label>
      <textarea
        id={textId}
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={3}
        maxLength={1000}
        required
        dir="auto"
      />
      <label htmlFor={langId}>{t('press.language')}</label>
      <select
        id={langId}
        value={language}
        onChange={(e) => setLanguage(CONTENT_LANGUAGES.find((l) => l === e.target.value) ?? 'en')}
      >
        {CONTENT_LANGUAGES.map((l) => (
          <option key={l} value={l}>
            {format.languageName(l)}
          </option>
        ))}
      </select>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {t('press.submit')}
        </button>
      </div>
      {failure && <ErrorAlert error={failure.error} />}
    </form>
  );
}

function QuestionRow({
  question,
  action,
}: {
  question: PressQuestion;
  action?: { label: MessageKey; run: () => Promise<void> };
}) {
  const t = useT();
  const { busy, failure, run } = useAction();
  return (
    <li data-testid="press-question" data-status={question.status}>
      <span lang={question.language} dir={directionOf(question.language)}>
        {question.text}
      </span>{' '}
      <span className="kind-badge">{t(STATUS_WORDS[question.status])}</span>{' '}
      <span className="meta">
        <DateTime value={new Date(question.askedAt)} />
      </span>
      {action !== undefined && (
        <span className="row-actions">
          <button type="button" disabled={busy} onClick={() => void run(action.run)}>
            {t(action.label)}
          </button>
        </span>
      )}
      {failure && <ErrorAlert error={failure.error} />}
    </li>
  );
}

function Briefing({
  sessionId,
  me,
}: {
  sessionId: string;
  me: Extract<Me, { kind: 'participant' }>;
}) {
  const t = useT();
  const { loaded: session } = useLoader(sessionId, () => getSession(sessionId));
  const { state, failed, apply } = useLiveState(sessionId, livePress);
  const answer = (b: PressBriefing) => apply(() => b);
  if (session.kind === 'failed') return <ErrorAlert error={session.error} />;
  if (session.kind === 'loading' || state === undefined) return failed ? null : <Loading />;
  const moderates =
    me.role === 'spokesperson' ||
    (me.role === 'chair' && session.value.chairId === me.participantId);
  const waiting = state.questions.filter((q) => q.status === 'pending');
  const current = state.questions.find((q) => q.id === state.speaker?.questionId);
  const mine = state.questions.filter((q) => q.journalistId === me.participantId).reverse();
  return (
    <section className="card" aria-labelledby="press-questions-title" data-testid="press-questions">
      <h1 id="press-questions-title">{t('press.title')}</h1>
      {current !== undefined && (
        <>
          <h2>{t('press.current')}</h2>
          <ul className="rows">
            <QuestionRow
              question={current}
              {...(moderates
                ? {
                    action: {
                      label: 'press.end',
                      run: async () => answer((await call('press:end', { sessionId })).briefing),
                    },
                  }
                : {})}
            />
          </ul>
        </>
      )}
      {me.role === 'press' && (
        <>
          <h2>{t('press.ask')}</h2>
          <AskForm sessionId={sessionId} onAnswer={answer} />
          {mine.length > 0 && (
            <ul className="rows" aria-label={t('press.yours')}>
              {mine.map((q) => (
                <QuestionRow
                  key={q.id}
                  question={q}
                  {...(q.status === 'pending'
                    ? {
                        action: {
                          label: 'press.withdraw',
                          run: async () =>
                            answer((await call('press:withdraw', { sessionId })).briefing),
                        },
                      }
                    : {})}
                />
              ))}
            </ul>
          )}
        </>
      )}
      <h2>{t('press.queue')}</h2>
      {waiting.length === 0 ? (
        <p className="muted">{t('press.none')}</p>
      ) : (
        <ul className="rows">
          {waiting.map((q) => (
            <QuestionRow
              key={q.id}
              question={q}
              {...(moderates && state.speaker === null
                ? {
                    action: {
                      label: 'press.pick',
                      run: async () =>
                        answer(
                          (await call('press:pick', { sessionId, questionId: q.id })).briefing,
                        ),
                    },
                  }
                : {})}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

/** `/sessions/:sessionId/questions`: a press briefing's questions (PRESS-1). */
export default function PressQuestionsPage() {
  const sessionId = useRouteParam('sessionId');
  return (
    <RequireSignIn kind="participant">
      {(me) => <Briefing sessionId={sessionId} me={me} />}
    </RequireSignIn>
  );
}
