#!/usr/bin/env bash
# Lists backups as JSON lines for opsdeck's `command` backup source:
#   {"time": "...Z", "type": "full", "size": 123, "ok": true, "id": "..."}
# In production this wraps the backup tool (pgBackRest, WAL-G, Velero); in the demo it prints
# the weekly full files backups (SOP §4.1: Weekly Sunday, 90 days) relative to today.
set -euo pipefail
component="${1:-}"
case "$component" in
  files-weekly) ;;
  *) printf 'list-backups.sh: unknown component "%s" (known: files-weekly)\n' "$component" >&2; exit 2 ;;
esac
today="$(date -u +%F)"
if [[ "$(date -u +%u)" == 7 && "$(date -u +%H)" -ge 5 ]]; then last="$today"; else last="$(date -u -d 'last sunday' +%F)"; fi
for i in $(seq 0 12); do
  day="$(date -u -d "$last - $((i * 7)) days" +%F)"
  printf '{"time":"%sT04:00:00Z","type":"full","size":%d,"ok":true,"id":"files-full-%s"}\n' "$day" $((51539607552 - i * 268435456)) "${day//-/}"
done
