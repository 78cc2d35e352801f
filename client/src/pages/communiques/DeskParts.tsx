import { useId, useState, type SyntheticEvent } from 'react';
import { Link } from 'react-router';
import {
  LANGUAGES as CONTENT_LANGUAGES,
  mayApprove,
  mayDraftFor,
  mayPublish,
  ownIssuer,
  type Claim,
  type Communique,
  type CommuniqueAuthor,
  type LanguageCode,
  type LanguageVersions,
  type Me,
} from '@majlis/shared';
import {
  approveCommunique,
  createCommunique,
  logClaim,
  publishCommunique,
} from '../../api/communiques.ts';
import { listSessions } from '../../api/summits.ts';
import { ErrorAlert } from '../../components/Alerts.tsx';
import { LanguageChecklist } from '../../components/LanguageChecklist.tsx';
import { useAction } from '../../components/useAction.ts';
import { useLoader } from '../../components/useLoader.ts';
import {
  DateTime,
  LocalizedText,
  directionOf,
  useFormat,
  useT,
  type Lang,
} from '../../i18n/index.ts';
import { STATUS_WORDS } from './parts.tsx';

export const authorOf = (me: Me): CommuniqueAuthor =>
  me.kind === 'organiser'
    ? { role: 'organiser', delegationId: null }
    : { role: me.role, delegationId: me.delegationId };

/** `<input type="datetime-local">` gives a local wall time; the API wants an instant. */
const toInstant = (local: string): string | null =>
  local === '' ? null : new Date(local).toISOString();

/** One communiqué in a desk list, with the act the reader may take next. */
export function CommuniqueRow({
  communique,
  author,
  onChanged,
}: {
  communique: Communique;
  author: CommuniqueAuthor;
  onChanged: (c: Communique) => void;
}) {
  const t = useT();
  const format = useFormat();
  const { busy, failure, run } = useAction();
  const { status, issuer, summitId } = communique;
  const first = Object.entries(communique.versions)[0];
  const embargoed =
    status === 'published' &&
    communique.releaseAt !== null &&
    new Date(communique.releaseAt) > new Date();
  const act = (work: () => Promise<Communique>) => run(async () => onChanged(await work()));
  return (
    <li data-testid="communique-row" data-status={status} data-communique-id={communique.id}>
      <span lang={first?.[0]} dir={first === undefined ? undefined : directionOf(first[0])}>
        <strong>{first?.[1].title}</strong>
      </span>{' '}
      <span className="kind-badge">{t(STATUS_WORDS[status])}</span>{' '}
      {embargoed && communique.releaseAt !== null && (
        <span className="kind-badge bad" data-testid="embargo-badge">
          {t('comm.status.embargoed')} <DateTime value={new Date(communique.releaseAt)} />
        </span>
      )}
      <span className="meta">
        {t('comm.desk.languagesList', {
          list: format.list(Object.keys(communique.versions).map(format.languageName)),
        })}
      </span>
      <span className="row-actions">
        {status === 'draft' && mayApprove(author, issuer) && (
          <button
            type="button"
            disabled={busy}
            onClick={() => void act(() => approveCommunique(communique.id))}
          >
            {t('comm.desk.approve')}
          </button>
        )}
        {status === 'approved' && mayPublish(author, summitId, issuer) && (
          <button
            type="button"
            disabled={busy}
            onClick={() => void act(() => publishCommunique(communique.id))}
          >
            {t('comm.desk.publish')}
          </button>
        )}
        {status === 'published' &&
          communique.published.map((p) => (
            <Link key={p.language} to={`/communiques/${communique.id}/${p.language}`}>
              {t('comm.desk.read', { language: format.languageName(p.language) })}
            </Link>
          ))}
      </span>
      {failure && <ErrorAlert error={failure.error} />}
    </li>
  );
}

