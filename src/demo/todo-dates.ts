// Moves the `@started(…)`, `@done(…)` and `@cancelled(…)` dates of the demo's .todo files
// by whole days so that the task lists look current: the newest date lands on today (or
// yesterday, if its time of day is still ahead), and every date keeps its time of day.
// Dates are Todo+ local times `YY-MM-DD HH:mm`.

const DATE_TAG = /@(started|done|cancelled)\((\d\d)-(\d\d)-(\d\d) (\d\d):(\d\d)\)/g;
const DAY_MS = 86_400_000;

type Parts = [yy: number, mo: number, dd: number, hh: number, mi: number];

function toDate([yy, mo, dd, hh, mi]: Parts, plusDays: number = 0): Date {
  return new Date(2000 + yy, mo - 1, dd + plusDays, hh, mi);
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** `YY-MM-DD HH:mm` in local time, the Todo+ format. */
export function formatTodoDate(date: Date): string {
  return `${pad(date.getFullYear() % 100)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function* dateTags(texts: readonly string[]): Generator<Parts> {
  for (const text of texts) {
    for (const m of text.matchAll(DATE_TAG)) yield [Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])];
  }
}

/** Whole days to add so that the newest date of `texts` is the latest one not after `now`. */
export function todoDateShift(texts: readonly string[], now: Date): number {
  let newest: Parts | undefined;
  for (const parts of dateTags(texts)) if (!newest || toDate(parts) > toDate(newest)) newest = parts;
  if (!newest) return 0;
  let days = Math.round((new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime() - toDate([...newest.slice(0, 3), 0, 0] as Parts).getTime()) / DAY_MS);
  if (toDate(newest, days) > now) days -= 1;
  return days;
}

/** Adds `days` to every date tag of `text`; every other byte stays as it is. */
export function shiftTodoDates(text: string, days: number): string {
  if (days === 0) return text;
  return text.replace(DATE_TAG, (_all, tag: string, yy: string, mo: string, dd: string, hh: string, mi: string) => {
    return `@${tag}(${formatTodoDate(toDate([Number(yy), Number(mo), Number(dd), Number(hh), Number(mi)], days))})`;
  });
}
