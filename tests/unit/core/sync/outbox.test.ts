// The outbox: a local write and its entry commit together; draining sends entries in seq order, records each
// answer, never lets a rejection block later entries, and leaves unanswered entries pending for a resend.
import { describe, expect, it } from 'vitest';
import { listOutbox, pendingOutbox } from '../../../../src/core/db/repos/outbox-repo';
import { patchSyncState } from '../../../../src/core/db/repos/sync-state-repo';
import type { SyncHttpClient } from '../../../../src/core/sync/http-client';
import { drainOutbox, enqueueWrite, OUTBOX_BATCH } from '../../../../src/core/sync/outbox';
import { SyncError } from '../../../../src/core/sync/sync-error';
import { createTableWriters } from '../../../../src/core/sync/table-writer';
import type { MutationBatch, MutationResult } from '../../../../src/shared/sync/protocol';
import { count, memoryReplica } from './helpers';

function setup() {
  const db = memoryReplica();
  patchSyncState(db, { heldRegions: ['east'], clientId: 'client-1', userId: 'u1' });
  return { db, writers: createTableWriters(db) };
}

const annotation = (i: number, region = 'east') => ({
  type: 'annotation.create' as const,
  payload: {
    id: `a-${i}`,
    region_id: region,
    author: 'u1',
    subject_type: 'deal',
    subject_id: `d-${i}`,
    body: `note ${i}`,
    flag: null,
    created_at: i,
  },
});

function fakeClient(
  answer: (batch: MutationBatch) => MutationResult[] | Promise<MutationResult[]>,
): SyncHttpClient & { batches: MutationBatch[] } {
  const batches: MutationBatch[] = [];
  return {
    baseUrl: 'http://fake',
    batches,
    session: () => Promise.reject(new Error('unused')),
    changes: () => Promise.reject(new Error('unused')),
    mutations: async (batch) => {
      batches.push(structuredClone(batch));
      return answer(batch);
    },
  };
}

const drain = (db: ReturnType<typeof memoryReplica>, client: SyncHttpClient) =>
  drainOutbox(
    db,
    client,
    'client-1',
    new AbortController().signal,
    () => 99,
    () => undefined,
  );

describe('outbox', () => {
  it('commits the local row and its entry together, or neither', () => {
    const { db, writers } = setup();
    const seq = enqueueWrite(db, writers, annotation(1), 10);
    expect(seq).toBe(1);
    expect(count(db, 'annotations')).toBe(1);
    expect(pendingOutbox(db, 10)).toHaveLength(1);
    // A write that cannot be stored (region not held) leaves no entry behind.
    expect(() => enqueueWrite(db, writers, annotation(2, 'north'), 11)).toThrow(SyncError);
    expect(count(db, 'annotations')).toBe(1);
    expect(count(db, 'outbox')).toBe(1);
  });

  it('drains in seq order, in batches, and records every answer; a rejection does not block later entries', async () => {
    const { db, writers } = setup();
    const n = OUTBOX_BATCH + 30;
    for (let i = 1; i <= n; i++) enqueueWrite(db, writers, annotation(i), i);
    const client = fakeClient((batch) =>
      batch.mutations.map((m) =>
        m.seq === 5
          ? { id: m.id, status: 'rejected', reason: 'subject is gone' }
          : { id: m.id, status: m.seq === 7 ? 'duplicate' : 'applied', seq: m.seq },
      ),
    );
    expect(await drain(db, client)).toEqual({ synced: n - 1, rejected: 1 });
    expect(client.batches.map((b) => b.mutations.length)).toEqual([OUTBOX_BATCH, 30]);
    const seqs = client.batches.flatMap((b) => b.mutations.map((m) => m.seq));
    expect(seqs).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect(client.batches[0]?.clientId).toBe('client-1');
    const rejected = listOutbox(db, { status: 'rejected', limit: 10 });
    expect(rejected).toMatchObject([{ seq: 5, reason: 'subject is gone', attempts: 1 }]);
    expect(listOutbox(db, { status: 'synced', limit: 1000 })).toHaveLength(n - 1);
    // The rejected create's optimistic row is gone; the others stay.
    expect(count(db, 'annotations', "id = 'a-5'")).toBe(0);
    expect(count(db, 'annotations')).toBe(n - 1);
  });

  it('keeps entries pending when the answer is lost, and resends them with the same ids', async () => {
    const { db, writers } = setup();
    for (let i = 1; i <= 3; i++) enqueueWrite(db, writers, annotation(i), i);
    const lost = fakeClient(() => Promise.reject(new SyncError('network', 'connection reset')));
    await expect(drain(db, lost)).rejects.toThrow('connection reset');
    expect(pendingOutbox(db, 10).map((e) => e.attempts)).toEqual([1, 1, 1]);
    const ok = fakeClient((batch) => batch.mutations.map((m) => ({ id: m.id, status: 'duplicate' as const, seq: m.seq })));
    await drain(db, ok);
    expect(ok.batches[0]?.mutations.map((m) => m.id)).toEqual(lost.batches[0]?.mutations.map((m) => m.id));
    expect(pendingOutbox(db, 10)).toHaveLength(0);
  });

  it('stops (instead of looping) when the backend answers only part of a batch', async () => {
    const { db, writers } = setup();
    for (let i = 1; i <= 3; i++) enqueueWrite(db, writers, annotation(i), i);
    const partial = fakeClient((batch) => batch.mutations.slice(0, 1).map((m) => ({ id: m.id, status: 'applied' as const })));
    await expect(drain(db, partial)).rejects.toThrow(/answered 1 of 3/);
    expect(pendingOutbox(db, 10).map((e) => e.seq)).toEqual([2, 3]);
  });
});
