// The incident journal: line parsing with numbered problems, folding events into incidents,
// ordering, ids, the line-size limit, and finding an incident by a fragment.
import { describe, expect, it } from 'vitest';
import type { IncidentEvent } from '../../models/incident.js';
import { foldIncidents, sortIncidents, topOpenIncident } from '../../src/incident/fold.js';
import { ID_PATTERN, MAX_LINE_BYTES, makeIncidentId, parseIncidentJournal, serializeEvent } from '../../src/incident/incident-events.js';
import { matchIncidents, resolveIncidentRef } from '../../src/incident/incident-ref.js';
import { UserError } from '../../src/errors.js';

const A = 'INC-20261120-090000-aaaa';
const B = 'INC-20261121-090000-bbbb';
const C = 'INC-20261122-090000-cccc';
const base = (incidentId: string, at: string, who = 'dana@box') => ({ v: 1 as const, incidentId, at, who });

const EVENTS: IncidentEvent[] = [
  { ...base(A, '2026-11-20T09:00:00.000Z'), event: 'opened', priority: 'P2', title: 'webhooks delayed' },
  { ...base(B, '2026-11-21T09:00:00.000Z'), event: 'opened', priority: 'P1', title: 'payments down' },
  { ...base(A, '2026-11-20T09:05:00.000Z', 'tomas@box'), event: 'acknowledged' },
  { ...base(A, '2026-11-20T09:06:00.000Z'), event: 'note', text: 'queue consumer stuck' },
  { ...base(A, '2026-11-20T10:00:00.000Z'), event: 'resolved', cause: '20261120-083000-deploy-1a2b', summary: 'restarted consumers' },
  { ...base(C, '2026-11-22T09:00:00.000Z'), event: 'opened', priority: 'P3', title: 'slow reports' },
  { ...base(C, '2026-11-22T09:30:00.000Z'), event: 'priority-changed', priority: 'P1' },
];

const text = (lines: string[]) => `${lines.join('\n')}\n`;

describe('parseIncidentJournal', () => {
  it('keeps valid events and reports the bad lines by number', () => {
    const lines = EVENTS.slice(0, 3).map((e) => JSON.stringify(e));
    lines.splice(1, 0, '{not json', JSON.stringify({ v: 1, incidentId: A, at: 'x', who: 'w', event: 'opened', priority: 'P9', title: 't' }), '', '   ');
    const parsed = parseIncidentJournal(text(lines), 'incidents.jsonl');
    expect(parsed.events.map((e) => e.line)).toEqual([1, 6, 7]);
    expect(parsed.problems).toEqual([
      { file: 'incidents.jsonl', line: 2, reason: 'not JSON' },
      { file: 'incidents.jsonl', line: 3, reason: expect.stringMatching(/^priority: /) },
    ]);
  });

  it('calls an unterminated last line incomplete', () => {
    const parsed = parseIncidentJournal(`${JSON.stringify(EVENTS[0])}\n{"v":1,"incid`, 'f');
    expect(parsed.problems).toEqual([{ file: 'f', line: 2, reason: 'incomplete or not JSON (last line)' }]);
  });
});

