// The war-room wall's preferences: which scenes rotate in which order, how fast, privacy mode, when the data counts
// as stale, and the display the Electron wall window opens on. Stored with the other settings in the replica.
import { z } from 'zod';

/** The wall's scenes, in their default order. */
export const WALL_SCENE_IDS = ['overview', 'funnel', 'regionRanking', 'exceptionsBoard', 'repActivity', 'trends'] as const;
export const wallSceneIdSchema = z.enum(WALL_SCENE_IDS);
export type WallSceneId = z.infer<typeof wallSceneIdSchema>;

export const wallSettingsSchema = z.strictObject({
  /** Scenes in rotation order; each at most once. */
  scenes: z
    .array(wallSceneIdSchema)
    .min(1)
    .max(WALL_SCENE_IDS.length)
    .refine((ids) => new Set(ids).size === ids.length, 'each scene at most once'),
  /** Seconds each scene stays on screen. */
  intervalSec: z.number().int().min(5).max(600),
  /** Mask rep names (initials or codes) for wider audiences. */
  privacy: z.boolean(),
  /** Minutes after the last successful sync when the wall shows the stale banner. */
  staleAfterMin: z.number().int().min(1).max(1_440),
  /** Electron: the display id the wall window opens on (null = the one the app window is on). */
  displayId: z.number().int().nullable(),
});
export type WallSettings = z.infer<typeof wallSettingsSchema>;

export const DEFAULT_WALL_SETTINGS: WallSettings = {
  scenes: [...WALL_SCENE_IDS],
  intervalSec: 20,
  privacy: false,
  staleAfterMin: 15,
  displayId: null,
};
