// SLA rules from SOP §6.3 (the demo's own sop.md, edited and malformed variants, a table form),
// config overrides, and the countdown/breach arithmetic with an injected clock.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../models/config.js';
import { formatDurationShort, parseDurationMs } from '../../models/incident-duration.js';
import type { Incident } from '../../models/incident-view.js';
import { parseResponse, parseSopSla } from '../../src/incident/sla-parse.js';
import { DEFAULT_SLA, describeRule, endOfBusinessDay, formatCountdown, mergeSla, responseDue, slaState } from '../../src/incident/sla.js';

const ROOT = join(import.meta.dirname, '..', '..');
const DEMO_SOP = readFileSync(join(ROOT, 'examples', 'demo', '.orchestration', 'sop.md'), 'utf8');
const fixture = (name: string) => readFileSync(join(ROOT, 'test', 'fixtures', 'incident', name), 'utf8');
const MIN = 60_000;
const HOUR = 60 * MIN;

function incident(over: Partial<Incident> = {}): Incident {
  return {
    id: 'INC-20261126-010000-abcd',
    priority: 'P1',
    title: 't',
    status: 'open',
    openedAt: '2026-11-26T01:00:00.000Z',
    openedBy: 'a@h',
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolvedAt: null,
    resolvedBy: null,
    cause: null,
    summary: null,
    notes: [],
    priorityChanges: [],
    ...over,
  };
}

describe('durations', () => {
  it('reads the ways people write them', () => {
    expect(parseDurationMs('15 minutes')).toBe(15 * MIN);
    expect(parseDurationMs('2 seconds')).toBe(2000);
    expect(parseDurationMs('1 week')).toBe(7 * 24 * HOUR);
    expect(parseDurationMs('24 hours')).toBe(24 * HOUR);
    expect(parseDurationMs('1h30m')).toBe(90 * MIN);
    expect(parseDurationMs('1 hour and 30 minutes')).toBe(90 * MIN);
    expect(parseDurationMs('90s')).toBe(90_000);
    expect(parseDurationMs('0.5 h')).toBe(30 * MIN);
    expect(parseDurationMs('soon')).toBeUndefined();
    expect(parseDurationMs('')).toBeUndefined();
    expect(parseDurationMs('15 parsecs')).toBeUndefined();
    expect(parseDurationMs('0 minutes')).toBeUndefined();
    expect(formatDurationShort(90 * MIN)).toBe('1h 30m');
    expect(formatDurationShort(0)).toBe('0s');
  });

  it('reads response times', () => {
    expect(parseResponse('Immediate, all hands')).toEqual({ kind: 'immediate' });
    expect(parseResponse('Within 1 hour')).toEqual({ kind: 'within', ms: HOUR });
    expect(parseResponse('Business hours')).toEqual({ kind: 'business-hours' });
    expect(parseResponse('Best effort')).toEqual({ kind: 'best-effort' });
    expect(parseResponse('45 min')).toEqual({ kind: 'within', ms: 45 * MIN });
    expect(parseResponse('whenever')).toBeUndefined();
  });
});

