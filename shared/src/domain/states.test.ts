import { describe, expect, it } from 'vitest';
import { DelegationCreate } from './delegation.ts';
import { OBSERVER_STATES, STATE_CODES, UN_MEMBER_STATES, isStateCode } from './states.ts';
import { SummitCreate } from './summit.ts';

const LANGUAGES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;

/** Withdrawn codes, an exceptional reservation and a territory: none is a state today. */
const NOT_STATES = ['SU', 'CS', 'YU', 'DD', 'UK', 'YD', 'VD', 'RH', 'AQ', 'ZR', 'TP', 'BU', 'AN'];
/** Territories CLDR names as regions: not delegations, not hosts. */
const TERRITORIES = ['AQ', 'PR', 'GU', 'HK', 'MO', 'GL', 'BV', 'UM', 'XK', 'ZZ'];

describe('ACCT-4 states', () => {
  it('holds the 193 UN members and 2 observer states, each once, sorted', () => {
    expect(UN_MEMBER_STATES).toHaveLength(193);
    expect(OBSERVER_STATES).toEqual(['PS', 'VA']);
    expect(new Set(STATE_CODES).size).toBe(195);
    expect(STATE_CODES).toEqual([...STATE_CODES].sort());
  });

  it.each(NOT_STATES)('refuses the withdrawn or reserved code %s', (code) => {
    expect(isStateCode(code)).toBe(false);
    expect(DelegationCreate.safeParse({ kind: 'state', code, votingRights: true }).success).toBe(
      false,
    );
  });

  it.each(TERRITORIES)('refuses the territory %s as a delegation and as a host', (code) => {
    expect(isStateCode(code)).toBe(false);
    const summit = {
      title: { en: 'S' },
      host: code,
      timeZone: 'UTC',
      startsAt: '2027-01-01T00:00:00Z',
      endsAt: '2027-01-02T00:00:00Z',
      officialLanguages: ['en'],
    };
    expect(SummitCreate.safeParse(summit).success).toBe(false);
  });

  it('keeps the listed organisations as delegations and hosts', () => {
    expect(
      DelegationCreate.safeParse({
        kind: 'organisation',
        code: 'AU',
        name: { en: 'African Union' },
        votingRights: false,
      }).success,
    ).toBe(true);
    expect(
      DelegationCreate.safeParse({ kind: 'organisation', code: 'EU', votingRights: false }).success,
    ).toBe(true);
  });

  it.each(LANGUAGES)('CLDR names every state in %s, and no two alike', (language) => {
    const names = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' });
    const seen = new Map<string, string>();
    for (const code of STATE_CODES) {
      const name = names.of(code);
      expect(name, code).toBeDefined();
      expect(name, code).not.toBe(code);
      expect(
        seen.get(name ?? ''),
        `${code} and ${seen.get(name ?? '')} share ${name}`,
      ).toBeUndefined();
      seen.set(name ?? '', code);
    }
    expect(seen.size).toBe(195);
  });
});
