// Drives a real Outpost core (createCore + typed client over the in-memory bridge) against a backend, with
// helpers to run a sync to its end and to read the replica file from a second connection.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { expect } from 'vitest';
import { createCore, type Core, type SyncTuning } from '../../../src/core/core';
import { createInMemoryBridge } from '../../../src/core/host/in-memory-bridge';
import { createClient, type OutpostClient } from '../../../src/shared/api/client';
import type { SyncStatus } from '../../../src/shared/domain/sync-status';
import { tempDir } from '../../helpers/transports';

export interface CoreHarness {
  core: Core;
  client: OutpostClient;
  statuses: SyncStatus[];
  /** sync.now, waiting for the sync it started to end; returns the status then. */
  sync(): Promise<SyncStatus>;
  /** A read-only connection to the replica file (close it before close()). */
  readReplica<T>(fn: (db: Database.Database) => T): T;
  close(): void;
}

export function startCore(backend: { url: string; token: string } | undefined, sync: SyncTuning = {}): CoreHarness {
  const dir = tempDir('outpost-sync-');
  const core = createCore({ dataDir: dir.path, backend, sync: { intervalMs: 3_600_000, progressThrottleMs: 0, ...sync } });
  const client = createClient(createInMemoryBridge(core));
  const statuses: SyncStatus[] = [];
  client.on('sync.status', (s) => statuses.push(s));
  return {
    core,
    client,
    statuses,
    sync: () => client.call('sync.now', { wait: true }),
    readReplica(fn) {
      const db = new Database(join(dir.path, 'replica.sqlite'), { readonly: true });
      try {
        return fn(db);
      } finally {
        db.close();
      }
    },
    close() {
      core.close();
      dir.remove();
    },
  };
}

/** Wait until the engine reports a terminal state after having synced at least once (launch with a backend). */
export async function waitForState(h: CoreHarness, state: SyncStatus['state']): Promise<SyncStatus> {
  await expect.poll(() => h.statuses.at(-1)?.state, { timeout: 30_000, interval: 20 }).toBe(state);
  return h.statuses.at(-1) as SyncStatus;
}
