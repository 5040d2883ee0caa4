#!/usr/bin/env bash
# Smoke tests against a deployed environment (SOP §2.2 step 4).
#   ./scripts/smoke.sh staging
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
USAGE='smoke.sh <environment>   e.g. smoke.sh staging'

[[ "${1:-}" == "-h" || "${1:-}" == "--help" ]] && { printf 'usage: %s\n' "$USAGE"; exit 0; }
[[ $# -eq 1 ]] || usage_error "$USAGE" "expected 1 argument, got $#"
ENV_NAME="$1"
require_env "$ENV_NAME" "$USAGE"
declare_steps health auth charge refund webhook
VERSION="$(deployed_version "$ENV_NAME")"
printf '%sSmoke tests: payments-api %s on %s%s\n' "$C_BOLD" "$VERSION" "$ENV_NAME" "$C_RESET"

step health "GET /health" "GET /health returned 503 {\"status\":\"degraded\",\"db\":\"timeout\"}"
nap 0.3
ok "200 {\"status\":\"ok\",\"version\":\"$VERSION\"} 38ms"

step auth "POST /v1/tokens (test merchant)" "POST /v1/tokens returned 401: test merchant key rejected"
nap 0.3
ok "201 token issued 52ms"

step charge "POST /v1/charges (EUR 12.34, idempotent)" "POST /v1/charges returned 500: ledger write failed"
progress "charge + replay" 0.6
ok "201 ch_test_8842, replay with the same Idempotency-Key returned 200"

step refund "POST /v1/refunds (full refund)" "POST /v1/refunds returned 422: charge not settled"
nap 0.3
ok "201 re_test_1170 94ms"

step webhook "Webhook delivery" "webhook not delivered within 10s (test endpoint saw 0 events)"
nap 0.4
ok "charge.succeeded and refund.created delivered"
printf '%s✓ 5/5 smoke tests passed on %s (%s)%s\n' "$C_BOLD$C_GREEN" "$ENV_NAME" "$VERSION" "$C_RESET"
