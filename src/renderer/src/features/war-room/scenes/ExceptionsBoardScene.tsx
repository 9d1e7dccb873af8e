// Scene "exceptions board": unresolved exceptions counted by rule × region as a heatmap table (each rule row
// drills into that rule's list), the totals, and the newest critical exceptions that fit, each drilling into itself.
import { useMemo, useRef, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { RULE_KEYS } from '../../../../../shared/analytics/exceptions';
import type { ExceptionsBoard } from '../../../../../shared/analytics/scenes';
import { useFormatters } from '../../../lib/format';
import { useNow } from '../../../lib/use-now';
import { drillScope, exceptionsDrill } from './drill-target';
import { useWallFormat } from './format';
import { countLevel } from './heat';
import { useRegionLabel } from './region-names';
import { SceneRoot, useRenderTracker } from './SceneRoot';
import { Tile } from './Tile';
import type { SceneProps } from './types';
import { useFitCount } from './use-fit-count';

const NO_CHARTS: readonly string[] = [];
/** Newest critical exceptions listed at most; the drill view has the rest. */
const MAX_CRITICAL = 6;
/**
 * Least room one critical card takes, gap included, in em of the list's font size: a title line and a meta line
 * (1.25em + 0.1em + 1em, see .wall-critical-item in exceptions-board.css), some air, and the 0.35em gap. Why: the
 * list shows only the cards that fit whole; a card squeezed below this would cut its text.
 */
const CRITICAL_ROW_EM = 3.2;

export function ExceptionsBoardScene({ data, onRendered }: SceneProps<ExceptionsBoard>) {
  const { t } = useTranslation();
  const format = useWallFormat();
  const appFormat = useFormatters();
  const now = useNow();
  const regionLabel = useRegionLabel(data.scope);
  const { rendered } = useRenderTracker(data, NO_CHARTS, onRendered);
  const scope = drillScope(data.scope);
  const criticalListRef = useRef<HTMLDivElement>(null);
  const criticalSlots = useFitCount(criticalListRef, CRITICAL_ROW_EM, MAX_CRITICAL, MAX_CRITICAL);

  const { byCell, byRule, max, regionIds } = useMemo(() => {
    const cell = new Map<string, number>();
    const rule = new Map<string, number>();
    const regions = new Set(data.scope.regionIds);
    for (const c of data.counts) {
      const n = c.open + c.acknowledged;
      cell.set(`${c.rule}|${c.regionId}`, (cell.get(`${c.rule}|${c.regionId}`) ?? 0) + n);
      rule.set(c.rule, (rule.get(c.rule) ?? 0) + n);
      regions.add(c.regionId);
    }
    return { byCell: cell, byRule: rule, max: Math.max(0, ...cell.values()), regionIds: [...regions] };
  }, [data]);

  const totals = [
    { id: 'open', value: data.totals.open, drill: { statuses: ['open'] as const } },
    { id: 'acknowledged', value: data.totals.acknowledged, drill: { statuses: ['acknowledged'] as const } },
    { id: 'critical', value: data.totals.critical, drill: { severities: ['critical'] as const } },
  ] as const;
  const critical = data.newestCritical.slice(0, criticalSlots);

  return (
    <SceneRoot sceneId="exceptionsBoard" asOf={data.asOf} rendered={rendered} title={t('wallScenes.scenes.exceptionsBoard')}>
      <div className="wall-exceptions">
        <div
          className="wall-panel wall-heat wall-exceptions-heat"
          style={{ '--col-count': Math.max(1, regionIds.length), '--row-count': RULE_KEYS.length } as CSSProperties}
        >
          <div className="wall-heat-title">{t('wallScenes.exceptions.byRule')}</div>
          <div className="wall-heat-row wall-heat-header">
            <span className="wall-heat-rowhead" />
            <span className="wall-heat-colhead wall-heat-total">{t('wallScenes.exceptions.total')}</span>
            {regionIds.map((regionId) => (
              <span key={regionId} className="wall-heat-colhead">
                <span className="wall-heat-colname">{regionLabel(regionId)}</span>
              </span>
            ))}
          </div>
          <div className="wall-heat-rows">
            {RULE_KEYS.map((rule) => {
              const label = t(`rules.${rule}`);
              const total = byRule.get(rule) ?? 0;
              return (
                <Tile
                  key={rule}
                  tileId={`rule-${rule}`}
                  variant="row"
                  className="wall-heat-row"
                  title={label}
                  asOf={data.asOf}
                  data={{ 'data-rule': rule, 'data-count': String(total) }}
                  drill={exceptionsDrill('wallScenes.drill.rule', { scope, rules: [rule], titleParams: { rule: label } })}
                >
                  <span className="wall-heat-cell wall-heat-total" data-level={total > 0 ? 'total' : 'zero'}>
                    <span className="wall-heat-main">{format.num(total)}</span>
                  </span>
                  {regionIds.map((regionId) => {
                    const n = byCell.get(`${rule}|${regionId}`) ?? 0;
                    return (
                      <span key={regionId} className="wall-heat-cell" data-level={n > 0 ? String(countLevel(n, max)) : 'zero'}>
                        <span className="wall-heat-main">{n > 0 ? format.num(n) : '·'}</span>
                      </span>
                    );
                  })}
                </Tile>
              );
            })}
          </div>
        </div>
        <div className="wall-exceptions-side">
          <div className="wall-exceptions-totals">
            {totals.map((total) => (
              <Tile
                key={total.id}
                tileId={`total-${total.id}`}
                title={t(`wallScenes.exceptions.${total.id}`)}
                asOf={data.asOf}
                className={`wall-total wall-total-${total.id}`}
                drill={exceptionsDrill(`wallScenes.drill.${total.id}`, { scope, ...total.drill })}
              >
                <span className="wall-total-value">{format.num(total.value)}</span>
              </Tile>
            ))}
          </div>
          <div className="wall-panel wall-critical">
            <div className="wall-heat-title">{t('wallScenes.exceptions.newestCritical')}</div>
            {critical.length === 0 ? <div className="wall-empty">{t('wallScenes.exceptions.noCritical')}</div> : null}
            <div ref={criticalListRef} className="wall-critical-list" style={{ '--row-count': criticalSlots } as CSSProperties}>
              {critical.map((item) => {
                const label = t(`rules.${item.rule}`);
                const ago = appFormat.timeAgo(now - item.since) ?? t('wallScenes.exceptions.justNow');
                return (
                  <Tile
                    key={item.key}
                    tileId={`critical-${item.key}`}
                    variant="row"
                    className="wall-critical-item"
                    title={label}
                    asOf={data.asOf}
                    data={{ 'data-rule': item.rule }}
                    drill={exceptionsDrill('wallScenes.drill.exception', {
                      scope: drillScope(data.scope, { regionIds: [item.regionId] }),
                      rules: [item.rule],
                      subjectIds: [item.subjectId],
                      titleParams: { rule: label, subject: item.subjectId },
                    })}
                  >
                    <span className="wall-critical-meta">
                      {t('wallScenes.exceptions.itemMeta', {
                        region: regionLabel(item.regionId),
                        subject: t(`wallScenes.subject.${item.subjectType}`),
                        since: ago,
                      })}
                    </span>
                  </Tile>
                );
              })}
            </div>
          </div>
        </div>
      </div>
    </SceneRoot>
  );
}
