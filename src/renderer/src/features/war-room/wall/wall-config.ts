// What the wall shows and how fast: the stored wall settings, overridden by the hash route's diagnostic query
// parameters (`dwellMs`, `scenes`) that e2e tests, the soak test and the benchmark use.
import { wallSceneIdSchema, type WallSceneId, type WallSettings } from '../../../../../shared/domain/wall';

/** The contract's floor for `dwellMs`: below it a scene could not even finish rendering. */
export const MIN_DWELL_MS = 50;

export interface WallConfig {
  scenes: readonly WallSceneId[];
  dwellMs: number;
}

/** Scene ids from a comma list, unknown ones dropped, each once, in the given order. */
export function parseSceneList(raw: string | null): WallSceneId[] {
  if (!raw) return [];
  const ids: WallSceneId[] = [];
  for (const part of raw.split(',')) {
    const parsed = wallSceneIdSchema.safeParse(part.trim());
    if (parsed.success && !ids.includes(parsed.data)) ids.push(parsed.data);
  }
  return ids;
}

export function resolveWallConfig(settings: WallSettings, query: URLSearchParams): WallConfig {
  const override = parseSceneList(query.get('scenes'));
  const dwell = Number(query.get('dwellMs'));
  return {
    scenes: override.length > 0 ? override : settings.scenes,
    dwellMs: query.has('dwellMs') && Number.isFinite(dwell) ? Math.max(MIN_DWELL_MS, dwell) : settings.intervalSec * 1000,
  };
}
