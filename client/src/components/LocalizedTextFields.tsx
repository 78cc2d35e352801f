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
 * field is typed in its own language and direction; the first is required,
 * so there is always a text to fall back to.
 */
export function LocalizedTextFields({
  field,
  langs,
  value,
  onChange,
  maxLength = 300,
  requireFirst = true,
}: {
  /** The translated name of what is entered, e.g. "Title". */
  field: string;
  langs: readonly Lang[];
  value: LocalizedDraft;
  onChange: (next: LocalizedDraft) => void;
  maxLength?: number;
  requireFirst?: boolean;
}) {
  const t = useT();
  const format = useFormat();
  return (
    <>
      {langs.map((lang, i) => (
        <label key={lang}>
          {t('field.inLanguage', { field, language: format.languageName(lang) })}
          <input
            value={value[lang] ?? ''}
            onChange={(e) => onChange({ ...value, [lang]: e.target.value })}
            lang={lang}
            dir={directionOf(lang)}
            maxLength={maxLength}
            required={requireFirst && i === 0}
            autoComplete="off"
          />
        </label>
      ))}
    </>
  );
}