describe('parseSopSla', () => {
  it("reads the demo SOP's §6.3 alert priorities", () => {
    const sop = parseSopSla(DEMO_SOP, 'sop.md');
    expect(sop.found).toBe(true);
    expect(sop.problems).toEqual([]);
    expect(sop.rules.P1).toMatchObject({ label: 'Critical', response: { kind: 'immediate' }, resolveMs: 15 * MIN, source: 'sop' });
    expect(sop.rules.P2).toMatchObject({ label: 'High', response: { kind: 'within', ms: HOUR }, resolveMs: 4 * HOUR });
    expect(sop.rules.P3).toMatchObject({ label: 'Medium', response: { kind: 'business-hours' }, resolveMs: 24 * HOUR });
    expect(sop.rules.P4).toMatchObject({ label: 'Low', response: { kind: 'best-effort' }, resolveMs: 7 * 24 * HOUR });
    const lines = DEMO_SOP.split('\n');
    expect(lines[(sop.rules.P1?.line ?? 0) - 1]).toContain('**P1 (Critical)**');
  });

  it('follows an edited SOP and reports the lines it cannot use, with their numbers', () => {
    const text = fixture('sop-edited.md');
    const sop = parseSopSla(text, 'sop.md');
    expect(sop.rules.P1?.resolveMs).toBe(30 * MIN);
    expect(sop.rules.P2).toMatchObject({ response: { kind: 'within', ms: 2 * HOUR }, resolveMs: 8 * HOUR });
    expect(sop.rules.P4?.resolveMs).toBe(14 * 24 * HOUR);
    expect(sop.rules.P3).toBeUndefined();
    const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
    expect(sop.problems).toContainEqual({ file: 'sop.md', line: lineOf('SLA: soonish'), reason: 'P3: cannot read the SLA "soonish" (try "15 minutes", "4 hours")' });
    expect(sop.problems).toContainEqual({ file: 'sop.md', line: lineOf('Escalation'), reason: 'P3: unknown field "Escalation" (expected Response or SLA)' });
    expect(sop.problems).toContainEqual({ file: 'sop.md', line: lineOf('stray sentence'), reason: 'not understood as part of the alert priorities' });
    expect(sop.problems).toContainEqual({ file: 'sop.md', line: lineOf('**P3'), reason: 'P3: no SLA duration given' });
    // the section ends at the next heading of its level: §7's P1 is not read
    expect(sop.problems.every((p) => p.line < lineOf('## 7.'))).toBe(true);
    const merged = mergeSla(sop, undefined);
    expect(merged.rules.P3).toEqual(DEFAULT_SLA.P3);
    expect(merged.rules.P1.source).toBe('sop');
  });

  it('reads a table and a one-line form', () => {
    const sop = parseSopSla(fixture('sop-table.md'), 'sop.md');
    expect(sop.rules.P1).toMatchObject({ label: 'Critical', response: { kind: 'immediate' }, resolveMs: 10 * MIN });
    expect(sop.rules.P2).toMatchObject({ response: { kind: 'within', ms: HOUR }, resolveMs: 4 * HOUR });
    expect(sop.rules.P3).toMatchObject({ response: { kind: 'business-hours' }, resolveMs: 24 * HOUR });
    expect(sop.rules.P4).toMatchObject({ label: 'Low', response: { kind: 'best-effort' }, resolveMs: 7 * 24 * HOUR });
    expect(sop.problems).toEqual([]);
  });

  it('says when there is no §6.3, and the defaults apply', () => {
    const sop = parseSopSla(DEMO_SOP.replace(/6\.3/g, '6.x'), 'sop.md');
    expect(sop).toEqual({ found: false, rules: {}, problems: [] });
    expect(mergeSla(sop, undefined).rules).toEqual(DEFAULT_SLA);
  });

  it('reports priorities the section leaves out and duplicates', () => {
    const sop = parseSopSla('### 6.3 Alerts\n- P1: SLA 5 minutes, response immediate\n- P1: SLA 9 minutes\n', 'x.md');
    expect(sop.rules.P1?.resolveMs).toBe(5 * MIN);
    expect(sop.problems.map((p) => p.reason)).toEqual(expect.arrayContaining(['P1 is listed twice; keeping the first', '§6.3 has no rule for P2; using the default']));
  });
});

