// Handlers for the `sync.*` methods. Until the sync engine arrives (issue 3) the status is "idle, never synced".
import type { Handlers } from '../host/dispatcher';
import type { CoreContext } from '../core-context';

export function syncHandlers(ctx: CoreContext): Pick<Handlers, 'sync.status'> {
  return {
    'sync.status': () => ctx.syncStatus(),
  };
}
