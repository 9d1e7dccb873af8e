// Which subjects a sync touched: maps changed row ids of any replicated table to the deals, leads, reps, regions
// and accounts whose exceptions may have changed. Rows already deleted cannot be mapped; the caller passes the
// parents it knows of (the sync engine sees tombstones per table), and periodic full scans catch the rest.
import type { TableName } from '../../../shared/sync/tables';
import type { Db } from '../../db/open';
import type { SubjectSets } from './types';
import { stmt } from '../statements';

export type ChangeSet = Partial<Record<TableName, readonly string[]>>;

const MAPPINGS: Partial<Record<TableName, { sql: string; sets: Partial<Record<keyof SubjectSets, string>> }>> = {
  deals: {
    sql: 'SELECT id, owner_rep_id AS rep, region_id AS region FROM deals',
    sets: { deals: 'id', reps: 'rep', regions: 'region' },
  },
  leads: {
    sql: 'SELECT id, assigned_rep_id AS rep, region_id AS region FROM leads',
    sets: { leads: 'id', reps: 'rep', regions: 'region' },
  },
  reps: { sql: 'SELECT id, region_id AS region FROM reps', sets: { reps: 'id', regions: 'region' } },
  stage_changes: {
    sql: 'SELECT deal_id AS deal, changed_by AS rep, region_id AS region FROM stage_changes',
    sets: { deals: 'deal', reps: 'rep', regions: 'region' },
  },
  activities: {
    sql: `SELECT deal_id AS deal, lead_id AS lead, rep_id AS rep, region_id AS region,
      CASE WHEN deal_id IS NULL AND lead_id IS NULL THEN account_id END AS account FROM activities`,
    sets: { deals: 'deal', leads: 'lead', reps: 'rep', regions: 'region', accounts: 'account' },
  },
};

export function affectedSubjects(db: Db, changes: ChangeSet): SubjectSets {
  const sets: Record<keyof SubjectSets, Set<string>> = {
    deals: new Set(changes.deals),
    leads: new Set(changes.leads),
    reps: new Set(changes.reps),
    regions: new Set(changes.regions),
    accounts: new Set(changes.accounts),
  };
  for (const [table, ids] of Object.entries(changes) as [TableName, string[]][]) {
    const mapping = MAPPINGS[table];
    if (!mapping || ids.length === 0) continue;
    const rows = stmt(db, `${mapping.sql} WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as Record<
      string,
      string | null
    >[];
    for (const row of rows) {
      for (const [set, column] of Object.entries(mapping.sets) as [keyof SubjectSets, string][]) {
        const value = row[column];
        if (value) sets[set].add(value);
      }
    }
  }
  return {
    deals: [...sets.deals],
    leads: [...sets.leads],
    reps: [...sets.reps],
    regions: [...sets.regions],
    accounts: [...sets.accounts],
  };
}
