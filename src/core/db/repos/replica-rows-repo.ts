// Point reads of replicated rows by id, for handlers that need a row's current values (e.g. an upsert that
// keeps created_at).
import type { TableName } from '../../../shared/sync/tables';
import type { Db } from '../open';

export function findRow(db: Db, table: TableName, id: string): Record<string, unknown> | undefined {
  // `table` is a TableName (a closed set of identifiers), never user input.
  return db.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
}
