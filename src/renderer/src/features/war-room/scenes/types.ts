// The contract between the wall shell and its scenes: what a scene is given (one analytics result, privacy mode,
// theme) and how it says it is done drawing (onRendered), plus the result type of each scene's core method.
import type { WallSnapshot } from '../../../../../shared/api/analytics-methods';
import type { WallSceneId } from '../../../../../shared/domain/wall';

export type WallTheme = 'light' | 'dark';

export interface SceneProps<T> {
  /** The scene's analytics result; a new object means new data (compared by identity). */
  data: T;
  /** Mask rep names (wider audiences). */
  privacy: boolean;
  /** The resolved theme of <html data-theme>; charts re-init when it changes. */
  theme: WallTheme;
  /** Called once per `data` after every chart of the scene finished rendering it (at once when it has none). */
  onRendered(): void;
}

/** The result each scene renders, by scene id (the same shapes `analytics.wall` returns per scene). */
export type SceneData = { [K in WallSceneId]: NonNullable<WallSnapshot['scenes'][K]> };
