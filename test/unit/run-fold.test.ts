// The one set of fold rules: the run list (runs/journal), the KPIs (kpi/journal) and the
// incident timeline (incident/run-entries) must read the same journal the same way.
import { describe, expect, it } from 'vitest';
import type { JournalEvent } from '../../models/run.js';
import { foldRuns as incidentFold } from '../../src/incident/run-entries.js';
import { parseRunJournal } from '../../src/kpi/journal.js';
import { foldRuns } from '../../src/runs/journal.js';

const base = { v: 1 as const };
const start = (runId: string, at: string): JournalEvent => ({
  ...base, runId, at, event: 'run-started', kind: 'deploy', env: 'production', version: 'v1.2.0', previousVersion: 'v1.1.0', commit: null,
  who: 'ana@box', host: 'box', pid: 1, logPath: `${runId}.log`, steps: [{ id: 'deploy', title: 'Deploy' }],
});
const stepDone = (runId: string, at: string, ok: boolean): JournalEvent => ({ ...base, runId, at, event: 'step-finished', step: 'deploy', ok, exitCode: ok ? 0 : 1, durationMs: 1000 });
const finish = (runId: string, at: string, result: 'success' | 'failed' | 'interrupted' | 'rolled_back', rolledBackBy?: string): JournalEvent => ({
  ...base, runId, at, event: 'run-finished', result, failedStep: result === 'success' || result === 'rolled_back' ? null : 'deploy', durationMs: 1000,
  ...(rolledBackBy ? { rolledBackBy } : {}),
});

const EVENTS: JournalEvent[] = [
  start('a', '2026-11-25T10:00:00Z'),
  stepDone('a', '2026-11-25T10:01:00Z', true),
  stepDone('a', '2026-11-25T10:01:30Z', false), // a duplicate step finish: the first wins
  finish('a', '2026-11-25T10:02:00Z', 'success'),
  finish('a', '2026-11-25T10:02:01Z', 'interrupted'), // an abort race's late finish changes nothing
  start('b', '2026-11-25T11:00:00Z'),
  finish('b', '2026-11-25T11:05:00Z', 'success'),
  finish('b', '2026-11-25T12:00:00Z', 'rolled_back', 'c'), // the rollback that undid it
  start('b', '2026-11-25T13:00:00Z'), // a second start: the first is kept
  finish('ghost', '2026-11-25T14:00:00Z', 'failed'), // a run never started
];

describe('foldRunEvent through its three readers', () => {
  it('reads the same runs, results and finish times everywhere', () => {
    const summary = (runs: { id: string; started: { at: string }; finished?: { result: string; at: string; rolledBackBy?: string }; steps: { finished?: { ok: boolean } }[] }[]) =>
      runs.map((r) => ({ id: r.id, started: r.started.at, result: r.finished?.result, at: r.finished?.at, by: r.finished?.rolledBackBy, stepOk: r.steps[0]?.finished?.ok }));
    const expected = [
      { id: 'a', started: '2026-11-25T10:00:00Z', result: 'success', at: '2026-11-25T10:02:00Z', by: undefined, stepOk: true },
      { id: 'b', started: '2026-11-25T11:00:00Z', result: 'rolled_back', at: '2026-11-25T11:05:00Z', by: 'c', stepOk: undefined },
    ];
    const runs = foldRuns(EVENTS, 'deploys.jsonl');
    expect(summary(runs.runs)).toEqual(expected);
    expect(runs.problems).toEqual(['deploys.jsonl: run b started twice; the first start is kept', 'deploys.jsonl: run-finished for unknown run ghost']);

    const kpi = parseRunJournal(EVENTS.map((e) => JSON.stringify(e)).join('\n'));
    expect(summary(kpi.records)).toEqual(expected);
    expect(kpi.malformedLines).toEqual([10]);

    expect(summary(incidentFold(EVENTS))).toEqual(expected);
  });
});
