// Names behind the ids an exception carries (rep, region), for the drill list. Taken from the scenes the wall
// already holds when it can (rep activity, region ranking), otherwise read once when a drill opens.
import { useEffect, useMemo, useState } from 'react';
import type { RegionRanking, RepActivityScene } from '../../../../../shared/analytics/scenes';
import { useClient } from '../../../lib/client-context';

export interface NameSources {
  repActivity?: RepActivityScene;
  regionRanking?: RegionRanking;
}

export interface NameBook {
  rep(id: string): string | null;
  region(id: string): { name: string; nameEn: string } | null;
}

export function useNameBook(known: NameSources): NameBook {
  const client = useClient();
  const [fetched, setFetched] = useState<NameSources>({});
  const needReps = !known.repActivity;
  const needRegions = !known.regionRanking;

  useEffect(() => {
    let live = true;
    // Names only decorate the list: without them it shows ids, so failures are not reported.
    if (needReps) {
      client.call('analytics.repActivity', {}).then(
        (repActivity) => live && setFetched((f) => ({ ...f, repActivity })),
        () => undefined,
      );
    }
    if (needRegions) {
      client.call('analytics.regionRanking', {}).then(
        (regionRanking) => live && setFetched((f) => ({ ...f, regionRanking })),
        () => undefined,
      );
    }
    return () => {
      live = false;
    };
  }, [client, needReps, needRegions]);

  const reps = known.repActivity ?? fetched.repActivity;
  const regions = known.regionRanking ?? fetched.regionRanking;
  return useMemo(() => {
    const repNames = new Map(reps?.rows.map((row) => [row.repId, row.name]));
    const regionNames = new Map(regions?.rows.map((row) => [row.regionId, { name: row.name, nameEn: row.nameEn }]));
    return { rep: (id) => repNames.get(id) ?? null, region: (id) => regionNames.get(id) ?? null };
  }, [reps, regions]);
}
