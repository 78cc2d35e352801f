import { useId, useMemo, useState } from 'react';
import { useFormat, useLanguage, useT } from '../i18n/index.ts';
import { searchNamed, stateCodes } from './countries.ts';

const NONE: readonly string[] = [];

/**
 * A state chosen from CLDR's list, named in the reader's language and
 * searchable by any part of its name or by its ISO code. A search box
 * narrows a native `<select>`, so both stay keyboard- and screen-reader-
 * friendly; the first match is chosen as the reader types.
 */
export function CountryPicker({
  label,
  value,
  onChange,
  exclude = NONE,
}: {
  label: string;
  value: string;
  onChange: (code: string) => void;
  /** Codes not to offer (a state that already has a delegation). */
  exclude?: readonly string[];
}) {
  const t = useT();
  const format = useFormat();
  const { locale } = useLanguage();
  const [query, setQuery] = useState('');
  const countId = useId();

  const named = useMemo(
    () =>
      stateCodes()
        .filter((code) => !exclude.includes(code))
        .map((code) => ({ code, name: format.countryName(code) })),
    [format, exclude],
  );
  const matches = useMemo(() => searchNamed(named, query, locale), [named, query, locale]);

  const search = (next: string) => {
    setQuery(next);
    const found = searchNamed(named, next, locale);
    if (!found.some((e) => e.code === value)) onChange(found[0]?.code ?? '');
  };

  return (
    <div className="country-picker">
      <label>
        {t('country.search', { field: label })}
        <input
          type="search"
          value={query}
          onChange={(e) => search(e.target.value)}
          aria-describedby={countId}
          autoComplete="off"
        />
      </label>
      <label>
        {label}
        <select value={value} onChange={(e) => onChange(e.target.value)} required>
          <option value="">{t('country.choose')}</option>
          {matches.map((e) => (
            <option key={e.code} value={e.code}>
              {e.name}
            </option>
          ))}
        </select>
      </label>
      <p id={countId} className="hint" aria-live="polite">
        {t('country.matches', { count: matches.length })}
      </p>
    </div>
  );
}
