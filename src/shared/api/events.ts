// The core API event map: what core pushes to every connected renderer.
import { z } from 'zod';
import { settingsSchema } from '../domain/settings';
import { syncStatusSchema } from '../domain/sync-status';
import { dataChangedSchema } from './analytics-methods';
import { outboxCountsSchema } from './methods';

export const events = {
  /** Settings changed (from any window or tab). */
  'settings.changed': settingsSchema,
  /** Sync state, progress or freshness changed. */
  'sync.status': syncStatusSchema,
  /** Outbox entries were added or answered by the backend. */
  'outbox.changed': outboxCountsSchema,
  /** Synced changes were applied and exceptions re-evaluated: views showing live data re-read. */
  'data.changed': dataChangedSchema,
} as const satisfies Record<string, z.ZodType>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}
