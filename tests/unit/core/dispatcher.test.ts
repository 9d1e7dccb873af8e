// The dispatcher turns handler failures into typed errors without leaking internals.
import { describe, expect, it, vi } from 'vitest';
import { OutpostError } from '../../../src/shared/api/errors';
import { createDispatcher, type Handlers } from '../../../src/core/host/dispatcher';
import { createCore } from '../../../src/core/core';
import { writeSettings, readSettings } from '../../../src/core/db/repos/settings-repo';
import { openReplica } from '../../../src/core/db/open';
import { DEFAULT_SETTINGS } from '../../../src/shared/domain/settings';

// Only the methods these tests call; the rest of the map is irrelevant to the dispatcher's behaviour.
const okHandlers = (): Handlers =>
  ({
    'app.info': () => ({ name: 'Outpost', version: '1', apiVersion: 1, replicaSchemaVersion: 1, startedAt: 'now' }),
    'settings.get': () => ({ ...DEFAULT_SETTINGS, locale: 'en', theme: 'dark' }),
    'settings.update': () => {
      throw new OutpostError({ code: 'CONFLICT', message: 'busy' });
    },
    'sync.status': () => {
      throw new Error('secret stack detail');
    },
  }) as Partial<Handlers> as Handlers;

describe('dispatcher', () => {
  it('passes an OutpostError through with its code', async () => {
    const d = createDispatcher(okHandlers(), { logError: vi.fn() });
    expect(await d.dispatch({ id: 1, method: 'settings.update', params: {} })).toEqual({
      id: 1,
      ok: false,
      error: { code: 'CONFLICT', message: 'busy' },
    });
  });

  it('turns an unexpected exception into INTERNAL without the message, and logs it', async () => {
    const logError = vi.fn();
    const d = createDispatcher(okHandlers(), { logError });
    const res = await d.dispatch({ id: 2, method: 'sync.status' });
    expect(res).toMatchObject({ id: 2, ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(res)).not.toContain('secret stack detail');
    expect(logError).toHaveBeenCalledOnce();
  });

  it('treats absent params as empty but rejects null params', async () => {
    const d = createDispatcher(okHandlers());
    expect((await d.dispatch({ id: 3, method: 'settings.get' })).ok).toBe(true);
    expect(await d.dispatch({ id: 4, method: 'settings.get', params: null })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
  });

  it('does not resolve inherited properties as methods', async () => {
    const d = createDispatcher(okHandlers());
    for (const method of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      expect(await d.dispatch({ id: 5, method })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    }
  });
});

describe('settings storage', () => {
  it('falls back to defaults for a corrupt stored value', () => {
    const db = openReplica(':memory:');
    db.prepare("INSERT INTO app_settings (key, value) VALUES ('settings', '{not json')").run();
    expect(readSettings(db)).toEqual(DEFAULT_SETTINGS);
    writeSettings(db, { ...DEFAULT_SETTINGS, locale: 'zh-CN', theme: 'dark' });
    expect(readSettings(db)).toEqual({ ...DEFAULT_SETTINGS, locale: 'zh-CN', theme: 'dark' });
  });

  it('keeps the valid keys when another is corrupt, and fills keys an older version did not store', () => {
    const db = openReplica(':memory:');
    const stored = { locale: 'en', theme: 'dark', wall: { scenes: ['overview', 'overview'], intervalSec: 1 } };
    db.prepare("INSERT INTO app_settings (key, value) VALUES ('settings', ?)").run(JSON.stringify(stored));
    expect(readSettings(db)).toEqual({ ...DEFAULT_SETTINGS, locale: 'en', theme: 'dark' });
    db.prepare("UPDATE app_settings SET value = ? WHERE key = 'settings'").run(JSON.stringify({ locale: 'zh-CN' }));
    expect(readSettings(db)).toEqual({ ...DEFAULT_SETTINGS, locale: 'zh-CN' });
  });

  it('survives a restart of core on the same data directory', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(`${tmpdir()}/outpost-core-`);
    const first = createCore({ dataDir: dir });
    await first.dispatch({ id: 1, method: 'settings.update', params: { locale: 'en', theme: 'dark' } });
    first.close();
    const second = createCore({ dataDir: dir });
    expect(await second.dispatch({ id: 2, method: 'settings.get' })).toEqual({
      id: 2,
      ok: true,
      result: { ...DEFAULT_SETTINGS, locale: 'en', theme: 'dark' },
    });
    second.close();
  });
});
