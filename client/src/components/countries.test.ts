import { describe, expect, it } from 'vitest';
import { countryName } from '../i18n/index.ts';
import { searchNamed, stateCodes } from './countries.ts';

const named = (locale: string) =>
  stateCodes().map((code) => ({ code, name: countryName(code, locale) }));

describe('the country list comes from CLDR', () => {
  it('holds the states and no grouping or private-use code', () => {
    const codes = stateCodes();
    expect(codes).toEqual(expect.arrayContaining(['JP', 'EG', 'BR', 'SA', 'CN', 'FR']));
    for (const notAState of ['EU', 'UN', 'ZZ', 'XK', 'QO', 'AA', 'EZ']) {
      expect(codes).not.toContain(notAState);
    }
    expect(codes.length).toBeGreaterThan(240);
  });

  it.each([
    ['en', 'japan', ['JP']],
    ['fr', 'japon', ['JP']],
    ['ar', 'اليابان', ['JP']],
    ['ru', 'япония', ['JP']],
    ['fr', 'cote', ['CI']],
    ['en', 'eg', ['EG']],
  ])('%s: %j finds %j', (locale, query, codes) => {
    expect(searchNamed(named(locale), query, locale).map((e) => e.code)).toEqual(
      expect.arrayContaining(codes),
    );
  });

  it('sorts by the reader’s collation and keeps everything for an empty query', () => {
    const all = searchNamed(named('es'), '', 'es');
    expect(all).toHaveLength(stateCodes().length);
    const names = all.map((e) => e.name);
    expect(names.indexOf('Egipto')).toBeLessThan(names.indexOf('España'));
  });
});
