import { describe, expect, it } from 'vitest';
import { entryLabel } from './entryLabel.ts';

describe('speakers-list entry names', () => {
  it('names the person and the delegation', () => {
    expect(entryLabel('Amina Diallo', 'France')).toBe('Amina Diallo — France');
  });
  it('shows the delegation alone when the requester has left', () => {
    expect(entryLabel(undefined, 'France')).toBe('France');
    expect(entryLabel('', 'France')).toBe('France');
  });
  it('shows the person alone when the delegation is not known yet', () => {
    expect(entryLabel('Amina Diallo', '')).toBe('Amina Diallo');
  });
});
