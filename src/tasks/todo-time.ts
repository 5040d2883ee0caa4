// Todo+ timestamps (`@started(YY-MM-DD HH:mm)`, local time) and `@lasted(1h23m)` durations.

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** `YY-MM-DD HH:mm` in local time, the Todo+ default. */
export function formatTodoDate(date: Date): string {
  const yy = pad2(date.getFullYear() % 100);
  return `${yy}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())} ${pad2(date.getHours())}:${pad2(date.getMinutes())}`;
}

const DATE_RE = /^(\d{2}|\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** Parses `YY-MM-DD HH:mm`, `YYYY-MM-DD HH:mm` or a date alone (local time); null when it is not one. */
export function parseTodoDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const m = DATE_RE.exec(value.trim());
  if (!m) return null;
  const year = m[1]!.length === 2 ? 2000 + Number(m[1]) : Number(m[1]);
  const date = new Date(year, Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A duration as Todo+ writes it in `@lasted`: `2d3h`, `1h23m`, `5m`, `0m`. */
export function formatDuration(ms: number): string {
  const totalMinutes = Math.max(0, Math.floor(ms / 60_000));
  const days = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  const minutes = totalMinutes % 60;
  let out = '';
  if (days) out += `${days}d`;
  if (hours) out += `${hours}h`;
  if (minutes || !out) out += `${minutes}m`;
  return out;
}

/** How long a started task has been running at `now`, or null when @started is not a date. */
export function elapsedSince(started: string | null | undefined, now: Date): string | null {
  const date = parseTodoDate(started);
  return date ? formatDuration(now.getTime() - date.getTime()) : null;
}
