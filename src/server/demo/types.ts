// Public types of the demo data generator: its options, the batches it streams and the manifest of planted patterns.
import type { RuleKey } from '../../shared/analytics/exceptions';
import type { TableName } from '../../shared/sync/tables';

export type DemoScale = 'demo' | 'M' | 'L';
export const DEMO_SCALES: readonly DemoScale[] = ['demo', 'M', 'L'];

export interface DemoOptions {
  scale: DemoScale;
  /** Any integer; the same seed (with the same `now` and scale) always yields the same rows. */
  seed: number;
  /** Epoch ms the data is "as of": nothing happens after it; the data spans ~16 weeks before it. */
  now: number;
  /** Inject the exception patterns of DOMAIN.md (default true). false = a clean control dataset. */
  plants?: boolean;
}

/** Positional rows of one table, in TABLES column order; at most MAX_BATCH_ROWS rows. */
export interface DemoBatch {
  table: TableName;
  rows: unknown[][];
}

/** Keys of the exception catalog in DOMAIN.md (one list, shared with the analytics engine). */
export type ExceptionRule = RuleKey;

/** One rule that fires because of a planted pattern, and for which subjects. */
export interface PlantedPattern {
  /** Short name of the planted pattern; one pattern can make several rules fire (e.g. a departed rep's leads). */
  plant: string;
  rule: ExceptionRule;
  regionId: string;
  /** Ids the rule fires for as of `now`: deal ids, lead ids, rep ids or the region id (phi_drop). */
  subjects: string[];
  description: string;
  /** Other ids that make up the pattern without being the rule's subject (e.g. the leads behind a PHI drop). */
  related?: string[];
}

export interface DemoManifest {
  seed: number;
  scale: DemoScale;
  now: number;
  plants: PlantedPattern[];
  patterns: {
    /** Stage regressions (moves to an earlier stage) in the whole dataset. */
    regressionCount: number;
    /** Share of regressions that happened on a Friday between 16:00 and 17:00 local time. */
    regressionFriday1617Share: number;
    /** Share of regressions on deals whose account segment is education_bureau. */
    regressionEducationBureauShare: number;
  };
}
