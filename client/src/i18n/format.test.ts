import { describe, expect, it } from 'vitest';
import {
  autonym,
  countryName,
  formatDateTime,
  formatList,
  languageName,
  timeZoneName,
} from './format.ts';

describe('LANG-2 names come from CLDR in the reader’s language', () => {
  it.each([
    ['en', 'EG', 'Egypt'],
    ['fr', 'EG', 'Égypte'],
    ['es', 'CN', 'China'],
    ['ru', 'FR', 'Франция'],
    ['zh', 'RU', '俄罗斯'],
    ['ar', 'CN', 'الصين'],
  ])('%s names %s as %s', (locale, code, name) => {
    expect(countryName(code, locale)).toBe(name);
  });

  it('languages are named in the reader’s language, and in themselves for the picker', () => {
    expect(languageName('ar', 'fr')).toBe('arabe');
    expect(languageName('zh', 'ru')).toBe('китайский');
    expect(autonym('fr')).toBe('Français');
    expect(autonym('ar')).toBe('العربية');
    expect(autonym('es')).toBe('Español');
  });

  it('an unknown code shows as given instead of breaking the page', () => {
    expect(countryName('ZZZZ', 'en')).toBe('ZZZZ');
    expect(languageName('not a tag', 'en')).toBe('not a tag');
  });

  it('lists join with the reader’s conjunction', () => {
    expect(formatList(['a', 'b', 'c'], 'en')).toBe('a, b, and c');
    expect(formatList(['a', 'b', 'c'], 'fr')).toBe('a, b et c');
    expect(formatList(['a', 'b', 'c'], 'ar')).toBe('a وb وc');
  });

  it('time zones have readable names', () => {
    expect(timeZoneName('Asia/Dubai', 'en', new Date('2026-03-03T12:00:00Z'))).toBe(
      'Gulf Standard Time',
    );
  });
});

describe('LANG-2 times show in the reader’s zone with the summit’s beside them', () => {
  const at = new Date('2026-03-03T12:00:00Z');

  it('a Geneva reader of a Dubai summit sees 13:00 there and 16:00 in Dubai', () => {
    const parts = formatDateTime(at, {
      locale: 'en-GB',
      readerZone: 'Europe/Zurich',
      summitZone: 'Asia/Dubai',
    });
    expect(parts.iso).toBe('2026-03-03T12:00:00.000Z');
    // Exact punctuation varies with the ICU version; the facts do not.
    expect(parts.reader).toMatch(/^Tuesday,? 3 March 2026\b.* 13:00 CET$/);
    expect(parts.summit).toBe('16:00 GST');
  });

  it('the summit’s date appears when it differs from the reader’s', () => {
    const parts = formatDateTime(new Date('2026-03-03T23:30:00Z'), {
      locale: 'en-GB',
      readerZone: 'America/New_York',
      summitZone: 'Asia/Shanghai',
    });
    expect(parts.reader).toMatch(/^Tuesday,? 3 March 2026\b.* 18:30 (EST|GMT-5)$/);
    expect(parts.summit).toMatch(/^Wed,? 4 Mar,? 07:30 (CST|GMT\+8)$/);
  });

  it('nothing is added when the summit’s clock reads like the reader’s', () => {
    const sameZone = formatDateTime(at, {
      locale: 'fr',
      readerZone: 'Europe/Paris',
      summitZone: 'Europe/Paris',
    });
    const sameOffset = formatDateTime(at, {
      locale: 'fr',
      readerZone: 'Europe/Paris',
      summitZone: 'Europe/Berlin',
    });
    expect(sameZone.summit).toBeUndefined();
    expect(sameOffset.summit).toBeUndefined();
  });

  it('formats in the reader’s locale: Arabic month and the locale’s own digits', () => {
    const parts = formatDateTime(at, { locale: 'ar', readerZone: 'Asia/Dubai' });
    // Whether `ar` writes ٢٠٢٦ or 2026 depends on the CLDR version; Intl decides either way.
    expect(parts.reader).toContain(
      new Intl.NumberFormat('ar', { useGrouping: false }).format(2026),
    );
    expect(parts.reader).toContain('مارس');
    expect(parts.reader).toContain('الثلاثاء');
  });
});
