// A stand-in for the scene registry (vi.mock'ed in the wall tests): each scene draws a few focusable tiles with a
// drill target and its checkpoint, and reports "rendered" at once, so the shell is tested without echarts.
import { useEffect } from 'react';
import { WALL_SCENE_IDS, type WallSceneId } from '../../../../src/shared/domain/wall';
import type { DrillTarget } from '../../../../src/renderer/src/features/war-room/scenes/drill-target';
import { methodOf } from './fixtures';

interface FakeSceneProps {
  data: { asOf: { checkpointId: string } };
  privacy: boolean;
  theme: 'light' | 'dark';
  onRendered(): void;
}

/** What the tests read and steer: rendered reports per scene, and the live chart count the wall must show. */
export const sceneLog = { rendered: [] as string[], charts: 0 };

export const OVERDUE_DRILL: DrillTarget = {
  kind: 'exceptions',
  filter: { rules: ['stage_overdue'] },
  titleKey: 'wall.drill.title',
};

export const ALL_DRILL: DrillTarget = { kind: 'exceptions', filter: {}, titleKey: 'wall.drill.title' };

function makeScene(id: WallSceneId) {
  function FakeScene({ data, privacy, theme, onRendered }: FakeSceneProps) {
    useEffect(() => {
      sceneLog.rendered.push(`${id}@${data.asOf.checkpointId}`);
      onRendered();
    }, [data, onRendered]);
    return (
      <section
        data-testid={`wall-scene-${id}`}
        data-checkpoint={data.asOf.checkpointId}
        data-privacy-prop={privacy}
        data-theme-prop={theme}
      >
        <div data-testid="wall-tile" data-tile-id={`${id}-overdue`} tabIndex={0} data-drill={JSON.stringify(OVERDUE_DRILL)}>
          <span data-testid="wall-asof">{data.asOf.checkpointId}</span>
        </div>
        <div data-testid="wall-tile" data-tile-id={`${id}-all`} tabIndex={0} data-drill={JSON.stringify(ALL_DRILL)} />
        <div data-testid="wall-tile" data-tile-id={`${id}-none`} tabIndex={0} />
      </section>
    );
  }
  return FakeScene;
}

export const SCENES = Object.fromEntries(WALL_SCENE_IDS.map((id) => [id, { method: methodOf(id), Component: makeScene(id) }]));

export function liveChartCount(): number {
  return sceneLog.charts;
}
