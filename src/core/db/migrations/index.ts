// Every replica migration, in order. Append only: never edit or reorder one that has shipped.
import type { Migration } from '../migrate';
import { appSettings } from './0001-app-settings';
import { replicaTables } from './0002-replica-tables';
import { syncStateOutbox } from './0003-sync-state-outbox';
import { analytics } from './0004-analytics';
import { analyticsSpeed } from './0005-analytics-speed';
import { stageExitsIndex } from './0006-stage-exits-index';

export const MIGRATIONS: readonly Migration[] = [
  appSettings,
  replicaTables,
  syncStateOutbox,
  analytics,
  analyticsSpeed,
  stageExitsIndex,
];
