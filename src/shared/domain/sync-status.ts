// What the app chrome shows about sync: state, freshness, outbox. Filled in by the sync engine.
import { z } from 'zod';

export const syncStateSchema = z.enum(['idle', 'syncing', 'synced', 'offline', 'error']);
export type SyncState = z.infer<typeof syncStateSchema>;

/**
 * Why the last sync failed, as a stable kind the UI translates (lastError is core's English detail). Mirrors
 * SyncErrorKind of core's sync engine (src/core/sync/sync-error.ts; a type test keeps the two equal).
 */
export const syncErrorKindSchema = z.enum([
  'unauthorized',
  'forbidden',
  'protocol',
  'rate-limited',
  'server',
  'bad-request',
  'network',
  'timeout',
  'malformed',
  'invalid-page',
  'internal',
  'cancelled',
]);
export type SyncErrorKindName = z.infer<typeof syncErrorKindSchema>;

/** Where the backend is: the demo backend the host starts on this computer, or one the user (or admin) configured. */
export const backendKindSchema = z.enum(['embedded', 'remote']);
export type BackendKind = z.infer<typeof backendKindSchema>;

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
  // Additions of issue 3 (optional so older producers stay valid):
  /** Rows applied so far in the running initial sync (or the last one), null when none ran. */
  rowsSynced: z.number().int().nonnegative().nullable().optional(),
  /** Estimated ms until the initial sync completes, null when unknown or not in an initial sync. */
  etaMs: z.number().int().nonnegative().nullable().optional(),
  /** Changes the backend had that the replica had not applied yet, as of the last page; 0 when caught up. */
  behind: z.number().int().nonnegative().nullable().optional(),
  /** ISO time of the next automatic retry after a failure, null when none is scheduled. */
  nextRetryAt: z.string().nullable().optional(),
  /** The backend this replica syncs with, null when signed out. */
  backendUrl: z.string().nullable().optional(),
  /** The kind of lastError, to show it in the user's language; null when healthy (or the producer predates it). */
  lastErrorKind: syncErrorKindSchema.nullable().optional(),
  /** Whether backendUrl is the built-in demo backend or a configured one; null when signed out or unknown. */
  backendKind: backendKindSchema.nullable().optional(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const IDLE_SYNC_STATUS: SyncStatus = {
  state: 'idle',
  lastSyncedAt: null,
  pendingOutbox: 0,
  lastError: null,
  progress: null,
};
