#!/usr/bin/env bash
# Shared helpers for the payments-api operational scripts (sourced, not run).
#
#   OPSDECK_DEMO_SPEED  multiplier for every pause (default 1; 0 = no sleeping, for tests)
#   OPSDECK_DEMO_FAIL   "script:step[,script:step...]" makes that step fail with exit 1
#   NO_COLOR            plain output without SGR colour
#
# Everything a script writes stays inside this workspace, under .demo-state/.
set -euo pipefail

DEMO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE_DIR="$DEMO_ROOT/.demo-state"
SCRIPT_NAME="$(basename "$0" .sh)"
SPEED="${OPSDECK_DEMO_SPEED:-1}"
STEP_INDEX=0
STEP_TOTAL=0
STEPS=()

if [[ -n "${NO_COLOR:-}" ]]; then
  C_RESET='' C_BOLD='' C_DIM='' C_RED='' C_GREEN='' C_YELLOW='' C_CYAN=''
else
  C_RESET=$'\e[0m' C_BOLD=$'\e[1m' C_DIM=$'\e[2m' C_RED=$'\e[31m' C_GREEN=$'\e[32m' C_YELLOW=$'\e[33m' C_CYAN=$'\e[36m'
fi

usage_error() { # usage_error "usage line" ["detail"]
  [[ -n "${2:-}" ]] && printf '%s: %s\n' "$SCRIPT_NAME.sh" "$2" >&2
  printf 'usage: %s\n' "$1" >&2
  exit 2
}

if ! [[ "$SPEED" =~ ^[0-9]+([.][0-9]+)?$ ]]; then
  printf '%s.sh: OPSDECK_DEMO_SPEED must be a number >= 0, got "%s"\n' "$SCRIPT_NAME" "$SPEED" >&2
  exit 2
fi

# declare_steps step... : the steps this script runs, in order (documented in scripts/README.md).
declare_steps() {
  STEPS=("$@")
  STEP_TOTAL=$#
  local spec item script step known
  IFS=',' read -r -a spec <<<"${OPSDECK_DEMO_FAIL:-}"
  for item in "${spec[@]}"; do
    item="${item// /}"
    [[ -z "$item" ]] && continue
    script="${item%%:*}" step="${item#*:}"
    [[ "$script" != "$SCRIPT_NAME" ]] && continue
    known=0
    for s in "${STEPS[@]}"; do [[ "$s" == "$step" ]] && known=1; done
    if [[ $known -eq 0 ]]; then
      printf '%s.sh: OPSDECK_DEMO_FAIL names unknown step "%s" (steps: %s)\n' "$SCRIPT_NAME" "$step" "${STEPS[*]}" >&2
      exit 2
    fi
  done
}

nap() { # nap SECONDS (scaled by OPSDECK_DEMO_SPEED)
  [[ "$SPEED" =~ ^0+([.]0*)?$ ]] && return 0
  sleep "$(awk -v a="$1" -v b="$SPEED" 'BEGIN { printf "%.3f", a * b }')"
}

should_fail() { # should_fail STEP -> 0 when OPSDECK_DEMO_FAIL asks this step to fail
  local item
  IFS=',' read -r -a _fail <<<"${OPSDECK_DEMO_FAIL:-}"
  for item in "${_fail[@]}"; do
    [[ "${item// /}" == "$SCRIPT_NAME:$1" ]] && return 0
  done
  return 1
}

# step NAME "Title" "error message if it fails"
step() {
  STEP_INDEX=$((STEP_INDEX + 1))
  CURRENT_STEP="$1"
  printf '%s==> [%d/%d] %s%s\n' "$C_BOLD$C_CYAN" "$STEP_INDEX" "$STEP_TOTAL" "$2" "$C_RESET"
  if should_fail "$1"; then
    nap 0.4
    fail "step $1 failed: $3"
  fi
}

fail() {
  printf '%s✗ %s%s\n' "$C_BOLD$C_RED" "$1" "$C_RESET" >&2
  printf '%s%s.sh aborted at step "%s" (exit 1)%s\n' "$C_RED" "$SCRIPT_NAME" "${CURRENT_STEP:-start}" "$C_RESET" >&2
  exit 1
}

