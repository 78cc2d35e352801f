import { describe, expect, it } from 'vitest';
import { peakLevel } from './level.ts';

describe('microphone level', () => {
  it('is 0 for silence', () => {
    expect(peakLevel(new Uint8Array(512).fill(128))).toBe(0);
  });
  it('is the largest swing either side of the midpoint', () => {
    expect(peakLevel(Uint8Array.from([128, 160, 128, 64, 128]))).toBe(0.5);
    expect(peakLevel(Uint8Array.from([0, 128]))).toBe(1);
  });
});
