import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LanguageCode } from './common.ts';
import type { SessionLifecycle } from './lifecycle.ts';
import type { MediaPermission } from './media.ts';
import { ParticipantRole } from './participant.ts';
import {
  mediaPermission,
  type MediaHolder,
  type MediaPermissionInput,
  type MediaRoomState,
} from './permission.ts';
import type { SessionKind } from './session.ts';

/**
 * Written from the rules in PRODUCT.md, one case per rule, not from the
 * function's own table: each case states what a person in the room must or
 * must not be able to do, and the seeded property below checks the rules
 * that hold whatever the state.
 */

const A = 'delegation-a';
const B = 'delegation-b';
const C = 'delegation-c';
const CHAIR = 'the-chair';

const member = (
  id: string,
  role: ParticipantRole,
  delegationId: string | null = null,
  boothLanguage: LanguageCode | null = null,
): MediaHolder => ({ kind: 'participant', id, role, delegationId, boothLanguage });

const chair = member(CHAIR, 'chair');
const headA = member('head-a', 'head_of_delegation', A);
const delegateA = member('delegate-a', 'delegate', A);
const adviserA = member('adviser-a', 'adviser', A);
const headB = member('head-b', 'head_of_delegation', B);
const delegateB = member('delegate-b', 'delegate', B);
const delegateC = member('delegate-c', 'delegate', C);
const interpreterFr = member('interp-fr', 'interpreter', null, 'fr');
const partnerFr = member('interp-fr-2', 'interpreter', null, 'fr');
const interpreterRu = member('interp-ru', 'interpreter', null, 'ru');
const observer = member('observer', 'observer');
const press = member('press', 'press');
const organiser: MediaHolder = { kind: 'organiser' };

const room = (
  kind: SessionKind,
  extra: Partial<MediaRoomState> & { state?: SessionLifecycle; delegationIds?: string[] } = {},
): MediaRoomState => ({
  session: {
    kind,
    chairId: CHAIR,
    delegationIds: extra.delegationIds ?? (kind === 'bilateral' ? [A, B] : []),
    interpretationLanguages: ['fr', 'es'],
    ...(extra.state === undefined ? {} : { state: extra.state }),
  },
  floor: extra.floor ?? null,
  booths: extra.booths ?? {},
  ...(extra.pressSpeaker === undefined ? {} : { pressSpeaker: extra.pressSpeaker }),
});

const permission = (
  holder: MediaHolder,
  state: MediaRoomState,
  extra: Pick<MediaPermissionInput, 'lobby' | 'muted'> = {},
): MediaPermission => mediaPermission({ ...state, holder, ...extra });

const floorOf = (holder: MediaHolder, delegationId?: string): MediaRoomState['floor'] =>
  holder.kind === 'participant'
    ? { participantId: holder.id, delegationId: delegationId ?? holder.delegationId ?? 'none' }
    : null;

const publishesAudio = (p: MediaPermission): boolean =>
  p.canPublish && p.canPublishSources.includes('microphone');
const publishesAnything = (p: MediaPermission): boolean =>
  p.canPublish || p.canPublishSources.length > 0 || p.canPublishData;

describe('FLOOR-1 only the floor holder, the chair and interpreters publish audio', () => {
  const delegateBSpeaks = room('plenary', { floor: floorOf(delegateB) });

  it('FLOOR-1: a delegate without the floor cannot publish audio', () => {
    expect(publishesAudio(permission(delegateA, delegateBSpeaks))).toBe(false);
    expect(permission(delegateA, delegateBSpeaks).canSubscribe).toBe(true);
  });

  it('FLOOR-1: the floor holder publishes microphone and camera', () => {
    const p = permission(delegateB, delegateBSpeaks);
    expect(p.canPublish).toBe(true);
    expect([...p.canPublishSources].sort()).toEqual(['camera', 'microphone']);
  });

  it('FLOOR-1: the chair publishes audio without holding the floor', () => {
    expect(publishesAudio(permission(chair, room('plenary')))).toBe(true);
    expect(publishesAudio(permission(chair, delegateBSpeaks))).toBe(true);
  });

  it('FLOOR-1: an interpreter on air publishes audio while a delegation holds the floor', () => {
    expect(
      publishesAudio(
        permission(interpreterFr, { ...delegateBSpeaks, booths: { fr: 'interp-fr' } }),
      ),
    ).toBe(true);
  });

  it('FLOOR-1: with the floor empty, no delegation publishes', () => {
    for (const who of [headA, delegateA, headB, delegateB])
      expect(publishAny(who, room('plenary'))).toBe(false);
  });

  it('FLOOR-1: the speaker loses the microphone once the floor passes on', () => {
    expect(
      publishesAudio(permission(delegateA, room('plenary', { floor: floorOf(delegateA) }))),
    ).toBe(true);
    expect(
      publishesAudio(permission(delegateA, room('plenary', { floor: floorOf(delegateB) }))),
    ).toBe(false);
  });

  it('FLOOR-1: a chair of the summit who does not preside this session publishes nothing', () => {
    const otherChair = member('another-chair', 'chair');
    expect(publishAny(otherChair, room('plenary'))).toBe(false);
    expect(permission(otherChair, room('plenary')).roomAdmin).toBe(false);
  });

  it('FLOOR-1: the floor decides in a closed session too', () => {
    const closed = room('closed', { delegationIds: [A, B], floor: floorOf(headA) });
    expect(publishesAudio(permission(headA, closed))).toBe(true);
    expect(publishesAudio(permission(headB, closed))).toBe(false);
  });
});

