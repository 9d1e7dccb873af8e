// A demo replica file per (scale, seed, now, plants), generated once and copied for every bench run: loading L takes
// minutes and is not what a bench measures. The cache key also hashes the sources that shape the file (the demo
// generator, the schema and migrations, the table writers), so a change to any of them regenerates it. The cached
// copy is taken right after the load, before the analytics rollups are built, so the initial build is still timed.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

/** Sources whose content decides what a generated replica holds (files or directories, relative to the repo). */
const SHAPING_SOURCES = [
  'src/server/demo',
  'src/core/db',
  'src/core/sync/table-writer.ts',
  'src/core/sync/replica-schema.ts',
  'src/shared/sync/tables.ts',
  'tests/integration/analytics/demo-replica.ts',
  'tests/integration/analytics/load-rows.ts',
];

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => filesUnder(join(path, name)));
}

function sourceHash(repoRoot: string): string {
  const hash = createHash('sha256');
  for (const file of SHAPING_SOURCES.flatMap((p) => filesUnder(join(repoRoot, p)))) {
    hash.update(relative(repoRoot, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

export interface CachedReplicaOptions {
  repoRoot: string;
  /** Everything that identifies the dataset besides the sources, e.g. { scale, seed, now, plants }. */
  key: Record<string, string | number | boolean>;
  /** Where the run's own copy goes. */
  target: string;
  /** Ignore (and replace) an existing cached file. */
  fresh?: boolean;
  /** Defaults to $OUTPOST_BENCH_CACHE or <tmpdir>/outpost-bench-cache. */
  cacheDir?: string;
  /** Writes a complete, checkpointed replica file at the given path (closing it). */
  generate(file: string): void;
}

/** Copies the cached replica to `target` (generating it first if needed); returns whether the cache was hit. */
export function cachedReplica(o: CachedReplicaOptions): boolean {
  const dir = o.cacheDir ?? process.env.OUTPOST_BENCH_CACHE ?? join(tmpdir(), 'outpost-bench-cache');
  mkdirSync(dir, { recursive: true });
  const name = Object.entries(o.key)
    .map(([k, v]) => `${k}-${String(v)}`)
    .join('_');
  const file = join(dir, `${name}_${sourceHash(o.repoRoot)}.sqlite`);
  const hit = !o.fresh && existsSync(file);
  if (!hit) {
    // Older entries of the same dataset (other sources) are stale for good: they are large, so they go.
    for (const old of readdirSync(dir)) if (old.startsWith(`${name}_`)) rmSync(join(dir, old), { force: true });
    // Generate next to the final name and rename, so an interrupted run never leaves a half-written cache entry.
    const partial = `${file}.partial`;
    o.generate(partial);
    renameSync(partial, file);
    for (const suffix of ['-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
  }
  copyFileSync(file, o.target);
  return hit;
}
