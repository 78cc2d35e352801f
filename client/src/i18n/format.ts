/**
 * Pure Intl helpers: every name, number, date and time on screen goes through
 * the reader's locale (LANG-2). The React hooks in `useFormat.ts` bind them to
 * the interface language; tests call them with an explicit locale.
 */

/** The reader's own IANA time zone, as the browser reports it. */
export function readerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

const displayNamesCache = new Map<string, Intl.DisplayNames>();
function displayNames(locale: string, type: 'region' | 'language'): Intl.DisplayNames {
  const cacheKey = `${locale}|${type}`;
  let names = displayNamesCache.get(cacheKey);
  if (names === undefined) {
    names = new Intl.DisplayNames([locale], { type, fallback: 'code' });
    displayNamesCache.set(cacheKey, names);
  }
  return names;
}

/** A country or region by ISO 3166 code (`EG`, `CN`, `419`), named from CLDR in `locale`. */
export function countryName(code: string, locale: string): string {
  try {
    return displayNames(locale, 'region').of(code.toUpperCase()) ?? code;
  } catch {
    // Not a well-formed region code: show what we were given rather than nothing.
    return code;
  }
}

/** A language by BCP 47 tag, named from CLDR in `locale`. */
export function languageName(code: string, locale: string): string {
  try {
    return displayNames(locale, 'language').of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * A language named in itself (`français`, `العربية`), capitalised as a menu
 * item would be in that language, so a reader finds their own language in a
 * picker even when the interface is in one they cannot read.
 */
export function autonym(code: string): string {
  const name = languageName(code, code);
  return name.charAt(0).toLocaleUpperCase(code) + name.slice(1);
}

/** `a, b and c` with the conjunction and punctuation of `locale`. */
export function formatList(items: readonly string[], locale: string): string {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
}

/** A time zone's generic name (`Central European Time`) in `locale`. */
export function timeZoneName(zone: string, locale: string, at: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat(locale, {
    timeZone: zone,
    timeZoneName: 'longGeneric',
  }).formatToParts(at);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? zone;
}

/** The wall-clock reading of `date` in `zone`, comparable across zones. */
function wallClock(date: Date, zone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
}

function calendarDay(date: Date, zone: string): string {
  return wallClock(date, zone).slice(0, 10);
}

export interface DateTimeParts {
  /** ISO 8601 instant, for `<time dateTime>`. */
  iso: string;
  /** Date and time in the reader's zone, with the zone's short name. */
  reader: string;
  /**
   * The same instant on the summit's clock with its zone's name, or undefined
   * when the summit's clock reads the same as the reader's (nothing to add).
   */
  summit: string | undefined;
}

/**
 * An instant as the reader sees it, with the summit's own time beside it
 * (LANG-2). The summit's date is repeated only when it differs from the
 * reader's, e.g. a 23:00 session in New York seen from Beijing.
 */
export function formatDateTime(
  date: Date,
  opts: { locale: string; readerZone: string; summitZone?: string | undefined },
): DateTimeParts {
  // Component options rather than dateStyle/timeStyle: only they can carry the
  // zone's name, and Intl then places it where the locale expects.
  const readerText = new Intl.DateTimeFormat(opts.locale, {
    timeZone: opts.readerZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(date);
  const summitZone = opts.summitZone;
  if (summitZone === undefined || wallClock(date, summitZone) === wallClock(date, opts.readerZone))
    return { iso: date.toISOString(), reader: readerText, summit: undefined };
  const sameDay = calendarDay(date, summitZone) === calendarDay(date, opts.readerZone);
  const summit = new Intl.DateTimeFormat(opts.locale, {
    timeZone: summitZone,
    ...(sameDay ? {} : { weekday: 'short', day: 'numeric', month: 'short' }),
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  });
  return { iso: date.toISOString(), reader: readerText, summit: summit.format(date) };
}
