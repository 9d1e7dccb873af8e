// Heat levels for the wall's heatmaps. Colour alone must not carry the meaning, so every cell also prints its
// figure; the levels only make the pattern visible from across the room.

/** Overdue share of open deals → level 0 (none overdue) … 4 (half or more); null = no open deals. */
export function overdueLevel(rate: number | null): number | null {
  if (rate === null || !Number.isFinite(rate)) return null;
  if (rate < 0.05) return 0;
  if (rate < 0.15) return 1;
  if (rate < 0.3) return 2;
  if (rate < 0.5) return 3;
  return 4;
}

/** Bounds of the overdue levels, for the legend. */
export const OVERDUE_LEVEL_BOUNDS = [0.05, 0.15, 0.3, 0.5] as const;

/** A count relative to the largest count on the board → level 0 (zero) … 4. */
export function countLevel(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  const share = count / max;
  if (share <= 0.25) return 1;
  if (share <= 0.5) return 2;
  if (share <= 0.75) return 3;
  return 4;
}
