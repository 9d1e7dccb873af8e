// A small in-memory implementation of the sync protocol over real HTTP, for engine unit tests that must not
// depend on the reference backend: a change log with seqs, region grants per token, scope notices, a
// compaction horizon (reset) and exactly-once mutations.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MUTATION_TYPES, type ChangesPage, type Mutation } from '../../../../src/shared/sync/protocol';
import { TABLES, type TableName } from '../../../../src/shared/sync/tables';

interface Entry {
  seq: number;
  table: TableName;
  id: string;
  region: string | null;
  row: unknown[] | null; // null = tombstone
}

const MUTATION_TABLES: Record<string, TableName> = {
  'annotation.create': 'annotations',
  'action_item.upsert': 'action_items',
  'exception_state.set': 'exception_states',
};

export class FakeBackend {
  url = '';
  log: Entry[] = [];
  horizon = 0;
  readonly grants = new Map<string, Set<string>>([['token-a', new Set(['east', 'south'])]]);
  readonly applied = new Map<string, number>();
  readonly requests: string[] = [];
  private readonly server = createServer((req, res) => this.handle(req, res));

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  get highWater(): number {
    return this.log.at(-1)?.seq ?? 0;
  }

  write(table: TableName, row: unknown[]): number {
    const region = TABLES[table].regionScoped ? String(row[1]) : null;
    this.log.push({ seq: this.highWater + 1, table, id: String(row[0]), region, row });
    return this.highWater;
  }

  remove(table: TableName, id: string, region: string | null): number {
    this.log.push({ seq: this.highWater + 1, table, id, region, row: null });
    return this.highWater;
  }

  /** Rows of a table for some regions as of seq `upTo` (latest version of each id), for comparisons. */
  rows(table: TableName, regions: ReadonlySet<string>, upTo = Infinity): unknown[][] {
    const latest = new Map<string, Entry>();
    for (const e of this.log) if (e.table === table && e.seq <= upTo) latest.set(e.id, e);
    return [...latest.values()]
      .filter((e) => e.row && (e.region === null || regions.has(e.region)))
      .map((e) => e.row as unknown[]);
  }

  private page(
    after: number,
    limit: number,
    regions: ReadonlySet<string>,
    until: number,
  ): Omit<ChangesPage, 'scope' | 'reset' | 'protocolVersion'> {
    const matching = this.log.filter((e) => e.seq > after && e.seq <= until && (e.region === null || regions.has(e.region)));
    const body = matching.slice(0, limit);
    const latest = new Map<string, Entry>();
    for (const e of body) latest.set(`${e.table}/${e.id}`, e);
    const tables: ChangesPage['tables'] = {};
    for (const e of latest.values()) {
      const t = (tables[e.table] ??= { rows: [], deletes: [] });
      if (e.row) t.rows.push(e.row);
      else t.deletes.push(e.id);
    }
    const hasMore = matching.length > limit;
    // As the reference backend: without more matches the page covers everything up to the bound.
    const cursor = hasMore ? (body.at(-1)?.seq ?? after) : Math.max(after, Math.min(until, this.highWater));
    return { cursor, highWater: this.highWater, hasMore, tables };
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://x');
    this.requests.push(`${req.method} ${url.pathname}`);
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    const granted = this.grants.get(token);
    const send = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (!granted) return send(401, { error: 'UNAUTHORIZED', message: 'unknown token' });
    if (url.pathname === '/v1/session') {
      return send(200, {
        protocolVersion: 1,
        serverTime: Date.now(),
        user: { id: `user-${token}`, name: 'Test', role: 'director' },
        regions: [...granted].sort(),
      });
    }
    if (url.pathname === '/v1/changes') {
      const q = (k: string) => url.searchParams.get(k);
      const after = Number(q('after'));
      const held = new Set((q('held') ?? '').split(',').filter(Boolean));
      const scope = {
        granted: [...granted].sort(),
        revoked: [...held].filter((r) => !granted.has(r)),
        added: [...granted].filter((r) => !held.has(r)),
      };
      // As the reference backend: a cursor behind the compaction horizon or ahead of the log must start over.
      if (after > 0 && (after < this.horizon || after > this.highWater))
        return send(200, {
          protocolVersion: 1,
          cursor: 0,
          highWater: this.highWater,
          hasMore: true,
          reset: true,
          scope,
          tables: {},
        });
      const asked = q('regions')
        ? new Set(
            q('regions')
              ?.split(',')
              .filter((r) => granted.has(r)),
          )
        : granted;
      const until = q('until') === null ? Infinity : Number(q('until'));
      return send(200, { protocolVersion: 1, reset: false, scope, ...this.page(after, Number(q('limit')), asked, until) });
    }
    if (url.pathname === '/v1/mutations' && req.method === 'POST') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const batch = JSON.parse(Buffer.concat(chunks).toString()) as { mutations: Mutation[] };
        send(200, { protocolVersion: 1, results: batch.mutations.map((m) => this.mutate(m, granted)) });
      });
      return;
    }
    send(404, { error: 'NOT_FOUND', message: url.pathname });
  }

  private mutate(m: Mutation, granted: ReadonlySet<string>) {
    const done = this.applied.get(m.id);
    if (done !== undefined) return { id: m.id, status: 'duplicate', seq: done };
    const table = MUTATION_TABLES[m.type];
    if (!table || !MUTATION_TYPES.includes(m.type)) return { id: m.id, status: 'rejected', reason: 'unknown type' };
    if (!granted.has(String(m.payload.region_id)))
      return { id: m.id, status: 'rejected', reason: `region ${String(m.payload.region_id)} is not granted` };
    if (m.payload.body === 'REJECT ME') return { id: m.id, status: 'rejected', reason: 'body refused' };
    const seq = this.write(
      table,
      TABLES[table].columns.map((c) => m.payload[c.name] ?? null),
    );
    this.applied.set(m.id, seq);
    return { id: m.id, status: 'applied', seq };
  }
}
