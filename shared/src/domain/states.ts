/**
 * ACCT-4: the states a delegation (or a host) may be. A data file, because
 * no maintained package of sovereign states is available here and CLDR's
 * region list mixes in obsolete codes (SU, YU, DD …), aliases (UK) and
 * territories (AQ, GU, PR …).
 *
 * Source: the ISO 3166-1 alpha-2 officially assigned codes (ISO Online
 * Browsing Platform, https://www.iso.org/obp/ui/#search/code/), restricted
 * to the 193 member states of the United Nations
 * (https://www.un.org/en/about-us/member-states) and its two non-member
 * observer states, the Holy See (VA) and the State of Palestine (PS).
 * Checked: 2026-11-29. Names are never kept here: they come from CLDR
 * (`Intl.DisplayNames`) in the reader's language (LANG-2).
 *
 * When ISO 3166/MA assigns or withdraws a code for a state, change this
 * list (and its date); states.test.ts holds it to 195 unique, current codes.
 */
// One row per initial letter: reviewable against the source at a glance.
// prettier-ignore
export const UN_MEMBER_STATES = [
  'AD', 'AE', 'AF', 'AG', 'AL', 'AM', 'AO', 'AR', 'AT', 'AU', 'AZ',
  'BA', 'BB', 'BD', 'BE', 'BF', 'BG', 'BH', 'BI', 'BJ', 'BN', 'BO', 'BR', 'BS', 'BT', 'BW', 'BY', 'BZ',
  'CA', 'CD', 'CF', 'CG', 'CH', 'CI', 'CL', 'CM', 'CN', 'CO', 'CR', 'CU', 'CV', 'CY', 'CZ',
  'DE', 'DJ', 'DK', 'DM', 'DO', 'DZ',
  'EC', 'EE', 'EG', 'ER', 'ES', 'ET',
  'FI', 'FJ', 'FM', 'FR',
  'GA', 'GB', 'GD', 'GE', 'GH', 'GM', 'GN', 'GQ', 'GR', 'GT', 'GW', 'GY',
  'HN', 'HR', 'HT', 'HU',
  'ID', 'IE', 'IL', 'IN', 'IQ', 'IR', 'IS', 'IT',
  'JM', 'JO', 'JP',
  'KE', 'KG', 'KH', 'KI', 'KM', 'KN', 'KP', 'KR', 'KW', 'KZ',
  'LA', 'LB', 'LC', 'LI', 'LK', 'LR', 'LS', 'LT', 'LU', 'LV', 'LY',
  'MA', 'MC', 'MD', 'ME', 'MG', 'MH', 'MK', 'ML', 'MM', 'MN', 'MR', 'MT', 'MU', 'MV', 'MW', 'MX', 'MY', 'MZ',
  'NA', 'NE', 'NG', 'NI', 'NL', 'NO', 'NP', 'NR', 'NZ',
  'OM',
  'PA', 'PE', 'PG', 'PH', 'PK', 'PL', 'PT', 'PW', 'PY',
  'QA',
  'RO', 'RS', 'RU', 'RW',
  'SA', 'SB', 'SC', 'SD', 'SE', 'SG', 'SI', 'SK', 'SL', 'SM', 'SN', 'SO', 'SR', 'SS', 'ST', 'SV', 'SY', 'SZ',
  'TD', 'TG', 'TH', 'TJ', 'TL', 'TM', 'TN', 'TO', 'TR', 'TT', 'TV', 'TZ',
  'UA', 'UG', 'US', 'UY', 'UZ',
  'VC', 'VE', 'VN', 'VU',
  'WS',
  'YE',
  'ZA', 'ZM', 'ZW',
] as const;

export const OBSERVER_STATES = ['PS', 'VA'] as const;

/** Every state, sorted by code. */
export const STATE_CODES: readonly string[] = [...UN_MEMBER_STATES, ...OBSERVER_STATES].sort();

const stateSet: ReadonlySet<string> = new Set(STATE_CODES);

/** True for a current ISO 3166-1 alpha-2 code of a state; false for territories and withdrawn codes. */
export const isStateCode = (code: string): boolean => stateSet.has(code);
