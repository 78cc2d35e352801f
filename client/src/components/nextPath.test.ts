import { describe, expect, it } from 'vitest';
import { safeNextPath } from './nextPath.ts';

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
