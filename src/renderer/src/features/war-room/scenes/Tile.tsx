// A wall tile: one focusable number or chart the presenter can stop on and drill into. Carries the drill target
// (data-drill), its own as-of stamp (every figure on the wall says when it is from) and its focus state.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AsOf } from '../../../../../shared/analytics/metrics';
import { serializeDrill, type DrillTarget } from './drill-target';
import { useWallFormat } from './format';

export interface TileProps {
  tileId: string;
  title: ReactNode;
  drill: DrillTarget;
  asOf: AsOf;
  children?: ReactNode;
  className?: string;
  /** Rows in a list: title and stamp inline, the stamp only shown while focused (the panel shows it too). */
  variant?: 'card' | 'row';
  /** Extra attributes for styling and tests (e.g. data-tone). */
  data?: Record<`data-${string}`, string>;
}

export function AsOfStamp({ asOf, testId = 'wall-asof' }: { asOf: AsOf; testId?: string }) {
  const { t } = useTranslation();
  const format = useWallFormat();
  const text = asOf.time === null ? t('wallScenes.noSync') : t('wallScenes.asOf', { time: format.asOf(asOf.time) });
  return (
    <span className="wall-asof" data-testid={testId} data-stale={asOf.time === null ? 'true' : undefined}>
      {asOf.time === null ? text : <time dateTime={new Date(asOf.time).toISOString()}>{text}</time>}
    </span>
  );
}

export function Tile({ tileId, title, drill, asOf, children, className, variant = 'card', data }: TileProps) {
  const [focused, setFocused] = useState(false);
  return (
    <div
      className={`wall-tile wall-tile-${variant}${className ? ` ${className}` : ''}`}
      data-testid="wall-tile"
      data-tile-id={tileId}
      data-drill={serializeDrill(drill)}
      data-focused={focused ? 'true' : 'false'}
      tabIndex={0}
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
      {...data}
    >
      <div className="wall-tile-head">
        <span className="wall-tile-title">{title}</span>
        <AsOfStamp asOf={asOf} />
      </div>
      {children}
    </div>
  );
}
