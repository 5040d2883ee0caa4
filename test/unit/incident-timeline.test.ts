// Timelines (the incident's own events merged with the runs of its open window), the
// postmortem skeleton, and the list/timeline text lines.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../models/incident-view.js';
import { describeForChat } from '../../src/incident/incident-chat.js';
import { formatIncidentList, formatTimelineLine, shortTime, slaWords } from '../../src/incident/incident-format.js';
import { buildSnapshot } from '../../src/incident/incident-snapshot.js';
import { renderPostmortem } from '../../src/incident/postmortem.js';
import { matchRunIds, mergeJournals, parseRunJournal, runEntries } from '../../src/incident/run-entries.js';
import { DEFAULT_SLA, slaState } from '../../src/incident/sla.js';
import { incidentTimeline } from '../../src/incident/timeline.js';

const FIX = join(import.meta.dirname, '..', 'fixtures', 'incident');
const DEPLOYS = readFileSync(join(FIX, 'deploys.jsonl'), 'utf8');
const BACKUPS = readFileSync(join(FIX, 'backups.jsonl'), 'utf8');
const journal = mergeJournals([parseRunJournal(DEPLOYS), parseRunJournal(BACKUPS)]);

const INC: Incident = {
  id: 'INC-20261120-084800-abcd',
  priority: 'P1',
  title: 'payments 5xx | after release',
  status: 'resolved',
  openedAt: '2026-11-20T08:48:00.000Z',
  openedBy: 'dana@box',
  acknowledgedAt: '2026-11-20T08:50:00.000Z',
  acknowledgedBy: 'tomas@box',
  resolvedAt: '2026-11-20T09:20:00.000Z',
  resolvedBy: 'tomas@box',
  cause: '20261120-084500-deploy-1a2b',
  summary: 'bad release rolled back',
  notes: [{ at: '2026-11-20T08:55:00.000Z', who: 'dana@box', text: 'rolling back v1.4.1\u001b[31m' }],
  priorityChanges: [],
};

describe('run journals', () => {
  it('skips malformed lines and folds runs', () => {
    const deploys = parseRunJournal(DEPLOYS);
    expect(deploys.skipped).toBe(1);
    expect(deploys.runs.map((r) => r.id)).toEqual(['20261119-120000-deploy-0000', '20261120-084500-deploy-1a2b', '20261120-091000-rollback-3c4d']);
    expect(deploys.runs[1]?.steps[0]).toMatchObject({ id: 'deploy', startedAt: '2026-11-20T08:46:00.000Z', finished: { ok: true } });
    expect(matchRunIds(deploys.runs, '1a2b')).toEqual(['20261120-084500-deploy-1a2b']);
    expect(matchRunIds(deploys.runs, '20261120')).toHaveLength(2);
  });

  it('gives entries only for events inside the window', () => {
    const entries = runEntries(journal, '2026-11-20T08:48:00.000Z', '2026-11-20T09:20:00.000Z');
    expect(entries.map((e) => [e.kind, e.text])).toEqual([
      ['deploy', 'deploy v1.4.1 to production success (20261120-084500-deploy-1a2b)'],
      ['rollback', 'rollback v1.4.0 to production started (20261120-091000-rollback-3c4d)'],
      ['rollback', 'Health check failed: HTTP 503 from /health (20261120-091000-rollback-3c4d)'],
      ['rollback', 'rollback v1.4.0 to production failed at health (20261120-091000-rollback-3c4d)'],
    ]);
  });
});

describe('incidentTimeline', () => {
  it('merges own events and runs by time; an open incident runs to now', () => {
    const timeline = incidentTimeline(INC, journal, new Date('2026-11-21T00:00:00Z'));
    expect(timeline.map((e) => e.kind)).toEqual(['opened', 'acknowledged', 'deploy', 'note', 'rollback', 'rollback', 'rollback', 'resolved']);
    expect(timeline.at(-1)?.text).toBe('resolved; cause: 20261120-084500-deploy-1a2b — bad release rolled back');
    const open: Incident = { ...INC, status: 'acknowledged', resolvedAt: null, resolvedBy: null, cause: null, summary: null };
    const later = incidentTimeline(open, journal, new Date('2026-11-20T10:00:00Z'));
    expect(later.filter((e) => e.kind === 'verify').map((e) => e.text)).toEqual([
      'verify database started (20261120-093000-verify-5e6f)',
      'verify database success (20261120-093000-verify-5e6f)',
    ]);
    expect(incidentTimeline(open, undefined, new Date()).map((e) => e.kind)).toEqual(['opened', 'acknowledged', 'note']);
  });
});

