import { STATE_CODES } from '@majlis/shared';

/**
 * The current states (ACCT-4), the same list the server validates with: no
 * withdrawn code, alias or territory. Names are never written here: the
 * reader's `Intl.DisplayNames` supplies them (LANG-2).
 */
export function stateCodes(): readonly string[] {
  return STATE_CODES;
}

/** Case- and accent-blind form for matching what a reader types (`cote` finds Côte d’Ivoire). */
export function searchKey(text: string, locale: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLocaleLowerCase(locale)
    .replace(/[’'`]/g, '')
    .trim();
}

export interface NamedCode {
  code: string;
  name: string;
}

/**
 * Codes named in `locale`, sorted by that language's collation, keeping
 * those whose name contains the query or whose code is the query.
 */
export function searchNamed(
  entries: readonly NamedCode[],
  query: string,
  locale: string,
): NamedCode[] {
  const q = searchKey(query, locale);
  const collator = new Intl.Collator(locale);
  return entries
    .filter((e) => q === '' || searchKey(e.name, locale).includes(q) || e.code.toLowerCase() === q)
    .sort((a, b) => collator.compare(a.name, b.name));
}
