/**
 * Internationalisation for every page (LANG-1, LANG-2). Pages import from
 * here only:
 *
 *   const t = useT();             t('home.title'), ICU plurals and dates
 *   const format = useFormat();   countryName, languageName, list, number, dateTime
 *   <LocalizedText value={summit.title} fallbackLangs={summit.officialLanguages} as="h1" />
 *   <DateTime value={start} summitZone={summit.timeZone} />
 *   errorMessage(err, t, { fieldPath: t('…label…') })
 *
 * Messages live in `messages/<lang>.json`, English first; see README.md.
 */
export {
  I18nProvider,
  useLanguage,
  LANGUAGE_STORAGE_KEY,
  type LanguageState,
} from './I18nProvider.tsx';
export { useT, useFormat, Message, type Formatters } from './hooks.tsx';
export { LanguagePicker } from './LanguagePicker.tsx';
export { LocalizedText } from './LocalizedText.tsx';
export { DateTime } from './DateTime.tsx';
export { ForwardArrowIcon, LeaveIcon, GlobeIcon } from './icons.tsx';
export { errorMessage, problemMessage, type ErrorParams } from './errors.ts';
export { localizedText, type LocalizedRecord, type PickedText } from './localizedText.ts';
export {
  countryName,
  languageName,
  autonym,
  formatDateTime,
  formatList,
  readerTimeZone,
  timeZoneName,
  type DateTimeParts,
} from './format.ts';
export {
  LANGUAGES,
  SOURCE_LANG,
  directionOf,
  isLang,
  negotiateLanguage,
  formattingLocale,
  type Lang,
} from './languages.ts';
export type { MessageKey } from './catalogue.ts';
export type { Translate, MessageValues } from './translate.ts';
