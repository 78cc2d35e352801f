import { describe, expect, it } from 'vitest';
import { countryName } from '../i18n/index.ts';
import { searchNamed, stateCodes } from './countries.ts';

const named = (locale: string) =>
  stateCodes().map((code) => ({ code, name: countryName(code, locale) }));

describe('the country list: current states, named by CLDR', () => {
  it('holds the 195 states once each and no withdrawn, grouping, private-use or territory code', () => {
    const codes = stateCodes();
    expect(codes).toEqual(expect.arrayContaining(['JP', 'EG', 'BR', 'SA', 'CN', 'FR']));
    // ACCT-4: the codes the old list offered twice or as hosts.
    for (const notAState of [
      'EU',
      'UN',
      'ZZ',
      'XK',
      'QO',
      'AA',
      'EZ',
      'SU',
      'CS',
      'YU',
      'DD',
      'UK',
      'YD',
      'VD',
      'RH',
      'AQ',
    ]) {
      expect(codes).not.toContain(notAState);
    }
    expect(codes).toHaveLength(195);
    expect(new Set(codes).size).toBe(195);
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
