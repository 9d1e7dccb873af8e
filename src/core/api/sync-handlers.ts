// Handlers for the `sync.*` and `outbox.*` methods: status, triggering a sync, choosing the backend, signing
// out, and the outbox view.
import type { OutboxEntryView } from '../../shared/api/methods';
import type { MutationType } from '../../shared/sync/protocol';
import { countOutbox, listOutbox, type OutboxEntry } from '../db/repos/outbox-repo';
import type { Handlers } from '../host/dispatcher';
import type { CoreContext } from '../core-context';

type SyncMethods = 'sync.status' | 'sync.now' | 'sync.configure' | 'sync.signOut' | 'outbox.list';

export function syncHandlers(ctx: CoreContext): Pick<Handlers, SyncMethods> {
  return {
    'sync.status': () => ctx.syncStatus(),
    'sync.now': async ({ wait }) => {
      const done = ctx.sync.syncNow();
      return wait ? await done : ctx.sync.status();
    },
    'sync.configure': async ({ backendUrl, token }) => {
      const session = await ctx.sync.configure({ url: backendUrl, token });
      return {
        backendUrl: backendUrl.replace(/\/+$/, ''),
        user: session.user,
        regions: session.regions,
        serverTime: session.serverTime,
      };
    },
    'sync.signOut': ({ purge }) => {
      ctx.sync.signOut({ purge: purge ?? false });
      return ctx.sync.status();
    },
    'outbox.list': ({ status, limit, beforeSeq }) => ({
      entries: listOutbox(ctx.db, { status, limit: limit ?? 100, beforeSeq }).map(toView),
      counts: countOutbox(ctx.db),
    }),
  };
}

function toView(entry: OutboxEntry): OutboxEntryView {
  return {
    seq: entry.seq,
    mutationId: entry.mutationId,
    type: entry.type as MutationType,
    status: entry.status,
    reason: entry.reason,
    createdAt: new Date(entry.createdAt).toISOString(),
    updatedAt: new Date(entry.updatedAt).toISOString(),
    attempts: entry.attempts,
    payload: entry.payload,
  };
}
