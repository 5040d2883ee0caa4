// A backup's type from the words sources use (restic tags, key and file names): full or
// incremental, else the word itself. Kept apart from status.ts so the source adapters load
// without the schedule code (cron-parser, luxon) on the way to their first restic call.

export function normalizeType(type: string | undefined): string | undefined {
  if (type === undefined) return undefined;
  const t = type.toLowerCase();
  if (/^(incr|inc|incremental|wal|diff|differential|delta)$/.test(t)) return 'incremental';
  if (/^(full|base|complete)$/.test(t)) return 'full';
  return t;
}