describe('renderPostmortem', () => {
  it('renders the skeleton: summary, impact, timeline, cause, actions', () => {
    const now = new Date('2026-11-21T10:00:00Z');
    const md = renderPostmortem({
      incident: INC,
      timeline: incidentTimeline(INC, journal, now),
      rule: DEFAULT_SLA.P1,
      sla: slaState(INC, DEFAULT_SLA, now),
      causeRun: journal.runs.find((r) => r.id === INC.cause),
      now,
    });
    const headings = md.split('\n').filter((l) => l.startsWith('#'));
    expect(headings).toEqual(['# Postmortem: payments 5xx \\| after release', '## Summary', '## Impact', '## Timeline', '## Cause', '## Actions']);
    expect(md).toContain('- **Priority:** P1 (Critical; respond immediately, SLA 15 minutes)');
    expect(md).toContain('- **Resolved:** 2026-11-20 09:20 UTC by tomas@box (time to restore 32:00)');
    expect(md).toContain('- **SLA:** due 2026-11-20 09:03 UTC; breached by 17:00');
    expect(md).toContain('| 2026-11-20 08:55:00 | dana@box | note: rolling back v1.4.1 |');
    expect(md).toContain('Caused by run `20261120-084500-deploy-1a2b` — deploy of v1.4.1 to production by dana@box at 2026-11-20 08:45 UTC (success).');
    expect(md).not.toContain('\u001b');
    const noCause = renderPostmortem({ incident: { ...INC, cause: null, summary: null, resolvedAt: null, status: 'open' }, timeline: [], rule: DEFAULT_SLA.P1, sla: slaState(INC, DEFAULT_SLA, now), now });
    expect(noCause).toContain('_No cause run recorded.');
    expect(noCause).toContain('- **Resolved:** not yet');
  });
});

describe('text lines', () => {
  it('lists incidents within the width, SLA words by state', () => {
    const now = new Date('2026-11-20T08:50:00Z');
    const open: Incident = { ...INC, status: 'open', resolvedAt: null, title: 'x'.repeat(200) };
    const [line] = formatIncidentList([open], DEFAULT_SLA, now, 80);
    expect(line).toMatch(/^INC-20261120-084800-abcd {2}P1 {2}open {9}13:00 left/);
    expect([...(line ?? '')].length).toBeLessThanOrEqual(80);
    expect(slaWords(open, slaState(open, DEFAULT_SLA, new Date('2026-11-20T09:10:00Z')))).toBe('BREACHED +07:00');
    expect(slaWords(INC, slaState(INC, DEFAULT_SLA, now))).toBe('missed by 17:00');
    expect(shortTime('2026-11-20T08:50:00Z', now)).toBe('08:50');
    expect(shortTime('2026-11-19T08:50:00Z', now)).toBe('11-19 08:50');
    expect(formatTimelineLine({ at: '2026-11-20T08:55:00.000Z', kind: 'note', who: 'dana@box', text: 'a\u0007b' }, now, 80)).toBe('      08:55 ✎ dana: ab');
  });

  it('describes an incident for the chat', () => {
    const snapshot = buildSnapshot({ incidents: '', sop: undefined, runJournals: [DEPLOYS, BACKUPS] }, undefined);
    const text = describeForChat(INC, snapshot, new Date('2026-11-21T00:00:00Z'));
    expect(text.split('\n').slice(0, 4)).toEqual([
      'Incident INC-20261120-084800-abcd: payments 5xx | after release',
      'Priority P1 (Critical; respond immediately, SLA 15 minutes); status resolved; SLA missed by 17:00.',
      'Recorded cause: run 20261120-084500-deploy-1a2b.',
      'Timeline (UTC):',
    ]);
  });
});
