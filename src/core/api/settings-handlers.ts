// Handlers for the `settings.*` methods: preferences live in the replica and changes are broadcast.
import { readSettings, writeSettings } from '../db/repos/settings-repo';
import type { Handlers } from '../host/dispatcher';
import type { CoreContext } from '../core-context';

export function settingsHandlers(ctx: CoreContext): Pick<Handlers, 'settings.get' | 'settings.update'> {
  return {
    'settings.get': () => readSettings(ctx.db),
    'settings.update': (patch) => {
      const next = { ...readSettings(ctx.db), ...patch };
      writeSettings(ctx.db, next);
      ctx.events.emit('settings.changed', next);
      return next;
    },
  };
}
