// Backend test harness: a running server on PGlite or a throwaway PostgreSQL, switchable fault hooks, a
// seeded hand-built fixture, a tiny HTTP client, and a reference "replica" that applies feed pages to maps.
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { changesPageSchema, PROTOCOL_HEADER, SYNC_PROTOCOL_VERSION, type ChangesPage } from '../../src/shared/sync/protocol';
import { columnNames, TABLE_NAMES, TABLES, type TableName } from '../../src/shared/sync/tables';
import { startServer, type FaultAction, type RouteId, type RunningServer, type ServerStore } from '../../src/server/server';
import { seededRandom } from './fuzz';
import { startTestPostgres, type TestPostgres } from './postgres';

export type StoreKind = 'pglite' | 'pg';
/** Every backend suite runs once per store (describe.each). */
export const STORE_KINDS: StoreKind[] = ['pglite', 'pg'];

export const NOW = Date.UTC(2026, 10, 20, 9, 0, 0);
export const TOKENS = { admin: 'admin-token', director: 'director-token', expired: 'expired-token' } as const;

export interface TestBackend {
  kind: StoreKind;
  url: string;
  store: ServerStore;
  /** The next requests' fault (per route); null clears it. */
  setFault(fault: ((route: RouteId, url: string) => FaultAction | undefined) | null): void;
  /** Server clock used for token expiry and session time. */
  clock: { now: number };
  /** Empties every table and the horizon (fast reuse of one database between tests). */
  reset(): Promise<void>;
  close(): Promise<void>;
}

let cluster: Promise<TestPostgres> | null = null;
let databases = 0;

/** A fresh database in this process's PostgreSQL cluster (started on first use; stopped by stopTestPostgres()). */
export async function testPostgresUrl(): Promise<string> {
  cluster ??= startTestPostgres();
  const pg = await cluster;
  databases += 1;
  return pg.createDatabase(`outpost_test_${process.pid}_${databases}`);
}

export async function stopTestPostgres(): Promise<void> {
  const running = cluster;
  cluster = null;
  if (running) await (await running).stop();
}

export async function startTestBackend(kind: StoreKind): Promise<TestBackend> {
  const store = kind === 'pg' ? { kind, databaseUrl: await testPostgresUrl() } : { kind, dataDir: null };
  const clock = { now: NOW };
  let fault: ((route: RouteId, url: string) => FaultAction | undefined) | null = null;
  const server: RunningServer = await startServer({
    store,
    now: () => clock.now,
    hooks: { beforeReply: (route, req) => fault?.(route, req.url) },
  });
  return {
    kind,
    url: server.url,
    store: server.store,
    clock,
    setFault(next) {
      fault = next;
    },
    async reset() {
      fault = null;
      clock.now = NOW;
      const tables = [...TABLE_NAMES.map((t) => `"${t}"`), 'change_log', 'applied_mutations', 'grants', 'tokens', 'users'];
      await server.store.sql.exec(
        `TRUNCATE ${tables.join(', ')} RESTART IDENTITY; UPDATE server_meta SET value = 0 WHERE key = 'horizon';`,
      );
    },
    close: () => server.close(),
  };
}

// ---- fixture ---------------------------------------------------------------------------------------------

export interface FixtureOptions {
  seed?: number;
  regions?: number;
  repsPerRegion?: number;
  dealsPerRegion?: number;
  activitiesPerRegion?: number;
}

export interface Fixture {
  regions: string[];
  /** Region ids granted to the 'director' user. */
  directorRegions: string[];
  reps: { id: string; region: string }[];
  deals: { id: string; region: string }[];
  activities: { id: string; region: string }[];
}

/** A positional row of `table` from an object keyed by column name (missing → null). */
export function rowOf(table: TableName, values: Record<string, unknown>): unknown[] {
  return columnNames(table).map((name) => values[name] ?? null);
}

export const STAGE_IDS = ['s1', 's2', 's3', 's4', 's5'];

/** Stage i of the default pipeline. */
export function stageRow(i: number): unknown[] {
  return rowOf('stages', {
    id: STAGE_IDS[i],
    ordinal: i + 1,
    name: ['初步接触', '需求确认', '方案演示', '报价谈判', '合同签署'][i],
    name_en: ['Initial contact', 'Needs confirmed', 'Solution demo', 'Quote & negotiation', 'Contract'][i],
    max_dwell_days: 7 + i * 3,
    required_fields: i > 1 ? ['budget', 'decision_maker'] : [],
    checklist: [{ key: 'stamped_materials', label: '盖章材料' }],
  });
}

