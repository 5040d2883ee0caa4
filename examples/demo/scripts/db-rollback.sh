#!/usr/bin/env bash
# Reverts one database migration (SOP §2.3 "Database rollback (if needed)").
#   ./scripts/db-rollback.sh 003_ledger_created_at_index
# The environment is $DEPLOY_ENV, else production. Takes a safety snapshot first.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
USAGE='db-rollback.sh <migration-name>   e.g. db-rollback.sh 003_ledger_created_at_index'

[[ "${1:-}" == "-h" || "${1:-}" == "--help" ]] && { printf 'usage: %s\n' "$USAGE"; exit 0; }
[[ $# -eq 1 ]] || usage_error "$USAGE" "expected 1 argument, got $#"
MIGRATION="${1%.sql}"
[[ "$MIGRATION" =~ ^[0-9]{3}_[a-z0-9_]+$ ]] || usage_error "$USAGE" "migration names look like 003_ledger_created_at_index, got \"$1\""
FILE="$DEMO_ROOT/migrations/$MIGRATION.sql"
[[ -f "$FILE" ]] || usage_error "$USAGE" "no such migration: migrations/$MIGRATION.sql (known: $(cd "$DEMO_ROOT/migrations" && ls *.sql | sed 's/\.sql$//' | tr '\n' ' '))"
ENV_NAME="${DEPLOY_ENV:-production}"
require_env "$ENV_NAME" "$USAGE"
declare_steps snapshot lock revert verify
grep -q '^-- migrate:down' "$FILE" || { printf 'db-rollback.sh: migrations/%s.sql has no "-- migrate:down" section\n' "$MIGRATION" >&2; exit 1; }

printf '%sReverting migration %s on %s%s\n' "$C_BOLD$C_YELLOW" "$MIGRATION" "$ENV_NAME" "$C_RESET"

step snapshot "Taking a safety snapshot of payments_$ENV_NAME" "pg_dump failed: could not connect to server: Connection refused"
progress "pg_dump -Fc" 1.0
ok "snapshot payments_$ENV_NAME-pre-$MIGRATION.dump (184 MiB)"

step lock "Acquiring the migration lock" "could not obtain lock on schema_migrations: another migration is running (pid 48213)"
nap 0.3
ok "advisory lock 72707 held"

step revert "Applying the down migration" "down migration failed: cannot drop index ledger_entries_created_at_idx: it is required by constraint"
sed -n '/^-- migrate:down/,$p' "$FILE" | sed '1d' | while IFS= read -r line; do
  [[ -n "$line" ]] && dim "$line"
  nap 0.1
done
ok "schema_migrations: removed $MIGRATION"

step verify "Verifying the schema" "schema verification failed: table ledger_entries missing column created_at"
nap 0.4
mkdir -p "$STATE_DIR"
printf '%s %s reverted %s\n' "$(now_utc)" "$ENV_NAME" "$MIGRATION" >>"$STATE_DIR/db-rollback.log"
ok "schema matches migrations up to the one before $MIGRATION"
printf '%s✓ %s reverted on %s%s\n' "$C_BOLD$C_GREEN" "$MIGRATION" "$ENV_NAME" "$C_RESET"
