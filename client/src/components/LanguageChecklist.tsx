import { LANGUAGES, useFormat, type Lang } from '../i18n/index.ts';

/** A set of the six UN languages as labelled checkboxes, named in the reader's language. */
export function LanguageChecklist({
  legend,
  value,
  onChange,
}: {
  legend: string;
  value: readonly Lang[];
  onChange: (next: Lang[]) => void;
}) {
  const format = useFormat();
  const toggle = (lang: Lang, on: boolean) =>
    // Kept in the UN order whatever order they were ticked in.
    onChange(LANGUAGES.filter((l) => (l === lang ? on : value.includes(l))));
  return (
    <fieldset className="checklist">
      <legend>{legend}</legend>
      {LANGUAGES.map((lang) => (
        <label key={lang}>
          <input
            type="checkbox"
            value={lang}
            checked={value.includes(lang)}
            onChange={(e) => toggle(lang, e.target.checked)}
          />
          {format.languageName(lang)}
        </label>
      ))}
    </fieldset>
  );
}
