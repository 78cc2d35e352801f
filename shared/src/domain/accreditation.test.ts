import { describe, expect, it } from 'vitest';
import type { Participant } from './participant.ts';
import {
  activated,
  invitationExpiresAt,
  mayInvite,
  redemptionRefusal,
  revoked,
} from './accreditation.ts';
import {
  participantReferences,
  sessionReferences,
  motionReferences,
  nextAgendaPosition,
} from './references.ts';

const T0 = Date.parse('2027-02-10T08:00:00.000Z');
const S1 = 's1s1s1s1s1s1s1s1s1s1s1';
const S2 = 's2s2s2s2s2s2s2s2s2s2s2';
const AT = new Date(T0).toISOString();
const person = (status: Participant['status']): Participant => ({
  id: 'p1p1p1p1p1p1p1p1p1p1p1',
  summitId: S1,
  name: 'Amina',
  delegationId: null,
  role: 'observer',
  rank: 'official',
  languages: [],
  boothLanguage: null,
  status,
  revokedAt: null,
  version: 2,
  createdAt: AT,
  updatedAt: AT,
});
const invitation = (over: Partial<Parameters<typeof redemptionRefusal>[0]> = {}) => ({
  expiresAt: invitationExpiresAt(T0, 72),
  usedAt: null,
  revokedAt: null,
  ...over,
});

describe('ACCESS-1 invitations: single use, expiring, dead with a revocation', () => {
  it('a fresh invitation of an invited participant is redeemable until it expires', () => {
    expect(redemptionRefusal(invitation(), person('invited'), T0)).toBeNull();
    expect(redemptionRefusal(invitation(), person('invited'), T0 + 72 * 3_600_000 - 1)).toBeNull();
    expect(redemptionRefusal(invitation(), person('invited'), T0 + 72 * 3_600_000)).toBe('expired');
  });
  it('is refused once used, once revoked, and when its participant was revoked', () => {
    expect(redemptionRefusal(invitation({ usedAt: AT }), person('active'), T0)).toBe('used');
    expect(redemptionRefusal(invitation({ revokedAt: AT }), person('invited'), T0)).toBe('revoked');
    expect(redemptionRefusal(invitation(), person('revoked'), T0)).toBe('participant_revoked');
  });
  it('redeeming activates an invited participant once; an active one is unchanged', () => {
    const active = activated(person('invited'), AT);
    expect(active).toMatchObject({ status: 'active', version: 3 });
    expect(activated(active, AT)).toBe(active);
  });
  it('revocation is final and idempotent; a revoked person gets no new invitation', () => {
    const r = revoked(person('active'), AT);
    expect(r).toMatchObject({ status: 'revoked', revokedAt: AT, version: 3 });
    expect(revoked({ ...person('revoked') }, AT)).toBeNull();
    expect(mayInvite(person('revoked'))).toBe(false);
    expect(mayInvite(person('invited'))).toBe(true);
  });
});

describe('references stay inside their summit (ACCESS-2: nothing of another summit leaks)', () => {
  const chair = { summitId: S1, role: 'chair' as const };
  it('a session’s chair is a chair of the same summit', () => {
    const input = { chairId: 'c', delegationIds: [] };
    expect(sessionReferences(S1, input, chair, []).ok).toBe(true);
    for (const other of [
      undefined,
      { summitId: S2, role: 'chair' as const },
      { summitId: S1, role: 'delegate' as const },
    ])
      expect(sessionReferences(S1, input, other, [])).toMatchObject({
        ok: false,
        refusal: { code: 'INVALID_PAYLOAD', issues: [{ path: 'chairId' }] },
      });
  });
  it('names the first delegation that is missing or another summit’s', () => {
    const input = { chairId: null, delegationIds: ['a', 'b', 'c'] };
    const d = sessionReferences(S1, input, undefined, [
      { summitId: S1 },
      undefined,
      { summitId: S2 },
    ]);
    expect(d).toMatchObject({ ok: false, refusal: { issues: [{ path: 'delegationIds.1' }] } });
  });
  it('a participant’s delegation and a motion’s agenda item belong to the same summit or session', () => {
    expect(participantReferences(S1, null, undefined).ok).toBe(true);
    expect(participantReferences(S1, 'd', { summitId: S2 }).ok).toBe(false);
    expect(motionReferences(S1, { sessionId: S1 }).ok).toBe(true);
    expect(motionReferences(S1, { sessionId: S2 }).ok).toBe(false);
    expect(motionReferences(S1, undefined).ok).toBe(false);
  });
  it('a new agenda item goes after the last, on a whole number', () => {
    expect(nextAgendaPosition(undefined)).toBe(1);
    expect(nextAgendaPosition({ position: 2.5 })).toBe(3);
  });
});
