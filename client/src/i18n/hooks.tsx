import { useCallback, useMemo, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { MessageKey } from './catalogue.ts';
import {
  countryName,
  formatDateTime,
  formatList,
  languageName,
  readerTimeZone,
  timeZoneName,
} from './format.ts';
import { useLanguage } from './I18nProvider.tsx';
import type { Translate } from './translate.ts';

/**
 * `t('home.title')`: a catalogue message in the reader's language, with ICU
 * plurals, numbers and dates formatted in their locale. Keys are typed, so a
 * misspelt key does not compile.
 */
export function useT(): Translate {
  const intl = useIntl();
  return useCallback((key, values) => intl.formatMessage({ id: key }, values), [intl]);
}

/** A message whose values are elements, e.g. a participant's name in `<bdi>`. */
export function Message({ id, values }: { id: MessageKey; values?: Record<string, ReactNode> }) {
  return <FormattedMessage id={id} values={values} />;
}

export interface Formatters {
  /** A country by ISO 3166 code, named in the reader's language. */
  countryName: (code: string) => string;
  /** A language by BCP 47 tag, named in the reader's language. */
  languageName: (code: string) => string;
  /** A conjunction list (`a, b and c`) in the reader's language. */
  list: (items: readonly string[]) => string;
  number: (value: number, options?: Intl.NumberFormatOptions) => string;
  /** A time zone's generic name in the reader's language. */
  timeZoneName: (zone: string) => string;
  /**
   * An instant in the reader's zone, with the summit's time and zone beside
   * it when they differ (LANG-2).
   */
  dateTime: (date: Date, zones?: { summitZone?: string; readerZone?: string }) => string;
}

/** Intl formatters bound to the reader's locale. */
export function useFormat(): Formatters {
  const { locale } = useLanguage();
  const t = useT();
  return useMemo(
    () => ({
      countryName: (code) => countryName(code, locale),
      languageName: (code) => languageName(code, locale),
      list: (items) => formatList(items, locale),
      number: (value, options) => new Intl.NumberFormat(locale, options).format(value),
      timeZoneName: (zone) => timeZoneName(zone, locale),
      dateTime: (date, zones = {}) => {
        const parts = formatDateTime(date, {
          locale,
          readerZone: zones.readerZone ?? readerTimeZone(),
          summitZone: zones.summitZone,
        });
        return parts.summit === undefined
          ? parts.reader
          : t('datetime.withSummitZone', { readerTime: parts.reader, summitTime: parts.summit });
      },
    }),
    [locale, t],
  );
}
