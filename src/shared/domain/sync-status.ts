// What the app chrome shows about sync: state, freshness, outbox. Filled in by the sync engine.
import { z } from 'zod';

export const syncStateSchema = z.enum(['idle', 'syncing', 'synced', 'offline', 'error']);
export type SyncState = z.infer<typeof syncStateSchema>;

export const syncStatusSchema = z.strictObject({
  state: syncStateSchema,
  /** ISO time of the last successful sync, or null if never synced. */
  lastSyncedAt: z.string().nullable(),
  /** Writes waiting in the outbox. */
  pendingOutbox: z.number().int().nonnegative(),
  /** The last error in words, for the status bar; null when healthy. */
  lastError: z.string().nullable(),
  /** Initial-sync progress in 0..1, null when not in an initial sync. */
  progress: z.number().min(0).max(1).nullable(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const IDLE_SYNC_STATUS: SyncStatus = {
  state: 'idle',
  lastSyncedAt: null,
  pendingOutbox: 0,
  lastError: null,
  progress: null,
};
