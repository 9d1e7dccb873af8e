// Applies a batch of client mutations. INVARIANT: a mutation's effect (entity row + change-log entry) and its
// record in applied_mutations commit in the SAME transaction, so however often a batch is retried — or the
// server dies before the reply — each (clientId, mutation id) takes effect at most once and is answered
// 'duplicate' afterwards. A rejected mutation is recorded too (a retry gets the same answer) and never stops
// the mutations after it.
import { mutationSchema, type Mutation, type MutationResult } from '../../shared/sync/protocol';
import { columnNames, TABLES, type TableName } from '../../shared/sync/tables';
import { describeIssues } from '../http/errors';
import type { User } from '../store/auth-store';
import type { ServerStore, StoreWriter } from '../store/server-store';
import { num, str, type SqlExecutor } from '../store/sql-client';
import { MUTATION_TABLE, PAYLOAD_SCHEMAS } from './payloads';

export interface MutationCaller {
  user: User;
  /** Granted regions at the start of the request. */
  regions: readonly string[];
  clientId: string;
  now: number;
}

type Outcome = { seq: number } | { reason: string };

interface Prior {
  status: 'applied' | 'rejected';
  reason: string | null;
  seq: number | null;
}

const SUBJECT_TABLES: Record<string, TableName> = { rep: 'reps', deal: 'deals', activity: 'activities' };

export async function applyBatch(store: ServerStore, caller: MutationCaller, raw: readonly unknown[]): Promise<MutationResult[]> {
  const parsed = raw.map((item) => mutationSchema.safeParse(item));
  const ids = parsed.flatMap((p) => (p.success ? [p.data.id] : []));
  return store.write(async (writer) => {
    const prior = await loadPrior(writer.tx, caller.clientId, ids);
    const results: MutationResult[] = [];
    for (const [i, attempt] of parsed.entries()) {
      if (!attempt.success) {
        results.push({ id: idOf(raw[i]), status: 'rejected', reason: `Invalid mutation: ${describeIssues(attempt.error)}` });
        continue;
      }
      const mutation = attempt.data;
      const seen = prior.get(mutation.id);
      if (seen) {
        results.push(
          seen.status === 'applied'
            ? { id: mutation.id, status: 'duplicate', ...(seen.seq === null ? {} : { seq: seen.seq }) }
            : { id: mutation.id, status: 'rejected', reason: seen.reason ?? 'Rejected' },
        );
        continue;
      }
      const outcome = await applyOne(writer, caller, mutation);
      const record: Prior =
        'seq' in outcome
          ? { status: 'applied', reason: null, seq: outcome.seq }
          : { status: 'rejected', reason: outcome.reason, seq: null };
      await writer.tx.query(
        `INSERT INTO applied_mutations (client_id, mutation_id, status, reason, seq, applied_at) VALUES ($1, $2, $3, $4, $5, $6)`,
        [caller.clientId, mutation.id, record.status, record.reason, record.seq, caller.now],
      );
      prior.set(mutation.id, record); // a second copy later in the same batch is a duplicate too
      results.push(
        'seq' in outcome
          ? { id: mutation.id, status: 'applied', seq: outcome.seq }
          : { id: mutation.id, status: 'rejected', reason: outcome.reason },
      );
    }
    return results;
  });
}

function idOf(item: unknown): string {
  if (typeof item === 'object' && item !== null && 'id' in item && typeof item.id === 'string') return item.id.slice(0, 128);
  return '';
}

async function loadPrior(tx: SqlExecutor, clientId: string, ids: readonly string[]): Promise<Map<string, Prior>> {
  const prior = new Map<string, Prior>();
  if (ids.length === 0) return prior;
  const rows = await tx.query(
    `SELECT mutation_id, status, reason, seq FROM applied_mutations
     WHERE client_id = $1 AND mutation_id IN (SELECT json_array_elements_text($2::json))`,
    [clientId, JSON.stringify(ids)],
  );
  for (const [id, status, reason, seq] of rows) {
    prior.set(String(id), {
      status: status === 'applied' ? 'applied' : 'rejected',
      reason: str(reason),
      seq: seq === null ? null : num(seq),
    });
  }
  return prior;
}

async function regionOf(tx: SqlExecutor, table: TableName, id: string): Promise<string | null | undefined> {
  const [row] = await tx.query(`SELECT region_id FROM "${table}" WHERE id = $1`, [id]);
  return row ? str(row[0]) : undefined;
}

async function applyOne(writer: StoreWriter, caller: MutationCaller, mutation: Mutation): Promise<Outcome> {
  const payloadCheck = PAYLOAD_SCHEMAS[mutation.type].safeParse(mutation.payload);
  if (!payloadCheck.success) return { reason: `Invalid payload: ${describeIssues(payloadCheck.error)}` };
  const payload = payloadCheck.data;
  const table = MUTATION_TABLE[mutation.type];
  const id = String(payload.id);
  const region = String(payload.region_id);
  if (!caller.regions.includes(region)) return { reason: `Region ${region} is not granted to ${caller.user.id}` };

  const [existing] = await writer.tx.query(
    `SELECT region_id${hasColumn(table, 'created_at') ? ', created_at' : ''} FROM "${table}" WHERE id = $1`,
    [id],
  );
  if (existing && !caller.regions.includes(String(existing[0])))
    return { reason: `${table} ${id} belongs to a region not granted to ${caller.user.id}` };

  const refusal = await checkReferences(writer.tx, mutation.type, payload, region, existing !== undefined);
  if (refusal) return { reason: refusal };

  const stamped: Record<string, unknown> = {
    ...payload,
    ...(hasColumn(table, 'author') ? { author: caller.user.id } : {}),
    ...(hasColumn(table, 'updated_by') ? { updated_by: caller.user.id } : {}),
  };
  if (hasColumn(table, 'created_at')) stamped.created_at ??= existing ? num(existing[1]) : caller.now;
  if (hasColumn(table, 'updated_at')) stamped.updated_at ??= caller.now;
  const row = columnNames(table).map((name) => stamped[name] ?? null);
  const written = await writer.writeRows(table, [row]);
  return { seq: written.seq };
}

/** Type-specific rules: annotations are create-only and must point at a real subject in the same region. */
async function checkReferences(
  tx: SqlExecutor,
  type: Mutation['type'],
  payload: Record<string, unknown>,
  region: string,
  exists: boolean,
): Promise<string | null> {
  if (type === 'annotation.create') {
    if (exists) return `Annotation ${String(payload.id)} already exists`;
    const subjectTable = SUBJECT_TABLES[String(payload.subject_type)];
    if (!subjectTable) return null; // exception subjects are computed by clients; there is no row to check
    const subjectRegion = await regionOf(tx, subjectTable, String(payload.subject_id));
    if (subjectRegion === undefined) return `Unknown ${String(payload.subject_type)} ${String(payload.subject_id)}`;
    if (subjectRegion !== region) return `The ${String(payload.subject_type)} is in region ${subjectRegion}, not ${region}`;
  }
  if (type === 'action_item.upsert' && typeof payload.owner_rep_id === 'string') {
    const repRegion = await regionOf(tx, 'reps', payload.owner_rep_id);
    if (repRegion === undefined) return `Unknown rep ${payload.owner_rep_id}`;
    if (repRegion !== region) return `Rep ${payload.owner_rep_id} is in region ${repRegion}, not ${region}`;
  }
  return null;
}

function hasColumn(table: TableName, name: string): boolean {
  return TABLES[table].columns.some((col) => col.name === name);
}
