import { directionOf } from './languages.ts';
import { useLanguage } from './I18nProvider.tsx';
import { localizedText, type LocalizedRecord } from './localizedText.ts';

type TextTag = 'span' | 'p' | 'h1' | 'h2' | 'h3' | 'h4' | 'li' | 'td' | 'th' | 'dd' | 'dt';

/**
 * A summit, session or agenda title in the reader's language, falling back
 * to the summit's official languages in order. Text shown in another
 * language than the interface is marked with its own `lang` (screen readers
 * switch voice) and isolated with its own direction, so an Arabic title in
 * an English page neither garbles nor flips the layout.
 */
export function LocalizedText({
  value,
  fallbackLangs = [],
  as: Tag = 'span',
  className,
}: {
  value: LocalizedRecord;
  fallbackLangs?: readonly string[];
  as?: TextTag;
  className?: string;
}) {
  const { lang } = useLanguage();
  const picked = localizedText(value, lang, fallbackLangs);
  if (picked === undefined) return null;
  return (
    <Tag className={className}>
      {picked.lang === lang ? (
        picked.text
      ) : (
        <bdi lang={picked.lang} dir={directionOf(picked.lang)}>
          {picked.text}
        </bdi>
      )}
    </Tag>
  );
}
