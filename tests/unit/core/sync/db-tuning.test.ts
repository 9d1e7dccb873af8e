// Replica connection tuning for sync: temporary b-trees in memory, and the WAL truncated once after the initial
// sync, without ever waiting for a reader (core's thread must not block on a busy checkpoint).
import { statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openReplica, type Db } from '../../../../src/core/db/open';
import { truncateWalAfterInitialSync, tuneForSync } from '../../../../src/core/sync/db-tuning';
import { tempDir } from '../../../helpers/transports';

const dir = tempDir('outpost-db-tuning-');
const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});
afterAll(() => dir.remove());

function replica(name: string): { db: Db; wal: string } {
  const file = join(dir.path, name);
  const db = openReplica(file);
  open.push(db);
  tuneForSync(db);
  return { db, wal: `${file}-wal` };
}

function writeSome(db: Db, n: number): void {
  db.exec('CREATE TABLE IF NOT EXISTS filler (id INTEGER PRIMARY KEY, body TEXT)');
  const insert = db.prepare('INSERT INTO filler (body) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < n; i++) insert.run('x'.repeat(200));
  })();
}

describe('sync db tuning', () => {
  it('keeps temporary tables and sort b-trees in memory', () => {
    const { db } = replica('temp-store.db');
    expect(db.pragma('temp_store', { simple: true })).toBe(2); // 2 = MEMORY
  });

  it('truncates the WAL to 0 bytes and restores busy_timeout', () => {
    const { db, wal } = replica('truncate.db');
    writeSome(db, 5_000);
    expect(statSync(wal).size).toBeGreaterThan(1_000_000); // below the 64 MB auto-checkpoint: it stays
    expect(truncateWalAfterInitialSync(db)).toBe(true);
    expect(statSync(wal).size).toBe(0);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((db.prepare('SELECT count(*) AS n FROM filler').get() as { n: number }).n).toBe(5_000);
  });

  it('gives up at once when a reader holds an older snapshot, instead of waiting busy_timeout', () => {
    const { db, wal } = replica('busy.db');
    writeSome(db, 1_000);
    const reader = new Database(join(dir.path, 'busy.db'), { readonly: true });
    try {
      reader.exec('BEGIN');
      reader.prepare('SELECT count(*) FROM filler').get(); // the read transaction now pins the WAL
      writeSome(db, 1_000);
      const t0 = performance.now();
      expect(truncateWalAfterInitialSync(db)).toBe(false);
      expect(performance.now() - t0).toBeLessThan(1_000); // not busy_timeout (5 s)
      expect(statSync(wal).size).toBeGreaterThan(0);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
      reader.exec('COMMIT');
    } finally {
      reader.close();
    }
    expect(truncateWalAfterInitialSync(db)).toBe(true);
  });
});
