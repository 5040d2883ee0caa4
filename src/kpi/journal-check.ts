// A fast, strict pre-check of one parsed journal line against models/run.ts (pure). It accepts
// only events that JournalEventSchema accepts unchanged: every field of the right type and no
// field the schema does not know (zod would strip it). Those are used as parsed, without zod's
// copy; anything else, valid or not, goes through JournalEventSchema.safeParse as before.
// test/unit/kpi-journal-check.test.ts holds it to zod on mutated events.
import { RUN_KINDS, RUN_RESULTS } from '../../models/run.js';
import type { JournalEvent } from '../../models/run.js';

type Fields = Record<string, unknown>;

const KINDS: ReadonlySet<unknown> = new Set(RUN_KINDS);
const RESULTS: ReadonlySet<unknown> = new Set(RUN_RESULTS);
const BASE = ['v', 'runId', 'at', 'event'];
/** The fields of each event; test/unit/kpi-journal-check.test.ts holds them equal to the schema's. */
export const EVENT_KEYS: Record<string, ReadonlySet<string>> = {
  'run-started': new Set([...BASE, 'kind', 'env', 'version', 'previousVersion', 'commit', 'who', 'host', 'pid', 'logPath', 'steps', 'override', 'component']),
  'step-started': new Set([...BASE, 'step', 'command']),
  'step-finished': new Set([...BASE, 'step', 'ok', 'exitCode', 'durationMs', 'detail']),
  'run-finished': new Set([...BASE, 'result', 'failedStep', 'durationMs', 'rolledBackBy']),
};
const STEP_KEYS: ReadonlySet<string> = new Set(['id', 'title']);
const OVERRIDE_KEYS: ReadonlySet<string> = new Set(['reason', 'failedChecks']);

const isObject = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const stringOrNull = (v: unknown): boolean => v === null || typeof v === 'string';
const duration = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v >= 0;

function onlyKeys(o: Fields, keys: ReadonlySet<string>): boolean {
  for (const key in o) if (!keys.has(key)) return false;
  return true;
}

function steps(v: unknown): boolean {
  if (!Array.isArray(v)) return false;
  for (const s of v) if (!isObject(s) || !onlyKeys(s, STEP_KEYS) || !isString(s.id) || !isString(s.title)) return false;
  return true;
}

function override(v: unknown): boolean {
  if (v === null) return true;
  return isObject(v) && onlyKeys(v, OVERRIDE_KEYS) && isString(v.reason) && Array.isArray(v.failedChecks) && v.failedChecks.every(isString);
}

/** Whether `value` is a journal event exactly as JournalEventSchema would return it. */
export function isPlainJournalEvent(value: unknown): value is JournalEvent {
  if (!isObject(value) || value.v !== 1 || !isString(value.runId) || !isString(value.at)) return false;
  const keys = typeof value.event === 'string' ? EVENT_KEYS[value.event] : undefined;
  if (!keys || !onlyKeys(value, keys)) return false;
  const e = value;
  switch (e.event) {
    case 'run-started':
      return (
        KINDS.has(e.kind) &&
        stringOrNull(e.env) &&
        stringOrNull(e.version) &&
        stringOrNull(e.previousVersion) &&
        stringOrNull(e.commit) &&
        isString(e.who) &&
        isString(e.host) &&
        Number.isSafeInteger(e.pid) &&
        isString(e.logPath) &&
        steps(e.steps) &&
        (!('override' in e) || override(e.override)) &&
        (!('component' in e) || stringOrNull(e.component))
      );
    case 'step-started':
      return isString(e.step) && isString(e.command);
    case 'step-finished':
      return isString(e.step) && typeof e.ok === 'boolean' && (e.exitCode === null || Number.isSafeInteger(e.exitCode)) && duration(e.durationMs) && (!('detail' in e) || isString(e.detail));
    default:
      return RESULTS.has(e.result) && stringOrNull(e.failedStep) && duration(e.durationMs) && (!('rolledBackBy' in e) || isString(e.rolledBackBy));
  }
}
