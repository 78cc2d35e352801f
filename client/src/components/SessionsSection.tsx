import { useId, useState } from 'react';
import type { Delegation, Participant, Session, Summit } from '@majlis/shared';
import {
  DateTime,
  LocalizedText,
  localizedText,
  useFormat,
  useLanguage,
  useT,
} from '../i18n/index.ts';
import { AgendaEditor } from './AgendaEditor.tsx';
import { DelegationName } from './DelegationName.tsx';
import { SessionForm } from './SessionForm.tsx';
import { DeleteControl } from './corrections/DeleteControl.tsx';
import { SessionEditForm } from './corrections/SessionEditForm.tsx';
import { SESSION_KIND_WORDS } from './words.ts';

function SessionCard({
  session,
  summit,
  delegations,
  participants,
  onChanged,
  onDeleted,
}: {
  session: Session;
  summit: Summit;
  delegations: readonly Delegation[];
  participants: readonly Participant[];
  onChanged: (session: Session) => void;
  onDeleted: (session: Session) => void;
}) {
  const t = useT();
  const format = useFormat();
  const { lang } = useLanguage();
  const titleId = useId();
  const [editing, setEditing] = useState(false);
  const title = localizedText(session.title, lang, summit.officialLanguages)?.text ?? '';
  const chair = participants.find((p) => p.id === session.chairId);
  const admitted = delegations.filter((d) => session.delegationIds.includes(d.id));
  return (
    <li className="session-card" data-testid="session" data-session-id={session.id}>
      <article aria-labelledby={titleId}>
        <h3 id={titleId}>
          <LocalizedText value={session.title} fallbackLangs={summit.officialLanguages} />
        </h3>
        <dl className="facts">
          <dt>{t('session.kind')}</dt>
          <dd>{t(SESSION_KIND_WORDS[session.kind])}</dd>
          <dt>{t('session.startsAt')}</dt>
          <dd>
            <DateTime value={new Date(session.startsAt)} summitZone={summit.timeZone} />
          </dd>
          <dt>{t('session.endsAt')}</dt>
          <dd>
            <DateTime value={new Date(session.endsAt)} summitZone={summit.timeZone} />
          </dd>
          <dt>{t('session.chair')}</dt>
          <dd>{chair ? <bdi>{chair.name}</bdi> : t('session.noChair')}</dd>
          <dt>{t('session.interpretation')}</dt>
          <dd>
            {session.interpretationLanguages.length === 0
              ? t('session.noInterpretation')
              : format.list(session.interpretationLanguages.map((l) => format.languageName(l)))}
          </dd>
          {session.kind !== 'plenary' && session.kind !== 'press_briefing' && (
            <>
              <dt>{t('session.delegations')}</dt>
              <dd>
                {admitted.length === 0 ? (
                  t('session.allDelegations')
                ) : (
                  <ul className="inline-list">
                    {admitted.map((d) => (
                      <li key={d.id}>
                        <DelegationName delegation={d} fallbackLangs={summit.officialLanguages} />
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
            </>
          )}
        </dl>
        <p>
          <a href={`/sessions/${session.id}/reach`}>{t('reach.link')}</a>
        </p>
        {editing ? (
          <SessionEditForm
            session={session}
            summit={summit}
            delegations={delegations}
            participants={participants}
            onSaved={(s) => {
              setEditing(false);
              onChanged(s);
            }}
            onCancel={() => setEditing(false)}
          />
        ) : (
          <div className="row-actions">
            <button
              type="button"
              onClick={() => setEditing(true)}
              aria-label={t('correction.editNamed', { name: title })}
            >
              {t('correction.edit')}
            </button>
            <DeleteControl
              target={{ kind: 'session', id: session.id }}
              version={session.version}
              name={title}
              archiveHint="correction.sessionArchive"
              onDeleted={() => onDeleted(session)}
            />
          </div>
        )}
        <AgendaEditor session={session} summit={summit} />
      </article>
    </li>
  );
}

/** The summit's sessions, each with its agenda, and a form for the next one. */
export function SessionsSection({
  summit,
  sessions,
  delegations,
  participants,
  onCreated,
  onChanged,
  onDeleted,
}: {
  summit: Summit;
  sessions: readonly Session[];
  delegations: readonly Delegation[];
  participants: readonly Participant[];
  onCreated: (session: Session) => void;
  /** ACCT-3: a session corrected or deleted by the secretariat. */
  onChanged: (session: Session) => void;
  onDeleted: (session: Session) => void;
}) {
  const t = useT();
  return (
    <section className="card" aria-labelledby="sessions-title" id="sessions">
      <h2 id="sessions-title">{t('session.heading')}</h2>
      {sessions.length === 0 ? (
        <p className="muted">{t('session.none')}</p>
      ) : (
        <ol className="sessions" data-testid="sessions">
          {sessions.map((s) => (
            <SessionCard
              key={s.id}
              session={s}
              summit={summit}
              delegations={delegations}
              participants={participants}
              onChanged={onChanged}
              onDeleted={onDeleted}
            />
          ))}
        </ol>
      )}
      <details className="new-thing">
        <summary>{t('session.new')}</summary>
        <SessionForm
          summit={summit}
          delegations={delegations}
          participants={participants}
          onCreated={onCreated}
        />
      </details>
    </section>
  );
}