function publishAny(who: MediaHolder, state: MediaRoomState): boolean {
  return publishesAnything(permission(who, state));
}

describe('FLOOR-6 one live microphone per delegation', () => {
  it('FLOOR-6: the head stays silent while a delegate of the same delegation holds the floor', () => {
    const state = room('plenary', { floor: floorOf(delegateA) });
    expect(publishesAudio(permission(delegateA, state))).toBe(true);
    expect(publishesAudio(permission(headA, state))).toBe(false);
  });
});

describe('ACCESS-3 observers and press subscribe only, hidden, without data', () => {
  it.each([
    ['observer', observer],
    ['press', press],
  ] as const)(
    'ACCESS-3: %s subscribes, is hidden and publishes neither media nor data',
    (_, who) => {
      for (const kind of ['plenary', 'press_briefing'] as const) {
        const p = permission(who, room(kind));
        expect(p.canSubscribe).toBe(true);
        expect(p.hidden).toBe(true);
        expect(p.canPublish).toBe(false);
        expect(p.canPublishData).toBe(false);
        expect(p.roomAdmin).toBe(false);
      }
    },
  );
});

describe('ACCESS-7 hidden roles never publish; only a head or delegate holds the floor', () => {
  it('ACCESS-7: an observer given the floor still publishes nothing', () => {
    const p = permission(observer, room('plenary', { floor: floorOf(observer, A) }));
    expect(publishesAnything(p)).toBe(false);
    expect(p.hidden).toBe(true);
  });

  it('ACCESS-7: press given the floor outside their question publishes nothing', () => {
    expect(publishAny(press, room('plenary', { floor: floorOf(press, A) }))).toBe(false);
    expect(publishAny(press, room('press_briefing', { floor: floorOf(press, A) }))).toBe(false);
  });

  it('ACCESS-7: an adviser holding the floor for their delegation publishes nothing', () => {
    expect(publishAny(adviserA, room('plenary', { floor: floorOf(adviserA) }))).toBe(false);
    expect(publishAny(adviserA, room('bilateral', { floor: floorOf(adviserA) }))).toBe(false);
  });

  it('ACCESS-7: a delegate holding the floor for another or a made-up delegation publishes nothing', () => {
    expect(publishAny(delegateA, room('plenary', { floor: floorOf(delegateA, B) }))).toBe(false);
    expect(
      publishAny(delegateA, room('plenary', { floor: floorOf(delegateA, 'made-up-delegation') })),
    ).toBe(false);
  });

  it('ACCESS-7: an interpreter holding the floor publishes no more than their booth allows', () => {
    expect(publishAny(interpreterFr, room('plenary', { floor: floorOf(interpreterFr, A) }))).toBe(
      false,
    );
  });

  it('ACCESS-7: the watching secretariat publishes nothing, and is hidden in public sessions', () => {
    for (const kind of ['plenary', 'closed', 'bilateral', 'press_briefing'] as const) {
      const p = permission(organiser, room(kind));
      expect(publishesAnything(p)).toBe(false);
      expect(p.canSubscribe).toBe(true);
    }
    expect(permission(organiser, room('plenary')).hidden).toBe(true);
    expect(permission(organiser, room('press_briefing')).hidden).toBe(true);
  });

  it('ACCESS-8: in a closed or bilateral session the secretariat is never an unseen listener', () => {
    for (const kind of ['closed', 'bilateral'] as const) {
      const p = permission(organiser, room(kind));
      expect(p.hidden).toBe(false);
      expect(publishesAnything(p)).toBe(false);
    }
  });

  it('ACCESS-7: an observer picked for a press question or put on air in a booth still publishes nothing', () => {
    const state = room('press_briefing', {
      pressSpeaker: 'observer',
      booths: { fr: 'observer' },
    });
    expect(publishAny(observer, state)).toBe(false);
  });
});

