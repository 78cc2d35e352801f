import { describe, expect, it } from 'vitest';
import { auditCatalogue } from './audit.ts';
import { LANGUAGES, SOURCE_LANG, type Lang } from './languages.ts';
import en from './messages/en.json';
import ar from './messages/ar.json';
import zh from './messages/zh.json';
import fr from './messages/fr.json';
import ru from './messages/ru.json';
import es from './messages/es.json';

// Read as plain string maps, as a translator's JSON file would be: the guard
// must not depend on the type checker having run.
const catalogues: Readonly<Record<Lang, Readonly<Record<string, string>>>> = {
  en,
  ar,
  zh,
  fr,
  ru,
  es,
};

describe('LANG-1 every catalogue is complete and sound against English', () => {
  it.each(LANGUAGES)('%s has every English key, valid ICU, the same placeholders', (lang) => {
    expect(auditCatalogue(lang, catalogues[lang], catalogues[SOURCE_LANG])).toEqual([]);
  });
});

describe('the catalogue audit catches planted mistakes', () => {
  // A small source and a sound Chinese translation of it, to plant one mistake at a time.
  const source = {
    greeting: 'Hello {name}',
    'people.count': '{count, plural, one {# person} other {# people}}',
  };
  const chinese = { greeting: '你好，{name}', 'people.count': '{count, plural, other {# 人}}' };

  it('the sound fixture passes, so each failure below is the planted one', () => {
    expect(auditCatalogue('zh', chinese, source)).toEqual([]);
  });

  it('a key present in English and missing from French', () => {
    const planted: Record<string, string> = { ...fr };
    delete planted['home.title'];
    expect(auditCatalogue('fr', planted, en)).toEqual([
      { lang: 'fr', key: 'home.title', kind: 'missing' },
    ]);
  });

  it('a key English no longer has', () => {
    expect(auditCatalogue('fr', { ...fr, 'home.obsolete': 'Ancien' }, en)).toEqual([
      { lang: 'fr', key: 'home.obsolete', kind: 'extra' },
    ]);
  });

  it('a message that does not parse', () => {
    expect(auditCatalogue('zh', { ...chinese, greeting: '你好，{name' }, source)).toMatchObject([
      { key: 'greeting', kind: 'syntax' },
    ]);
  });

  it('a renamed placeholder', () => {
    expect(auditCatalogue('zh', { ...chinese, greeting: '你好，{nom}' }, source)).toEqual([
      {
        lang: 'zh',
        key: 'greeting',
        kind: 'arguments',
        detail: 'expected {name:text}, got {nom:text}',
      },
    ]);
  });

  it('a plural turned into plain text', () => {
    expect(
      auditCatalogue('zh', { ...chinese, 'people.count': '{count} 人' }, source),
    ).toMatchObject([{ key: 'people.count', kind: 'arguments' }]);
  });

  it('an Arabic plural without the categories Arabic grammar needs', () => {
    const planted = {
      greeting: 'مرحبًا {name}',
      'people.count': '{count, plural, one {شخص واحد} other {# شخص}}',
    };
    expect(auditCatalogue('ar', planted, source)).toEqual([
      {
        lang: 'ar',
        key: 'people.count',
        kind: 'plural',
        detail: 'lacks count.few, count.many, count.two, count.zero',
      },
    ]);
  });

  it('an English copy passed off as a translation', () => {
    expect(auditCatalogue('es', { ...es, 'home.title': en['home.title'] }, en)).toEqual([
      { lang: 'es', key: 'home.title', kind: 'untranslated' },
    ]);
  });

  it('but not text without words, which may rightly match English', () => {
    expect(
      auditCatalogue('es', { ...es, 'app.documentTitle': en['app.documentTitle'] }, en),
    ).toEqual([]);
  });
});
