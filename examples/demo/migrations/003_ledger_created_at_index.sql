-- migrate:up
CREATE INDEX CONCURRENTLY ledger_entries_created_at_idx ON ledger_entries (created_at);

-- migrate:down
DROP INDEX CONCURRENTLY ledger_entries_created_at_idx;
