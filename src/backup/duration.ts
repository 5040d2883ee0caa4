// Durations as the SOP and the config write them ("30 days", "Hourly", "Forever", "90d") and
// ages as the pane shows them ("3d 4h", "18m").

const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
  mo: 30 * 86_400_000,
  y: 365 * 86_400_000,
};

const UNIT_WORDS: Array<[RegExp, string]> = [
  [/^(s|secs?|seconds?)$/, 's'],
  [/^(m|mins?|minutes?)$/, 'm'],
  [/^(h|hrs?|hours?)$/, 'h'],
  [/^(d|days?)$/, 'd'],
  [/^(w|wks?|weeks?)$/, 'w'],
  [/^(mo|months?)$/, 'mo'],
  [/^(y|yrs?|years?)$/, 'y'],
];

/**
 * Milliseconds of "30 days", "1 hour", "90d", "1.5h", "2 weeks"; null for "forever";
 * undefined when the text is not a duration.
 */
export function parseDuration(text: string): number | null | undefined {
  const clean = text.trim().toLowerCase();
  if (/^(forever|indefinite(ly)?|unlimited|keep forever)$/.test(clean)) return null;
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]+)$/.exec(clean);
  if (!match) return undefined;
  const unit = UNIT_WORDS.find(([pattern]) => pattern.test(match[2]!))?.[1];
  if (!unit) return undefined;
  return Number(match[1]) * UNIT_MS[unit]!;
}

/** "3d 4h", "5h 12m", "18m", "40s"; negative ages (clock skew) read "0s". */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return h > 0 ? `${d}d ${h}h` : `${d}d`;
  if (h > 0) return m > 0 ? `${h}h ${m}m` : `${h}h`;
  if (m > 0) return `${m}m`;
  return `${s}s`;
}

/** "1 hour", "4 hours", "30 days": the shortest exact reading of a duration. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return 'forever';
  const units: Array<[number, string]> = [
    [UNIT_MS.w!, 'week'],
    [UNIT_MS.d!, 'day'],
    [UNIT_MS.h!, 'hour'],
    [UNIT_MS.m!, 'minute'],
  ];
  for (const [size, name] of units) {
    if (ms >= size && ms % size === 0) {
      const n = ms / size;
      return `${n} ${name}${n === 1 ? '' : 's'}`;
    }
  }
  return formatAge(ms);
}

/** 1536 -> "1.5 KiB"; undefined -> "". */
export function formatSize(bytes: number | undefined): string {
  if (bytes === undefined) return '';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(value >= 100 ? 0 : 1)} ${units[unit]}`;
}
