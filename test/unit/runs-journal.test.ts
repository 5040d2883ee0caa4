import { mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JournalEvent } from '../../models/run.js';
import { appendJournalEvent, foldRuns, journalLine, parseJournal, readJournal } from '../../src/runs/journal.js';
import { DEPLOYS_JOURNAL, BACKUPS_JOURNAL, newRunId, readRuns } from '../../src/runs/index.js';
import { formatDuration, runSummary } from '../../src/runs/run-summary.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'opsdeck-journal-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const started = (runId: string, at = '2026-01-01T00:00:00.000Z', extra: Partial<JournalEvent> = {}): JournalEvent => ({
  v: 1, runId, at, event: 'run-started', kind: 'deploy', env: 'staging', version: 'v1.0.0', previousVersion: null, commit: null,
  who: 'ann@box', host: 'elsewhere', pid: 1, logPath: `.orchestration/runs/${runId}.log`, steps: [{ id: 'deploy', title: 'Deploy' }], ...extra,
} as JournalEvent);

describe('journal', () => {
  it('appends one line per event and folds them into runs', async () => {
    await appendJournalEvent(root, DEPLOYS_JOURNAL, started('r1'));
    await appendJournalEvent(root, DEPLOYS_JOURNAL, { v: 1, runId: 'r1', at: '2026-01-01T00:00:01.000Z', event: 'step-started', step: 'deploy', command: './deploy.sh' });
    await appendJournalEvent(root, DEPLOYS_JOURNAL, { v: 1, runId: 'r1', at: '2026-01-01T00:00:02.000Z', event: 'step-finished', step: 'deploy', ok: true, exitCode: 0, durationMs: 1000 });
    await appendJournalEvent(root, DEPLOYS_JOURNAL, { v: 1, runId: 'r1', at: '2026-01-01T00:00:03.000Z', event: 'run-finished', result: 'success', failedStep: null, durationMs: 3000 });
    const text = readFileSync(join(root, DEPLOYS_JOURNAL), 'utf8');
    expect(text.trimEnd().split('\n')).toHaveLength(4);
    const { runs, problems } = await readRuns(root, DEPLOYS_JOURNAL);
    expect(problems).toEqual([]);
    expect(runs).toHaveLength(1);
    expect(runs[0]?.finished?.result).toBe('success');
    expect(runs[0]?.steps[0]).toMatchObject({ id: 'deploy', startedAt: '2026-01-01T00:00:01.000Z', finished: { ok: true } });
    const summary = runSummary(runs[0]!);
    expect(summary).toMatchObject({ id: 'r1', result: 'success', durationMs: 3000, env: 'staging' });
  });

  it('reports malformed lines with their line number and keeps the good ones', async () => {
    const file = join(root, DEPLOYS_JOURNAL);
    await appendJournalEvent(root, DEPLOYS_JOURNAL, started('r1'));
    appendFileSync(file, 'not json\n{"v":1,"runId":"r1","at":"x","event":"run-finished","result":"exploded","failedStep":null,"durationMs":1}\n\n');
    await appendJournalEvent(root, DEPLOYS_JOURNAL, { v: 1, runId: 'ghost', at: 'x', event: 'run-finished', result: 'success', failedStep: null, durationMs: 1 });
    const { runs, problems } = await readRuns(root, DEPLOYS_JOURNAL);
    expect(runs.map((r) => r.id)).toEqual(['r1']);
    expect(problems[0]).toBe(`${DEPLOYS_JOURNAL}:2: not valid JSON`);
    expect(problems[1]).toMatch(new RegExp(`^${DEPLOYS_JOURNAL}:3: result: `));
    expect(problems[2]).toMatch(/run-finished for unknown run ghost/);
  });

  it('keeps the first run-finished and the first start, and merges both journals by start time', async () => {
    await appendJournalEvent(root, BACKUPS_JOURNAL, started('b1', '2026-01-02T00:00:00.000Z', { kind: 'verify', env: null }));
    await appendJournalEvent(root, DEPLOYS_JOURNAL, started('d1', '2026-01-01T00:00:00.000Z'));
    await appendJournalEvent(root, DEPLOYS_JOURNAL, started('d1', '2026-01-03T00:00:00.000Z'));
    for (const result of ['success', 'interrupted'] as const) {
      await appendJournalEvent(root, DEPLOYS_JOURNAL, { v: 1, runId: 'd1', at: 'x', event: 'run-finished', result, failedStep: null, durationMs: 1 });
    }
    const { runs, problems } = await readRuns(root);
    expect(runs.map((r) => r.id)).toEqual(['d1', 'b1']);
    expect(runs[0]?.finished?.result).toBe('success');
    expect(problems).toEqual([`${DEPLOYS_JOURNAL}: run d1 started twice; the first start is kept`]);
  });

  it('a later rolled_back marks the deploy a rollback undid, keeping its first finish', async () => {
    await appendJournalEvent(root, DEPLOYS_JOURNAL, started('d2', '2026-01-01T00:00:00.000Z'));
    await appendJournalEvent(root, DEPLOYS_JOURNAL, { v: 1, runId: 'd2', at: '2026-01-01T00:02:00.000Z', event: 'run-finished', result: 'success', failedStep: null, durationMs: 120_000 });
    await appendJournalEvent(root, DEPLOYS_JOURNAL, { v: 1, runId: 'd2', at: '2026-01-01T01:00:00.000Z', event: 'run-finished', result: 'rolled_back', failedStep: null, durationMs: 0, rolledBackBy: 'r9' });
    const { runs } = await readRuns(root, DEPLOYS_JOURNAL);
    expect(runs[0]?.finished).toMatchObject({ result: 'rolled_back', rolledBackBy: 'r9', at: '2026-01-01T00:02:00.000Z', durationMs: 120_000 });
  });

  it('redacts and clips text so each line stays under PIPE_BUF', () => {
    const line = journalLine({ v: 1, runId: 'r', at: 'x', event: 'step-started', step: 's', command: `deploy DEPLOY_TOKEN=abc ${'y'.repeat(10_000)}` });
    expect(JSON.stringify(line).length).toBeLessThan(4096);
    expect(JSON.stringify(line)).toContain('DEPLOY_TOKEN=***');
    const finished = journalLine({ v: 1, runId: 'r', at: 'x', event: 'step-finished', step: 's', ok: false, exitCode: 1, durationMs: 1, detail: 'https://u:pw@h failed' });
    expect(finished.event === 'step-finished' && finished.detail).toBe('https://u:***@h failed');
  });

  it('reads a missing journal as empty, and parses text directly', async () => {
    expect(await readJournal(root, DEPLOYS_JOURNAL)).toEqual({ events: [], problems: [] });
    writeFileSync(join(root, 'j.jsonl'), `${JSON.stringify(started('z'))}\n`);
    expect((await readJournal(root, join(root, 'j.jsonl'))).events).toHaveLength(1);
    expect(parseJournal('{"v":2}', 'f').problems[0]).toMatch(/^f:1: /);
    expect(foldRuns([]).runs).toEqual([]);
  });

  it('makes sortable unique run ids and short durations', () => {
    const id = newRunId('deploy', new Date('2026-03-04T05:06:07Z'));
    expect(id).toMatch(/^20260304-050607-deploy-[0-9a-f]{4}$/);
    expect(formatDuration(null)).toBe('-');
    expect(formatDuration(850)).toBe('850ms');
    expect(formatDuration(12_300)).toBe('12.3s');
    expect(formatDuration(245_000)).toBe('4m05s');
    expect(formatDuration(7_380_000)).toBe('2h03m');
  });
});

describe('watchRuns', () => {
  it('calls back (debounced) when a journal or the runs folder changes, and stops', async () => {
    const { watchRuns } = await import('../../src/runs/index.js');
    let calls = 0;
    const stop = watchRuns(root, () => (calls += 1));
    await appendJournalEvent(root, DEPLOYS_JOURNAL, started('w1'));
    await appendJournalEvent(root, DEPLOYS_JOURNAL, started('w2'));
    await vi.waitFor(() => expect(calls).toBe(1));
    writeFileSync(join(root, '.orchestration/runs/x.log'), 'hi');
    await vi.waitFor(() => expect(calls).toBe(2));
    writeFileSync(join(root, '.orchestration/unrelated.txt'), 'no');
    await new Promise((r) => setTimeout(r, 250));
    expect(calls).toBe(2);
    stop();
    await appendJournalEvent(root, BACKUPS_JOURNAL, started('w3'));
    await new Promise((r) => setTimeout(r, 250));
    expect(calls).toBe(2);
  });
});