describe('INTERP-1 an interpreter publishes the microphone only while on air in their booth', () => {
  const frOnAir = room('plenary', { booths: { fr: 'interp-fr' } });

  it('INTERP-1: the interpreter on air publishes the microphone, visibly, with no data and no camera', () => {
    expect(permission(interpreterFr, frOnAir)).toEqual({
      canSubscribe: true,
      canPublish: true,
      canPublishSources: ['microphone'],
      canPublishData: false,
      hidden: false,
      roomAdmin: false,
    });
  });

  it('INTERP-1: the booth partner off air publishes nothing but keeps listening', () => {
    const p = permission(partnerFr, frOnAir);
    expect(publishesAnything(p)).toBe(false);
    expect(p.canSubscribe).toBe(true);
  });

  it('INTERP-1: on air in another booth than their own gives nothing', () => {
    expect(publishAny(interpreterFr, room('plenary', { booths: { es: 'interp-fr' } }))).toBe(false);
  });

  it('INTERP-1: a booth the session does not interpret gives nothing', () => {
    expect(publishAny(interpreterRu, room('plenary', { booths: { ru: 'interp-ru' } }))).toBe(false);
  });
});

describe('MEET-5 bilaterals: both delegations speak freely', () => {
  const bilateral = room('bilateral', { delegationIds: [A, B] });

  it('MEET-5: heads and delegates of both delegations publish camera and microphone without the floor', () => {
    for (const who of [headA, delegateA, headB, delegateB]) {
      const p = permission(who, bilateral);
      expect(p.canPublish).toBe(true);
      expect([...p.canPublishSources].sort()).toEqual(['camera', 'microphone']);
      expect(p.hidden).toBe(false);
    }
  });

  it('MEET-5: advisers and a third delegation publish nothing in a bilateral', () => {
    expect(publishAny(adviserA, bilateral)).toBe(false);
    expect(publishAny(delegateC, bilateral)).toBe(false);
  });

  it('MEET-5: the same delegates need the floor outside a bilateral', () => {
    expect(publishAny(headA, room('closed', { delegationIds: [A, B] }))).toBe(false);
  });
});

describe('PRESS-1 the picked journalist gets a visible microphone for that question only', () => {
  it('PRESS-1: the picked journalist publishes the microphone, visibly, without data', () => {
    const p = permission(press, room('press_briefing', { pressSpeaker: 'press' }));
    expect(p).toMatchObject({ canPublish: true, canPublishSources: ['microphone'], hidden: false });
    expect(p.canPublishData).toBe(false);
  });

  it('PRESS-1: another journalist, and the same one after the question, stay hidden listeners', () => {
    const otherPress = member('press-2', 'press');
    expect(permission(otherPress, room('press_briefing', { pressSpeaker: 'press' }))).toMatchObject(
      { canPublish: false, hidden: true },
    );
    expect(permission(press, room('press_briefing', { pressSpeaker: null }))).toMatchObject({
      canPublish: false,
      hidden: true,
    });
  });

  it('PRESS-1: a question is a press briefing thing: picked in a plenary gives nothing', () => {
    expect(publishAny(press, room('plenary', { pressSpeaker: 'press' }))).toBe(false);
  });
});

describe('PRESS-1 the spokesperson answers in press briefings only', () => {
  const spokesperson = member('spokesperson-a', 'spokesperson', A);

  it('PRESS-1: a spokesperson publishes camera and microphone, visibly, in a press briefing', () => {
    const p = permission(spokesperson, room('press_briefing'));
    expect(p.canPublish).toBe(true);
    expect([...p.canPublishSources].sort()).toEqual(['camera', 'microphone']);
    expect(p.hidden).toBe(false);
  });

  it('PRESS-1: a spokesperson is never on the floor of a plenary, even when given it', () => {
    const p = permission(spokesperson, room('plenary', { floor: floorOf(spokesperson) }));
    expect(publishesAnything(p)).toBe(false);
    expect(p).toMatchObject({ canSubscribe: true, hidden: false });
  });
});

