// SLA rules put together (built-in SOP §6.3 defaults < the repo's sop.md < config
// `incidents.sla`) and the SLA state of an incident at a given time. Pure.
import { PRIORITIES } from '../../models/incident-constants.js';
import type { Priority } from '../../models/incident.js';
import type { IncidentsConfig } from '../../models/incident-config.js';
import { parseDurationMs } from '../../models/incident-duration.js';
import type { Incident, LineProblem, ResponseRule, SlaRule, SlaRules, SlaState } from '../../models/incident-view.js';
import { parseResponse } from './sla-parse.js';
import type { SopSla } from './sla-parse.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** SOP §6.3 as the issue states it; used for what the repo's sop.md does not say. */
export const DEFAULT_SLA: SlaRules = {
  P1: { priority: 'P1', label: 'Critical', response: { kind: 'immediate' }, resolveMs: 15 * MINUTE, source: 'default' },
  P2: { priority: 'P2', label: 'High', response: { kind: 'within', ms: HOUR }, resolveMs: 4 * HOUR, source: 'default' },
  P3: { priority: 'P3', label: 'Medium', response: { kind: 'business-hours' }, resolveMs: 24 * HOUR, source: 'default' },
  P4: { priority: 'P4', label: 'Low', response: { kind: 'best-effort' }, resolveMs: 7 * 24 * HOUR, source: 'default' },
};

export type SlaSetup = { rules: SlaRules; problems: LineProblem[] };

/** Defaults, then the SOP's rules, then the config's overrides. */
export function mergeSla(sop: SopSla | undefined, config: IncidentsConfig['sla'] | undefined, configFile = 'opsdeck.yaml'): SlaSetup {
  const rules = { ...DEFAULT_SLA };
  const problems = [...(sop?.problems ?? [])];
  for (const p of PRIORITIES) {
    const fromSop = sop?.rules[p];
    if (fromSop) rules[p] = fromSop;
    const override = config?.[p];
    if (override === undefined) continue;
    const base = rules[p];
    if (typeof override === 'string') {
      const ms = parseDurationMs(override);
      if (ms !== undefined) rules[p] = { ...base, resolveMs: ms, source: 'config', line: undefined };
      continue;
    }
    const response = override.response === undefined ? base.response : parseResponse(override.response);
    const resolveMs = override.resolve === undefined ? base.resolveMs : parseDurationMs(override.resolve);
    if (!response) problems.push({ file: configFile, line: 1, reason: `incidents.sla.${p}.response: cannot read "${override.response}"` });
    rules[p] = { ...base, response: response ?? base.response, resolveMs: resolveMs ?? base.resolveMs, source: 'config', line: undefined };
  }
  return { rules, problems };
}

const BUSINESS_END_HOUR = 17;

/** 17:00 UTC of the first business day (Mon–Fri) whose business hours end after `from`. */
export function endOfBusinessDay(from: Date): Date {
  const day = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate(), BUSINESS_END_HOUR));
  for (let i = 0; i < 8; i += 1) {
    const weekday = day.getUTCDay();
    if (weekday !== 0 && weekday !== 6 && day.getTime() > from.getTime()) return day;
    day.setUTCDate(day.getUTCDate() + 1);
  }
  return day;
}

export function responseDue(rule: ResponseRule, openedAt: Date): Date | null {
  switch (rule.kind) {
    case 'immediate':
      return openedAt;
    case 'within':
      return new Date(openedAt.getTime() + rule.ms);
    case 'business-hours':
      return endOfBusinessDay(openedAt);
    case 'best-effort':
      return null;
  }
}

/** The SLA state of an incident at `now` (for a resolved one: at its resolution). */
export function slaState(incident: Incident, rules: SlaRules, now: Date): SlaState {
  const rule = rules[incident.priority];
  const opened = new Date(incident.openedAt);
  const due = new Date(opened.getTime() + rule.resolveMs);
  const end = incident.resolvedAt ? new Date(incident.resolvedAt) : now;
  const msLeft = due.getTime() - end.getTime();
  const respond = responseDue(rule.response, opened);
  const answered = incident.acknowledgedAt ? new Date(incident.acknowledgedAt) : incident.resolvedAt ? new Date(incident.resolvedAt) : now;
  return {
    dueAt: due.toISOString(),
    msLeft,
    breached: msLeft < 0,
    responseDueAt: respond ? respond.toISOString() : null,
    // "immediate" is due at once: unacknowledged is shown as such, not as a breach
    responseBreached: respond !== null && rule.response.kind !== 'immediate' && answered.getTime() > respond.getTime(),
  };
}

/**
 * "14:32" under an hour, "3h 59m" under a day, "6d 23h" beyond. Sign-less. Time left rounds
 * up (a 5 s SLA starts at 00:05 and never shows 00:00 left); time over rounds down.
 */
export function formatCountdown(ms: number): string {
  const total = ms > 0 ? Math.ceil(ms / 1000) : Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${String(minutes).padStart(2, '0')}m`;
  return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}

/** Under this much time left or over, countdowns show seconds; above it, whole minutes. */
export const SECONDS_WINDOW_MS = 120_000;

/**
 * The cockpit's countdown: "01:59" within two minutes of the deadline (either side), else
 * "14m", "3h 59m", "6d 23h" (whole minutes, rounded down). So a countdown changes once a
 * minute most of the time, and once a second only near the deadline.
 */
export function formatCountdownCoarse(ms: number): string {
  const abs = Math.abs(ms);
  if (abs <= SECONDS_WINDOW_MS) return formatCountdown(ms);
  if (abs < 3_600_000) return `${Math.floor(abs / 60_000)}m`;
  return formatCountdown(ms);
}

/** "15m resolve, respond immediately" */
export function describeRule(rule: SlaRule): string {
  const response =
    rule.response.kind === 'immediate'
      ? 'respond immediately'
      : rule.response.kind === 'within'
        ? `respond within ${formatCountdownWords(rule.response.ms)}`
        : rule.response.kind === 'business-hours'
          ? 'respond in business hours'
          : 'best effort';
  return `${response}, SLA ${formatCountdownWords(rule.resolveMs)}`;
}

function formatCountdownWords(ms: number): string {
  const units: [number, string][] = [
    [604_800_000, 'week'],
    [86_400_000, 'day'],
    [3_600_000, 'hour'],
    [60_000, 'minute'],
    [1000, 'second'],
  ];
  for (const [size, name] of units) {
    if (ms >= size && ms % size === 0) {
      const n = ms / size;
      return `${n} ${name}${n === 1 ? '' : 's'}`;
    }
  }
  return `${Math.round(ms / 1000)} seconds`;
}

export function priorityRank(p: Priority): number {
  return PRIORITIES.indexOf(p);
}
