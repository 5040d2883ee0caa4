#!/usr/bin/env bash
# Deploys a tagged release of payments-api to an environment (SOP §2.2 step 2).
#   ./scripts/deploy.sh production v1.2.3
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
USAGE='deploy.sh <environment> <version>   e.g. deploy.sh production v1.2.3'

[[ "${1:-}" == "-h" || "${1:-}" == "--help" ]] && { printf 'usage: %s\n' "$USAGE"; exit 0; }
[[ $# -eq 2 ]] || usage_error "$USAGE" "expected 2 arguments, got $#"
ENV_NAME="$1" VERSION="$2"
require_env "$ENV_NAME" "$USAGE"
require_version "$VERSION" "$USAGE"
declare_steps preflight build push migrate rollout health record

REPLICAS="$(sed -n 's/^replicas:[[:space:]]*\([0-9]*\).*/\1/p' "$DEMO_ROOT/configs/$ENV_NAME.yaml")"
CURRENT="$(deployed_version "$ENV_NAME")"
printf '%sDeploying payments-api %s to %s%s (currently %s, %s replicas)\n' "$C_BOLD" "$VERSION" "$ENV_NAME" "$C_RESET" "${CURRENT:-nothing}" "${REPLICAS:-1}"

step preflight "Preflight checks" "release tag $VERSION is not signed off (see the release checklist, SOP §2.1)"
if in_own_repo; then
  tag_exists "$VERSION" || fail "tag $VERSION not found: tag the release first (git tag -a $VERSION -m \"Release version ${VERSION#v}\")"
  ok "tag $VERSION found ($(git -C "$DEMO_ROOT" rev-list -n 1 --abbrev-commit "$VERSION"))"
else
  warn "not a git repo: skipping the tag check"
fi
nap 0.3
ok "configs/$ENV_NAME.yaml valid"
[[ "$CURRENT" == "$VERSION" ]] && warn "$ENV_NAME already runs $VERSION: redeploying"
nap 0.2

step build "Building image payments-api:$VERSION" "docker build failed: npm ci exited 1 (ETIMEDOUT fetching registry.npmjs.org)"
progress "build layers" 1.2
ok "image sha256:$(printf '%s' "$VERSION" | sha256sum | cut -c1-12) built"

step push "Pushing image to registry.payments.example.com" "push denied: registry.payments.example.com returned 503 Service Unavailable"
progress "upload" 0.8

step migrate "Running database migrations" "migration 003_ledger_created_at_index failed: canceling statement due to lock timeout"
for m in "$DEMO_ROOT"/migrations/*.sql; do
  nap 0.15
  dim "$(basename "$m" .sql) ... up to date"
done
ok "schema at $(basename "$(ls "$DEMO_ROOT"/migrations/*.sql | tail -n 1)" .sql)"

step rollout "Rolling out to $ENV_NAME (${REPLICAS:-1} replicas)" "rollout stuck: pod payments-api-7f9c4 CrashLoopBackOff (readiness probe failed)"
for ((r = 1; r <= ${REPLICAS:-1}; r++)); do
  progress "replica $r/${REPLICAS:-1}" 0.6
done

step health "Waiting for /health" "health check failed: GET /health returned 503 after 30s"
nap 0.5
ok "GET /health 200 {\"status\":\"ok\",\"version\":\"$VERSION\"} in 41ms"

step record "Recording the deploy" "could not write .demo-state/deployed-$ENV_NAME"
record_deploy "$ENV_NAME" "$VERSION" deploy
ok ".demo-state/deployed-$ENV_NAME = $VERSION (previous: ${CURRENT:-none})"

printf '%s✓ payments-api %s is live on %s%s\n' "$C_BOLD$C_GREEN" "$VERSION" "$ENV_NAME" "$C_RESET"
