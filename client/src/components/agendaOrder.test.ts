import { describe, expect, it } from 'vitest';
import {
  inAgendaOrder,
  moveBy,
  moveTo,
  positionBetween,
  renumbered,
  POSITION_MAX,
} from './agendaOrder.ts';

describe('positionBetween: one write per move', () => {
  it.each([
    [undefined, undefined, 1],
    [undefined, 1, 0],
    [3, undefined, 4],
    [1, 2, 1.5],
    [1, 1.5, 1.25],
    [-2, -1, -1.5],
  ])('between %s and %s is %s', (before, after, expected) => {
    expect(positionBetween(before, after)).toBe(expected);
  });

  it('has no room between two equal or adjacent floating-point numbers', () => {
    expect(positionBetween(1, 1)).toBeUndefined();
    const next = 1 + Number.EPSILON;
    expect(positionBetween(1, next)).toBeUndefined();
  });

  it('stays inside the bounds the server accepts', () => {
    expect(positionBetween(POSITION_MAX, undefined)).toBeUndefined();
    expect(positionBetween(-POSITION_MAX, undefined)).toBe(-POSITION_MAX + 1);
  });

  it('finds room for dozens of moves into the same gap', () => {
    let after = 2;
    for (let i = 0; i < 40; i++) {
      const p = positionBetween(1, after);
      expect(p).toBeGreaterThan(1);
      expect(p).toBeLessThan(after);
      after = p as number;
    }
  });
});

describe('moves in an agenda of three', () => {
  const agenda = [
    { id: 'a', position: 1 },
    { id: 'b', position: 2 },
    { id: 'c', position: 3 },
  ];
  const orderAfter = (move: { id: string; position: number }) =>
    inAgendaOrder(agenda.map((i) => (i.id === move.id ? { ...i, position: move.position } : i)))
      .map((i) => i.id)
      .join('');

  it.each([
    [0, 1, 'bac', 1],
    [2, -1, 'acb', 1],
    [1, -1, 'bac', 0],
    [1, 1, 'acb', 2],
  ] as const)('item %i moved by %i gives %s', (from, step, order, toIndex) => {
    const move = moveBy(agenda, from, step);
    expect(move).toMatchObject({ id: agenda[from]?.id, toIndex });
    expect(orderAfter(move as { id: string; position: number })).toBe(order);
  });

  it('cannot move the first item up or the last one down', () => {
    expect(moveBy(agenda, 0, -1)).toBeNull();
    expect(moveBy(agenda, 2, 1)).toBeNull();
  });

  it.each([
    [0, 2, 'bca', 3 + 1],
    [2, 0, 'cab', 0],
    [0, 1, 'bac', 2.5],
  ] as const)('a drag from %i to %i gives %s', (from, to, order, position) => {
    const move = moveTo(agenda, from, to);
    expect(move?.position).toBe(position);
    expect(orderAfter(move as { id: string; position: number })).toBe(order);
  });

  it('a drop onto itself moves nothing', () => {
    expect(moveTo(agenda, 1, 1)).toBeNull();
  });

  it('reports no room so the caller can renumber', () => {
    const crowded = [
      { id: 'a', position: 1 },
      { id: 'b', position: 1 + Number.EPSILON },
      { id: 'c', position: 3 },
    ];
    expect(moveTo(crowded, 2, 1)).toBeUndefined();
    expect(renumbered([crowded[0], crowded[2], crowded[1]] as typeof crowded)).toEqual([
      { id: 'a', position: 1 },
      { id: 'c', position: 2 },
      { id: 'b', position: 3 },
    ]);
  });
});
