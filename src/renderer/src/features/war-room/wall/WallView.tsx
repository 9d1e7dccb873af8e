// The war-room wall as projected: the current scene filling the screen, rotating on its own, steered by keys,
// a presenter remote or the on-screen controls; drills into the list behind a tile; tells the truth about how
// fresh the figures are (stale banner, per-tile as-of, the "frozen at" badge of a meeting freeze).
import { useCallback, useEffect, useRef, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { WallSceneId } from '../../../../../shared/domain/wall';
import { useFormatters } from '../../../lib/format';
import { usePreferences } from '../../../lib/preferences';
import { parseDrill, type DrillTarget } from '../scenes/drill-target';
import { liveChartCount } from '../scenes/registry';
import type { NameSources } from './drill-names';
import { SceneFrame } from './SceneFrame';
import { StaleBanner } from './StaleBanner';
import { useIdleControls } from './use-idle-controls';
import { usePresenterKeys } from './use-presenter-keys';
import { useRotation } from './use-rotation';
import { useWallData } from './use-wall-data';
import { WallControls } from './WallControls';
import { WallDrill } from './WallDrill';
import { sceneView, type FreezeView, type WallDataState } from './wall-data-store';
import { exitFullscreen, wallWindowBridge } from './wall-window';

const TILE = '[data-testid="wall-tile"]';

export interface WallViewProps {
  scenes: readonly WallSceneId[];
  dwellMs: number;
  /** Privacy mode when the wall opens (settings.wall.privacy); toggled on the wall for this showing only. */
  privacyDefault: boolean;
  staleAfterMin: number;
}

/** Privacy mode starts from the stored default and follows a change of it; the presenter's toggle wins meanwhile. */
function usePrivacy(privacyDefault: boolean): [boolean, () => void] {
  const [state, setState] = useState({ from: privacyDefault, on: privacyDefault });
  if (state.from !== privacyDefault) setState({ from: privacyDefault, on: privacyDefault });
  const toggle = useCallback(() => setState((s) => ({ ...s, on: !s.on })), []);
  return [state.on, toggle];
}

export function WallView({ scenes, dwellMs, privacyDefault, staleAfterMin }: WallViewProps) {
  const { t } = useTranslation();
  const { theme } = usePreferences();
  const navigate = useNavigate();
  const root = useRef<HTMLDivElement>(null);
  const rotation = useRotation(scenes.length, dwellMs);
  const scene = scenes[rotation.index] ?? null;
  const next = scenes.length > 1 ? (scenes[(rotation.index + 1) % scenes.length] ?? null) : null;
  const data = useWallData(scene, next);
  // Frozen (data-frozen) once the pinned snapshot is on screen: until then the figures are still live ones.
  const freezing = data.state.freeze !== null;
  const frozen = data.state.freeze?.status === 'ready';
  const [privacy, togglePrivacy] = usePrivacy(privacyDefault);
  const [drill, setDrill] = useState<{ target: DrillTarget; tileId: string | null } | null>(null);
  const returnFocusTo = useRef<string | null>(null);
  const controls = useIdleControls();

  const recountCharts = useCallback(() => {
    // The scenes count their echarts instances (created and disposed); the soak test reads this attribute.
    if (root.current) root.current.dataset.liveCharts = String(liveChartCount());
  }, []);
  // After every commit: scenes create their charts in effects, which run before this parent's effect.
  useEffect(recountCharts);

  const openDrill = useCallback(
    (tile: Element | null): boolean => {
      if (!(tile instanceof HTMLElement) || !root.current?.contains(tile) || !tile.matches(TILE)) return false;
      const target = parseDrill(tile.getAttribute('data-drill'));
      if (!target) return false;
      setDrill({ target, tileId: tile.dataset.tileId ?? null });
      rotation.hold(true);
      return true;
    },
    [rotation],
  );

  const closeDrill = useCallback(() => {
    returnFocusTo.current = drill?.tileId ?? null;
    setDrill(null);
    rotation.hold(false);
  }, [drill, rotation]);

  // Back from a drill, the presenter lands on the tile they drilled into.
  useEffect(() => {
    const tileId = returnFocusTo.current;
    if (drill || tileId === null || !root.current) return;
    returnFocusTo.current = null;
    const tiles = Array.from(root.current.querySelectorAll<HTMLElement>(TILE));
    tiles.find((tile) => tile.dataset.tileId === tileId)?.focus();
  }, [drill]);

  const exit = useCallback(() => {
    exitFullscreen();
    const bridge = wallWindowBridge();
    const leave = () => navigate('/war-room');
    // In Electron the wall has its own window: closing it is leaving. Navigating covers a wall shown elsewhere.
    if (bridge) bridge.close().then(leave, leave);
    else leave();
  }, [navigate]);

  const focusTile = useCallback((direction: 1 | -1) => {
    const tiles = Array.from(root.current?.querySelectorAll<HTMLElement>(`:scope > .wall-stage ${TILE}`) ?? []);
    if (tiles.length === 0) return;
    const at = tiles.indexOf(document.activeElement as HTMLElement);
    const to = at < 0 ? (direction === 1 ? 0 : tiles.length - 1) : (at + direction + tiles.length) % tiles.length;
    tiles[to]?.focus();
  }, []);

  const toggleFreeze = useCallback(() => (freezing ? data.unfreeze() : data.freeze(scenes)), [freezing, data, scenes]);

  usePresenterKeys(
    {
      togglePause: rotation.togglePause,
      next: rotation.next,
      prev: rotation.prev,
      jump: rotation.jump,
      focusTile,
      drill: () => openDrill(document.activeElement),
      back: () => (drill ? closeDrill() : exit()),
      toggleFreeze,
      togglePrivacy,
    },
    drill !== null,
  );

  const onStageClick = (event: MouseEvent) => {
    const tile = (event.target as Element).closest(TILE);
    if (tile instanceof HTMLElement && openDrill(tile)) tile.focus();
  };

  return (
    <div
      ref={root}
      className="wall"
      data-testid="wall"
      data-scene={scene ?? ''}
      data-scene-index={rotation.index}
      data-paused={rotation.paused || rotation.held}
      data-frozen={frozen}
      data-privacy={privacy}
      data-idle={!controls.visible}
      data-drilling={drill !== null}
      role="region"
      aria-label={t('wall.label')}
    >
      <StaleBanner staleAfterMin={staleAfterMin} />
      <header className="wall-header">
        <h1 className="wall-brand">{t('wall.label')}</h1>
        <span className="wall-header-scene">
          {scene ? t('wall.position', { current: rotation.index + 1, total: scenes.length }) : t('wall.noScenes')}
        </span>
        <div className="wall-badges">
          {rotation.paused ? <span className="wall-chip">{t('wall.paused')}</span> : null}
          {privacy ? <span className="wall-chip">{t('wall.privacyOn')}</span> : null}
          <FreezeBadge freeze={data.state.freeze} failed={data.state.freezeFailed} />
          <SceneDots scenes={scenes} index={rotation.index} />
        </div>
      </header>
      <main className="wall-stage" onClick={onStageClick} inert={drill !== null}>
        {scene ? (
          <SceneFrame
            key={scene}
            scene={scene}
            view={sceneView(data.state, scene)}
            privacy={privacy}
            theme={theme}
            onRendered={recountCharts}
          />
        ) : null}
      </main>
      {drill ? (
        <WallDrill
          target={drill.target}
          privacy={privacy}
          names={nameSources(data.state)}
          funnel={sceneView(data.state, 'funnel').data}
          onClose={closeDrill}
        />
      ) : null}
      <WallControls
        visible={controls.visible}
        paused={rotation.paused}
        frozen={freezing}
        privacy={privacy}
        position={{ current: rotation.index + 1, total: scenes.length }}
        onPrev={rotation.prev}
        onNext={rotation.next}
        onPause={rotation.togglePause}
        onFreeze={toggleFreeze}
        onPrivacy={togglePrivacy}
        onExit={exit}
      />
    </div>
  );
}

/** Rep and region names the wall already holds, for the drill list. */
function nameSources(state: WallDataState): NameSources {
  return { repActivity: sceneView(state, 'repActivity').data, regionRanking: sceneView(state, 'regionRanking').data };
}

function FreezeBadge({ freeze, failed }: { freeze: FreezeView; failed: boolean }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (failed && !freeze) {
    return (
      <span className="wall-chip wall-chip-warn" role="alert">
        {t('wall.frozen.failed')}
      </span>
    );
  }
  if (!freeze) return null;
  const text =
    freeze.status === 'pending'
      ? t('wall.frozen.pending')
      : freeze.asOf.time === null
        ? t('wall.frozen.never')
        : t('wall.frozen.at', { time: format.dateTime(new Date(freeze.asOf.time).toISOString()) });
  return (
    <span className="wall-chip wall-chip-frozen" data-testid="wall-frozen-badge" data-status={freeze.status}>
      {text}
    </span>
  );
}

function SceneDots({ scenes, index }: { scenes: readonly WallSceneId[]; index: number }) {
  const { t } = useTranslation();
  return (
    <ol className="wall-dots" aria-label={t('wall.position', { current: index + 1, total: scenes.length })}>
      {scenes.map((id, i) => (
        <li key={id} data-current={i === index} title={t(`wall.scenes.${id}`)} />
      ))}
    </ol>
  );
}
