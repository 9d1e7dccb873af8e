// Migration runner: ordered versions, each applied in its own transaction together with its bookkeeping,
// so a crash leaves the replica at the last fully applied version.
import type Database from 'better-sqlite3';

export interface Migration {
  /** 1, 2, 3… with no gaps. */
  version: number;
  /** Stable name; renaming an applied migration is detected as a mismatch. */
  name: string;
  up(db: Database.Database): void;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

const BOOKKEEPING = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;

/** Apply every pending migration; returns the resulting schema version. */
export function migrate(db: Database.Database, migrations: readonly Migration[]): number {
  checkOrdered(migrations);
  const latest = migrations.length;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) {
    throw new MigrationError(
      `The replica's schema is version ${current}, newer than this Outpost understands (${latest}). ` +
        'It was written by a newer Outpost: update Outpost, or remove the replica to re-sync from the server.',
    );
  }
  db.exec(BOOKKEEPING);
  checkAppliedArePrefix(db, migrations, current);

  for (const migration of migrations.slice(current)) {
    // One transaction per migration: schema change, bookkeeping row and user_version move together.
    db.transaction(() => {
      migration.up(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        new Date().toISOString(),
      );
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return latest;
}

function checkOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new MigrationError(`Migration list is out of order at "${m.name}" (version ${m.version}, expected ${i + 1})`);
  });
}

/** The migrations recorded in the file must be exactly the first `current` known ones, in order. */
function checkAppliedArePrefix(db: Database.Database, migrations: readonly Migration[], current: number): void {
  const applied = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as {
    version: number;
    name: string;
  }[];
  if (applied.length !== current) {
    throw new MigrationError(
      `The replica records ${applied.length} applied migrations but its schema version is ${current}; the file is inconsistent.`,
    );
  }
  applied.forEach((row, i) => {
    const known = migrations[i];
    if (!known || known.version !== row.version || known.name !== row.name) {
      throw new MigrationError(
        `Applied migration ${row.version} "${row.name}" does not match this Outpost's migration ${known?.version ?? '?'} "${known?.name ?? 'none'}".`,
      );
    }
  });
}
