// Reads and writes user preferences in app_settings; unknown or corrupt values fall back to defaults.
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../../shared/domain/settings';
import type { Db } from '../open';

const KEY = 'settings';

export function readSettings(db: Db): Settings {
  const row = db.prepare('SELECT value FROM app_settings WHERE key = ?').get(KEY) as { value: string } | undefined;
  if (!row) return DEFAULT_SETTINGS;
  try {
    const parsed = settingsSchema.partial().safeParse(JSON.parse(row.value));
    return parsed.success ? { ...DEFAULT_SETTINGS, ...parsed.data } : DEFAULT_SETTINGS;
  } catch {
    return DEFAULT_SETTINGS;
  }
}

export function writeSettings(db: Db, settings: Settings): void {
  db.prepare('INSERT INTO app_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    KEY,
    JSON.stringify(settings),
  );
}
