import { describe, expect, it } from 'vitest';
import { stagePage } from './stagePages.ts';

const people = Array.from({ length: 60 }, (_, i) => `p${i}`);

describe('stage grid pages', () => {
  it('pages 60 tiles at 25: 25, 25, 10', () => {
    expect(stagePage(people, 0).tiles).toEqual(people.slice(0, 25));
    expect(stagePage(people, 1).tiles).toEqual(people.slice(25, 50));
    expect(stagePage(people, 2)).toEqual({ tiles: people.slice(50), page: 2, pageCount: 3 });
  });
  it('clamps a page left empty by departures to the last one', () => {
    expect(stagePage(people.slice(0, 30), 2)).toMatchObject({ page: 1, pageCount: 2 });
    expect(stagePage(people, -1).page).toBe(0);
  });
  it('an empty room is one empty page', () => {
    expect(stagePage([], 3)).toEqual({ tiles: [], page: 0, pageCount: 1 });
  });
});
