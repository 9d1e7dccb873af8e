// POST /v1/mutations: exactly once per (client, mutation id) however often a batch is retried, per-mutation
// results, rejections (bad payload, region not granted, unknown subject) that never block the rest, and the
// writes appearing in the change feed.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { mutationResponseSchema, type Mutation } from '../../../src/shared/sync/protocol';
import { call, changes, NOW, STORE_KINDS, useTestBackend, stopTestPostgres } from '../../helpers/server';

afterAll(stopTestPostgres);

let seq = 0;
const mutation = (type: Mutation['type'], payload: Record<string, unknown>): Mutation => ({
  id: randomUUID(),
  seq: ++seq,
  type,
  payload,
});

describe.each(STORE_KINDS)('mutations on %s', (kind) => {
  const t = useTestBackend(kind);

  const post = async (body: unknown, clientId = 'laptop-1') => {
    const reply = await call(t.backend, '/v1/mutations', {
      body: typeof body === 'object' && body !== null && !('clientId' in body) ? { clientId, ...body } : body,
    });
    return reply;
  };
  const results = async (mutations: Mutation[], clientId = 'laptop-1') => {
    const reply = await post({ clientId, mutations });
    expect(reply.status, reply.text).toBe(200);
    return mutationResponseSchema.parse(reply.json).results;
  };

  const annotation = (over: Record<string, unknown> = {}) =>
    mutation('annotation.create', {
      id: randomUUID(),
      region_id: 'region-0',
      subject_type: 'deal',
      subject_id: 'deal-0-1',
      body: '周五下午的阶段回退要复盘',
      flag: 'follow-up',
      created_at: NOW - 1000,
      ...over,
    });
  const actionItem = (over: Record<string, unknown> = {}) =>
    mutation('action_item.upsert', {
      id: randomUUID(),
      region_id: 'region-1',
      title: '补齐盖章材料',
      owner_rep_id: 'rep-1-1',
      due: '2026-11-27',
      status: 'open',
      ...over,
    });
  const exceptionState = (over: Record<string, unknown> = {}) =>
    mutation('exception_state.set', {
      id: 'stage_regression:deal-0-2',
      region_id: 'region-0',
      status: 'acknowledged',
      owner: 'rep-0-2',
      note: '已沟通',
      ...over,
    });

  it('applies each mutation exactly once however often the batch is retried', async () => {
    const batch = [annotation(), actionItem(), exceptionState()];
    const first = await results(batch);
    expect(first.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    for (let retry = 0; retry < 3; retry++) {
      const again = await results(batch);
      expect(again).toEqual(first.map((r) => ({ id: r.id, status: 'duplicate', seq: r.seq })));
    }
    expect(await t.backend.store.readTable('annotations')).toHaveLength(1);
    const [log] = await t.backend.store.sql.query(
      `SELECT count(*) FROM change_log WHERE table_name IN ('annotations', 'action_items', 'exception_states')`,
    );
    expect(Number(log?.[0])).toBe(3);
    // A different client may use the same mutation id: it is its own mutation (and here a duplicate annotation id).
    const other = await results([batch[1] as Mutation], 'laptop-2');
    expect(other[0]?.status).toBe('applied');
  });

  it('writes the rows through the change feed, stamped with the caller', async () => {
    const start = await t.backend.store.highWater();
    const a = annotation({ author: 'someone-else' });
    const [applied] = await results([a]);
    const page = await changes(t.backend, { after: start });
    expect(page.cursor).toBe(applied?.seq);
    const row = page.tables.annotations?.rows[0] as unknown[];
    expect(row[0]).toBe(a.payload.id);
    expect(row[2]).toBe('director'); // author is the token's user, whatever the client claims
    const [item] = await results([actionItem({ created_at: undefined })]);
    const itemRow = (await changes(t.backend, { after: applied?.seq ?? 0 })).tables.action_items?.rows[0] as unknown[];
    expect(itemRow[8]).toBe(NOW); // server-stamped created_at
    expect(item?.status).toBe('applied');
  });

  it('rejects bad mutations with a reason and goes on with the rest', async () => {
    const batch: unknown[] = [
      annotation({ subject_id: 'deal-does-not-exist' }),
      annotation({ region_id: 'region-2', subject_id: 'deal-2-1' }), // not granted
      annotation({ region_id: 'region-1' }), // subject is in region-0
      annotation({ body: 42 }),
      annotation({ extra: true }),
      actionItem({ owner_rep_id: 'rep-9-9' }),
      actionItem({ status: 'someday' }),
      actionItem({ due: '2026-13-45' }),
      actionItem({ due: '2026-02-30' }), // Date.parse accepts it; PostgreSQL does not
      actionItem({ due: '0000-01-01' }),
      exceptionState({ status: 'ignored' }),
      { id: randomUUID(), seq: 1, type: 'deal.delete', payload: {} },
      { id: 'not-a-uuid', seq: 1, type: 'annotation.create', payload: {} },
      'garbage',
      actionItem(),
    ];
    const reply = await post({ mutations: batch });
    expect(reply.status).toBe(200);
    const res = mutationResponseSchema.parse(reply.json).results;
    expect(res).toHaveLength(batch.length);
    expect(res.slice(0, -1).every((r) => r.status === 'rejected' && (r.reason?.length ?? 0) > 5)).toBe(true);
    expect(res.at(-1)?.status).toBe('applied');
    expect(res[0]?.reason).toMatch(/Unknown deal/);
    expect(res[1]?.reason).toMatch(/not granted/);
    expect(res[13]?.id).toBe('');
    // A rejection is final: the same mutation retried gets the same answer, never a late apply.
    const again = await results([batch[0] as Mutation]);
    expect(again[0]).toEqual(res[0]);
    expect(await t.backend.store.readTable('annotations')).toHaveLength(0);
  });

  it('keeps annotations create-only and guards rows of regions not granted', async () => {
    const a = annotation();
    await results([a]);
    const copy = { ...a, id: randomUUID(), seq: ++seq };
    expect((await results([copy]))[0]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/already exists/) });
    // An action item of region-2 (written by an admin) cannot be taken over by the director.
    const foreign = actionItem({ region_id: 'region-2', owner_rep_id: null });
    const adminReply = await call(t.backend, '/v1/mutations', {
      token: 'admin-token',
      body: { clientId: 'admin-pc', mutations: [foreign] },
    });
    expect(mutationResponseSchema.parse(adminReply.json).results[0]?.status).toBe('applied');
    const takeover = mutation('action_item.upsert', { ...foreign.payload, region_id: 'region-1', owner_rep_id: null });
    expect((await results([takeover]))[0]).toMatchObject({
      status: 'rejected',
      reason: expect.stringMatching(/region not granted/),
    });
  });

  it('moves an action item between granted regions with a tombstone for the old one', async () => {
    const item = actionItem({ owner_rep_id: null });
    await results([item]);
    const start = await t.backend.store.highWater();
    const moved = mutation('action_item.upsert', { ...item.payload, region_id: 'region-0', status: 'done' });
    expect((await results([moved]))[0]?.status).toBe('applied');
    const page = await changes(t.backend, { after: start });
    expect(page.tables.action_items?.deletes).toEqual([item.payload.id]);
    expect(page.tables.action_items?.rows).toHaveLength(1);
    expect(t.fixture.directorRegions).toEqual(['region-0', 'region-1']);
  });

  it('answers a malformed batch envelope with 400 and a reason', async () => {
    for (const body of [
      {},
      { clientId: 'x' },
      { clientId: '', mutations: [annotation()] },
      { clientId: 'x'.repeat(65), mutations: [annotation()] },
      { clientId: 'x', mutations: [] },
      { clientId: 'x', mutations: Array.from({ length: 501 }, () => annotation()) },
      { clientId: 'x\u0000', mutations: [annotation()] },
      { clientId: 'x', mutations: {} },
      { clientId: 'x', mutations: [annotation()], extra: 1 },
      [],
      'null',
      '{"clientId": "x", "mutations": [',
    ]) {
      const reply = await call(t.backend, '/v1/mutations', { body });
      expect(reply.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(reply.json).toMatchObject({ error: 'BAD_REQUEST', message: expect.any(String) });
    }
    const wrongType = await call(t.backend, '/v1/mutations', { body: '<x/>', headers: { 'content-type': 'application/xml' } });
    expect(wrongType.status).toBe(415);
    expect(wrongType.json).toMatchObject({ error: 'BAD_REQUEST' });
    expect((await call(t.backend, '/v1/mutations', { body: 'x', headers: { 'content-type': 'text/plain' } })).status).toBe(400);
  });

  it('stores text the way it was sent and refuses text PostgreSQL cannot store', async () => {
    const unicode = annotation({ body: '表情 😀 and "quotes" \\ back\nslash', flag: 'NULL' });
    const tricky = ['', 'NULL', 'a,b', '{x}', '{"k": [1, 2]}', ' spaced ', '\\"'];
    const trickyResults = await results(tricky.map((body) => annotation({ body })));
    expect(trickyResults.every((r) => r.status === 'applied')).toBe(true);
    const stored = (await t.backend.store.readTable('annotations')).map((row) => row[5]);
    expect(stored.sort()).toEqual([...tricky].sort());
    const [ok, nul, surrogate] = await results([unicode, annotation({ body: 'a\u0000b' }), annotation({ body: 'x\ud800y' })]);
    expect(ok?.status).toBe('applied');
    expect(nul).toMatchObject({ status: 'rejected' });
    expect(surrogate).toMatchObject({ status: 'rejected' });
    const row = (await changes(t.backend, {})).tables.annotations?.rows.find((r) => r[0] === unicode.payload.id) as unknown[];
    expect(row[5]).toBe(unicode.payload.body);
    expect(row[6]).toBe('NULL');
  });
});