describe('config overrides', () => {
  it('override the SOP per priority; durations like "2 seconds" parse', () => {
    const config = ConfigSchema.parse({ incidents: { sla: { P1: '2 seconds', P2: { response: '30 minutes', resolve: '2 hours' } } } });
    const merged = mergeSla(parseSopSla(DEMO_SOP, 'sop.md'), config.incidents.sla);
    expect(merged.rules.P1).toMatchObject({ resolveMs: 2000, response: { kind: 'immediate' }, source: 'config' });
    expect(merged.rules.P2).toMatchObject({ resolveMs: 2 * HOUR, response: { kind: 'within', ms: 30 * MIN } });
    expect(merged.rules.P3.source).toBe('sop');
  });

  it('rejects a bad duration in the config schema, naming the key', () => {
    const result = ConfigSchema.safeParse({ incidents: { sla: { P1: 'soon' } } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['incidents', 'sla', 'P1']);
  });

  it('reports an unreadable response override', () => {
    const merged = mergeSla(undefined, { P2: { response: 'whenever' } });
    expect(merged.problems[0]?.reason).toBe('incidents.sla.P2.response: cannot read "whenever"');
    expect(merged.rules.P2.response).toEqual(DEFAULT_SLA.P2.response);
  });
});

describe('slaState', () => {
  const rules = DEFAULT_SLA;
  const at = (iso: string) => new Date(iso);

  it('counts down to the SLA and turns breached after it', () => {
    const inc = incident();
    expect(slaState(inc, rules, at('2026-11-26T01:00:30Z'))).toMatchObject({ dueAt: '2026-11-26T01:15:00.000Z', msLeft: 14.5 * MIN, breached: false, responseDueAt: '2026-11-26T01:00:00.000Z', responseBreached: false });
    expect(slaState(inc, rules, at('2026-11-26T01:15:00Z')).breached).toBe(false);
    expect(slaState(inc, rules, at('2026-11-26T01:15:01Z'))).toMatchObject({ msLeft: -1000, breached: true });
  });

  it('stops the clock at resolution', () => {
    const met = incident({ status: 'resolved', resolvedAt: '2026-11-26T01:10:00.000Z' });
    expect(slaState(met, rules, at('2026-12-01T00:00:00Z'))).toMatchObject({ msLeft: 5 * MIN, breached: false });
    const missed = incident({ status: 'resolved', resolvedAt: '2026-11-26T01:20:00.000Z' });
    expect(slaState(missed, rules, at('2026-11-26T01:20:00Z'))).toMatchObject({ msLeft: -5 * MIN, breached: true });
  });

  it('tracks the response time of P2 until acknowledged', () => {
    const p2 = incident({ priority: 'P2' });
    expect(slaState(p2, rules, at('2026-11-26T01:59:59Z')).responseBreached).toBe(false);
    expect(slaState(p2, rules, at('2026-11-26T02:00:01Z')).responseBreached).toBe(true);
    const acked = incident({ priority: 'P2', status: 'acknowledged', acknowledgedAt: '2026-11-26T01:30:00.000Z' });
    expect(slaState(acked, rules, at('2026-11-26T03:00:00Z')).responseBreached).toBe(false);
    expect(slaState(incident({ priority: 'P4' }), rules, at('2026-12-26T03:00:00Z')).responseDueAt).toBeNull();
  });

  it('puts the business-hours response at the end of the business day (UTC, Mon–Fri)', () => {
    // Thursday 2026-11-26 10:00 -> same day 17:00
    expect(endOfBusinessDay(at('2026-11-26T10:00:00Z')).toISOString()).toBe('2026-11-26T17:00:00.000Z');
    // Friday 18:00 -> Monday 17:00
    expect(endOfBusinessDay(at('2026-11-27T18:00:00Z')).toISOString()).toBe('2026-11-30T17:00:00.000Z');
    expect(responseDue({ kind: 'business-hours' }, at('2026-11-28T12:00:00Z'))?.toISOString()).toBe('2026-11-30T17:00:00.000Z');
  });

  it('formats countdowns: time left rounds up, time over rounds down', () => {
    expect(formatCountdown(14 * MIN + 32_000)).toBe('14:32');
    expect(formatCountdown(4_200)).toBe('00:05');
    expect(formatCountdown(-900)).toBe('00:00');
    expect(formatCountdown(-(2 * MIN + 5_500))).toBe('02:05');
    expect(formatCountdown(3 * HOUR + 59 * MIN)).toBe('3h 59m');
    expect(formatCountdown(6 * 24 * HOUR + 23 * HOUR)).toBe('6d 23h');
    expect(describeRule(DEFAULT_SLA.P2)).toBe('respond within 1 hour, SLA 4 hours');
    expect(describeRule(DEFAULT_SLA.P1)).toBe('respond immediately, SLA 15 minutes');
  });
});
