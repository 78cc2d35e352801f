import { describe, expect, it } from 'vitest';
import { FLOOR, type BoothView, type LanguageCode } from '@majlis/shared';
import { relayBooths } from './relay.ts';

const booth = (language: LanguageCode, active: string | null): BoothView => ({
  language,
  interpreters: [],
  active,
  activeIdentity: active,
  since: active === null ? null : 0,
});

describe('relay sources on the booth console', () => {
  const booths = [booth('fr', 'p-fr'), booth('ar', null), booth('zh', 'p-zh'), booth('ru', null)];

  it('offers only the other booths with an interpreter on air', () => {
    expect(relayBooths(booths, 'fr', FLOOR).map((b) => b.language)).toEqual(['zh']);
  });

  it('keeps the chosen booth listed after it falls silent', () => {
    expect(relayBooths(booths, 'fr', 'ar').map((b) => b.language)).toEqual(['ar', 'zh']);
  });

  it('never offers the own booth, even on air', () => {
    expect(relayBooths(booths, 'zh', 'zh').map((b) => b.language)).toEqual(['fr']);
  });
});
