import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Summit, SummitStatus } from './summit.ts';
import { decideSummitUpdate, summitMayBecome } from './summit-transitions.ts';

const AT = '2027-01-01T00:00:00.000Z';
const summit = (status: SummitStatus, overrides: Partial<Summit> = {}): Summit => ({
  id: 'AAAAAAAAAAAAAAAAAAAAAA',
  title: { en: 'Summit on Water Security' },
  host: 'ET',
  timeZone: 'Africa/Addis_Ababa',
  startsAt: '2027-02-10T06:00:00.000Z',
  endsAt: '2027-02-12T15:00:00.000Z',
  officialLanguages: ['en'],
  status,
  version: 3,
  createdAt: AT,
  updatedAt: AT,
  ...overrides,
});

describe('SUMMIT-1 a summit moves one step forward at a time', () => {
  it.each([
    ['draft', 'scheduled'],
    ['scheduled', 'live'],
    ['live', 'closed'],
  ] as const)('%s → %s', (from, to) => {
    expect(summitMayBecome(from, to)).toBe(true);
  });
  it.each([
    ['draft', 'live'],
    ['live', 'scheduled'],
    ['live', 'draft'],
  ] as const)('never skips or goes back from live: %s → %s refused', (from, to) => {
    expect(summitMayBecome(from, to)).toBe(false);
  });
  it('a draft or scheduled summit may be cancelled; a scheduled one put back to draft', () => {
    expect(summitMayBecome('draft', 'closed')).toBe(true);
    expect(summitMayBecome('scheduled', 'closed')).toBe(true);
    expect(summitMayBecome('scheduled', 'draft')).toBe(true);
  });
  it.each(['draft', 'scheduled', 'live'] as const)('a closed summit never becomes %s', (to) => {
    expect(summitMayBecome('closed', to)).toBe(false);
  });
});

describe('ACCT-3 correcting a summit', () => {
  it('answers the next version, stamped, with the changes', () => {
    const d = decideSummitUpdate(summit('draft'), { status: 'scheduled', host: 'KE' }, AT);
    expect(d).toEqual({
      ok: true,
      value: { ...summit('draft'), status: 'scheduled', host: 'KE', version: 4, updatedAt: AT },
    });
  });
  it('refuses a forbidden move as a CONFLICT with the summit’s state', () => {
    const d = decideSummitUpdate(summit('live'), { status: 'draft' }, AT);
    expect(d).toMatchObject({ ok: false, refusal: { code: 'CONFLICT' } });
  });
  it('refuses an end before the stored start, naming endsAt', () => {
    const d = decideSummitUpdate(summit('draft'), { endsAt: '2027-02-01T00:00:00.000Z' }, AT);
    expect(d).toMatchObject({
      ok: false,
      refusal: { code: 'INVALID_PAYLOAD', issues: [{ path: 'endsAt' }] },
    });
  });
  it('lets a closed summit’s title be corrected without changing its status', () => {
    const d = decideSummitUpdate(summit('closed'), { title: { en: 'Water' } }, AT);
    expect(d.ok).toBe(true);
  });
});

describe('SUMMIT-1 under random requests (seeded)', () => {
  it('live is reached only from scheduled, closed is final, and each accepted change is one version', () => {
    const statusArb = fc.constantFrom<SummitStatus>('draft', 'scheduled', 'live', 'closed');
    fc.assert(
      fc.property(fc.array(statusArb, { maxLength: 30 }), (requests) => {
        let s = summit('draft');
        for (const to of requests) {
          const d = decideSummitUpdate(s, { status: to }, AT);
          if (!d.ok) {
            expect(d.refusal.code).toBe('CONFLICT');
            expect(s.status === 'closed' || !summitMayBecome(s.status, to)).toBe(true);
            continue;
          }
          if (d.value.status === 'live') expect(['scheduled', 'live']).toContain(s.status);
          if (s.status === 'closed') expect(d.value.status).toBe('closed');
          expect(d.value.version).toBe(s.version + 1);
          s = d.value;
        }
      }),
      { seed: 20261129, numRuns: 500 },
    );
  });
});
