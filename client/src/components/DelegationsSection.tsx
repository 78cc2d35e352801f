import { useState, type SyntheticEvent } from 'react';
import { DelegationKind, ORGANISATION_CODES, type Delegation, type Summit } from '@majlis/shared';
import { createDelegation } from '../api/summits.ts';
import { useFormat, useT } from '../i18n/index.ts';
import { ErrorAlert } from './Alerts.tsx';
import { CountryPicker } from './CountryPicker.tsx';
import { DelegationName } from './DelegationName.tsx';
import {
  LocalizedTextFields,
  localizedFromDraft,
  type LocalizedDraft,
} from './LocalizedTextFields.tsx';
import {
  DELEGATION_KIND_WORDS,
  ORGANISATION_WORDS,
  isCldrNamedOrganisation,
  type OrganisationCode,
} from './words.ts';
import { useAction } from './useAction.ts';
import { DeleteControl } from './corrections/DeleteControl.tsx';

function isOrganisationCode(code: string): code is OrganisationCode {
  return (ORGANISATION_CODES as readonly string[]).includes(code);
}

/** An organisation named in the reader's language: CLDR for EU and UN, our catalogue otherwise. */
function useOrganisationName(): (code: OrganisationCode) => string {
  const t = useT();
  const format = useFormat();
  return (code) =>
    isCldrNamedOrganisation(code) ? format.countryName(code) : t(ORGANISATION_WORDS[code]);
}

function DelegationForm({
  summit,
  taken,
  onCreated,
}: {
  summit: Summit;
  taken: readonly string[];
  onCreated: (delegation: Delegation) => void;
}) {
  const t = useT();
  const organisationName = useOrganisationName();
  const [kind, setKind] = useState<DelegationKind>('state');
  const [stateCode, setStateCode] = useState('');
  const [organisation, setOrganisation] = useState<OrganisationCode | ''>('');
  const [name, setName] = useState<LocalizedDraft>({});
  const [votingRights, setVotingRights] = useState(true);
  const { busy, failure, run } = useAction();
  const labels = {
    kind: t('delegation.kind'),
    code: kind === 'state' ? t('delegation.state') : t('delegation.organisation'),
    name: t('delegation.name'),
    votingRights: t('delegation.votingRights'),
  };
  // EU and UN are named by CLDR in every language; the others need their names entered.
  const needsName =
    kind === 'organisation' && organisation !== '' && !isCldrNamedOrganisation(organisation);

  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    await run(async () => {
      const entered = localizedFromDraft(name, summit.officialLanguages);
      const delegation = await createDelegation(
        summit.id,
        kind === 'state'
          ? { kind, code: stateCode, votingRights }
          : {
              kind,
              code: organisation,
              votingRights,
              ...(Object.keys(entered).length > 0 ? { name: entered } : {}),
            },
      );
      setStateCode('');
      setOrganisation('');
      setName({});
      onCreated(delegation);
    });
  };

  return (
    <form className="form-grid" onSubmit={(e) => void submit(e)} data-testid="delegation-form">
      <fieldset className="checklist">
        <legend>{labels.kind}</legend>
        {DelegationKind.options.map((k) => (
          <label key={k}>
            <input
              type="radio"
              name="delegation-kind"
              value={k}
              checked={kind === k}
              onChange={() => setKind(k)}
            />
            {t(DELEGATION_KIND_WORDS[k])}
          </label>
        ))}
      </fieldset>
      {kind === 'state' ? (
        <CountryPicker
          label={labels.code}
          value={stateCode}
          onChange={setStateCode}
          exclude={taken}
        />
      ) : (
        <>
          <label>
            {labels.code}
            <select
              value={organisation}
              onChange={(e) => {
                const code = e.target.value;
                setOrganisation(isOrganisationCode(code) ? code : '');
              }}
              required
            >
              <option value="">{t('delegation.chooseOrganisation')}</option>
              {ORGANISATION_CODES.filter((c) => !taken.includes(c)).map((code) => (
                <option key={code} value={code}>
                  {t('delegation.organisationOption', { name: organisationName(code), code })}
                </option>
              ))}
            </select>
          </label>
          {organisation !== '' && (
            <LocalizedTextFields
              field={labels.name}
              langs={summit.officialLanguages}
              value={name}
              onChange={setName}
              maxLength={300}
              requireOne={needsName}
            />
          )}
        </>
      )}
      <label className="inline">
        <input
          type="checkbox"
          checked={votingRights}
          onChange={(e) => setVotingRights(e.target.checked)}
        />
        {labels.votingRights}
      </label>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {t('delegation.create')}
        </button>
      </div>
      {failure && <ErrorAlert error={failure.error} fieldLabels={labels} />}
    </form>
  );
}

/** The states and organisations sitting at the summit. */
export function DelegationsSection({
  summit,
  delegations,
  onCreated,
  onDeleted,
}: {
  summit: Summit;
  delegations: readonly Delegation[];
  onCreated: (delegation: Delegation) => void;
  /** ACCT-3: a delegation the secretariat deleted. */
  onDeleted: (delegation: Delegation) => void;
}) {
  const t = useT();
  const format = useFormat();
  return (
    <section className="card" aria-labelledby="delegations-title" id="delegations">
      <h2 id="delegations-title">{t('delegation.heading')}</h2>
      {delegations.length === 0 ? (
        <p className="muted">{t('delegation.none')}</p>
      ) : (
        <table className="table" data-testid="delegations">
          <thead>
            <tr>
              <th scope="col">{t('delegation.name')}</th>
              <th scope="col">{t('delegation.code')}</th>
              <th scope="col">{t('delegation.kind')}</th>
              <th scope="col">{t('delegation.votingRights')}</th>
              <th scope="col">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {delegations.map((d) => (
              <tr key={d.id} data-testid="delegation">
                <td>
                  <DelegationName delegation={d} fallbackLangs={summit.officialLanguages} />
                </td>
                <td dir="ltr">{d.code}</td>
                <td>{t(DELEGATION_KIND_WORDS[d.kind])}</td>
                <td>{d.votingRights ? t('delegation.votes') : t('delegation.noVote')}</td>
                <td className="row-actions">
                  <DeleteControl
                    target={{ kind: 'delegation', id: d.id }}
                    version={d.version}
                    name={d.kind === 'state' ? format.countryName(d.code) : d.code}
                    archiveHint="correction.delegationArchive"
                    onDeleted={() => onDeleted(d)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <details className="new-thing">
        <summary>{t('delegation.new')}</summary>
        <DelegationForm
          summit={summit}
          taken={delegations.map((d) => d.code)}
          onCreated={onCreated}
        />
      </details>
    </section>
  );
}