export function activityRow(
  id: string,
  region: string,
  rep: string,
  deal: string | null,
  at: number,
  rand: () => number,
): unknown[] {
  return rowOf('activities', {
    id,
    region_id: region,
    rep_id: rep,
    deal_id: deal,
    account_id: null,
    kind: ['visit', 'call', 'wechat', 'demo'][Math.floor(rand() * 4)],
    occurred_at: at,
    logged_at: at + 600_000,
    duration_min: 10 + Math.floor(rand() * 50),
    tags: rand() < 0.5 ? ['首次接触'] : ['技术演示', '客户反馈'],
    summary: `拜访记录 ${id}`,
    has_attachment: rand() < 0.5 ? 1 : 0,
    next_step: null,
    next_step_due: null,
  });
}

export function dealRow(id: string, region: string, account: string, rep: string, stage: string, amount: number): unknown[] {
  return rowOf('deals', {
    id,
    region_id: region,
    account_id: account,
    owner_rep_id: rep,
    stage_id: stage,
    amount,
    currency: 'CNY',
    product_line: 'smart-classroom',
    expected_close: '2026-12-31',
    created_at: NOW - 30 * 86_400_000,
    stage_entered_at: NOW - 5 * 86_400_000,
    status: 'open',
    fields: { budget: amount },
  });
}

/** Loads a small, seeded data set and the users admin (all regions), director (two regions), expired. */
export async function loadFixture(store: ServerStore, options: FixtureOptions = {}): Promise<Fixture> {
  const rand = seededRandom(options.seed ?? 1);
  const regionCount = options.regions ?? 4;
  const regions = Array.from({ length: regionCount }, (_, i) => `region-${i}`);
  const fixture: Fixture = { regions, directorRegions: regions.slice(0, 2), reps: [], deals: [], activities: [] };
  const rows: Record<string, unknown[][]> = {};
  const add = (table: TableName, row: unknown[]) => (rows[table] ??= []).push(row);

  STAGE_IDS.forEach((_, i) => add('stages', stageRow(i)));
  for (const [r, region] of regions.entries()) {
    add(
      'regions',
      rowOf('regions', {
        id: region,
        region_id: region,
        name: `区域${r}`,
        name_en: `Region ${r}`,
        parent_id: null,
        utc_offset_min: 480,
      }),
    );
    for (let i = 0; i < (options.repsPerRegion ?? 3); i++) {
      const id = `rep-${r}-${i}`;
      fixture.reps.push({ id, region });
      add(
        'reps',
        rowOf('reps', {
          id,
          region_id: region,
          name: `销售${r}${i}`,
          team: 'A',
          status: i === 0 ? 'departed' : 'active',
          hired_at: NOW - 400 * 86_400_000,
        }),
      );
      add(
        'accounts',
        rowOf('accounts', { id: `acct-${r}-${i}`, region_id: region, name: `客户${r}${i}`, segment: 'school', tier: 'B' }),
      );
    }
    for (let i = 0; i < (options.dealsPerRegion ?? 10); i++) {
      const id = `deal-${r}-${i}`;
      const rep = `rep-${r}-${i % (options.repsPerRegion ?? 3)}`;
      fixture.deals.push({ id, region });
      add('deals', dealRow(id, region, `acct-${r}-0`, rep, STAGE_IDS[i % 5] as string, Math.round(rand() * 1e6) / 100));
    }
    for (let i = 0; i < (options.activitiesPerRegion ?? 30); i++) {
      const id = `act-${r}-${i}`;
      fixture.activities.push({ id, region });
      const deal = `deal-${r}-${i % (options.dealsPerRegion ?? 10)}`;
      add('activities', activityRow(id, region, `rep-${r}-${i % (options.repsPerRegion ?? 3)}`, deal, NOW - i * 3_600_000, rand));
    }
  }
  await store.write(async (w) => {
    for (const table of TABLE_NAMES) if (rows[table]) await w.writeRows(table, rows[table]);
  });
  await store.upsertUser({ id: 'admin', name: '管理员', role: 'admin' });
  await store.upsertUser({ id: 'director', name: '王总监', role: 'director' });
  await store.upsertUser({ id: 'expired', name: '过期用户', role: 'director' });
  await store.addToken(TOKENS.admin, 'admin', null);
  await store.addToken(TOKENS.director, 'director', NOW + 86_400_000);
  await store.addToken(TOKENS.expired, 'expired', NOW - 1);
  await store.setGrants('admin', regions);
  await store.setGrants('director', fixture.directorRegions);
  await store.setGrants('expired', fixture.directorRegions);
  return fixture;
}

// ---- HTTP ------------------------------------------------------------------------------------------------

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

