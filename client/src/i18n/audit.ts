import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';

/**
 * What can be wrong with a catalogue, measured against the English source:
 * - `missing`: a key English has and this catalogue lacks (the reader would see a raw key);
 * - `extra`: a key English no longer has (a stale translation nobody maintains);
 * - `syntax`: the ICU message does not parse;
 * - `arguments`: the placeholders differ from English (a value would go missing or show raw);
 * - `plural`: a plural lacks a category this language needs (Arabic needs six);
 * - `untranslated`: the text is English word for word.
 */
export type CatalogueProblemKind =
  'missing' | 'extra' | 'syntax' | 'arguments' | 'plural' | 'untranslated';

export interface CatalogueProblem {
  lang: string;
  key: string;
  kind: CatalogueProblemKind;
  detail?: string;
}

type Messages = Readonly<Record<string, string>>;

/** `name:kind` for every argument, nested ones included, sorted: the message's signature. */
export function argumentSignature(elements: readonly MessageFormatElement[]): string[] {
  const found = new Set<string>();
  const walk = (els: readonly MessageFormatElement[]) => {
    for (const el of els) {
      switch (el.type) {
        case TYPE.literal:
        case TYPE.pound:
          break;
        case TYPE.argument:
          found.add(`${el.value}:text`);
          break;
        case TYPE.number:
          found.add(`${el.value}:number`);
          break;
        case TYPE.date:
          found.add(`${el.value}:date`);
          break;
        case TYPE.time:
          found.add(`${el.value}:time`);
          break;
        case TYPE.select:
          found.add(`${el.value}:select`);
          for (const option of Object.values(el.options)) walk(option.value);
          break;
        case TYPE.plural:
          found.add(`${el.value}:plural`);
          for (const option of Object.values(el.options)) walk(option.value);
          break;
        case TYPE.tag:
          found.add(`${el.value}:tag`);
          walk(el.children);
          break;
        default: {
          const unhandled: never = el;
          throw new Error(`unhandled ICU element ${JSON.stringify(unhandled)}`);
        }
      }
    }
  };
  walk(elements);
  return [...found].sort();
}

/** Plural categories a message leaves out, for the language's CLDR rules. */
function missingPluralCategories(elements: readonly MessageFormatElement[], lang: string) {
  const needed = [...new Intl.PluralRules(lang).resolvedOptions().pluralCategories].sort();
  const missing: string[] = [];
  const walk = (els: readonly MessageFormatElement[]) => {
    for (const el of els) {
      if (el.type === TYPE.plural) {
        if (el.pluralType !== 'ordinal') {
          for (const category of needed)
            if (!(category in el.options)) missing.push(`${el.value}.${category}`);
        }
        for (const option of Object.values(el.options)) walk(option.value);
      } else if (el.type === TYPE.select) {
        for (const option of Object.values(el.options)) walk(option.value);
      } else if (el.type === TYPE.tag) {
        walk(el.children);
      }
    }
  };
  walk(elements);
  return missing;
}

/**
 * Words a reader would have to read: the text without placeholders, brand
 * and product names. A message with none (`{page} — Majlis`) may rightly be
 * identical in every language.
 */
function hasWords(message: string): boolean {
  const prose = message
    .replace(/\{[^{}]*\}/g, ' ')
    .replace(/\b(Majlis|Redis|LiveKit|HTTP)\b/g, ' ');
  return /\p{L}{2,}/u.test(prose);
}

function tryParse(message: string): MessageFormatElement[] | Error {
  try {
    return parse(message);
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
}

/** Every problem of `candidate` measured against `source`; empty when the catalogue is sound. */
export function auditCatalogue(
  lang: string,
  candidate: Messages,
  source: Messages,
  sourceLang = 'en',
): CatalogueProblem[] {
  const problems: CatalogueProblem[] = [];
  for (const key of Object.keys(source)) {
    if (!Object.hasOwn(candidate, key)) problems.push({ lang, key, kind: 'missing' });
  }
  for (const [key, message] of Object.entries(candidate)) {
    const reference = source[key];
    if (reference === undefined) {
      problems.push({ lang, key, kind: 'extra' });
      continue;
    }
    const parsed = tryParse(message);
    if (parsed instanceof Error) {
      problems.push({ lang, key, kind: 'syntax', detail: parsed.message });
      continue;
    }
    const referenceParsed = tryParse(reference);
    if (!(referenceParsed instanceof Error)) {
      const want = argumentSignature(referenceParsed).join(', ');
      const got = argumentSignature(parsed).join(', ');
      if (want !== got)
        problems.push({ lang, key, kind: 'arguments', detail: `expected {${want}}, got {${got}}` });
    }
    const plural = missingPluralCategories(parsed, lang);
    if (plural.length > 0)
      problems.push({ lang, key, kind: 'plural', detail: `lacks ${plural.join(', ')}` });
    if (lang !== sourceLang && message === reference && hasWords(message))
      problems.push({ lang, key, kind: 'untranslated' });
  }
  return problems;
}
