import { baseLanguage } from './languages.ts';

/**
 * Content entered per language, e.g. a summit title
 * `{ ar: 'قمة المياه', en: 'Water Summit' }`. Structurally the same as the
 * `LocalizedText` shape the API sends, so summit, session and agenda titles
 * pass straight in.
 */
export type LocalizedRecord = Readonly<Partial<Record<string, string>>>;

/** The text picked for the reader, and the language it is actually in. */
export interface PickedText {
  text: string;
  lang: string;
}

function lookup(record: LocalizedRecord, lang: string): PickedText | undefined {
  const exact = record[lang]?.trim();
  if (exact) return { text: exact, lang };
  // `zh` finds `zh-Hans`, and `zh-Hans` finds `zh`: same written language family.
  const base = baseLanguage(lang);
  for (const [tag, text] of Object.entries(record)) {
    const trimmed = text?.trim();
    if (trimmed && baseLanguage(tag) === base) return { text: trimmed, lang: tag };
  }
  return undefined;
}

/**
 * The reader's language if the text was entered in it; otherwise the
 * summit's official languages in order (the first one is the summit's own
 * fallback); otherwise whatever language it was entered in, because a title
 * in another language beats a blank. Undefined only for an empty record.
 */
export function localizedText(
  record: LocalizedRecord,
  lang: string,
  fallbackLangs: readonly string[] = [],
): PickedText | undefined {
  for (const candidate of [lang, ...fallbackLangs]) {
    const found = lookup(record, candidate);
    if (found) return found;
  }
  for (const [tag, text] of Object.entries(record)) {
    const trimmed = text?.trim();
    if (trimmed) return { text: trimmed, lang: tag };
  }
  return undefined;
}
