// Assembles Outpost core: opens the replica, wires the per-domain handlers into one dispatcher.
// Transports (Electron utility process, web host, in-memory) only ever see the returned Core.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RpcEvent, RpcResponse } from '../shared/api/rpc';
import { IDLE_SYNC_STATUS } from '../shared/domain/sync-status';
import { appHandlers } from './api/app-handlers';
import { settingsHandlers } from './api/settings-handlers';
import { syncHandlers } from './api/sync-handlers';
import type { CoreContext } from './core-context';
import { openReplica } from './db/open';
import { createDispatcher, type Handlers } from './host/dispatcher';
import { createEventHub } from './host/event-hub';

export interface CoreOptions {
  /** Directory holding replica.sqlite; created if missing. `:memory:` keeps everything in memory. */
  dataDir: string;
  appVersion?: string;
}

export interface Core {
  dispatch(raw: unknown): Promise<RpcResponse>;
  subscribe(listener: (event: RpcEvent) => void): () => void;
  close(): void;
}

export function createCore(options: CoreOptions): Core {
  const file = options.dataDir === ':memory:' ? ':memory:' : replicaFile(options.dataDir);
  const db = openReplica(file);
  const events = createEventHub();
  const ctx: CoreContext = {
    db,
    events,
    appVersion: options.appVersion ?? '0.0.0',
    startedAt: new Date().toISOString(),
    syncStatus: () => IDLE_SYNC_STATUS,
  };
  const handlers: Handlers = { ...appHandlers(ctx), ...settingsHandlers(ctx), ...syncHandlers(ctx) };
  const dispatcher = createDispatcher(handlers);
  return {
    dispatch: (raw) => dispatcher.dispatch(raw),
    subscribe: (listener) => events.subscribe(listener),
    close: () => db.close(),
  };
}

function replicaFile(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  return join(dataDir, 'replica.sqlite');
}
