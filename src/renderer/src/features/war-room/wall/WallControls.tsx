// The presenter's on-screen controls: a bar at the bottom that fades in on mouse move and out when idle.
// Buttons never take the focus on click, so Space and the arrows keep steering the wall afterwards.
import type { MouseEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface WallControlsProps {
  visible: boolean;
  paused: boolean;
  frozen: boolean;
  privacy: boolean;
  position: { current: number; total: number };
  onPrev(): void;
  onNext(): void;
  onPause(): void;
  onFreeze(): void;
  onPrivacy(): void;
  onExit(): void;
}

const keepFocus = (event: MouseEvent) => event.preventDefault();

function ControlButton(props: { testId: string; label: string; pressed?: boolean; onClick(): void; children: ReactNode }) {
  return (
    <button
      type="button"
      className="wall-control"
      data-testid={props.testId}
      aria-pressed={props.pressed}
      onMouseDown={keepFocus}
      onClick={props.onClick}
    >
      {props.children}
      <span className="wall-control-label">{props.label}</span>
    </button>
  );
}

export function WallControls(props: WallControlsProps) {
  const { t } = useTranslation();
  return (
    <div
      className="wall-controls"
      data-testid="wall-controls"
      data-visible={props.visible}
      role="toolbar"
      aria-label={t('wall.controls.label')}
      // Hidden controls leave the tab order, so Tab keeps moving between tiles.
      inert={!props.visible}
    >
      <ControlButton testId="wall-prev" label={t('wall.controls.prev')} onClick={props.onPrev}>
        <Icon path="M15 5 8 12l7 7" />
      </ControlButton>
      <span className="wall-position">
        {t('wall.position', { current: props.position.current, total: props.position.total })}
      </span>
      <ControlButton testId="wall-next" label={t('wall.controls.next')} onClick={props.onNext}>
        <Icon path="m9 5 7 7-7 7" />
      </ControlButton>
      <ControlButton
        testId="wall-pause"
        label={props.paused ? t('wall.controls.resume') : t('wall.controls.pause')}
        pressed={props.paused}
        onClick={props.onPause}
      >
        <Icon path={props.paused ? 'M8 5v14l11-7z' : 'M8 5v14M16 5v14'} />
      </ControlButton>
      <ControlButton
        testId="wall-freeze"
        label={props.frozen ? t('wall.controls.unfreeze') : t('wall.controls.freeze')}
        pressed={props.frozen}
        onClick={props.onFreeze}
      >
        <Icon path="M12 3v18M4.2 7.5l15.6 9M4.2 16.5l15.6-9" />
      </ControlButton>
      <ControlButton
        testId="wall-privacy"
        label={props.privacy ? t('wall.controls.privacyOff') : t('wall.controls.privacyOn')}
        pressed={props.privacy}
        onClick={props.onPrivacy}
      >
        <Icon path="M3 12s3.5-6 9-6 9 6 9 6-3.5 6-9 6-9-6-9-6zM12 9.5a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5zM4 20 20 4" />
      </ControlButton>
      <ControlButton testId="wall-exit" label={t('wall.controls.exit')} onClick={props.onExit}>
        <Icon path="M6 6l12 12M18 6 6 18" />
      </ControlButton>
    </div>
  );
}

function Icon({ path }: { path: string }) {
  return (
    <svg className="wall-control-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={path} />
    </svg>
  );
}
