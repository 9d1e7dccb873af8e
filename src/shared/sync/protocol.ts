// The sync protocol between the backend (src/server) and the replica (src/core/sync), version 1.
// Described for humans in docs/sync-protocol.md and for machines in the OpenAPI document the server serves.
import { z } from 'zod';
import { TABLE_NAMES } from './tables';

export const SYNC_PROTOCOL_VERSION = 1;
/** Every request carries this header; a server speaking another version answers 409 PROTOCOL_MISMATCH. */
export const PROTOCOL_HEADER = 'x-outpost-protocol';

// ---- GET /v1/session -------------------------------------------------------------------------------

export const sessionSchema = z.strictObject({
  protocolVersion: z.number().int(),
  serverTime: z.number().int(), // epoch ms
  user: z.strictObject({ id: z.string(), name: z.string(), role: z.enum(['director', 'admin']) }),
  /** Region ids this token may read and write. */
  regions: z.array(z.string()),
});
export type Session = z.infer<typeof sessionSchema>;

// ---- GET /v1/changes?after=<seq>&limit=<n>&regions=<a,b>&until=<seq> ---------------------------------
//
// The change log is a totally ordered list of row versions (seq 1, 2, 3…). A client whose cursor is c holds
// exactly the latest version, as of seq c, of every row in its regions. So:
//  - initial sync: after=0. The first page's `highWater` is the newest seq at that moment; the initial sync
//    is complete once the cursor reaches it. Every page boundary is a consistent state of history, so
//    writes that continue meanwhile only add later seqs and never make the snapshot inconsistent.
//  - `regions` asks for a subset of the granted regions (backfill of a newly granted region, with `until`
//    set to the client's cursor: the region is caught up to the same point in history as the rest).
//  - The client tells the server which regions it holds (`held`); the reply's `scope` says which to purge
//    (revoked) and which to backfill (granted but not held).
//  - A cursor older than the compaction horizon gets `reset: true`: purge synced rows (keep the outbox)
//    and start again from after=0.

export const tableChangesSchema = z.strictObject({
  /** Upserted rows as positional arrays in the order of TABLES[table].columns. */
  rows: z.array(z.array(z.unknown())),
  /** Ids of deleted rows (tombstones). */
  deletes: z.array(z.string()),
});
export type TableChanges = z.infer<typeof tableChangesSchema>;

export const changesPageSchema = z.strictObject({
  protocolVersion: z.number().int(),
  /** Seq of the last change included; the client's next `after`. Never lower than the request's `after`. */
  cursor: z.number().int().nonnegative(),
  /** Newest seq on the server when the page was read. */
  highWater: z.number().int().nonnegative(),
  hasMore: z.boolean(),
  reset: z.boolean(),
  scope: z.strictObject({
    granted: z.array(z.string()),
    revoked: z.array(z.string()),
    added: z.array(z.string()),
  }),
  tables: z.partialRecord(z.enum(TABLE_NAMES as [string, ...string[]]), tableChangesSchema),
});
export type ChangesPage = z.infer<typeof changesPageSchema>;

// ---- POST /v1/mutations ----------------------------------------------------------------------------

export const MUTATION_TYPES = ['annotation.create', 'action_item.upsert', 'exception_state.set'] as const;
export type MutationType = (typeof MUTATION_TYPES)[number];

export const mutationSchema = z.strictObject({
  /** Client-generated UUID; the server applies a given id at most once. */
  id: z.uuid(),
  /** Per-client sequence, increasing; the outbox drains in this order. */
  seq: z.number().int().positive(),
  type: z.enum(MUTATION_TYPES),
  /** A row of the target table as an object (validated by the server per type). */
  payload: z.record(z.string(), z.unknown()),
});
export type Mutation = z.infer<typeof mutationSchema>;

export const mutationBatchSchema = z.strictObject({
  clientId: z.string().min(1).max(64),
  mutations: z.array(mutationSchema).min(1).max(500),
});
export type MutationBatch = z.infer<typeof mutationBatchSchema>;

export const mutationResultSchema = z.strictObject({
  id: z.string(),
  status: z.enum(['applied', 'duplicate', 'rejected']),
  reason: z.string().optional(),
  /** Seq of the change the mutation produced (applied or duplicate of an applied one). */
  seq: z.number().int().optional(),
});
export type MutationResult = z.infer<typeof mutationResultSchema>;

export const mutationResponseSchema = z.strictObject({
  protocolVersion: z.number().int(),
  results: z.array(mutationResultSchema),
});

// ---- errors ----------------------------------------------------------------------------------------

/** Body of every 4xx/5xx reply. */
export const serverErrorSchema = z.strictObject({
  error: z.enum([
    'BAD_REQUEST',
    'UNAUTHORIZED',
    'TOKEN_EXPIRED',
    'FORBIDDEN',
    'NOT_FOUND',
    'PROTOCOL_MISMATCH',
    'RATE_LIMITED',
    'INTERNAL',
  ]),
  message: z.string(),
});
export type ServerError = z.infer<typeof serverErrorSchema>;
