import { describe, expect, it } from 'vitest';
import {
  applyLobby,
  initialLobby,
  lobbyStatusOf,
  secretariatInvited,
  type LobbyActor,
  type LobbyCommand,
  type LobbyState,
} from './lobby.ts';

const S = 'sesssesssesssesssesses';
const D1 = 'd1d1d1d1d1d1d1d1d1d1d1';
const D2 = 'd2d2d2d2d2d2d2d2d2d2d2';
const CHAIR = 'chairchairchairchairch';
const NOW = '2027-02-10T07:00:00.000Z';

const bilateral = { id: S, kind: 'bilateral' as const, chairId: CHAIR, delegationIds: [D1, D2] };
const closed = { ...bilateral, kind: 'closed' as const };
const plenary = { ...bilateral, kind: 'plenary' as const };

const member = (
  id: string,
  delegationId: string | null = D1,
  role: Extract<LobbyActor, { kind: 'participant' }>['role'] = 'delegate',
): LobbyActor => ({ kind: 'participant', id, name: id, role, delegationId });
const chair = member(CHAIR, null, 'chair');
const secretariat: LobbyActor = { kind: 'organiser' };
const A = 'aaaaaaaaaaaaaaaaaaaaaa';
const B = 'bbbbbbbbbbbbbbbbbbbbbb';
const C = 'cccccccccccccccccccccc';

type TestSession = typeof closed | typeof bilateral | typeof plenary;

function run(
  steps: [LobbyCommand, LobbyActor][],
  session: TestSession = closed,
  state: LobbyState = initialLobby(S),
): LobbyState {
  for (const [command, actor] of steps) {
    const d = applyLobby(state, command, actor, session, NOW);
    if (!d.ok) throw new Error(`${d.refusal.code}: ${d.refusal.message}`);
    state = d.value.state;
  }
  return state;
}
const refusal = (
  state: LobbyState,
  command: LobbyCommand,
  actor: LobbyActor,
  session: TestSession = closed,
) => {
  const d = applyLobby(state, command, actor, session, NOW);
  return d.ok ? null : d.refusal.code;
};

