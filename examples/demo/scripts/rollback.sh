#!/usr/bin/env bash
# Rolls payments-api back (SOP §2.3).
#   ./scripts/rollback.sh immediate       switch traffic back to the previous release (within 5 minutes of a deploy)
#   ./scripts/rollback.sh v1.2.2          standard rollback: redeploy a tagged release
# The environment is the optional second argument, else $DEPLOY_ENV, else production.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
USAGE='rollback.sh <immediate|vX.Y.Z> [environment]   e.g. rollback.sh immediate, rollback.sh v1.2.2 staging'

[[ "${1:-}" == "-h" || "${1:-}" == "--help" ]] && { printf 'usage: %s\n' "$USAGE"; exit 0; }
[[ $# -ge 1 && $# -le 2 ]] || usage_error "$USAGE" "expected 1 or 2 arguments, got $#"
TARGET="$1" ENV_NAME="${2:-${DEPLOY_ENV:-production}}"
require_env "$ENV_NAME" "$USAGE"
[[ "$TARGET" == "immediate" ]] || require_version "$TARGET" "$USAGE"
declare_steps preflight switch health record

CURRENT="$(deployed_version "$ENV_NAME")"
if [[ "$TARGET" == "immediate" ]]; then
  VERSION="$(previous_version "$ENV_NAME")"
  MODE="immediate"
else
  VERSION="$TARGET"
  MODE="standard"
fi
printf '%s%s rollback of payments-api on %s: %s -> %s%s\n' "$C_BOLD$C_YELLOW" "${MODE^}" "$ENV_NAME" "$CURRENT" "${VERSION:-?}" "$C_RESET"

step preflight "Preflight checks" "rollback refused: $ENV_NAME is locked by another deploy (.demo-state/lock)"
[[ -n "$VERSION" ]] || fail "nothing to roll back to: no previous release recorded for $ENV_NAME"
if [[ "$VERSION" == "$CURRENT" ]]; then
  warn "$ENV_NAME already runs $VERSION: nothing to do"
  exit 0
fi
if [[ "$MODE" == "standard" ]] && in_own_repo; then
  tag_exists "$VERSION" || fail "tag $VERSION not found (git tag --list 'v*' shows the releases)"
  ok "tag $VERSION found"
fi
if [[ "$MODE" == "immediate" && -s "$STATE_DIR/deployed-at-$ENV_NAME" ]]; then
  age=$(($(date -u '+%s') - $(cat "$STATE_DIR/deployed-at-$ENV_NAME")))
  if ((age > 300)); then
    warn "last change was $((age / 60)) min ago: past the 5-minute window, the old replica set may be gone"
  else
    ok "last change ${age}s ago: old replica set still warm"
  fi
fi
nap 0.3

if [[ "$MODE" == "immediate" ]]; then
  step switch "Switching traffic back to the previous replica set" "load balancer rejected the switch: target group payments-api-$VERSION is empty"
  progress "shift traffic" 0.8
else
  step switch "Redeploying payments-api:$VERSION" "image payments-api:$VERSION not found in registry"
  progress "pull image" 0.6
  progress "roll replicas" 1.0
fi

step health "Waiting for /health" "health check failed after rollback: GET /health returned 502"
nap 0.4
ok "GET /health 200 {\"status\":\"ok\",\"version\":\"$VERSION\"}"

step record "Recording the rollback" "could not write .demo-state/deployed-$ENV_NAME"
record_deploy "$ENV_NAME" "$VERSION" "rollback-$MODE"
ok ".demo-state/deployed-$ENV_NAME = $VERSION"
printf '%s✓ %s rolled back to %s%s\n' "$C_BOLD$C_GREEN" "$ENV_NAME" "$VERSION" "$C_RESET"
