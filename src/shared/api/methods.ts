// The core API method map: every method's params and result, as zod schemas and TypeScript types.
// One map serves every transport (Electron IPC, web host WebSocket, in-memory); the dispatcher validates
// params against it and the client validates results against it.
import { z } from 'zod';
import { settingsSchema } from '../domain/settings';
import { syncStatusSchema } from '../domain/sync-status';
import { MUTATION_TYPES } from '../sync/protocol';
import { analyticsMethods } from './analytics-methods';

/** Protocol version of the core API; bump on breaking changes. */
export const CORE_API_VERSION = 1;

const noParams = z.strictObject({});

export const appInfoSchema = z.strictObject({
  name: z.literal('Outpost'),
  version: z.string(),
  apiVersion: z.number().int(),
  /** Schema version of the local replica (SQLite user_version). */
  replicaSchemaVersion: z.number().int(),
  /** ISO time the core started. */
  startedAt: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

// ---- sync and local writes (issue 3) ----------------------------------------------------------------

/** Who the backend says we are, after `sync.configure`. */
export const sessionInfoSchema = z.strictObject({
  backendUrl: z.string(),
  user: z.strictObject({ id: z.string(), name: z.string(), role: z.enum(['director', 'admin']) }),
  /** Regions the token is granted. */
  regions: z.array(z.string()),
  /** Backend clock, epoch ms. */
  serverTime: z.number().int(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export const outboxStatusSchema = z.enum(['pending', 'synced', 'rejected']);
export const outboxCountsSchema = z.strictObject({
  pending: z.number().int().nonnegative(),
  synced: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
});

/** One local write and what the backend answered, for the outbox view. */
export const outboxEntrySchema = z.strictObject({
  seq: z.number().int().positive(),
  mutationId: z.string(),
  type: z.enum(MUTATION_TYPES),
  status: outboxStatusSchema,
  /** Why the backend rejected it, in words; null otherwise. */
  reason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  attempts: z.number().int().nonnegative(),
  /** The row as written (column names as in the replica). */
  payload: z.record(z.string(), z.unknown()),
});
export type OutboxEntryView = z.infer<typeof outboxEntrySchema>;

const regionId = z.string().min(1).max(64);
const optionalText = (max: number) => z.string().max(max).nullable().optional();

export const annotationCreateSchema = z.strictObject({
  regionId,
  subjectType: z.enum(['rep', 'deal', 'activity', 'exception']),
  subjectId: z.string().min(1).max(256),
  body: z.string().trim().min(1).max(10_000),
  flag: optionalText(32),
});

export const actionItemUpsertSchema = z.strictObject({
  /** Omit to create; the id of an existing item to update it. */
  id: z.uuid().optional(),
  regionId,
  title: z.string().trim().min(1).max(500),
  ownerRepId: optionalText(64),
  due: z.iso.date().nullable().optional(),
  deliverable: optionalText(2_000),
  status: z.enum(['open', 'done', 'dropped']),
  source: optionalText(200),
});

export const exceptionStateSetSchema = z.strictObject({
  /** The exception key (rule + subject). */
  key: z.string().min(1).max(256),
  regionId,
  status: z.enum(['open', 'acknowledged', 'resolved']),
  owner: optionalText(64),
  note: optionalText(5_000),
  snoozedUntil: z.number().int().nonnegative().nullable().optional(),
});

/** A local write was stored and queued: the row id and its outbox sequence. */
export const writeResultSchema = z.strictObject({ id: z.string(), outboxSeq: z.number().int().positive() });

export const methods = {
  /** Version and replica facts, for the settings page and diagnostics. */
  'app.info': { params: noParams, result: appInfoSchema },
  /** The user's stored preferences. */
  'settings.get': { params: noParams, result: settingsSchema },
  /** Change some preferences; returns the full new settings and emits `settings.changed`. */
  'settings.update': { params: settingsSchema.partial().strict(), result: settingsSchema },
  /** Current sync status for the app chrome. */
  'sync.status': { params: noParams, result: syncStatusSchema },
  /**
   * Sync now (or right after the running sync). Returns at once with the status (`sync.status` events follow),
   * or with `wait: true` once that sync has ended.
   */
  'sync.now': { params: z.strictObject({ wait: z.boolean().optional() }), result: syncStatusSchema },
  /** Check a backend URL and token (GET /v1/session), then sync with it. UNAUTHORIZED, UNAVAILABLE, TIMEOUT, CONFLICT (protocol) on failure. */
  'sync.configure': {
    params: z.strictObject({ backendUrl: z.url({ protocol: /^https?$/ }).max(2_048), token: z.string().min(1).max(4_096) }),
    result: sessionInfoSchema,
  },
  /** Stop syncing and forget the token; `purge` also empties the synced data. The outbox is always kept. */
  'sync.signOut': { params: z.strictObject({ purge: z.boolean().optional() }), result: syncStatusSchema },
  /** Local writes and their results, newest first. */
  'outbox.list': {
    params: z.strictObject({
      status: outboxStatusSchema.optional(),
      limit: z.number().int().min(1).max(500).optional(),
      /** Page back: entries with a smaller seq. */
      beforeSeq: z.number().int().positive().optional(),
    }),
    result: z.strictObject({ entries: z.array(outboxEntrySchema), counts: outboxCountsSchema }),
  },
  /** Write an annotation locally and queue it for the backend. */
  'annotations.create': { params: annotationCreateSchema, result: writeResultSchema },
  /** Create or update an action item locally and queue it. */
  'actionItems.upsert': { params: actionItemUpsertSchema, result: writeResultSchema },
  /** Set an exception's state (acknowledge, resolve, snooze…) locally and queue it. */
  'exceptionStates.set': { params: exceptionStateSetSchema, result: writeResultSchema },
  // ---- analytics (issue 4) ----
  ...analyticsMethods,
} as const satisfies Record<string, { params: z.ZodType; result: z.ZodType }>;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodParams<M extends MethodName> = z.input<Methods[M]['params']>;
export type MethodResult<M extends MethodName> = z.output<Methods[M]['result']>;

export const METHOD_NAMES = Object.keys(methods) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}
