// Opens the replica SQLite file with the pragmas every connection needs, then migrates it.
import Database from 'better-sqlite3';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';

export type Db = Database.Database;

/**
 * Open (creating if needed) and migrate the replica at `file` (`:memory:` for tests).
 * WAL lets the wall read while a sync writes; foreign keys keep purges complete;
 * busy_timeout makes a second connection wait instead of failing with SQLITE_BUSY.
 */
export function openReplica(file: string): Db {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL'); // durable across process crashes in WAL mode; fsync on checkpoint
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, MIGRATIONS);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