describe('MEET-2 the session life cycle bounds the room', () => {
  it.each(['scheduled', 'closed'] as const)(
    'MEET-2: in a %s session nobody, not even the chair, subscribes or publishes',
    (state) => {
      for (const who of [chair, delegateA, interpreterFr, observer, organiser]) {
        const p = permission(
          who,
          room('plenary', { state, floor: floorOf(delegateA), booths: { fr: 'interp-fr' } }),
        );
        expect(p.canSubscribe).toBe(false);
        expect(publishesAnything(p)).toBe(false);
      }
    },
  );

  it('MEET-2: while suspended the chair and the booth keep their voice, the floor and a bilateral do not', () => {
    const suspended = room('plenary', {
      state: 'suspended',
      floor: floorOf(delegateA),
      booths: { fr: 'interp-fr' },
    });
    expect(publishesAudio(permission(chair, suspended))).toBe(true);
    expect(publishesAudio(permission(interpreterFr, suspended))).toBe(true);
    expect(publishAny(delegateA, suspended)).toBe(false);
    expect(publishAny(headA, room('bilateral', { state: 'suspended' }))).toBe(false);
    expect(permission(delegateA, suspended).canSubscribe).toBe(true);
  });

  it('MEET-2: an open session follows the other rules', () => {
    expect(
      publishesAudio(
        permission(delegateA, room('plenary', { state: 'open', floor: floorOf(delegateA) })),
      ),
    ).toBe(true);
  });
});

describe('CONF-5 the lobby', () => {
  it('CONF-5: someone waiting in the lobby neither hears nor publishes, whatever else holds', () => {
    const p = permission(headA, room('bilateral'), { lobby: 'waiting' });
    expect(p.canSubscribe).toBe(false);
    expect(publishesAnything(p)).toBe(false);
    expect(permission(headA, room('bilateral'), { lobby: 'admitted' }).canPublish).toBe(true);
  });
});

describe('MEET-1 muting at the SFU', () => {
  it('MEET-1: a muted microphone leaves the floor holder the camera only', () => {
    const p = permission(delegateA, room('plenary', { floor: floorOf(delegateA) }), {
      muted: ['microphone'],
    });
    expect(p).toMatchObject({ canPublish: true, canPublishSources: ['camera'] });
  });

  it('MEET-1: with every source muted publishing is off, since LiveKit reads an empty list as any source', () => {
    const p = permission(interpreterFr, room('plenary', { booths: { fr: 'interp-fr' } }), {
      muted: ['microphone'],
    });
    expect(p.canPublish).toBe(false);
    expect(p.canPublishSources).toEqual([]);
  });
});

// --- Seeded properties: rules that hold in every state ------------------------

const DELEGATIONS = [A, B, C];
const LANGUAGES = LanguageCode.options;
const STATES = [undefined, 'open', 'suspended', 'scheduled', 'closed'] as const;

interface Person {
  holder: MediaHolder & { kind: 'participant' };
  lobby: 'admitted' | 'waiting';
  muted: ('camera' | 'microphone')[];
}

const personArb = (id: string): fc.Arbitrary<Person> =>
  fc.record({
    holder: fc.record({
      kind: fc.constant('participant' as const),
      id: fc.constant(id),
      role: fc.constantFrom(...ParticipantRole.options),
      delegationId: fc.constantFrom(null, ...DELEGATIONS),
      boothLanguage: fc.constantFrom(null, ...LANGUAGES),
    }),
    lobby: fc.constantFrom('admitted' as const, 'admitted' as const, 'waiting' as const),
    muted: fc.subarray(['camera', 'microphone'] as ('camera' | 'microphone')[]),
  });

const worldArb = fc
  .record({
    kind: fc.constantFrom(...(['plenary', 'closed', 'bilateral', 'press_briefing'] as const)),
    state: fc.constantFrom(...STATES),
    people: fc
      .integer({ min: 1, max: 12 })
      .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => personArb(`p${i}`)))),
    pair: fc.shuffledSubarray(DELEGATIONS, { minLength: 2, maxLength: 2 }),
    listed: fc.subarray(DELEGATIONS),
    languages: fc.subarray([...LANGUAGES]),
    chairPick: fc.nat(),
    floorPick: fc.option(fc.tuple(fc.nat(), fc.constantFrom(...DELEGATIONS, 'made-up'))),
    boothPicks: fc.array(fc.option(fc.nat()), { minLength: 6, maxLength: 6 }),
    pressPick: fc.option(fc.nat()),
  })
  .map((w) => {
    const ids = w.people.map((p) => p.holder.id);
    const pick = (n: number): string => ids[n % ids.length] ?? 'nobody';
    const booths: MediaRoomState['booths'] = {};
    LANGUAGES.forEach((language, i) => {
      const n = w.boothPicks[i];
      booths[language] = n === null || n === undefined ? null : pick(n);
    });
    const state: MediaRoomState = {
      session: {
        kind: w.kind,
        chairId: pick(w.chairPick),
        delegationIds: w.kind === 'bilateral' ? w.pair : w.kind === 'closed' ? w.listed : [],
        interpretationLanguages: w.languages,
        ...(w.state === undefined ? {} : { state: w.state }),
      },
      floor:
        w.floorPick === null
          ? null
          : { participantId: pick(w.floorPick[0]), delegationId: w.floorPick[1] },
      booths,
      pressSpeaker: w.pressPick === null ? null : pick(w.pressPick),
    };
    return { state, people: w.people };
  });

