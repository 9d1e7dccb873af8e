// The wall's scenes by id: the core method each one reads and the component that draws it. The shell rotates
// through these; liveChartCount() is how it (and the soak test) sees that scene switches dispose their charts.
import type { ComponentType } from 'react';
import type { WallSceneId } from '../../../../../shared/domain/wall';
import { ExceptionsBoardScene } from './ExceptionsBoardScene';
import { FunnelScene } from './FunnelScene';
import { OverviewScene } from './OverviewScene';
import { RegionRankingScene } from './RegionRankingScene';
import { RepActivityScene } from './RepActivityScene';
import { TrendsScene } from './TrendsScene';
import type { SceneData, SceneProps } from './types';
// The scenes' stylesheets in cascade order: shared parts first, then one per scene.
import './scene-frame.css';
import './scene-tiles.css';
import './scene-meters.css';
import './overview.css';
import './heat-table.css';
import './funnel.css';
import './region-ranking.css';
import './exceptions-board.css';
import './rep-activity.css';
import './trends.css';

export { liveChartCount } from './chart-count';

export type SceneMethod =
  | 'analytics.overview'
  | 'analytics.funnel'
  | 'analytics.regionRanking'
  | 'analytics.exceptionsBoard'
  | 'analytics.repActivity'
  | 'analytics.trends';

export interface SceneEntry {
  method: SceneMethod;
  // Why `any`: the shell picks a scene by a runtime id and hands it that id's result; a per-id component type
  // would force a union of incompatible prop types there. SCENE_TYPES below keeps each pairing checked.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  Component: ComponentType<SceneProps<any>>;
}

/** Each scene's component with its own data type: checks at compile time that method, data and component agree. */
const SCENE_TYPES: { [K in WallSceneId]: { method: SceneMethod; Component: ComponentType<SceneProps<SceneData[K]>> } } = {
  overview: { method: 'analytics.overview', Component: OverviewScene },
  funnel: { method: 'analytics.funnel', Component: FunnelScene },
  regionRanking: { method: 'analytics.regionRanking', Component: RegionRankingScene },
  exceptionsBoard: { method: 'analytics.exceptionsBoard', Component: ExceptionsBoardScene },
  repActivity: { method: 'analytics.repActivity', Component: RepActivityScene },
  trends: { method: 'analytics.trends', Component: TrendsScene },
};

export const SCENES: Record<WallSceneId, SceneEntry> = SCENE_TYPES;
