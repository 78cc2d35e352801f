/**
 * The six UN languages the interface speaks (LANG-1), in the UN's own order.
 * Adding a language means adding its code here and its catalogue in
 * `messages/`; the catalogue audit then insists on every key.
 */
export const LANGUAGES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
export type Lang = (typeof LANGUAGES)[number];

/** English is the source catalogue: every other one is checked against it. */
export const SOURCE_LANG: Lang = 'en';

const RTL_LANGS: ReadonlySet<string> = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'yi', 'dv', 'ckb']);

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The base language of a BCP 47 tag (`zh-Hant-TW` → `zh`), lower-cased. */
export function baseLanguage(tag: string): string {
  return (tag.split(/[-_]/)[0] ?? '').toLowerCase();
}

/** Text direction of a language tag; also used for user content in other languages. */
export function directionOf(tag: string): 'rtl' | 'ltr' {
  return RTL_LANGS.has(baseLanguage(tag)) ? 'rtl' : 'ltr';
}

/**
 * Picks the interface language: a remembered choice wins, then the browser's
 * languages in order of preference, matched on the base language so that
 * `es-419` or `ar-EG` find their catalogue; English when nothing matches.
 */
export function negotiateLanguage(
  browserLanguages: readonly string[],
  remembered: string | null | undefined,
): Lang {
  if (isLang(remembered)) return remembered;
  for (const tag of browserLanguages) {
    const base = baseLanguage(tag);
    if (isLang(base)) return base;
  }
  return SOURCE_LANG;
}

/**
 * The locale numbers and dates are formatted in. When the reader's browser
 * asks for a regional variant of the interface language (`en-GB`, `ar-MA`,
 * `fr-CA`), that variant decides date order, digits and separators; otherwise
 * the interface language alone does.
 */
export function formattingLocale(lang: Lang, browserLanguages: readonly string[]): string {
  const regional = browserLanguages.find((tag) => baseLanguage(tag) === lang);
  if (regional === undefined) return lang;
  try {
    return Intl.getCanonicalLocales(regional)[0] ?? lang;
  } catch {
    // A malformed tag from the browser is ignored rather than trusted.
    return lang;
  }
}
