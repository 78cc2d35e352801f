import { describe, expect, it } from 'vitest';
import { directionOf, formattingLocale, negotiateLanguage } from './languages.ts';

describe('LANG-1 the interface language follows the reader', () => {
  it.each([
    { browser: ['ar-EG', 'en'], remembered: null, want: 'ar' },
    { browser: ['zh-Hant-TW'], remembered: null, want: 'zh' },
    { browser: ['es-419', 'en'], remembered: null, want: 'es' },
    { browser: ['de-CH', 'fr-CH', 'en'], remembered: null, want: 'fr' },
    { browser: ['de', 'ja'], remembered: null, want: 'en' },
    { browser: [], remembered: null, want: 'en' },
    { browser: ['ar-EG'], remembered: 'ru', want: 'ru' },
    { browser: ['ar-EG'], remembered: 'de', want: 'ar' },
    { browser: ['RU'], remembered: undefined, want: 'ru' },
  ])('$browser with remembered $remembered → $want', ({ browser, remembered, want }) => {
    expect(negotiateLanguage(browser, remembered)).toBe(want);
  });

  it('Arabic reads right to left, the other five left to right', () => {
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('ar-MA')).toBe('rtl');
    for (const lang of ['zh', 'en', 'fr', 'ru', 'es']) expect(directionOf(lang)).toBe('ltr');
  });

  it('formats in the browser’s regional variant of the interface language', () => {
    expect(formattingLocale('en', ['en-GB', 'fr'])).toBe('en-GB');
    expect(formattingLocale('fr', ['en-GB', 'fr-CA'])).toBe('fr-CA');
    expect(formattingLocale('ar', ['en-GB'])).toBe('ar');
    expect(formattingLocale('en', ['en-not a tag!'])).toBe('en');
  });
});
