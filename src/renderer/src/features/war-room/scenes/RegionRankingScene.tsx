// Scene "region ranking": regions ranked by revenue attainment, as bars against the 100 % target line, with won
// amount, PHI, data health and effective follow-ups beside them. Each row drills into that region's exceptions.
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegionRanking } from '../../../../../shared/analytics/scenes';
import { drillScope, exceptionsDrill } from './drill-target';
import { useWallFormat } from './format';
import { useLocalName } from './region-names';
import { SceneRoot, useRenderTracker } from './SceneRoot';
import { Tile } from './Tile';
import type { SceneProps } from './types';

const NO_CHARTS: readonly string[] = [];
/** Rows that stay legible at 1280×720; more regions than this are summarized as "+N more". */
const MAX_ROWS = 12;
const PHI_ALERT = 60;
const HEALTH_ALERT = 80;

export function RegionRankingScene({ data, onRendered }: SceneProps<RegionRanking>) {
  const { t } = useTranslation();
  const format = useWallFormat();
  const local = useLocalName();
  const { rendered } = useRenderTracker(data, NO_CHARTS, onRendered);
  const rows = [...data.rows].sort((a, b) => a.rank - b.rank);
  const shown = rows.slice(0, MAX_ROWS);
  // The bar scale leaves room past 100 % so the target line is always inside the track.
  const scaleMax = Math.max(1.2, ...shown.map((r) => r.attainment.value ?? 0));
  const targetAt = `${(100 / scaleMax).toFixed(2)}%`;
  const columns = ['attainment', 'won', 'phi', 'dataHealth', 'followUps'] as const;

  return (
    <SceneRoot
      sceneId="regionRanking"
      asOf={data.asOf}
      rendered={rendered}
      title={t('wallScenes.scenes.regionRanking')}
      period={data.period.label}
    >
      <div className="wall-ranking" style={{ '--row-count': Math.max(1, shown.length) } as CSSProperties}>
        <div className="wall-ranking-row wall-ranking-header">
          <span className="wall-ranking-colhead">{t('wallScenes.ranking.region')}</span>
          {columns.map((c) => (
            <span key={c} className={`wall-ranking-colhead wall-col-${c}`}>
              {t(`wallScenes.ranking.${c}`)}
            </span>
          ))}
        </div>
        {shown.length === 0 ? <div className="wall-empty">{t('wallScenes.empty')}</div> : null}
        {shown.map((row) => {
          const name = local(row);
          const attainment = row.attainment.value;
          const phiAlert = row.phi.value !== null && row.phi.value < PHI_ALERT;
          const healthAlert = row.dataHealth.value !== null && row.dataHealth.value < HEALTH_ALERT;
          return (
            <Tile
              key={row.regionId}
              tileId={`region-${row.regionId}`}
              variant="row"
              className="wall-ranking-row"
              title={
                <>
                  <span className="wall-rank">{format.num(row.rank)}</span>
                  <span className="wall-ranking-name">{name}</span>
                </>
              }
              asOf={data.asOf}
              data={{ 'data-region-id': row.regionId }}
              drill={exceptionsDrill('wallScenes.drill.region', {
                scope: drillScope(data.scope, { regionIds: [row.regionId] }),
                titleParams: { region: name },
              })}
            >
              <span className="wall-col-attainment wall-bar-cell">
                <span className="wall-bar-track" style={{ '--target-at': targetAt } as CSSProperties}>
                  <span
                    className="wall-bar-fill"
                    data-met={attainment !== null && attainment >= 1 ? 'true' : 'false'}
                    style={{ width: `${Math.min(100, ((attainment ?? 0) / scaleMax) * 100).toFixed(2)}%` }}
                  />
                  <span className="wall-bar-target" aria-hidden="true" />
                </span>
                <span className="wall-bar-value">{format.ratio(row.attainment)}</span>
              </span>
              <span className="wall-col-won wall-num">{format.money(row.wonAmount)}</span>
              <span className="wall-col-phi wall-num" data-alert={phiAlert ? 'true' : 'false'}>
                {format.score(row.phi.value)}
                {phiAlert ? <span className="wall-flag">{t('wallScenes.ranking.low')}</span> : null}
              </span>
              <span className="wall-col-dataHealth wall-num" data-alert={healthAlert ? 'true' : 'false'}>
                {format.score(row.dataHealth.value)}
                {healthAlert ? <span className="wall-flag">{t('wallScenes.ranking.low')}</span> : null}
              </span>
              <span className="wall-col-followUps wall-num">{format.fixed(row.effectiveFollowUpsPerRepDay.value, 1)}</span>
            </Tile>
          );
        })}
        {rows.length > shown.length ? (
          <div className="wall-more">{t('wallScenes.more', { value: format.num(rows.length - shown.length) })}</div>
        ) : null}
      </div>
    </SceneRoot>
  );
}