ok() { printf '    %s✓%s %s\n' "$C_GREEN" "$C_RESET" "$1"; }
info() { printf '    %s\n' "$1"; }
warn() { printf '    %s! %s%s\n' "$C_YELLOW" "$1" "$C_RESET"; }
dim() { printf '    %s%s%s\n' "$C_DIM" "$1" "$C_RESET"; }

# progress "label" SECONDS : a progress bar rewritten in place with \r, ten ticks.
progress() {
  local label="$1" total="$2" i bar
  for i in 0 1 2 3 4 5 6 7 8 9; do
    bar="$(printf '%*s' "$i" '' | tr ' ' '#')$(printf '%*s' $((10 - i)) '')"
    printf '\r    %-30s [%s] %3d%%' "$label" "$bar" $((i * 10))
    nap "$(awk -v t="$total" 'BEGIN { printf "%.3f", t / 10 }')"
  done
  printf '\r    %-30s [%s] %s100%%%s\n' "$label" "##########" "$C_GREEN" "$C_RESET"
}

now_utc() { date -u '+%Y-%m-%dT%H:%M:%SZ'; }

require_env() { # require_env ENV USAGE : staging|production, with a configs/<env>.yaml
  [[ -z "$1" ]] && usage_error "$2" "missing environment"
  [[ "$1" =~ ^[a-z][a-z0-9_-]*$ && -f "$DEMO_ROOT/configs/$1.yaml" ]] ||
    usage_error "$2" "unknown environment \"$1\" (known: $(known_envs))"
}

known_envs() {
  local f names=()
  for f in "$DEMO_ROOT"/configs/*.yaml; do
    grep -q '^release:' "$f" && names+=("$(basename "$f" .yaml)")
  done
  printf '%s' "${names[*]}"
}

require_version() { # require_version VERSION USAGE
  [[ "$1" =~ ^v[0-9]+\.[0-9]+\.[0-9]+$ ]] || usage_error "$2" "version must look like v1.2.3, got \"$1\""
}

# The workspace is its own git repo in demo mode; only then are tags checked.
in_own_repo() { [[ -d "$DEMO_ROOT/.git" ]] && command -v git >/dev/null 2>&1; }

tag_exists() { git -C "$DEMO_ROOT" rev-parse -q --verify "refs/tags/$1" >/dev/null 2>&1; }

# What runs where: .demo-state/deployed-<env>, else the release pinned in configs/<env>.yaml.
deployed_version() {
  if [[ -s "$STATE_DIR/deployed-$1" ]]; then
    head -n 1 "$STATE_DIR/deployed-$1"
  else
    sed -n 's/^release:[[:space:]]*\(v[0-9.]*\).*/\1/p' "$DEMO_ROOT/configs/$1.yaml"
  fi
}

previous_version() {
  if [[ -s "$STATE_DIR/previous-$1" ]]; then
    head -n 1 "$STATE_DIR/previous-$1"
  else
    sed -n 's/^previousRelease:[[:space:]]*\(v[0-9.]*\).*/\1/p' "$DEMO_ROOT/configs/$1.yaml"
  fi
}

# record_deploy ENV VERSION ACTION : updates deployed-/previous-<env> and appends to history.log
record_deploy() {
  local env="$1" version="$2" action="$3" current
  current="$(deployed_version "$env")"
  mkdir -p "$STATE_DIR"
  if [[ "$current" != "$version" ]]; then
    printf '%s\n' "$current" >"$STATE_DIR/previous-$env.tmp" && mv "$STATE_DIR/previous-$env.tmp" "$STATE_DIR/previous-$env"
  fi
  printf '%s\n' "$version" >"$STATE_DIR/deployed-$env.tmp" && mv "$STATE_DIR/deployed-$env.tmp" "$STATE_DIR/deployed-$env"
  date -u '+%s' >"$STATE_DIR/deployed-at-$env"
  printf '%s %s %s %s %s\n' "$(now_utc)" "$env" "$action" "$current" "$version" >>"$STATE_DIR/history.log"
}
