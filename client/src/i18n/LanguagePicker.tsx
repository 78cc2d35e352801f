import { useId } from 'react';
import { useT } from './hooks.tsx';
import { GlobeIcon } from './icons.tsx';
import { useLanguage } from './I18nProvider.tsx';
import { autonym } from './format.ts';
import { isLang, LANGUAGES } from './languages.ts';

/**
 * The interface language, chosen from a native `<select>` (labelled, and
 * keyboard-operable in every browser). Each language is named in itself so
 * a reader finds theirs whatever the current language is; the choice is
 * remembered on this device.
 */
export function LanguagePicker() {
  const { lang, setLang } = useLanguage();
  const t = useT();
  const id = useId();
  return (
    <div className="language-picker">
      <label htmlFor={id}>
        <GlobeIcon />
        {t('language.label')}
      </label>
      <select
        id={id}
        value={lang}
        data-testid="language-picker"
        onChange={(e) => {
          const next = e.target.value;
          if (isLang(next)) setLang(next);
        }}
      >
        {LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {autonym(code)}
          </option>
        ))}
      </select>
    </div>
  );
}
