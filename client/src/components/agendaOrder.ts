/**
 * Agenda order is a fractional `position` per item (see `AgendaItem` in
 * shared/), so moving an item rewrites that item only: it takes a position
 * strictly between its new neighbours.
 */

/** The bounds the server accepts for a position. */
export const POSITION_MIN = -1e9;
export const POSITION_MAX = 1e9;

/**
 * A position strictly between `before` and `after` (either may be missing at
 * the ends of the list), or `undefined` when no such number is representable
 * within the bounds, e.g. after so many moves between the same two items that
 * their midpoint rounds onto one of them. Then the caller renumbers.
 */
export function positionBetween(
  before: number | undefined,
  after: number | undefined,
): number | undefined {
  let candidate: number;
  if (before === undefined && after === undefined) candidate = 1;
  else if (before === undefined) candidate = (after as number) - 1;
  else if (after === undefined) candidate = before + 1;
  else candidate = before + (after - before) / 2;
  const aboveBefore = before === undefined || candidate > before;
  const belowAfter = after === undefined || candidate < after;
  const inBounds = candidate >= POSITION_MIN && candidate <= POSITION_MAX;
  return aboveBefore && belowAfter && inBounds ? candidate : undefined;
}

export interface Positioned {
  id: string;
  position: number;
}

/** Items in agenda order; ties (which the server never makes) fall back to id order. */
export function inAgendaOrder<T extends Positioned>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : 1));
}

/** One write that moves an item: which item, and the position it takes. */
export interface Move {
  id: string;
  position: number;
  /** Its index in the list once moved. */
  toIndex: number;
}

/**
 * Moving the item at `from` (in agenda order) so that it ends up at index
 * `to`. `null` when nothing moves; `undefined` when there is no room between
 * the new neighbours (renumber first).
 */
export function moveTo(
  ordered: readonly Positioned[],
  from: number,
  to: number,
): Move | null | undefined {
  const item = ordered[from];
  if (item === undefined || to < 0 || to >= ordered.length || to === from) return null;
  const rest = ordered.filter((_, i) => i !== from);
  const position = positionBetween(rest[to - 1]?.position, rest[to]?.position);
  return position === undefined ? undefined : { id: item.id, position, toIndex: to };
}

/** The move for "Move up" (-1) or "Move down" (+1) from the keyboard. */
export function moveBy(
  ordered: readonly Positioned[],
  from: number,
  step: -1 | 1,
): Move | null | undefined {
  return moveTo(ordered, from, from + step);
}

/** Whole positions 1…n in the given order: the rare fallback when fractions run out. */
export function renumbered(ordered: readonly Positioned[]): Positioned[] {
  return ordered.map((item, i) => ({ id: item.id, position: i + 1 }));
}
