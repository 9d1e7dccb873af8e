// Assembles Outpost core: opens the replica, starts the sync engine, wires the per-domain handlers into one
// dispatcher. Transports (Electron utility process, web host, in-memory) only ever see the returned Core.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RpcEvent, RpcResponse } from '../shared/api/rpc';
import { analyticsHandlers } from './api/analytics-handlers';
import { appHandlers } from './api/app-handlers';
import { settingsHandlers } from './api/settings-handlers';
import { syncHandlers } from './api/sync-handlers';
import { writeHandlers } from './api/write-handlers';
import type { CoreContext } from './core-context';
import { openReplica } from './db/open';
import { createDispatcher, type Handlers } from './host/dispatcher';
import { createEventHub } from './host/event-hub';
import { createAnalyticsFollower } from './live/analytics-follower';
import { createSyncEngine, type SyncEngineOptions } from './sync/engine';
import type { BackendConfig } from './sync/session';

/** Sync tuning for hosts and tests (defaults: 60 s interval, 30 s per request, 5,000-row pages). */
export type SyncTuning = Omit<SyncEngineOptions, 'db' | 'onStatus' | 'onOutboxChanged' | 'onApplied'>;

export interface CoreOptions {
  /** Directory holding replica.sqlite; created if missing. `:memory:` keeps everything in memory. */
  dataDir: string;
  appVersion?: string;
  /** Start syncing with this backend at launch (hosts pass the embedded demo backend or the saved one). */
  backend?: BackendConfig;
  sync?: SyncTuning;
}

export interface Core {
  dispatch(raw: unknown): Promise<RpcResponse>;
  subscribe(listener: (event: RpcEvent) => void): () => void;
  /** Start syncing with a backend that became available after launch (the embedded one boots in parallel). */
  connect(backend: BackendConfig): void;
  /** Stops the sync engine (aborting its requests) and closes the replica. */
  close(): void;
}

export function createCore(options: CoreOptions): Core {
  const file = options.dataDir === ':memory:' ? ':memory:' : replicaFile(options.dataDir);
  const db = openReplica(file);
  const events = createEventHub();
  const follower = createAnalyticsFollower({ db, emit: (payload) => events.emit('data.changed', payload) });
  const sync = createSyncEngine({
    ...options.sync,
    db,
    onStatus: (status) => events.emit('sync.status', status),
    onOutboxChanged: (counts) => {
      events.emit('outbox.changed', counts);
      follower.onLocalWrite(); // a write the views show (exception state, note) or its answer from the backend
    },
    onApplied: (kind, state, changed) => follower.onApplied(kind, state, changed),
  });
  const ctx: CoreContext = {
    db,
    events,
    appVersion: options.appVersion ?? '0.0.0',
    startedAt: new Date().toISOString(),
    syncStatus: () => sync.status(),
    sync,
  };
  const handlers: Handlers = {
    ...appHandlers(ctx),
    ...settingsHandlers(ctx),
    ...syncHandlers(ctx),
    ...writeHandlers(ctx),
    ...analyticsHandlers(ctx),
  };
  const dispatcher = createDispatcher(handlers);
  if (options.backend) sync.start(options.backend);
  let closed = false;
  return {
    dispatch: (raw) => dispatcher.dispatch(raw),
    subscribe: (listener) => events.subscribe(listener),
    connect: (backend) => sync.start(backend),
    close: () => {
      if (closed) return;
      closed = true;
      sync.close(); // first: no sync continuation may touch the replica once it is closed
      follower.close();
      db.close();
    },
  };
}

function replicaFile(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  return join(dataDir, 'replica.sqlite');
}
