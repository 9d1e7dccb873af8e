// The migration runner: ordered, transactional, versioned, and strict about files from other versions.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, MigrationError, type Migration } from '../../../src/core/db/migrate';
import { MIGRATIONS } from '../../../src/core/db/migrations';
import { openReplica } from '../../../src/core/db/open';
import { tempDir } from '../../helpers/transports';

const table = (name: string, version: number): Migration => ({
  version,
  name,
  up: (db) => db.exec(`CREATE TABLE ${name.replace(/-/g, '_')} (id INTEGER PRIMARY KEY)`),
});
const tables = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

describe('migrate', () => {
  it('applies pending migrations in order and records user_version', () => {
    const db = new Database(':memory:');
    expect(migrate(db, [table('a', 1), table('b', 2)])).toBe(2);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(tables(db)).toEqual(['a', 'b', 'schema_migrations']);
    // Re-running is a no-op; adding one applies only the new one.
    expect(migrate(db, [table('a', 1), table('b', 2), table('c', 3)])).toBe(3);
    expect(tables(db)).toContain('c');
  });

  it('rolls back a failing migration completely, keeping earlier ones', () => {
    const db = new Database(':memory:');
    const broken: Migration = {
      version: 2,
      name: 'broken',
      up: (d) => {
        d.exec('CREATE TABLE half (id INTEGER)');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, [table('a', 1), broken])).toThrow('boom');
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(tables(db)).not.toContain('half');
  });

  it('refuses a replica written by a newer Outpost with a clear message', () => {
    const db = new Database(':memory:');
    migrate(db, [table('a', 1), table('b', 2)]);
    expect(() => migrate(db, [table('a', 1)])).toThrow(/newer than this Outpost understands/);
  });

  it('refuses when applied migrations are not a prefix of the known ones', () => {
    const db = new Database(':memory:');
    migrate(db, [table('a', 1), table('b', 2)]);
    expect(() => migrate(db, [table('a', 1), table('renamed', 2), table('c', 3)])).toThrow(MigrationError);
    expect(() => migrate(db, [table('a', 1), table('renamed', 2), table('c', 3)])).toThrow(/does not match/);
  });

  it('refuses an out-of-order migration list', () => {
    expect(() => migrate(new Database(':memory:'), [table('a', 1), table('c', 3)])).toThrow(/out of order/);
  });
});

describe('openReplica', () => {
  it('opens with WAL, foreign keys and a busy timeout, migrated to the latest version', () => {
    const dir = tempDir();
    const db = openReplica(`${dir.path}/replica.sqlite`);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
    // Reopening an up-to-date file applies nothing and succeeds.
    const again = openReplica(`${dir.path}/replica.sqlite`);
    expect(again.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    again.close();
    dir.remove();
  });

  it('closes the file and reports clearly when it is newer than the code', () => {
    const dir = tempDir();
    const raw = new Database(`${dir.path}/replica.sqlite`);
    raw.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    raw.close();
    expect(() => openReplica(`${dir.path}/replica.sqlite`)).toThrow(/newer than this Outpost/);
    dir.remove();
  });
});
