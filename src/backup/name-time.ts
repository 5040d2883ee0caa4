// Backup times and types from file or key names: "payments-db-full-20261125T0200Z.dump" ->
// 2026-11-25T02:00:00Z, type full. A configured regex (named groups year, month, day, hour,
// minute, second) wins over the built-in stamp detection.

const STAMP = /(?<year>20\d{2})-?(?<month>[01]\d)-?(?<day>[0-3]\d)(?:[T_ -]?(?<hour>[0-2]\d)[:-]?(?<minute>[0-5]\d)(?:[:-]?(?<second>[0-5]\d))?)?/;

/** The UTC time a name carries, or undefined. */
export function timeFromName(name: string, pattern?: string): Date | undefined {
  const match = (pattern ? new RegExp(pattern) : STAMP).exec(name);
  const g = match?.groups;
  if (!g?.year || !g.month || !g.day) return undefined;
  const ms = Date.UTC(Number(g.year), Number(g.month) - 1, Number(g.day), Number(g.hour ?? 0), Number(g.minute ?? 0), Number(g.second ?? 0));
  const date = new Date(ms);
  return date.getUTCMonth() === Number(g.month) - 1 && date.getUTCDate() === Number(g.day) ? date : undefined;
}

const DEFAULT_TYPES: Record<string, string> = {
  full: '(^|[^a-z])(full|base)([^a-z]|$)',
  incremental: '(^|[^a-z])(incr|incremental|inc|wal|diff)([^a-z]|$)',
};

/** The backup type a name shows ("full", "incremental"), or undefined. */
export function typeFromName(name: string, patterns?: Record<string, string>): string | undefined {
  const lower = name.toLowerCase();
  for (const [type, pattern] of Object.entries(patterns ?? DEFAULT_TYPES)) {
    if (new RegExp(pattern, 'i').test(lower)) return type;
  }
  return undefined;
}

/** A `*`/`?` file glob as an anchored regex. */
export function globRegex(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}
