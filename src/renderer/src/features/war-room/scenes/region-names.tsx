// Region display names for scenes whose rows carry only region ids (funnel heatmap, exceptions board): every result's
// resolved scope lists its regions with both names, so the label comes from the same snapshot as the figures.
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResolvedScope } from '../../../../../shared/analytics/period';

export interface RegionName {
  name: string;
  nameEn: string;
}

/** Picks the Chinese or English name of something that has both, by UI language. */
export function useLocalName(): (item: RegionName) => string {
  const { i18n } = useTranslation();
  const zh = (i18n.resolvedLanguage ?? i18n.language).startsWith('zh');
  return useCallback((item: RegionName) => (zh ? item.name : item.nameEn || item.name), [zh]);
}

/** id → display name in the UI language (the id itself when the scope does not know it). */
export function useRegionLabel(scope: ResolvedScope): (regionId: string) => string {
  const local = useLocalName();
  return useMemo(() => {
    const names = new Map(scope.regions.map((r) => [r.id, r]));
    return (regionId: string) => {
      const known = names.get(regionId);
      return known ? local(known) : regionId;
    };
  }, [scope.regions, local]);
}
