import { describe, expect, it } from 'vitest';
import { sessionAdmits, type SessionViewer } from './access.ts';
import { ParticipantRole } from './participant.ts';

const D1 = 'd1d1d1d1d1d1d1d1d1d1d1';
const D2 = 'd2d2d2d2d2d2d2d2d2d2d2';
const D3 = 'd3d3d3d3d3d3d3d3d3d3d3';
const viewer = (
  role: SessionViewer['role'],
  delegationId: string | null = null,
  extra: Partial<SessionViewer> = {},
): SessionViewer => ({
  id: 'p0p0p0p0p0p0p0p0p0p0p0',
  role,
  delegationId,
  boothLanguage: null,
  ...extra,
});
const session = (
  kind: 'plenary' | 'closed' | 'bilateral' | 'press_briefing',
  delegationIds: string[] = [],
  chairId: string | null = null,
) => ({
  kind,
  delegationIds,
  chairId,
  interpretationLanguages: ['fr' as const],
});

describe('ACCESS-2 no token for a closed or bilateral session to anyone outside it', () => {
  it.each([
    ['observer', 'plenary', true],
    ['press', 'press_briefing', true],
    ['observer', 'closed', false],
    ['press', 'bilateral', false],
  ] as const)('ACCESS-2: %s in a %s session admitted: %s', (role, kind, expected) => {
    expect(sessionAdmits(viewer(role), session(kind, kind === 'bilateral' ? [D1, D2] : []))).toBe(
      expected,
    );
  });

  it('ACCESS-8: a bilateral admits exactly its two delegations', () => {
    const s = session('bilateral', [D1, D2]);
    expect(sessionAdmits(viewer('delegate', D1), s)).toBe(true);
    expect(sessionAdmits(viewer('head_of_delegation', D2), s)).toBe(true);
    expect(sessionAdmits(viewer('delegate', D3), s)).toBe(false);
    expect(sessionAdmits(viewer('adviser', null), s)).toBe(false);
  });

  it('ACCESS-2: a closed session admits every delegation when it lists none, and only the listed ones otherwise', () => {
    expect(sessionAdmits(viewer('delegate', D3), session('closed'))).toBe(true);
    expect(sessionAdmits(viewer('delegate', D3), session('closed', [D1]))).toBe(false);
  });

  it('ACCESS-2: a private session admits its own chair and the interpreters of its languages only', () => {
    const s = session('closed', [D1], 'chairchairchairchairch');
    expect(sessionAdmits(viewer('chair', null, { id: 'chairchairchairchairch' }), s)).toBe(true);
    expect(sessionAdmits(viewer('chair', null, { id: 'otherchairotherchairot' }), s)).toBe(false);
    expect(sessionAdmits(viewer('interpreter', null, { boothLanguage: 'fr' }), s)).toBe(true);
    expect(sessionAdmits(viewer('interpreter', null, { boothLanguage: 'ru' }), s)).toBe(false);
  });

  it('ACCESS-8: a bilateral admits the interpreters of its languages, and no other interpreter', () => {
    const s = session('bilateral', [D1, D2]);
    expect(sessionAdmits(viewer('interpreter', null, { boothLanguage: 'fr' }), s)).toBe(true);
    expect(sessionAdmits(viewer('interpreter', null, { boothLanguage: 'es' }), s)).toBe(false);
    expect(sessionAdmits(viewer('interpreter', null), s)).toBe(false);
  });

  it('ACCESS-2: every role is admitted to a public session', () => {
    for (const role of ParticipantRole.options)
      for (const kind of ['plenary', 'press_briefing'] as const)
        expect(sessionAdmits(viewer(role, D3), session(kind))).toBe(true);
  });
});
