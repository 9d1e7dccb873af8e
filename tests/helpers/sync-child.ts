// One sync of a replica file in a process of its own, for crash tests: the parent kills it with SIGKILL at
// chosen points and checks what the file looks like afterwards. Started with `node --import tsx`.
// Args: --url=<backend> --token=<token> [--page-size=<n>] [--db=<file>] [--write=<LocalWrite as JSON>] [--once]
// Without --db the child loads, says 'ready' and waits for { type: 'go', db, write? } (a warm standby, so a
// crash test does not pay the start-up time on every kill). To the parent: { type: 'ready' },
// { type: 'status', status } on every status change, { type: 'done', status } when the sync has ended.
import { openReplica } from '../../src/core/db/open';
import { createSyncEngine } from '../../src/core/sync/engine';
import type { LocalWrite } from '../../src/core/sync/outbox';
import type { SyncStatus } from '../../src/shared/domain/sync-status';

interface Go {
  type: 'go';
  db: string;
  write?: LocalWrite;
}

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split(/=(.*)/s).slice(0, 2) as [string, string]));
const send = (message: object) => process.send?.(message);
const once = args.has('once');

function run({ db: file, write }: Go): void {
  const db = openReplica(file);
  let started = false;
  const engine = createSyncEngine({
    db,
    intervalMs: 3_600_000,
    pageSize: Number(args.get('page-size') ?? 5_000),
    progressThrottleMs: 0,
    // Transient failures are retried quickly: the sync ends only once it is caught up ('synced'), or at the
    // first failure with --once.
    backoff: { baseMs: 100, capMs: 1_000 },
    onStatus: (status: SyncStatus) => {
      send({ type: 'status', status });
      if (status.state === 'syncing') started = true;
      else if (started && (status.state === 'synced' || (once && status.state !== 'idle'))) finish(status);
    },
  });
  const finish = (status: SyncStatus) => {
    send({ type: 'done', status });
    engine.close();
    db.close();
    process.disconnect?.();
  };
  if (write) engine.write(write);
  engine.start({ url: args.get('url') ?? '', token: args.get('token') ?? '' });
}

const db = args.get('db');
if (db) {
  const write = args.get('write');
  run({ type: 'go', db, write: write ? (JSON.parse(write) as LocalWrite) : undefined });
} else {
  process.on('message', (m: Go) => m.type === 'go' && run(m));
}
send({ type: 'ready' });
