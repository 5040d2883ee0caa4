// Durations as people write them in the SOP and the config: "15 minutes", "4 hours", "1 week",
// "2 seconds", "1h30m", "90s". Pure; the config schema and the SOP parser both use it.

const UNIT_MS: Record<string, number> = {
  s: 1000,
  sec: 1000,
  secs: 1000,
  second: 1000,
  seconds: 1000,
  m: 60_000,
  min: 60_000,
  mins: 60_000,
  minute: 60_000,
  minutes: 60_000,
  h: 3_600_000,
  hr: 3_600_000,
  hrs: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
  days: 86_400_000,
  w: 604_800_000,
  wk: 604_800_000,
  week: 604_800_000,
  weeks: 604_800_000,
};

const PART = /(\d+(?:\.\d+)?)\s*([a-z]+)/gy;

/** Milliseconds of a duration like "15 minutes" or "1h30m"; undefined when it is not one. */
export function parseDurationMs(text: string): number | undefined {
  const source = text.trim().toLowerCase().replace(/\s+and\s+|,\s*/g, ' ');
  if (source === '') return undefined;
  let total = 0;
  let at = 0;
  while (at < source.length) {
    while (source[at] === ' ') at += 1;
    if (at >= source.length) break;
    PART.lastIndex = at;
    const match = PART.exec(source);
    if (!match) return undefined;
    const unit = UNIT_MS[match[2] ?? ''];
    if (unit === undefined) return undefined;
    total += Number(match[1]) * unit;
    at = PART.lastIndex;
  }
  return total > 0 ? Math.round(total) : undefined;
}

/** A short human form: "15m", "4h", "1w", "1h 30m", "45s". */
export function formatDurationShort(ms: number): string {
  const abs = Math.max(0, Math.round(ms / 1000));
  const weeks = Math.floor(abs / 604_800);
  const days = Math.floor((abs % 604_800) / 86_400);
  const hours = Math.floor((abs % 86_400) / 3600);
  const minutes = Math.floor((abs % 3600) / 60);
  const seconds = abs % 60;
  const parts: string[] = [];
  if (weeks) parts.push(`${weeks}w`);
  if (days) parts.push(`${days}d`);
  if (hours) parts.push(`${hours}h`);
  if (minutes) parts.push(`${minutes}m`);
  if (seconds || parts.length === 0) parts.push(`${seconds}s`);
  return parts.slice(0, 2).join(' ');
}