describe('media permission properties over random rooms (seeded)', () => {
  it('hold for everyone in every state', () => {
    fc.assert(
      fc.property(worldArb, ({ state, people }) => {
        const { session } = state;
        const granted = people.map((person) => ({
          person,
          p: mediaPermission({
            ...state,
            holder: person.holder,
            lobby: person.lobby,
            muted: person.muted,
          }),
        }));
        const secretariat = mediaPermission({ ...state, holder: organiser });
        const presides = (h: Person['holder']) => h.role === 'chair' && session.chairId === h.id;
        const open = session.state === undefined || session.state === 'open';

        for (const { person, p } of [...granted, { person: null, p: secretariat }]) {
          // ACCESS-7: a hidden token never publishes, whatever the state.
          if (p.hidden) {
            expect(p.canPublish).toBe(false);
            expect(p.canPublishSources).toEqual([]);
            expect(p.canPublishData).toBe(false);
            expect(p.roomAdmin).toBe(false);
          }
          // LiveKit reads an empty source list as any source: never publish with none listed.
          expect(p.canPublish).toBe(p.canPublishSources.length > 0);
          if (person === null) {
            expect(publishesAnything(p)).toBe(false);
            continue;
          }
          const h = person.holder;
          // MEET-2, CONF-5: no media outside an open or suspended session, or from the lobby.
          if (
            person.lobby === 'waiting' ||
            session.state === 'scheduled' ||
            session.state === 'closed'
          ) {
            expect(p.canSubscribe).toBe(false);
            expect(publishesAnything(p)).toBe(false);
          }
          // MEET-1: a muted source is never published.
          for (const s of person.muted) expect(p.canPublishSources).not.toContain(s);
          // ACCESS-3: observers never publish or publish data, and are hidden.
          if (h.role === 'observer') {
            expect(publishesAnything(p)).toBe(false);
            if (p.canSubscribe) expect(p.hidden).toBe(true);
          }
          // ACCESS-3, PRESS-1: press publish no data, and media only for their picked question.
          if (h.role === 'press') {
            expect(p.canPublishData).toBe(false);
            if (p.canPublish) {
              expect(session.kind).toBe('press_briefing');
              expect(open).toBe(true);
              expect(state.pressSpeaker).toBe(h.id);
              expect(p.canPublishSources).toEqual(['microphone']);
            }
          }
          // Advisers are never on the floor.
          if (h.role === 'adviser') expect(publishesAnything(p)).toBe(false);
          // INTERP-1: interpreters publish the microphone only, and only on air in their booth.
          if (h.role === 'interpreter' && p.canPublish) {
            expect(p.canPublishSources).toEqual(['microphone']);
            expect(h.boothLanguage).not.toBeNull();
            expect(state.booths[h.boothLanguage ?? 'en']).toBe(h.id);
            expect(session.interpretationLanguages).toContain(h.boothLanguage);
          }
          // Only the presiding chair administers the room or sends data.
          if (p.roomAdmin || p.canPublishData) expect(presides(h)).toBe(true);
        }

        const speakers = granted.filter(
          ({ person, p }) =>
            publishesAudio(p) && !presides(person.holder) && person.holder.role !== 'interpreter',
        );
        if (session.kind === 'plenary' || session.kind === 'closed') {
          // FLOOR-1, FLOOR-6: outside the chair and the booths, one microphone at most,
          // so at most one delegation's.
          expect(speakers.length).toBeLessThanOrEqual(1);
          for (const { person } of speakers) {
            expect(state.floor?.participantId).toBe(person.holder.id);
            expect(state.floor?.delegationId).toBe(person.holder.delegationId);
          }
        }
        if (session.kind === 'bilateral')
          // MEET-5, ACCESS-8: only the two delegations' heads and delegates speak.
          for (const { person } of speakers) {
            expect(['head_of_delegation', 'delegate']).toContain(person.holder.role);
            expect(session.delegationIds).toContain(person.holder.delegationId);
          }
      }),
      { seed: 20261129, numRuns: 600 },
    );
  });
});
