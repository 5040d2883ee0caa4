// Backup schedules: cron expressions, or the SOP's words translated to cron ("Daily 02:00 UTC"
// -> "0 2 * * *", "Hourly" -> "0 * * * *", "Weekly Sunday" -> "0 0 * * 0"). "On change" has
// no clock: it is backed up by committing (the git source).
import { CronExpressionParser } from 'cron-parser';
import { Settings } from 'luxon';

// cron-parser computes with luxon, which otherwise asks Intl for the system locale on first use:
// ICU's locale set-up, about 12 ms of CPU on every status run. Schedules are UTC and numeric, so
// a fixed locale changes no result (and keeps them the same whatever LANG is).
Settings.defaultLocale = 'en-US';

export type Schedule =
  | { kind: 'cron'; text: string; cron: string }
  | { kind: 'on-change'; text: string };

const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

function hhmm(text: string | undefined): [number, number] | undefined {
  if (text === undefined) return [0, 0];
  const match = /^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$/.exec(text);
  if (!match) return undefined;
  let hour = Number(match[1]);
  const minute = Number(match[2] ?? '0');
  if (match[3] === 'pm' && hour < 12) hour += 12;
  if (match[3] === 'am' && hour === 12) hour = 0;
  return hour < 24 && minute < 60 ? [hour, minute] : undefined;
}

/** The cron expression for SOP words, or undefined when the words are not a schedule we know. */
export function wordsToCron(words: string): string | undefined {
  const clean = words
    .trim()
    .toLowerCase()
    .replace(/,/g, ' ')
    .replace(/\b(utc|gmt|at|on)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  let match: RegExpExecArray | null;
  if (/^(hourly|every hour)$/.test(clean)) return '0 * * * *';
  if ((match = /^every (\d+) ?(minutes?|mins?|hours?|h|m)$/.exec(clean))) {
    const n = Number(match[1]);
    if (n <= 0) return undefined;
    return match[2]!.startsWith('h') ? `0 */${n} * * *` : `*/${n} * * * *`;
  }
  if ((match = /^(?:daily|every day|nightly)(?: (\S+(?: ?[ap]m)?))?$/.exec(clean))) {
    const time = hhmm(match[1]?.replace(' ', ''));
    return time ? `${time[1]} ${time[0]} * * *` : undefined;
  }
  if ((match = /^weekly(?: (\w+))?(?: (\S+))?$/.exec(clean))) {
    const day = match[1] === undefined ? 0 : DAYS.findIndex((d) => d.startsWith(match![1]!) && match![1]!.length >= 3);
    const time = hhmm(match[2]);
    return day >= 0 && time ? `${time[1]} ${time[0]} * * ${day}` : undefined;
  }
  if ((match = /^monthly(?: (\S+))?$/.exec(clean))) {
    const time = hhmm(match[1]);
    return time ? `${time[1]} ${time[0]} 1 * *` : undefined;
  }
  return undefined;
}

function isCronValid(cron: string): boolean {
  try {
    CronExpressionParser.parse(cron, { tz: 'UTC', strict: false });
    return true;
  } catch {
    return false;
  }
}

/** A schedule from config or SOP text; a string error when it is neither words nor cron. */
export function parseSchedule(text: string): Schedule | string {
  const clean = text.trim();
  if (/^(on change|on[- ]change|on commit|on every change|continuous)$/i.test(clean)) return { kind: 'on-change', text: clean };
  const fromWords = wordsToCron(clean);
  if (fromWords) return { kind: 'cron', text: clean, cron: fromWords };
  const fields = clean.split(/\s+/).length;
  if ((fields === 5 || fields === 6) && /^[\d*/,\-?LW#A-Za-z\s]+$/.test(clean) && isCronValid(clean)) return { kind: 'cron', text: clean, cron: clean };
  return `not a schedule: "${clean}" (use a cron expression or words like "Daily 02:00 UTC", "Hourly", "Weekly Sunday", "On change")`;
}

/** The scheduled time at or before `now`. */
export function previousRun(cron: string, now: Date): Date {
  // currentDate is exclusive; nudge it so a run exactly at `now` counts as the previous one.
  return CronExpressionParser.parse(cron, { currentDate: new Date(now.getTime() + 1), tz: 'UTC' }).prev().toDate();
}

/** The next scheduled time after `now`. */
export function nextRun(cron: string, now: Date): Date {
  return CronExpressionParser.parse(cron, { currentDate: now, tz: 'UTC' }).next().toDate();
}

/** The time between runs around `now` (the gap between the previous run and the one before it). */
export function intervalMs(cron: string, now: Date): number {
  const iterator = CronExpressionParser.parse(cron, { currentDate: new Date(now.getTime() + 1), tz: 'UTC' });
  const last = iterator.prev().toDate().getTime();
  const before = iterator.prev().toDate().getTime();
  return last - before;
}
