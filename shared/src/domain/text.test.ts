import { describe, expect, it } from 'vitest';
import { LocalizedText } from './common.ts';
import { ParticipantCreate } from './participant.ts';
import { SafeText, UNSAFE_TEXT_MESSAGE } from './text.ts';

// Issue 19, item 9: names and titles accepted NUL, control characters, zero-width
// characters and the right-to-left override. Each is now refused with one message.
describe('SafeText: names, titles and codes', () => {
  const name = SafeText(1, 120);

  it.each([
    ['NUL', 'Amina\u0000 Yusuf'],
    ['escape', 'Amina \u001B[31mYusuf'],
    ['a line break', 'Amina\nYusuf'],
    ['a C1 control', 'Amina\u0085Yusuf'],
    ['the right-to-left override', 'Report\u202Egnp.exe'],
    ['a left-to-right embedding', '\u202AAmina'],
    ['a first-strong isolate', 'Amina\u2068Yusuf\u2069'],
    ['a zero-width space', 'Ke\u200Bnya'],
    ['a word joiner', 'Ke\u2060nya'],
    ['a byte-order mark inside', 'Ken\uFEFFya'],
    ['a line separator', 'Kenya\u2028Delegation'],
  ])('refuses %s', (_what, text) => {
    const parsed = name.safeParse(text);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message)).toEqual([UNSAFE_TEXT_MESSAGE]);
  });

  it.each([
    ['Arabic with a right-to-left mark', 'وفد الأردن\u200F (JO)'],
    ['Persian with a zero-width non-joiner', 'می\u200Cخواهم'],
    ['an emoji sequence with a zero-width joiner', '👩\u200D💻 Press'],
    ['Chinese', '中华人民共和国代表团'],
    ['Russian', 'Делегация Казахстана'],
  ])('keeps %s', (_what, text) => {
    expect(name.parse(text)).toBe(text.normalize('NFC'));
  });

  it('normalises to NFC, so one name typed two ways is one name', () => {
    const decomposed = 'Jose\u0301 Martí';
    const composed = 'José Martí';
    expect(decomposed).not.toBe(composed);
    expect(name.parse(decomposed)).toBe(composed);
  });

  it('applies where people type names and titles', () => {
    expect(LocalizedText.safeParse({ en: 'Opening\u202E plenary' }).success).toBe(false);
    expect(LocalizedText.parse({ fr: 'Se\u0301ance' })).toEqual({ fr: 'Séance' });
    expect(ParticipantCreate.safeParse({ name: 'Omar\u0000', role: 'observer' }).success).toBe(
      false,
    );
  });
});
