#!/usr/bin/env bash
# Posts a message to the status page (SOP §2.2 step 5).
#   ./scripts/update-status.sh "Deployment complete"
#   ./scripts/update-status.sh --state degraded "Elevated error rates on refunds"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
USAGE='update-status.sh [--state operational|degraded|outage|maintenance] <message...>'

STATE="operational"
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h | --help) printf 'usage: %s\n' "$USAGE"; exit 0 ;;
    --state) [[ $# -ge 2 ]] || usage_error "$USAGE" "--state needs a value"; STATE="$2"; shift 2 ;;
    --state=*) STATE="${1#--state=}"; shift ;;
    --) shift; break ;;
    -*) usage_error "$USAGE" "unknown option \"$1\"" ;;
    *) break ;;
  esac
done
[[ $# -ge 1 ]] || usage_error "$USAGE" "missing message"
MESSAGE="$*"
[[ -n "${MESSAGE// /}" ]] || usage_error "$USAGE" "the message is empty"
case "$STATE" in
  operational | degraded | outage | maintenance) ;;
  *) usage_error "$USAGE" "--state must be operational, degraded, outage or maintenance, got \"$STATE\"" ;;
esac
declare_steps render publish

step render "Rendering the status update" "template status-update.md.tmpl not found"
nap 0.2
info "[$STATE] $MESSAGE"

step publish "Publishing to status.payments.example.com" "status page API returned 429 Too Many Requests"
progress "publish" 0.5
mkdir -p "$STATE_DIR"
printf '%s\t%s\t%s\n' "$(now_utc)" "$STATE" "$MESSAGE" >>"$STATE_DIR/status.log"
printf '%s✓ status page updated: %s%s\n' "$C_BOLD$C_GREEN" "$STATE" "$C_RESET"
