import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { IntlProvider, type IntlConfig } from 'react-intl';
import { loadCatalogue, sourceCatalogue, type Catalogue } from './catalogue.ts';
import {
  directionOf,
  formattingLocale,
  negotiateLanguage,
  SOURCE_LANG,
  type Lang,
} from './languages.ts';

export interface LanguageState {
  /** The interface language: decides the catalogue, `<html lang>` and direction. */
  lang: Lang;
  /** The locale numbers and dates are formatted in (`en-GB` for a British reader). */
  locale: string;
  dir: 'ltr' | 'rtl';
  /** Switches the interface language and remembers the choice on this device. */
  setLang: (lang: Lang) => void;
}

const LanguageContext = createContext<LanguageState | undefined>(undefined);

/** The reader's language and its setter; only inside `<I18nProvider>`. */
export function useLanguage(): LanguageState {
  const state = useContext(LanguageContext);
  if (state === undefined) throw new Error('useLanguage() needs an <I18nProvider> above it');
  return state;
}

/** Where the picker's choice is remembered; read before the browser's languages. */
export const LANGUAGE_STORAGE_KEY = 'majlis.lang';

function rememberedLanguage(): string | null {
  try {
    return window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    // Storage can be disabled (privacy settings): fall back to the browser's languages.
    return null;
  }
}

function rememberLanguage(lang: Lang): void {
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, lang);
  } catch {
    // Without storage the choice lasts until the page is left; nothing else to do.
  }
}

/**
 * Formatting and missing-message errors are logged with one prefix so the
 * browser tests can fail on them. A missing message shows its key, which the
 * tests also look for; catalogues typed against English make that rare.
 */
const reportIntlError: NonNullable<IntlConfig['onError']> = (err) => {
  console.error(`[majlis i18n] ${err.message}`);
};

function navigatorLanguages(): readonly string[] {
  return typeof navigator === 'undefined' ? [] : navigator.languages;
}

interface ShownCatalogue {
  lang: Lang;
  messages: Catalogue;
}

/**
 * Owns the interface language: picks it (remembered choice, then the
 * browser's languages), loads its catalogue, and sets `<html lang dir>` so
 * the whole page, CSS logical properties included, mirrors in Arabic.
 * While a newly chosen catalogue loads, the previous language stays on
 * screen rather than flashing keys.
 */
export function I18nProvider({
  children,
  browserLanguages = navigatorLanguages(),
}: {
  children: ReactNode;
  /** The reader's languages in order of preference; the browser's unless a test says otherwise. */
  browserLanguages?: readonly string[];
}) {
  const [wanted, setWanted] = useState<Lang>(() =>
    negotiateLanguage(browserLanguages, rememberedLanguage()),
  );
  const [shown, setShown] = useState<ShownCatalogue | undefined>(() =>
    wanted === SOURCE_LANG ? { lang: SOURCE_LANG, messages: sourceCatalogue } : undefined,
  );

  useEffect(() => {
    let live = true;
    loadCatalogue(wanted).then(
      (messages) => {
        if (live) setShown({ lang: wanted, messages });
      },
      (err: unknown) => {
        // A catalogue that cannot load (e.g. a deploy replaced its chunk):
        // English beats an empty page.
        console.error(`[majlis i18n] could not load the ${wanted} catalogue`, err);
        if (live) setShown({ lang: SOURCE_LANG, messages: sourceCatalogue });
      },
    );
    return () => {
      live = false;
    };
  }, [wanted]);

  const lang = shown?.lang;
  useLayoutEffect(() => {
    if (lang === undefined) return;
    const root = document.documentElement;
    root.lang = lang;
    root.dir = directionOf(lang);
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    rememberLanguage(next);
    setWanted(next);
  }, []);

  const state = useMemo<LanguageState | undefined>(
    () =>
      shown && {
        lang: shown.lang,
        locale: formattingLocale(shown.lang, browserLanguages),
        dir: directionOf(shown.lang),
        setLang,
      },
    [shown, setLang, browserLanguages],
  );

  // The first catalogue is one small same-origin request away; showing
  // nothing for that moment beats showing English to an Arabic reader.
  if (shown === undefined || state === undefined) return null;
  return (
    <LanguageContext value={state}>
      <IntlProvider
        locale={state.locale}
        defaultLocale={SOURCE_LANG}
        messages={shown.messages}
        onError={reportIntlError}
      >
        {children}
      </IntlProvider>
    </LanguageContext>
  );
}
