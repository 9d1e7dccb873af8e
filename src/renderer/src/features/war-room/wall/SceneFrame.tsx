// The frame of the scene on screen: hands the scene its data (the scene's own root carries the contract
// attributes data-rendered and data-checkpoint), says when there is none yet, and keeps a scene that throws
// from taking the wall down.
import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { WallSceneId } from '../../../../../shared/domain/wall';
import { SCENES } from '../scenes/registry';
import type { SceneView } from './wall-data-store';

export interface SceneFrameProps {
  scene: WallSceneId;
  view: SceneView;
  privacy: boolean;
  theme: 'light' | 'dark';
  /** Called when the scene finished drawing its data (the wall recounts live charts then). */
  onRendered(): void;
}

export function SceneFrame({ scene, view, privacy, theme, onRendered }: SceneFrameProps) {
  const { data } = view;
  const SceneComponent = SCENES[scene].Component;
  return (
    <div className="wall-frame" data-frame={scene} data-stale={view.stale} data-failed={view.failed}>
      {data ? (
        <SceneBoundary resetKey={data} fallback={<SceneNote kind="broken" />}>
          <SceneComponent data={data} privacy={privacy} theme={theme} onRendered={onRendered} />
        </SceneBoundary>
      ) : (
        <SceneNote kind={view.failed ? 'failed' : 'loading'} />
      )}
    </div>
  );
}

function SceneNote({ kind }: { kind: 'loading' | 'failed' | 'broken' }) {
  const { t } = useTranslation();
  return (
    <div className="wall-scene-note" role={kind === 'loading' ? 'status' : 'alert'} data-kind={kind}>
      {t(`wall.sceneNote.${kind}`)}
    </div>
  );
}

interface BoundaryProps {
  /** A new value (new data) clears the error and tries again. */
  resetKey: unknown;
  fallback: ReactNode;
  children: ReactNode;
}

/** Catches a scene that throws while rendering, so the rotation and the other scenes go on. */
class SceneBoundary extends Component<BoundaryProps, { failedFor: unknown; failed: boolean }> {
  override state = { failedFor: undefined as unknown, failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  static getDerivedStateFromProps(props: BoundaryProps, state: { failedFor: unknown; failed: boolean }) {
    if (state.failed && state.failedFor === undefined) return { failedFor: props.resetKey };
    if (state.failed && state.failedFor !== props.resetKey) return { failed: false, failedFor: undefined };
    return null;
  }

  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
