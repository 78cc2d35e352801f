import { useState, type SyntheticEvent } from 'react';
import type { Summit } from '@majlis/shared';
import { createSummit } from '../api/summits.ts';
import { readerTimeZone, useLanguage, useT, type Lang } from '../i18n/index.ts';
import { ErrorAlert } from './Alerts.tsx';
import { CountryPicker } from './CountryPicker.tsx';
import { LanguageChecklist } from './LanguageChecklist.tsx';
import {
  LocalizedTextFields,
  localizedFromDraft,
  type LocalizedDraft,
} from './LocalizedTextFields.tsx';
import { TimeZoneSelect } from './TimeZoneSelect.tsx';
import { ZonedDateTimeInput, zonedLocalToInstant } from './ZonedDateTimeInput.tsx';
import { useAction } from './useAction.ts';

/** A new summit: its official languages first, since its title is entered in each of them. */
export function SummitForm({ onCreated }: { onCreated: (summit: Summit) => void }) {
  const t = useT();
  const { lang } = useLanguage();
  const [languages, setLanguages] = useState<Lang[]>([lang]);
  const [title, setTitle] = useState<LocalizedDraft>({});
  const [host, setHost] = useState('');
  const [timeZone, setTimeZone] = useState(readerTimeZone);
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const { busy, failure, run } = useAction();

  const labels = {
    title: t('summit.titleField'),
    host: t('summit.host'),
    timeZone: t('summit.timeZone'),
    startsAt: t('summit.startsAt'),
    endsAt: t('summit.endsAt'),
    officialLanguages: t('summit.officialLanguages'),
  };

  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    const start = zonedLocalToInstant(startsAt, timeZone);
    const end = zonedLocalToInstant(endsAt, timeZone);
    if (start === undefined || end === undefined) return;
    await run(async () => {
      onCreated(
        await createSummit({
          title: localizedFromDraft(title, languages),
          host,
          timeZone,
          startsAt: start.toISOString(),
          endsAt: end.toISOString(),
          officialLanguages: languages,
        }),
      );
    });
  };

  return (
    <form className="form-grid" onSubmit={(e) => void submit(e)} data-testid="summit-form">
      <LanguageChecklist
        legend={labels.officialLanguages}
        value={languages}
        onChange={setLanguages}
      />
      <LocalizedTextFields
        field={labels.title}
        langs={languages}
        value={title}
        onChange={setTitle}
      />
      <CountryPicker label={labels.host} value={host} onChange={setHost} />
      <TimeZoneSelect label={labels.timeZone} value={timeZone} onChange={setTimeZone} />
      <ZonedDateTimeInput
        label={labels.startsAt}
        zone={timeZone}
        value={startsAt}
        onChange={setStartsAt}
      />
      <ZonedDateTimeInput
        label={labels.endsAt}
        zone={timeZone}
        value={endsAt}
        onChange={setEndsAt}
        min={startsAt}
      />
      <div className="actions">
        <button type="submit" disabled={busy || languages.length === 0}>
          {t('summit.create')}
        </button>
      </div>
      {failure && <ErrorAlert error={failure.error} fieldLabels={labels} />}
    </form>
  );
}
