import en from './messages/en.json';
import type { Lang } from './languages.ts';

/** English is bundled: it is the source, and the fallback if a catalogue fails to load. */
export const sourceCatalogue = en;

/** Every message id; a typo in `t('…')` fails the type check. */
export type MessageKey = keyof typeof en;
export type Catalogue = Readonly<Record<MessageKey, string>>;

/**
 * The other catalogues load on demand, so a reader downloads only their own
 * language. Each is typed against English, so a catalogue that lacks a key
 * also fails `tsc`; the audit test says which key and why.
 */
const loaders: Readonly<Record<Lang, () => Promise<Catalogue>>> = {
  en: () => Promise.resolve(en),
  ar: () => import('./messages/ar.json').then((m) => m.default),
  zh: () => import('./messages/zh.json').then((m) => m.default),
  fr: () => import('./messages/fr.json').then((m) => m.default),
  ru: () => import('./messages/ru.json').then((m) => m.default),
  es: () => import('./messages/es.json').then((m) => m.default),
};

export function loadCatalogue(lang: Lang): Promise<Catalogue> {
  return loaders[lang]();
}