describe('foldIncidents', () => {
  const fold = (events: IncidentEvent[]) => foldIncidents(events.map((event, i) => ({ event, line: i + 1 })), 'f');

  it('folds opened, acknowledged, notes, priority changes and resolved', () => {
    const { incidents, problems } = fold(EVENTS);
    expect(problems).toEqual([]);
    const a = incidents.find((i) => i.id === A);
    expect(a).toMatchObject({
      status: 'resolved',
      priority: 'P2',
      acknowledgedAt: '2026-11-20T09:05:00.000Z',
      acknowledgedBy: 'tomas@box',
      resolvedAt: '2026-11-20T10:00:00.000Z',
      cause: '20261120-083000-deploy-1a2b',
      summary: 'restarted consumers',
      notes: [{ at: '2026-11-20T09:06:00.000Z', who: 'dana@box', text: 'queue consumer stuck' }],
    });
    const c = incidents.find((i) => i.id === C);
    expect(c).toMatchObject({ status: 'open', priority: 'P1', priorityChanges: [{ priority: 'P1' }] });
    // open first: both P1 now, the older one first; then resolved
    expect(incidents.map((i) => i.id)).toEqual([B, C, A]);
    expect(topOpenIncident(incidents)?.id).toBe(B);
  });

  it('reports events that do not fit, with their lines', () => {
    const { incidents, problems } = fold([
      EVENTS[0]!,
      { ...base('INC-20261101-000000-dead', '2026-11-20T09:01:00.000Z'), event: 'note', text: 'who?' },
      EVENTS[0]!,
      { ...base(A, '2026-11-20T09:02:00.000Z'), event: 'resolved', cause: null },
      { ...base(A, '2026-11-20T09:03:00.000Z'), event: 'resolved', cause: null },
    ]);
    expect(incidents).toHaveLength(1);
    expect(problems.map((p) => p.line)).toEqual([2, 3, 5]);
    expect(problems[0]?.reason).toContain('unknown incident INC-20261101-000000-dead');
  });

  it('sorts resolved incidents newest first and has no top incident when all are resolved', () => {
    const { incidents } = fold([EVENTS[0]!, EVENTS[4]!, { ...base(B, '2026-11-19T09:00:00.000Z'), event: 'opened', priority: 'P1', title: 'x' }, { ...base(B, '2026-11-21T09:00:00.000Z'), event: 'resolved', cause: null }]);
    expect(sortIncidents(incidents).map((i) => i.id)).toEqual([B, A]);
    expect(topOpenIncident(incidents)).toBeUndefined();
  });
});

describe('ids and lines', () => {
  it('makes INC-YYYYMMDD-HHMMSS-xxxx ids in UTC', () => {
    const id = makeIncidentId(new Date('2026-11-26T01:02:03.456Z'), '0f9a');
    expect(id).toBe('INC-20261126-010203-0f9a');
    expect(ID_PATTERN.test(id)).toBe(true);
    expect(() => makeIncidentId(new Date(), 'xyz')).toThrow(/4 hex digits/);
  });

  it('serializes one line, refusing lines of 4 KB or more', () => {
    const line = serializeEvent(EVENTS[0]!);
    expect(line.endsWith('\n')).toBe(true);
    expect(line.indexOf('\n')).toBe(line.length - 1);
    expect(JSON.parse(line)).toEqual(EVENTS[0]);
    const long = { ...base(A, '2026-11-20T09:06:00.000Z'), event: 'note' as const, text: 'é'.repeat(MAX_LINE_BYTES / 2) };
    expect(() => serializeEvent(long)).toThrow(/under 4000 bytes/);
  });
});

describe('resolveIncidentRef', () => {
  const { incidents } = foldIncidents(EVENTS.map((event, i) => ({ event, line: i + 1 })), 'f');

  it('finds by id, id fragment or title fragment', () => {
    expect(resolveIncidentRef(incidents, A).id).toBe(A);
    expect(resolveIncidentRef(incidents, 'bbbb').id).toBe(B);
    expect(resolveIncidentRef(incidents, 'WEBHOOKS').id).toBe(A);
    expect(matchIncidents(incidents, ' ')).toEqual([]);
  });

  it('refuses unknown and ambiguous references with exit 2, listing candidates', () => {
    const unknown = (() => {
      try {
        resolveIncidentRef(incidents, 'zzz');
      } catch (error) {
        return error;
      }
    })() as UserError;
    expect(unknown).toBeInstanceOf(UserError);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.message).toContain(`no incident matches "zzz"; known: ${B}`);
    expect(() => resolveIncidentRef(incidents, '202611')).toThrow(/matches 3 incidents: .*INC-20261121-090000-bbbb/);
    expect(() => resolveIncidentRef([], 'x')).toThrow(/there are no incidents yet/);
  });
});
