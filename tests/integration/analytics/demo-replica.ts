// Test helper: an in-memory replica holding a generated demo dataset, with its sync checkpoint set to the data's
// "now", as the analytics integration tests and the bench use it.
import { openReplica, type Db } from '../../../src/core/db/open';
import { generateDemo } from '../../../src/server/demo/generate';
import type { DemoOptions } from '../../../src/server/demo/types';
import { loadBatches, setCheckpoint } from './load-rows';

/** Wednesday 2025-06-18 11:30 China time (before noon) and Monday 2025-09-08 15:45 (afternoon, after a weekend). */
export const WEDNESDAY = Date.UTC(2025, 5, 18, 3, 30, 0);
export const MONDAY_PM = Date.UTC(2025, 8, 8, 7, 45, 0);

export function demoReplica(options: DemoOptions, file = ':memory:'): Db {
  const db = openReplica(file);
  loadBatches(db, generateDemo(options));
  setCheckpoint(db, 1, options.now);
  return db;
}
