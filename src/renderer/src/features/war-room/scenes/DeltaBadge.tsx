// Week-over-week change of a headline figure: arrow, signed value and colour, so the direction reads without
// colour too. The colour says good or bad, which depends on the figure (a falling overdue rate is good news).
import { useTranslation } from 'react-i18next';
import type { Delta } from '../../../../../shared/analytics/metrics';
import { NO_DATA, useWallFormat } from './format';

/** How the change is expressed: relative (%), in percentage points, as a plain number, or in score points. */
export type DeltaKind = 'relative' | 'points' | 'number' | 'score';
/** Which direction is good news. */
export type Polarity = 'higher' | 'lower';

const ARROWS = { up: '▲', down: '▼', flat: '▶', none: '' } as const;

export function DeltaBadge({ delta, kind, polarity }: { delta: Delta | undefined; kind: DeltaKind; polarity: Polarity }) {
  const { t } = useTranslation();
  const format = useWallFormat();
  const raw = kind === 'relative' ? delta?.deltaPct : delta?.delta;
  const value = typeof raw === 'number' && Number.isFinite(raw) ? raw : null;
  const direction = value === null ? 'none' : value > 0 ? 'up' : value < 0 ? 'down' : 'flat';
  const tone =
    direction === 'none' || direction === 'flat' ? 'flat' : (direction === 'up') === (polarity === 'higher') ? 'good' : 'bad';
  let text = NO_DATA;
  if (value !== null) {
    if (kind === 'relative') text = format.signedPct(value);
    else if (kind === 'points') text = t('wallScenes.units.points', { value: format.signedNum(value * 100, 1) });
    else if (kind === 'score') text = format.signedNum(value, 1);
    else text = format.signedNum(value, 1);
  }
  return (
    <span className={`wall-delta wall-delta-${tone}`} data-direction={direction} data-tone={tone}>
      {direction === 'none' ? null : (
        <span className="wall-delta-arrow" aria-hidden="true">
          {ARROWS[direction]}
        </span>
      )}
      <span className="wall-delta-value" aria-hidden="true">
        {text}
      </span>
      <span className="wall-delta-ref" aria-hidden="true">
        {t('wallScenes.delta.ref')}
      </span>
      <span className="wall-sr">{t(`wallScenes.delta.${direction}`, { value: text })}</span>
    </span>
  );
}