describe('CONF-5 the lobby of a closed or bilateral session', () => {
  it('CONF-5: joining puts a member in the lobby; the chair admits, the secretariat denies', () => {
    let s = run([
      [{ type: 'knock' }, member(A)],
      [{ type: 'knock' }, member(B, D2)],
    ]);
    expect(lobbyStatusOf(s, A)).toBe('waiting');
    s = run(
      [
        [{ type: 'admit', participantId: A }, chair],
        [{ type: 'deny', participantId: B }, secretariat],
      ],
      closed,
      s,
    );
    expect(lobbyStatusOf(s, A)).toBe('admitted');
    expect(lobbyStatusOf(s, B)).toBe('denied');
    expect(s.version).toBe(4);
  });

  it('CONF-5: admitting a delegation admits its waiting members only', () => {
    const s = run([
      [{ type: 'knock' }, member(A)],
      [{ type: 'knock' }, member(B)],
      [{ type: 'knock' }, member(C, D2)],
      [{ type: 'deny', participantId: B }, chair],
      [{ type: 'admitDelegation', delegationId: D1 }, chair],
    ]);
    expect([A, B, C].map((p) => lobbyStatusOf(s, p))).toEqual(['admitted', 'denied', 'waiting']);
  });

  it('CONF-5: knocking again, admitting twice: nothing changes and nothing is emitted', () => {
    const s = run([
      [{ type: 'knock' }, member(A)],
      [{ type: 'admit', participantId: A }, chair],
    ]);
    for (const [command, actor] of [
      [{ type: 'knock' }, member(A)],
      [{ type: 'admit', participantId: A }, chair],
    ] as [LobbyCommand, LobbyActor][]) {
      const d = applyLobby(s, command, actor, closed, NOW);
      expect(d.ok && d.value.events).toEqual([]);
      expect(d.ok && d.value.state).toBe(s);
    }
  });

  it('CONF-5: a denied member knocking again stays denied until the chair admits them', () => {
    let s = run([
      [{ type: 'knock' }, member(A)],
      [{ type: 'deny', participantId: A }, chair],
      [{ type: 'knock' }, member(A)],
    ]);
    expect(lobbyStatusOf(s, A)).toBe('denied');
    s = run([[{ type: 'admit', participantId: A }, chair]], closed, s);
    expect(lobbyStatusOf(s, A)).toBe('admitted');
  });

  it.each([
    ['a delegate', member(B)],
    ['a head of delegation', member(B, D1, 'head_of_delegation')],
    ['another session’s chair', member(C, null, 'chair')],
  ])('CONF-5: %s cannot admit or deny (FORBIDDEN)', (_name, actor) => {
    const s = run([[{ type: 'knock' }, member(A)]]);
    expect(refusal(s, { type: 'admit', participantId: A }, actor)).toBe('FORBIDDEN');
    expect(refusal(s, { type: 'deny', participantId: A }, actor)).toBe('FORBIDDEN');
    expect(refusal(s, { type: 'admitDelegation', delegationId: D1 }, actor)).toBe('FORBIDDEN');
  });

  it('CONF-5: admitting someone who never knocked, or a delegation not in the session, is NOT_FOUND', () => {
    expect(refusal(initialLobby(S), { type: 'admit', participantId: A }, chair)).toBe('NOT_FOUND');
    expect(refusal(initialLobby(S), { type: 'admitDelegation', delegationId: C }, chair)).toBe(
      'NOT_FOUND',
    );
  });

  it('CONF-5: the chair and the secretariat do not wait; public sessions have no lobby', () => {
    expect(refusal(initialLobby(S), { type: 'knock' }, chair)).toBe('CONFLICT');
    expect(refusal(initialLobby(S), { type: 'knock' }, secretariat)).toBe('CONFLICT');
    expect(refusal(initialLobby(S), { type: 'knock' }, member(A), plenary)).toBe('CONFLICT');
  });
});

describe('ACCESS-8 the secretariat in a bilateral', () => {
  it('ACCESS-8: admitted only once the heads of both delegations invited it', () => {
    let s = initialLobby(S);
    expect(secretariatInvited(s, bilateral)).toBe(false);
    s = run([[{ type: 'inviteSecretariat' }, member(A, D1, 'head_of_delegation')]], bilateral, s);
    expect(secretariatInvited(s, bilateral)).toBe(false);
    // The same delegation inviting twice is still one delegation.
    s = run([[{ type: 'inviteSecretariat' }, member(C, D1, 'head_of_delegation')]], bilateral, s);
    expect(secretariatInvited(s, bilateral)).toBe(false);
    s = run([[{ type: 'inviteSecretariat' }, member(B, D2, 'head_of_delegation')]], bilateral, s);
    expect(secretariatInvited(s, bilateral)).toBe(true);
    expect(s.secretariatInvites.map((i) => i.delegationId)).toEqual([D1, D2]);
  });

  it.each([
    ['a delegate', member(A, D1, 'delegate')],
    ['an adviser', member(A, D1, 'adviser')],
    ['the chair', chair],
    ['the secretariat itself', secretariat],
    ['a head of a third delegation', member(A, C, 'head_of_delegation')],
  ])('ACCESS-8: %s cannot invite the secretariat (FORBIDDEN)', (_name, actor) => {
    expect(refusal(initialLobby(S), { type: 'inviteSecretariat' }, actor, bilateral)).toBe(
      'FORBIDDEN',
    );
  });

  it('ACCESS-8: closed sessions need no invitation; inviting there is a CONFLICT', () => {
    expect(secretariatInvited(initialLobby(S), closed)).toBe(true);
    expect(
      refusal(initialLobby(S), { type: 'inviteSecretariat' }, member(A, D1, 'head_of_delegation')),
    ).toBe('CONFLICT');
  });
});
