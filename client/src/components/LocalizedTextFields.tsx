import { directionOf, useFormat, useT, type Lang } from '../i18n/index.ts';

export type LocalizedDraft = Partial<Record<Lang, string>>;

/** The entered texts, trimmed, without the empty ones: what `LocalizedText` accepts. */
export function localizedFromDraft(draft: LocalizedDraft, langs: readonly Lang[]): LocalizedDraft {
  const out: LocalizedDraft = {};
  for (const lang of langs) {
    const text = draft[lang]?.trim();
    if (text) out[lang] = text;
  }
  return out;
}

/**
 * One text field per language (a title in each official language). Each
 * field is typed in its own language and direction. A text in any one of
 * them is enough (ACCT-3: ticking Arabic does not make the Arabic title
 * mandatory): every field is required while all are empty, none once one
 * has a text, so the browser asks for one without naming which.
 */
export function LocalizedTextFields({
  field,
  langs,
  value,
  onChange,
  maxLength = 300,
  requireOne = true,
}: {
  /** The translated name of what is entered, e.g. "Title". */
  field: string;
  langs: readonly Lang[];
  value: LocalizedDraft;
  onChange: (next: LocalizedDraft) => void;
  maxLength?: number;
  /** False where the texts are optional (an organisation CLDR names). */
  requireOne?: boolean;
}) {
  const t = useT();
  const format = useFormat();
  const noneYet = langs.every((lang) => (value[lang] ?? '').trim() === '');
  return (
    <>
      {langs.map((lang) => (
        <label key={lang}>
          {t('field.inLanguage', { field, language: format.languageName(lang) })}
          <input
            value={value[lang] ?? ''}
            onChange={(e) => onChange({ ...value, [lang]: e.target.value })}
            lang={lang}
            dir={directionOf(lang)}
            maxLength={maxLength}
            required={requireOne && noneYet}
            autoComplete="off"
          />
        </label>
      ))}
    </>
  );
}
