// The root of every scene: its test id, whether all its charts finished drawing the current data
// (data-rendered), the snapshot it shows (data-checkpoint), and its heading with the period.
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AsOf } from '../../../../../shared/analytics/metrics';
import type { WallSceneId } from '../../../../../shared/domain/wall';
import { AsOfStamp } from './Tile';

const NONE: ReadonlySet<string> = new Set();

export interface RenderTracker {
  rendered: boolean;
  /** The onFinished handler of each chart, by chart id (stable while the ids are). */
  finished: Readonly<Record<string, (renderKey: unknown) => void>>;
}

/**
 * Tracks which of the scene's charts finished drawing `data`, and calls onRendered once per data object when all
 * did (at once when the scene has no charts). Finishes reported for an older data object do not count.
 * `chartIds` should be a module constant: new handlers are made when it changes.
 */
export function useRenderTracker(data: unknown, chartIds: readonly string[], onRendered: () => void): RenderTracker {
  const [done, setDone] = useState<{ key: unknown; ids: ReadonlySet<string> }>({ key: undefined, ids: NONE });
  const finishedIds = done.key === data ? done.ids : NONE;
  const rendered = chartIds.every((id) => finishedIds.has(id));

  const finished = useMemo(
    () =>
      Object.fromEntries(
        chartIds.map((chartId) => [
          chartId,
          (renderKey: unknown) =>
            setDone((prev) => {
              if (prev.key === renderKey && prev.ids.has(chartId)) return prev;
              const ids = new Set(prev.key === renderKey ? prev.ids : NONE);
              ids.add(chartId);
              return { key: renderKey, ids };
            }),
        ]),
      ),
    [chartIds],
  );

  const onRenderedRef = useRef(onRendered);
  useEffect(() => {
    onRenderedRef.current = onRendered;
  }, [onRendered]);
  const reported = useRef<unknown>(undefined);
  useEffect(() => {
    if (!rendered || reported.current === data) return;
    reported.current = data;
    onRenderedRef.current();
  }, [rendered, data]);

  return { rendered, finished };
}

export interface SceneRootProps {
  sceneId: WallSceneId;
  asOf: AsOf;
  rendered: boolean;
  title: string;
  /** The period the figures cover (e.g. "2026-W45"), shown next to the title. */
  period?: string;
  className?: string;
  children: ReactNode;
}

export function SceneRoot({ sceneId, asOf, rendered, title, period, className, children }: SceneRootProps) {
  const { t } = useTranslation();
  return (
    <section
      className={`wall-scene wall-scene-${sceneId}${className ? ` ${className}` : ''}`}
      data-testid={`wall-scene-${sceneId}`}
      data-rendered={rendered ? 'true' : 'false'}
      data-checkpoint={asOf.checkpointId}
      aria-label={title}
    >
      <header className="wall-scene-head">
        <h2 className="wall-scene-title">{title}</h2>
        {period ? <span className="wall-scene-period">{t('wallScenes.period', { period })}</span> : null}
        <span className="wall-scene-asof">
          <AsOfStamp asOf={asOf} testId="wall-scene-asof" />
        </span>
      </header>
      <div className="wall-scene-body">{children}</div>
    </section>
  );
}