/** COMM-3: a new draft, in the author's own issuer's name, in the languages chosen. */
export function DraftForm({
  summitId,
  author,
  claims,
  onCreated,
}: {
  summitId: string;
  author: CommuniqueAuthor;
  claims: readonly Claim[];
  onCreated: (c: Communique) => void;
}) {
  const t = useT();
  const format = useFormat();
  const releaseId = useId();
  const citesId = useId();
  const [languages, setLanguages] = useState<Lang[]>(['en']);
  const [texts, setTexts] = useState<Partial<Record<Lang, { title: string; body: string }>>>({});
  const [releaseAt, setReleaseAt] = useState('');
  const [cites, setCites] = useState<string[]>([]);
  const { busy, failure, run } = useAction();
  const issuer = ownIssuer(author, summitId);
  if (issuer === null || !mayDraftFor(author, summitId, issuer)) return null;
  const setText = (lang: Lang, field: 'title' | 'body', value: string) =>
    setTexts((all) => ({
      ...all,
      [lang]: { title: '', body: '', ...all[lang], [field]: value },
    }));
  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    const versions: LanguageVersions = {};
    for (const lang of languages) {
      const text = texts[lang];
      if (text !== undefined) versions[lang] = text;
    }
    await run(async () => {
      onCreated(
        await createCommunique(summitId, {
          versions,
          releaseAt: toInstant(releaseAt),
          supersedes: null,
          cites,
        }),
      );
      setTexts({});
      setCites([]);
    });
  };
  return (
    <form className="form-grid" onSubmit={(e) => void submit(e)} data-testid="draft-form">
      <LanguageChecklist
        legend={t('comm.desk.languages')}
        value={languages}
        onChange={setLanguages}
      />
      {languages.map((lang) => (
        <fieldset key={lang} className="checklist" lang={lang} dir={directionOf(lang)}>
          <legend>{format.languageName(lang)}</legend>
          <label>
            {t('comm.desk.titleField')}
            <input
              value={texts[lang]?.title ?? ''}
              onChange={(e) => setText(lang, 'title', e.target.value)}
              required
              maxLength={300}
              data-testid={`draft-title-${lang}`}
            />
          </label>
          <label>
            {t('comm.desk.bodyField')}
            <textarea
              value={texts[lang]?.body ?? ''}
              onChange={(e) => setText(lang, 'body', e.target.value)}
              required
              rows={6}
              maxLength={20000}
              data-testid={`draft-body-${lang}`}
            />
          </label>
        </fieldset>
      ))}
      <label htmlFor={releaseId}>{t('comm.desk.releaseAt')}</label>
      <input
        id={releaseId}
        type="datetime-local"
        value={releaseAt}
        onChange={(e) => setReleaseAt(e.target.value)}
      />
      {claims.length > 0 && (
        <>
          <label htmlFor={citesId}>{t('comm.desk.cites')}</label>
          <select
            id={citesId}
            multiple
            value={cites}
            onChange={(e) => setCites([...e.target.selectedOptions].map((o) => o.value))}
          >
            {claims.map((c) => (
              <option key={c.id} value={c.id} lang={c.language}>
                {c.text.slice(0, 80)}
              </option>
            ))}
          </select>
        </>
      )}
      <div className="actions">
        <button type="submit" disabled={busy || languages.length === 0}>
          {t('comm.desk.create')}
        </button>
      </div>
      {failure && <ErrorAlert error={failure.error} />}
    </form>
  );
}

/** COMM-5: a false claim seen circulating, logged so its rebuttal time is measured. */
export function ClaimForm({
  summitId,
  onLogged,
}: {
  summitId: string;
  onLogged: (c: Claim) => void;
}) {
  const t = useT();
  const format = useFormat();
  const [text, setText] = useState('');
  const [seenAt, setSeenAt] = useState('');
  const [firstSeenAt, setFirstSeenAt] = useState('');
  const [language, setLanguage] = useState<LanguageCode>('en');
  const { busy, failure, run } = useAction();
  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    await run(async () => {
      onLogged(
        await logClaim(summitId, {
          text,
          seenAt,
          firstSeenAt: toInstant(firstSeenAt) ?? new Date().toISOString(),
          language,
        }),
      );
      setText('');
      setSeenAt('');
    });
  };
  return (
    <form className="form-grid" onSubmit={(e) => void submit(e)} data-testid="claim-form">
      <label>
        {t('comm.claims.text')}
        <textarea
          value={text}
          onChange={(e) => setText(e.target.value)}
          required
          rows={3}
          dir="auto"
        />
      </label>
      <label>
        {t('comm.claims.seenAt')}
        <input value={seenAt} onChange={(e) => setSeenAt(e.target.value)} required dir="auto" />
      </label>
      <label>
        {t('comm.claims.firstSeenAt')}
        <input
          type="datetime-local"
          value={firstSeenAt}
          onChange={(e) => setFirstSeenAt(e.target.value)}
          required
        />
      </label>
      <label>
        {t('comm.claims.language')}
        <select
          value={language}
          onChange={(e) => setLanguage(CONTENT_LANGUAGES.find((l) => l === e.target.value) ?? 'en')}
        >
          {CONTENT_LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {format.languageName(l)}
            </option>
          ))}
        </select>
      </label>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {t('comm.claims.log')}
        </button>
      </div>
      {failure && <ErrorAlert error={failure.error} />}
    </form>
  );
}

/** Each claim with the time its first signed rebuttal took (a REACH figure). */
export function ClaimRows({ claims }: { claims: readonly Claim[] }) {
  const t = useT();
  const format = useFormat();
  return (
    <ul className="rows" data-testid="claims">
      {claims.map((c) => (
        <li key={c.id}>
          <span lang={c.language} dir={directionOf(c.language)}>
            {c.text}
          </span>{' '}
          <span className="meta">
            <bdi>{c.seenAt}</bdi>
          </span>{' '}
          {c.rebuttal === null ? (
            <span className="kind-badge bad">{t('comm.claims.open')}</span>
          ) : (
            <span className="kind-badge good" data-testid="rebuttal-time">
              {t('comm.claims.answered', {
                duration: format.number(c.rebuttal.secondsFromLogging / 60, {
                  style: 'unit',
                  unit: 'minute',
                  unitDisplay: 'long',
                  maximumFractionDigits: 1,
                }),
              })}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** PRESS-1: links to the summit's press briefings, where questions are asked and picked. */
export function BriefingLinks({ summitId }: { summitId: string }) {
  const t = useT();
  const { loaded } = useLoader(summitId, () => listSessions(summitId));
  if (loaded.kind !== 'loaded') return null;
  const briefings = loaded.value.filter((s) => s.kind === 'press_briefing');
  if (briefings.length === 0) return null;
  return (
    <nav aria-label={t('comm.press.briefings')}>
      <h2>{t('comm.press.briefings')}</h2>
      <ul className="rows">
        {briefings.map((s) => (
          <li key={s.id}>
            <Link to={`/sessions/${s.id}/questions`}>
              <LocalizedText value={s.title} />
            </Link>{' '}
            <DateTime value={new Date(s.startsAt)} />
          </li>
        ))}
      </ul>
    </nav>
  );
}
