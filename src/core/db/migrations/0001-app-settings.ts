// Version 1: the key/value table that holds user preferences (language, theme) and other local state.
import type { Migration } from '../migrate';

export const appSettings: Migration = {
  version: 1,
  name: 'app-settings',
  up(db) {
    db.exec(`CREATE TABLE app_settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL -- JSON
    ) STRICT`);
  },
};
