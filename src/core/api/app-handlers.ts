// Handlers for the `app.*` methods: version and replica facts.
import { CORE_API_VERSION } from '../../shared/api/methods';
import type { Handlers } from '../host/dispatcher';
import type { CoreContext } from '../core-context';

export function appHandlers(ctx: CoreContext): Pick<Handlers, 'app.info'> {
  return {
    'app.info': () => ({
      name: 'Outpost',
      version: ctx.appVersion,
      apiVersion: CORE_API_VERSION,
      replicaSchemaVersion: ctx.db.pragma('user_version', { simple: true }) as number,
      startedAt: ctx.startedAt,
    }),
  };
}
