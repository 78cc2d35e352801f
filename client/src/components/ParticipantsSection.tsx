import { useId, useState, type SyntheticEvent } from 'react';
import {
  DELEGATION_ROLES,
  ParticipantRole,
  Rank,
  type Delegation,
  type InvitationCreated,
  type Participant,
  type Summit,
} from '@majlis/shared';
import { mailInvitation } from '../api/sign-in.ts';
import { createInvitation, createParticipant, revokeParticipant } from '../api/summits.ts';
import { DateTime, LANGUAGES, isLang, useFormat, useT, type Lang } from '../i18n/index.ts';
import { ErrorAlert } from './Alerts.tsx';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { DeleteControl } from './corrections/DeleteControl.tsx';
import { CopyButton } from './CopyButton.tsx';
import { DelegationName, useDelegationText } from './DelegationName.tsx';
import { LanguageChecklist } from './LanguageChecklist.tsx';
import { PARTICIPANT_STATUS_WORDS, RANK_WORDS, ROLE_WORDS } from './words.ts';
import { useAction } from './useAction.ts';

/** How long an invitation link lasts, in days: one to thirty (the server's limit). */
const EXPIRY_DAYS = [1, 3, 7, 14, 30] as const;

function ParticipantForm({
  summit,
  delegations,
  onCreated,
}: {
  summit: Summit;
  delegations: readonly Delegation[];
  onCreated: (participant: Participant) => void;
}) {
  const t = useT();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<ParticipantRole>('delegate');
  const [rank, setRank] = useState<Rank>('official');
  const [delegationId, setDelegationId] = useState('');
  const [languages, setLanguages] = useState<Lang[]>([]);
  const [booth, setBooth] = useState<Lang | ''>('');
  const { busy, failure, run } = useAction();
  const labels = {
    name: t('participant.name'),
    email: t('participant.email'),
    role: t('participant.role'),
    rank: t('participant.rank'),
    delegationId: t('participant.delegation'),
    languages: t('participant.languages'),
    boothLanguage: t('participant.booth'),
  };
  const needsDelegation = DELEGATION_ROLES.includes(role);
  const interpreter = role === 'interpreter';
  const format = useFormat();
  const delegationText = useDelegationText();

  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    await run(async () => {
      const participant = await createParticipant(summit.id, {
        name,
        ...(email.trim() === '' ? {} : { email: email.trim() }),
        role,
        rank,
        delegationId: delegationId === '' ? null : delegationId,
        languages,
        boothLanguage: interpreter && booth !== '' ? booth : null,
      });
      setName('');
      setEmail('');
      onCreated(participant);
    });
  };

  return (
    <form className="form-grid" onSubmit={(e) => void submit(e)} data-testid="participant-form">
      <label>
        {labels.name}
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          maxLength={120}
          autoComplete="off"
          dir="auto"
        />
      </label>
      <label>
        {labels.email}
        <input
          type="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          autoComplete="off"
          dir="ltr"
        />
      </label>
      <label>
        {labels.role}
        <select value={role} onChange={(e) => setRole(ParticipantRole.parse(e.target.value))}>
          {ParticipantRole.options.map((r) => (
            <option key={r} value={r}>
              {t(ROLE_WORDS[r])}
            </option>
          ))}
        </select>
      </label>
      <label>
        {labels.rank}
        <select value={rank} onChange={(e) => setRank(Rank.parse(e.target.value))}>
          {Rank.options.map((r) => (
            <option key={r} value={r}>
              {t(RANK_WORDS[r])}
            </option>
          ))}
        </select>
      </label>
      <label>
        {labels.delegationId}
        <select
          value={delegationId}
          onChange={(e) => setDelegationId(e.target.value)}
          required={needsDelegation}
        >
          <option value="">{t('participant.noDelegation')}</option>
          {delegations.map((d) => (
            // `<option>` holds text only, so the name is resolved to a string.
            <option key={d.id} value={d.id}>
              {delegationText(d, summit.officialLanguages)}
            </option>
          ))}
        </select>
      </label>
      <LanguageChecklist legend={labels.languages} value={languages} onChange={setLanguages} />
      {interpreter && (
        <label>
          {labels.boothLanguage}
          <select
            value={booth}
            onChange={(e) => setBooth(isLang(e.target.value) ? e.target.value : '')}
            required
          >
            <option value="">{t('participant.chooseBooth')}</option>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {format.languageName(l)}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="actions">
        <button type="submit" disabled={busy}>
          {t('participant.create')}
        </button>
      </div>
      {failure && <ErrorAlert error={failure.error} fieldLabels={labels} />}
    </form>
  );
}

/** The invitation link, shown this once: the server keeps only its hash. */
function InvitationNotice({
  participant,
  invitation,
  onDone,
}: {
  participant: Participant;
  invitation: InvitationCreated;
  onDone: () => void;
}) {
  const t = useT();
  const linkId = useId();
  return (
    <div
      className="invitation"
      role="region"
      aria-labelledby={`${linkId}-title`}
      data-testid="invitation"
    >
      <h3 id={`${linkId}-title`}>{t('invitation.for', { name: participant.name })}</h3>
      <p>{t('invitation.once')}</p>
      <label htmlFor={linkId}>{t('invitation.link')}</label>
      <div className="link-box">
        <input
          id={linkId}
          readOnly
          value={invitation.url}
          dir="ltr"
          data-testid="invitation-link"
          onFocus={(e) => e.target.select()}
        />
        <CopyButton text={invitation.url} label={t('invitation.copy')} />
      </div>
      <p className="muted">
        {t('invitation.expires')} <DateTime value={new Date(invitation.expiresAt)} />
      </p>
      <button type="button" className="secondary" onClick={onDone}>
        {t('invitation.done')}
      </button>
    </div>
  );
}

function ParticipantRow({
  participant,
  summit,
  delegations,
  onInvite,
  onMail,
  onRevoke,
  onDeleted,
}: {
  participant: Participant;
  summit: Summit;
  delegations: readonly Delegation[];
  onInvite: () => void;
  /** ACCT-1: send the invitation to the participant's address. */
  onMail: () => void;
  onRevoke: () => void;
  onDeleted: () => void;
}) {
  const t = useT();
  const delegation = delegations.find((d) => d.id === participant.delegationId);
  const revoked = participant.status === 'revoked';
  return (
    <tr data-testid="participant" data-participant-id={participant.id}>
      <td>
        <bdi>{participant.name}</bdi>
      </td>
      <td>{t(ROLE_WORDS[participant.role])}</td>
      <td>{t(RANK_WORDS[participant.rank])}</td>
      <td>
        {delegation ? (
          <DelegationName delegation={delegation} fallbackLangs={summit.officialLanguages} />
        ) : (
          t('participant.noDelegation')
        )}
      </td>
      <td data-testid="participant-status">{t(PARTICIPANT_STATUS_WORDS[participant.status])}</td>
      <td className="row-actions">
        {!revoked && (
          <>
            <button
              type="button"
              onClick={onInvite}
              aria-label={t('invitation.createFor', { name: participant.name })}
            >
              {t('invitation.create')}
            </button>
            {participant.email !== undefined && (
              <button
                type="button"
                onClick={onMail}
                aria-label={t('invitation.mailNamed', { name: participant.name })}
              >
                {t('invitation.mail')}
              </button>
            )}
            <button
              type="button"
              className="danger"
              onClick={onRevoke}
              aria-label={t('participant.revokeNamed', { name: participant.name })}
            >
              {t('participant.revoke')}
            </button>
            <DeleteControl
              target={{ kind: 'participant', id: participant.id }}
              version={participant.version}
              name={participant.name}
              archiveHint="correction.participantArchive"
              onDeleted={onDeleted}
            />
          </>
        )}
      </td>
    </tr>
  );
}

/** Accredited people: who they are, their invitation links, and revocation. */
export function ParticipantsSection({
  summit,
  participants,
  delegations,
  onChanged,
  onDeleted,
}: {
  summit: Summit;
  participants: readonly Participant[];
  delegations: readonly Delegation[];
  /** A new or changed participant, as the server now has it. */
  onChanged: (participant: Participant) => void;
  /** ACCT-3: an accreditation the secretariat deleted. */
  onDeleted: (participant: Participant) => void;
}) {
  const t = useT();
  const [invitation, setInvitation] = useState<
    { participant: Participant; created: InvitationCreated } | undefined
  >();
  const [revoking, setRevoking] = useState<Participant | undefined>();
  const [expiryDays, setExpiryDays] = useState(3);
  const [mailedTo, setMailedTo] = useState<string | undefined>();
  const { busy, failure, run } = useAction();
  const format = useFormat();

  const invite = (participant: Participant) =>
    run(async () => {
      setMailedTo(undefined);
      const created = await createInvitation(participant.id, { expiresInHours: expiryDays * 24 });
      setInvitation({ participant, created });
    });

  const mail = (participant: Participant) =>
    run(async () => {
      setInvitation(undefined);
      const sent = await mailInvitation(participant.id, { expiresInHours: expiryDays * 24 });
      setMailedTo(sent.to);
    });

  const revoke = async (participant: Participant) => {
    await run(async () => {
      onChanged(await revokeParticipant(participant.id));
      if (invitation?.participant.id === participant.id) setInvitation(undefined);
    });
    setRevoking(undefined);
  };

  return (
    <section className="card" aria-labelledby="participants-title" id="participants">
      <h2 id="participants-title">{t('participant.heading')}</h2>
      <label className="inline">
        {t('invitation.expiryDays')}{' '}
        <select
          value={expiryDays}
          onChange={(e) => setExpiryDays(Number(e.target.value))}
          data-testid="invitation-expiry"
        >
          {EXPIRY_DAYS.map((d) => (
            <option key={d} value={d}>
              {format.number(d)}
            </option>
          ))}
        </select>
      </label>
      {participants.length === 0 ? (
        <p className="muted">{t('participant.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table" data-testid="participants">
            <thead>
              <tr>
                <th scope="col">{t('participant.name')}</th>
                <th scope="col">{t('participant.role')}</th>
                <th scope="col">{t('participant.rank')}</th>
                <th scope="col">{t('participant.delegation')}</th>
                <th scope="col">{t('participant.status')}</th>
                <th scope="col">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {participants.map((p) => (
                <ParticipantRow
                  key={p.id}
                  participant={p}
                  summit={summit}
                  delegations={delegations}
                  onInvite={() => void invite(p)}
                  onMail={() => void mail(p)}
                  onRevoke={() => setRevoking(p)}
                  onDeleted={() => onDeleted(p)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {failure && <ErrorAlert error={failure.error} />}
      {mailedTo !== undefined && (
        <p role="status" className="good" data-testid="invitation-mailed">
          {t('invitation.mailed', { email: mailedTo })}
        </p>
      )}
      {invitation && (
        <InvitationNotice
          participant={invitation.participant}
          invitation={invitation.created}
          onDone={() => setInvitation(undefined)}
        />
      )}
      {revoking && (
        <ConfirmDialog
          title={t('participant.revokeTitle', { name: revoking.name })}
          confirmLabel={t('participant.revokeConfirm')}
          onConfirm={() => void revoke(revoking)}
          onCancel={() => setRevoking(undefined)}
          busy={busy}
        >
          <p>{t('participant.revokeExplain')}</p>
        </ConfirmDialog>
      )}
      <details className="new-thing">
        <summary>{t('participant.new')}</summary>
        <ParticipantForm summit={summit} delegations={delegations} onCreated={onChanged} />
      </details>
    </section>
  );
}
