// Version 3: the sync bookkeeping (one sync_state row) and the outbox of local writes waiting for the backend.
import type { Migration } from '../migrate';

const SQL = `
CREATE TABLE sync_state (
  id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
  backend_url TEXT,
  user_id TEXT,
  client_id TEXT,
  cursor INTEGER NOT NULL DEFAULT 0,
  high_water INTEGER NOT NULL DEFAULT 0,
  held_regions TEXT NOT NULL DEFAULT '[]',
  backfill TEXT,
  last_synced_at INTEGER,
  initial_complete INTEGER NOT NULL DEFAULT 0
) STRICT;

INSERT INTO sync_state (id) VALUES (1);

CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  mutation_id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'synced', 'rejected')),
  reason TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE INDEX idx_outbox_status_seq ON outbox (status, seq);
`;

export const syncStateOutbox: Migration = {
  version: 3,
  name: 'sync-state-outbox',
  up(db) {
    db.exec(SQL);
  },
};
