import type { Delegation } from '@majlis/shared';
import { LocalizedText, localizedText, useFormat, useLanguage } from '../i18n/index.ts';
import { isCldrNamedOrganisation } from './words.ts';

/**
 * A delegation's name in the reader's language: a state's from CLDR, an
 * organisation's as the organiser entered it per language (EU and UN from
 * CLDR when no name was entered).
 */
export function DelegationName({
  delegation,
  fallbackLangs,
}: {
  delegation: Pick<Delegation, 'kind' | 'code' | 'name'>;
  fallbackLangs: readonly string[];
}) {
  const format = useFormat();
  if (delegation.kind === 'organisation' && delegation.name !== undefined)
    return <LocalizedText value={delegation.name} fallbackLangs={fallbackLangs} />;
  if (delegation.kind === 'state' || isCldrNamedOrganisation(delegation.code))
    return <span>{format.countryName(delegation.code)}</span>;
  return <span>{delegation.code}</span>;
}

/** The same name as plain text, for places that hold text only (`<option>`). */
export function useDelegationText(): (
  delegation: Pick<Delegation, 'kind' | 'code' | 'name'>,
  fallbackLangs: readonly string[],
) => string {
  const format = useFormat();
  const { lang } = useLanguage();
  return (delegation, fallbackLangs) => {
    if (delegation.kind === 'organisation' && delegation.name !== undefined)
      return localizedText(delegation.name, lang, fallbackLangs)?.text ?? delegation.code;
    if (delegation.kind === 'state' || isCldrNamedOrganisation(delegation.code))
      return format.countryName(delegation.code);
    return delegation.code;
  };
}
