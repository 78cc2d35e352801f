/** Tiles on one page of the stage grid: 25, a 5 × 5 grid (MEET layout). */
export const TILES_PER_PAGE = 25;

export interface StagePage<T> {
  /** The tiles shown now. */
  tiles: T[];
  /** The page shown, clamped: people leaving can leave the asked page empty. */
  page: number;
  pageCount: number;
}

/** One page of the grid; page numbers from 0. */
export function stagePage<T>(
  all: readonly T[],
  page: number,
  size: number = TILES_PER_PAGE,
): StagePage<T> {
  const pageCount = Math.max(1, Math.ceil(all.length / size));
  const shown = Math.min(Math.max(0, Math.floor(page)), pageCount - 1);
  return { tiles: all.slice(shown * size, (shown + 1) * size), page: shown, pageCount };
}
