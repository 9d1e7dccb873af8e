// What every core handler may use: the replica connection, the event hub, the sync engine and process facts.
import type { SyncStatus } from '../shared/domain/sync-status';
import type { Db } from './db/open';
import type { EventHub } from './host/event-hub';
import type { SyncEngine } from './sync/engine';

export interface CoreContext {
  db: Db;
  events: EventHub;
  appVersion: string;
  startedAt: string;
  syncStatus(): SyncStatus;
  sync: SyncEngine;
}
