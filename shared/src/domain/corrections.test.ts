import { describe, expect, it } from 'vitest';
import {
  blockingDependants,
  decideDelegationUpdate,
  decideParticipantUpdate,
  decideSessionUpdate,
} from './corrections.ts';
import type { Delegation } from './delegation.ts';
import type { Participant } from './participant.ts';
import type { Session } from './session.ts';

const ID = (c: string) => c.repeat(22);
const AT = '2027-02-01T00:00:00.000Z';
const base = { version: 3, createdAt: AT, updatedAt: AT };

const session: Session = {
  ...base,
  id: ID('s'),
  summitId: ID('u'),
  roomName: `session-${ID('s')}`,
  kind: 'closed',
  title: { ar: 'جلسة' },
  startsAt: '2027-02-10T07:00:00.000Z',
  endsAt: '2027-02-10T09:00:00.000Z',
  chairId: null,
  interpretationLanguages: [],
  delegationIds: [ID('a')],
};
const delegation: Delegation = {
  ...base,
  id: ID('d'),
  summitId: ID('u'),
  kind: 'state',
  code: 'KE',
  votingRights: true,
};
const chair: Participant = {
  ...base,
  id: ID('c'),
  summitId: ID('u'),
  name: 'Chair',
  delegationId: null,
  role: 'chair',
  rank: 'official',
  languages: [],
  boothLanguage: null,
  status: 'active',
  revokedAt: null,
};

describe('ACCT-3 corrections, decided like creations', () => {
  it('sets a chair later and bumps the version; the kind and summit stay', () => {
    const d = decideSessionUpdate(session, { chairId: ID('c') }, '2027-02-02T00:00:00.000Z');
    expect(d).toEqual({
      ok: true,
      value: { ...session, chairId: ID('c'), version: 4, updatedAt: '2027-02-02T00:00:00.000Z' },
    });
  });

  it.each([
    [{ endsAt: '2027-02-10T06:00:00.000Z' }, 'endsAt'],
    [{ title: {} }, 'title'],
  ])('refuses the session change %j naming %s', (input, path) => {
    const d = decideSessionUpdate(session, input, AT);
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.refusal.issues?.[0]?.path).toBe(path);
  });

  it('a title in any one official language is enough (Arabic alone)', () => {
    expect(decideSessionUpdate(session, { title: { ar: 'جلسة مغلقة' } }, AT).ok).toBe(true);
  });

  it('refuses a withdrawn code for a delegation (ACCT-4)', () => {
    expect(decideDelegationUpdate(delegation, { code: 'SU' }, AT).ok).toBe(false);
    expect(decideDelegationUpdate(delegation, { code: 'RU' }, AT)).toMatchObject({
      ok: true,
      value: { code: 'RU', version: 4 },
    });
  });

  it('keeps a chair a chair while they chair sessions; a revoked accreditation stays revoked', () => {
    expect(decideParticipantUpdate(chair, { role: 'observer' }, 2, AT)).toMatchObject({
      ok: false,
      refusal: { code: 'CONFLICT' },
    });
    expect(decideParticipantUpdate(chair, { role: 'observer' }, 0, AT).ok).toBe(true);
    const revoked = { ...chair, status: 'revoked' as const, revokedAt: AT };
    expect(decideParticipantUpdate(revoked, { name: 'X' }, 0, AT)).toMatchObject({
      ok: false,
      refusal: { code: 'CONFLICT' },
    });
  });

  it('names only the dependants that exist, in a fixed order', () => {
    expect(blockingDependants({ motion: 2, session: 0, activity: 1, agenda_item: 3 })).toEqual([
      { kind: 'agenda_item', count: 3 },
      { kind: 'motion', count: 2 },
      { kind: 'activity', count: 1 },
    ]);
    expect(blockingDependants({ session: 0 })).toEqual([]);
  });
});
