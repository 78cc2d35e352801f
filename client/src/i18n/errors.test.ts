import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';
import { ErrorCode, type Problem } from '@majlis/shared';
import { ApiError } from '../api/http.ts';
import type { Catalogue } from './catalogue.ts';
import { errorMessage, problemMessage } from './errors.ts';
import type { Translate } from './translate.ts';
import en from './messages/en.json';
import ar from './messages/ar.json';
import fr from './messages/fr.json';
import ru from './messages/ru.json';

/** The same ICU engine the app uses, outside React. */
function translator(locale: string, messages: Catalogue): Translate {
  const intl = createIntl({
    locale,
    messages,
    onError: (err) => {
      throw err;
    },
  });
  return (key, values) => intl.formatMessage({ id: key }, values);
}

const catalogues = { en, ar, fr, ru } as const;

/** Arabic digits are ٣ or 3 depending on the CLDR version; Intl decides either way. */
const arabicNumber = (n: number) => new Intl.NumberFormat('ar').format(n);

const problem = (code: ErrorCode, issues?: Problem['issues']): Problem => ({
  type: 'https://majlis.dev/problems/x',
  title: 'English title the reader never sees',
  status: 400,
  detail: 'English detail the reader never sees',
  code,
  ...(issues ? { issues } : {}),
});

describe('server errors render by code in the reader’s language', () => {
  it.each(ErrorCode.options)('%s has its own message in every catalogue', (code) => {
    for (const [locale, messages] of [
      ['en', en],
      ['ar', ar],
      ['fr', fr],
      ['ru', ru],
    ] as const) {
      const text = errorMessage(new ApiError(400, problem(code)), translator(locale, messages));
      expect(text).toBe(messages[`error.${code}`]);
      expect(text).not.toContain('English');
    }
  });

  it('names invalid fields by the labels the reader sees, once each', () => {
    const t = translator('fr', fr);
    const err = new ApiError(
      422,
      problem('INVALID_PAYLOAD', [
        { path: 'room', message: 'lowercase letters…' },
        { path: 'room', message: 'too short' },
        { path: 'internalOnly', message: 'x' },
      ]),
    );
    expect(errorMessage(err, t, { room: fr['mediaCheck.roomCode'] })).toBe(
      'Certaines des données saisies ne sont pas valides. Vérifiez le champ «\u00a0Code de la salle\u00a0».',
    );
  });

  it('interpolates the parameters a code carries', () => {
    const t = translator('ar', ar);
    expect(problemMessage({ code: 'RATE_LIMITED', params: { seconds: 60 } }, t)).toBe(
      ar['error.RATE_LIMITED'],
    );
    expect(errorMessage(new ApiError(502, undefined), t)).toBe(
      `ردّ الخادم بخطأ غير متوقَّع (HTTP ${arabicNumber(502)}).`,
    );
  });

  it('a network failure and an unknown throw have words too', () => {
    const t = translator('ru', ru);
    expect(errorMessage(new TypeError('Failed to fetch'), t)).toBe(ru['error.network']);
    expect(errorMessage('boom', t)).toBe(ru['error.unknown']);
  });
});

describe('ICU plurals follow each language’s grammar', () => {
  it.each([
    ['en', 0, 'No one else has joined yet.'],
    ['en', 1, '1 other person has joined.'],
    ['en', 2, '2 other people have joined.'],
    ['ru', 1, 'Подключился ещё 1 человек.'],
    ['ru', 3, 'Подключились ещё 3 человека.'],
    ['ru', 5, 'Подключились ещё 5 человек.'],
    ['ru', 21, 'Подключился ещё 21 человек.'],
    ['ar', 0, 'لم ينضمّ أحد غيرك بعد.'],
    ['ar', 2, 'انضمّ شخصان آخران.'],
    ['ar', 3, `انضمّ ${arabicNumber(3)} أشخاص آخرون.`],
    ['ar', 11, `انضمّ ${arabicNumber(11)} شخصًا آخر.`],
    ['ar', 100, `انضمّ ${arabicNumber(100)} شخص آخر.`],
    ['fr', 1, '1 autre personne a rejoint la salle.'],
  ] as const)('%s, %d others', (locale, count, want) => {
    expect(translator(locale, catalogues[locale])('mediaCheck.others', { count })).toBe(want);
  });
});
