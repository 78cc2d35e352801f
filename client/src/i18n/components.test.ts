import { createElement as h, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DateTime } from './DateTime.tsx';
import { I18nProvider } from './I18nProvider.tsx';
import { LocalizedText } from './LocalizedText.tsx';

/** English renders synchronously (its catalogue is bundled), so it can render on the server. */
const inEnglish = (node: ReactNode, browserLanguages = ['en-GB']) =>
  renderToStaticMarkup(h(I18nProvider, { browserLanguages, children: node }));

describe('summit content in the reader’s language, marked when it is not', () => {
  const title = { ar: 'قمة المياه', en: 'Water Summit' };

  it('the reader’s own language renders plainly', () => {
    expect(inEnglish(h(LocalizedText, { value: title, as: 'h1' }))).toBe('<h1>Water Summit</h1>');
  });

  it('a fallback in another language carries its lang and direction, isolated', () => {
    expect(
      inEnglish(h(LocalizedText, { value: { ar: title.ar, fr: 'Sommet' }, fallbackLangs: ['ar'] })),
    ).toBe('<span><bdi lang="ar" dir="rtl">قمة المياه</bdi></span>');
  });

  it('an empty record renders nothing rather than an empty heading', () => {
    expect(inEnglish(h(LocalizedText, { value: {}, as: 'h2' }))).toBe('');
  });
});

describe('LANG-2 a machine-readable time with the summit’s zone beside it', () => {
  it('renders the instant for machines and both clocks for people', () => {
    const at = new Date('2026-03-03T12:00:00Z');
    const html = inEnglish(
      h(DateTime, { value: at, summitZone: 'Asia/Dubai', readerZone: 'Europe/Zurich' }),
    );
    expect(html).toMatch(/^<time dateTime="2026-03-03T12:00:00.000Z">Tuesday,? 3 March 2026\b/);
    expect(html).toMatch(/13:00 CET \(16:00 GST summit time\)<\/time>$/);
  });

  it('adds nothing when the reader is on the summit’s clock', () => {
    const at = new Date('2026-03-03T12:00:00Z');
    const html = inEnglish(
      h(DateTime, { value: at, summitZone: 'Asia/Dubai', readerZone: 'Asia/Dubai' }),
    );
    expect(html).toMatch(/16:00 GST<\/time>$/);
    expect(html).not.toContain('summit time');
  });
});
