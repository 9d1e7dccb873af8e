// The core API method map: every method's params and result, as zod schemas and TypeScript types.
// One map serves every transport (Electron IPC, web host WebSocket, in-memory); the dispatcher validates
// params against it and the client validates results against it.
import { z } from 'zod';
import { settingsSchema } from '../domain/settings';
import { syncStatusSchema } from '../domain/sync-status';

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

export const methods = {
  /** Version and replica facts, for the settings page and diagnostics. */
  'app.info': { params: noParams, result: appInfoSchema },
  /** The user's stored preferences. */
  'settings.get': { params: noParams, result: settingsSchema },
  /** Change some preferences; returns the full new settings and emits `settings.changed`. */
  'settings.update': { params: settingsSchema.partial().strict(), result: settingsSchema },
  /** Current sync status for the app chrome. */
  'sync.status': { params: noParams, result: syncStatusSchema },
} as const satisfies Record<string, { params: z.ZodType; result: z.ZodType }>;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodParams<M extends MethodName> = z.input<Methods[M]['params']>;
export type MethodResult<M extends MethodName> = z.output<Methods[M]['result']>;

export const METHOD_NAMES = Object.keys(methods) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}
