import { describe, expect, it } from 'vitest';
import { localizedText } from './localizedText.ts';

describe('multilingual titles: the reader’s language, then the summit’s official languages', () => {
  const title = { ar: 'قمة المياه', en: 'Water Summit', fr: 'Sommet de l’eau' };

  it.each([
    { lang: 'fr', fallback: ['ar', 'en'], want: { text: 'Sommet de l’eau', lang: 'fr' } },
    { lang: 'ru', fallback: ['ar', 'en'], want: { text: 'قمة المياه', lang: 'ar' } },
    { lang: 'ru', fallback: ['en', 'ar'], want: { text: 'Water Summit', lang: 'en' } },
    { lang: 'zh', fallback: ['es', 'fr'], want: { text: 'Sommet de l’eau', lang: 'fr' } },
  ])('$lang with fallbacks $fallback', ({ lang, fallback, want }) => {
    expect(localizedText(title, lang, fallback)).toEqual(want);
  });

  it('matches on the base language both ways', () => {
    expect(localizedText({ 'zh-Hans': '水峰会' }, 'zh', [])).toEqual({
      text: '水峰会',
      lang: 'zh-Hans',
    });
    expect(localizedText({ es: 'Cumbre del agua' }, 'es-419', [])).toEqual({
      text: 'Cumbre del agua',
      lang: 'es',
    });
  });

  it('an empty or blank entry counts as missing', () => {
    expect(localizedText({ fr: '  ', en: 'Water Summit' }, 'fr', ['en'])).toEqual({
      text: 'Water Summit',
      lang: 'en',
    });
  });

  it('any entered language beats a blank, and an empty record gives nothing', () => {
    expect(localizedText({ ru: 'Саммит' }, 'fr', ['en'])).toEqual({ text: 'Саммит', lang: 'ru' });
    expect(localizedText({}, 'fr', ['en'])).toBeUndefined();
  });
});