export interface RequestOptions {
  method?: string;
  token?: string | null;
  body?: unknown;
  headers?: Record<string, string>;
}

export async function call(backend: { url: string }, path: string, options: RequestOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = { [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION) };
  const token = options.token === undefined ? TOKENS.director : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  Object.assign(headers, options.headers);
  const res = await fetch(`${backend.url}${path}`, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers,
    body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
  });
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = JSON.parse(text);
  } catch {
    // left undefined: the caller asserts on text
  }
  return { status: res.status, headers: res.headers, text, json };
}

export interface ChangesParams {
  after?: number;
  limit?: number;
  regions?: readonly string[];
  until?: number;
  held?: readonly string[];
}

/** GET /v1/changes; asserts 200 and that the body follows changesPageSchema exactly. */
export async function changes(
  backend: { url: string },
  params: ChangesParams = {},
  token: string = TOKENS.director,
): Promise<ChangesPage> {
  const query = new URLSearchParams();
  if (params.after !== undefined) query.set('after', String(params.after));
  if (params.limit !== undefined) query.set('limit', String(params.limit));
  if (params.regions) query.set('regions', params.regions.join(','));
  if (params.until !== undefined) query.set('until', String(params.until));
  if (params.held) query.set('held', params.held.join(','));
  const reply = await call(backend, `/v1/changes?${query.toString()}`, { token });
  expect(reply.status, reply.text).toBe(200);
  return changesPageSchema.parse(reply.json);
}

// ---- a reference replica ---------------------------------------------------------------------------------

/** table → id → positional row: what a replica holds. */
export type ReplicaState = Map<TableName, Map<string, unknown[]>>;

export function emptyState(): ReplicaState {
  return new Map(TABLE_NAMES.map((t) => [t, new Map<string, unknown[]>()]));
}

export function applyPage(state: ReplicaState, page: ChangesPage): number {
  let n = 0;
  for (const [table, changesOf] of Object.entries(page.tables)) {
    const rows = state.get(table as TableName);
    if (!rows || !changesOf) throw new Error(`unknown table ${table}`);
    for (const id of changesOf.deletes) rows.delete(id);
    for (const row of changesOf.rows) rows.set(String(row[0]), row);
    n += changesOf.rows.length + changesOf.deletes.length;
  }
  return n;
}

export interface PullResult {
  state: ReplicaState;
  cursor: number;
  pages: ChangesPage[];
}

/** Pulls pages until hasMore is false, checking the cursor never moves backwards. */
export async function pullAll(
  backend: { url: string },
  params: ChangesParams = {},
  token?: string,
  state = emptyState(),
): Promise<PullResult> {
  let after = params.after ?? 0;
  const pages: ChangesPage[] = [];
  for (;;) {
    const page = await changes(backend, { ...params, after }, token);
    expect(page.reset).toBe(false);
    expect(page.cursor).toBeGreaterThanOrEqual(after);
    expect(page.cursor).toBeLessThanOrEqual(page.highWater);
    pages.push(page);
    applyPage(state, page);
    after = page.cursor;
    if (!page.hasMore) return { state, cursor: after, pages };
    if (pages.length > 10_000) throw new Error('feed never ends');
  }
}

/** The server's current rows (read from the entity tables) for these regions, as a ReplicaState. */
export async function serverState(store: ServerStore, regions: readonly string[], includeGlobal = true): Promise<ReplicaState> {
  const state = emptyState();
  for (const table of TABLE_NAMES) {
    if (!TABLES[table].regionScoped && !includeGlobal) continue;
    const rows = await store.readTable(table, TABLES[table].regionScoped ? regions : undefined);
    const map = state.get(table) as Map<string, unknown[]>;
    for (const row of rows) map.set(String(row[0]), row);
  }
  return state;
}

/** Plain object form (sorted by id) for readable toEqual diffs. */
export function plain(state: ReplicaState): Record<string, unknown[][]> {
  const out: Record<string, unknown[][]> = {};
  for (const [table, rows] of state) out[table] = [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, row]) => row);
  return out;
}

/**
 * One backend per suite on `kind`, reset and loaded with the hand-built fixture before each test. Read the
 * fields inside tests (they are set by the hooks).
 */
export function useTestBackend(kind: StoreKind): { backend: TestBackend; fixture: Fixture } {
  const t = {} as { backend: TestBackend; fixture: Fixture };
  beforeAll(async () => {
    t.backend = await startTestBackend(kind);
  });
  afterAll(() => t.backend.close());
  beforeEach(async () => {
    await t.backend.reset();
    t.fixture = await loadFixture(t.backend.store);
  });
  return t;
}
