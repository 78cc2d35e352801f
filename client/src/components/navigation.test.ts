import { describe, expect, it } from 'vitest';
import { matchPath, safeNextPath } from './navigation.ts';

describe('matchPath', () => {
  it.each([
    ['/', '/', {}],
    ['/organiser', '/organiser', {}],
    ['/organiser', '/organiser/', {}],
    ['/organiser/summits/:summitId', '/organiser/summits/abc_DEF-123', { summitId: 'abc_DEF-123' }],
    ['/sessions/:sessionId', '/sessions/a%20b', { sessionId: 'a b' }],
  ])('%s matches %s', (pattern, path, params) => {
    expect(matchPath(pattern, path)).toEqual(params);
  });

  it.each([
    ['/', '/organiser'],
    ['/organiser', '/organiser/summits/x'],
    ['/organiser/summits/:summitId', '/organiser/summits'],
    ['/organiser/summits/:summitId', '/organiser/sessions/x'],
    ['/sessions/:sessionId', '/sessions/%E0%A4%A'],
  ])('%s does not match %s', (pattern, path) => {
    expect(matchPath(pattern, path)).toBeUndefined();
  });
});

describe('safeNextPath only returns to this site', () => {
  it.each([
    ['?next=/organiser/summits/x', '/organiser/summits/x'],
    ['', '/organiser'],
    ['?next=https://evil.example/', '/organiser'],
    ['?next=//evil.example/', '/organiser'],
    ['?next=/\\evil.example', '/organiser'],
    ['?next=organiser', '/organiser'],
  ])('%s → %s', (search, expected) => {
    expect(safeNextPath(search, '/organiser')).toBe(expected);
  });
});
