import { describe, expect, it } from 'vitest';
import type { BoothError } from './booths.ts';
import {
  activeOf,
  channelTrackName,
  handOver,
  initialBooths,
  isChannelTrackName,
  languageOfTrackName,
  type BoothActor,
} from './booths.ts';
import {
  ORIGINAL_UNDERNEATH_VOLUME,
  classifyTrack,
  volumeFor,
  wantsSubscription,
} from './listening.ts';

const A = 'AAAAAAAAAAAAAAAAAAAAAA';
const B = 'BBBBBBBBBBBBBBBBBBBBBB';
const E = 'EEEEEEEEEEEEEEEEEEEEEE';
const booth = { languages: ['fr', 'es'] as const, interpreters: [A, B] };
const frA: BoothActor = { kind: 'interpreter', participantId: A, boothLanguage: 'fr' };
const frB: BoothActor = { kind: 'interpreter', participantId: B, boothLanguage: 'fr' };
const esE: BoothActor = { kind: 'interpreter', participantId: E, boothLanguage: 'es' };

describe('INTERP-1 channel track names', () => {
  it.each([
    ['fr', 'interp-fr'],
    ['ar', 'interp-ar'],
  ] as const)('the %s booth publishes %s', (lang, name) => {
    expect(channelTrackName(lang)).toBe(name);
    expect(languageOfTrackName(name)).toBe(lang);
    expect(isChannelTrackName(name)).toBe(true);
  });
  it.each(['microphone', 'interp-xx', 'interp-', 'fr', ''])('%j carries no language', (name) => {
    expect(languageOfTrackName(name)).toBeUndefined();
  });
});

describe('INTERP-1 hand-over', () => {
  const start = initialBooths('s1');

  it('an interpreter of the booth takes a silent booth; it is recorded as from null', () => {
    const { state, events } = handOver(start, { language: 'fr', to: A }, frA, booth, 1000);
    expect(activeOf(state, 'fr')).toBe(A);
    expect(state.version).toBe(1);
    expect(state.booths.fr?.since).toBe(1000);
    expect(events).toEqual([{ type: 'handed_over', language: 'fr', from: null, to: A }]);
  });

  it('the interpreter on air may take a booth off air with nobody to hand to', () => {
    const live = handOver(start, { language: 'fr', to: A }, frA, booth, 1000).state;
    const { state, events } = handOver(live, { language: 'fr', to: null }, frA, booth, 2000);
    expect(activeOf(state, 'fr')).toBeNull();
    expect(state.booths.fr?.since).toBeNull();
    expect(events).toEqual([{ type: 'handed_over', language: 'fr', from: A, to: null }]);
    // Already silent: nothing changes, nothing is recorded.
    expect(handOver(state, { language: 'fr', to: null }, frA, booth, 3000).events).toEqual([]);
    // Another booth's interpreter still may not.
    expect(() => handOver(live, { language: 'fr', to: null }, esE, booth, 2000)).toThrow();
  });

  it('one action swaps the live seat: the other goes off air in the same step', () => {
    const live = handOver(start, { language: 'fr', to: A }, frA, booth, 1000).state;
    const { state, events } = handOver(live, { language: 'fr', to: B }, frA, booth, 2000);
    expect(activeOf(state, 'fr')).toBe(B);
    expect(events).toEqual([{ type: 'handed_over', language: 'fr', from: A, to: B }]);
    // The partner may also take over.
    const back = handOver(state, { language: 'fr', to: A }, frA, booth, 3000);
    expect(activeOf(back.state, 'fr')).toBe(A);
  });

  it('handing over to whoever is already live changes nothing (a retry is harmless)', () => {
    const live = handOver(start, { language: 'fr', to: A }, frA, booth, 1000).state;
    const again = handOver(live, { language: 'fr', to: A }, frB, booth, 2000);
    expect(again.state).toBe(live);
    expect(again.events).toEqual([]);
  });

  it.each<[string, BoothActor]>([
    ['the chair', { kind: 'chair' }],
    ['the secretariat', { kind: 'organiser' }],
  ])('%s may assign the live seat', (_who, actor) => {
    expect(activeOf(handOver(start, { language: 'fr', to: B }, actor, booth, 1).state, 'fr')).toBe(
      B,
    );
  });

  it.each<[string, BoothActor, string, BoothError['code']]>([
    ['another booth', esE, A, 'FORBIDDEN'],
    ['a delegate', { kind: 'other' }, A, 'FORBIDDEN'],
    [
      'an interpreter not assigned here',
      { kind: 'interpreter', participantId: E, boothLanguage: 'fr' },
      A,
      'FORBIDDEN',
    ],
    ['to someone outside the booth', frA, E, 'INVALID_PAYLOAD'],
  ])('refuses a hand-over by %s', (_what, actor, to, code) => {
    expect(() => handOver(start, { language: 'fr', to }, actor, booth, 1)).toThrow(
      expect.objectContaining({ code }),
    );
  });

  it('refuses a booth the session does not have', () => {
    expect(() => handOver(start, { language: 'ru', to: A }, frA, booth, 1)).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
  });
});

describe('INTERP-1 what a listener subscribes to and hears', () => {
  const live = { fr: 'p-A', es: 'p-E' } as const;
  const pub = (trackName: string, publisherIdentity: string, publisherRole?: string) =>
    classifyTrack({ trackName, kind: 'audio', publisherIdentity, publisherRole }, live);

  it('the floor is every non-interpreter track that is not named like a channel', () => {
    expect(pub('microphone', 'p-chair', 'chair')).toEqual({ kind: 'floor' });
    expect(
      classifyTrack(
        {
          trackName: 'camera',
          kind: 'video',
          publisherIdentity: 'p-chair',
          publisherRole: 'chair',
        },
        live,
      ),
    ).toEqual({ kind: 'floor' });
  });

  it('a channel counts only from the identity on air in that booth', () => {
    expect(pub('interp-fr', 'p-A', 'interpreter')).toEqual({ kind: 'channel', language: 'fr' });
    expect(pub('interp-fr', 'p-B', 'interpreter')).toEqual({ kind: 'ignored' });
    // The chair may publish a microphone, so it could name a track interp-fr: nobody hears it.
    expect(pub('interp-fr', 'p-chair', 'chair')).toEqual({ kind: 'ignored' });
    // The French interpreter cannot feed the Spanish channel either.
    expect(pub('interp-es', 'p-A', 'interpreter')).toEqual({ kind: 'ignored' });
    // An interpreter's stray track never reaches the floor.
    expect(pub('microphone', 'p-A', 'interpreter')).toEqual({ kind: 'ignored' });
  });

  it('subscribes to the floor and the chosen channel only', () => {
    const fr = pub('interp-fr', 'p-A', 'interpreter');
    const es = pub('interp-es', 'p-E', 'interpreter');
    const floor = pub('microphone', 'p-chair', 'chair');
    expect([floor, fr, es].map((t) => wantsSubscription(t, 'fr'))).toEqual([true, true, false]);
    expect([floor, fr, es].map((t) => wantsSubscription(t, 'floor'))).toEqual([true, false, false]);
  });

  it('plays the original at full volume on the floor, low or silent under a channel', () => {
    const floor = pub('microphone', 'p-chair', 'chair');
    const fr = pub('interp-fr', 'p-A', 'interpreter');
    expect(volumeFor(floor, 'floor', true)).toBe(1);
    expect(volumeFor(floor, 'fr', true)).toBe(ORIGINAL_UNDERNEATH_VOLUME);
    expect(volumeFor(floor, 'fr', false)).toBe(0);
    expect(volumeFor(fr, 'fr', false)).toBe(1);
  });
});
