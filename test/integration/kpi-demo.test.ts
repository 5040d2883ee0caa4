// The demo's deploy journal over the demo's real git history: every deployed tag resolves,
// and the DORA figures show the failed health step and the rollbacks it contains.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../models/config.js';
import { JournalEventSchema } from '../../models/run.js';
import type { KpiReport } from '../../models/kpi-report.js';
import { createDemoWorkspace } from '../../src/demo/create-demo.js';
import { demoTagTimes } from '../../src/demo/demo-journal.js';
import { computeKpiReport } from '../../src/kpi/compute.js';

const NOW = new Date('2026-11-26T15:30:00Z');
let state: string;
let root: string;
let ids: string[];
let report: KpiReport;

beforeAll(async () => {
  state = await mkdtemp(join(tmpdir(), 'opsdeck-kpi-demo-'));
  root = await createDemoWorkspace({ stateRoot: state, now: NOW });
  // createDemoWorkspace wrote the journal (and the incidents): the run ids in order of start
  const journal = await readFile(join(root, '.orchestration', 'deploys.jsonl'), 'utf8');
  ids = journal
    .trim()
    .split('\n')
    .map((l) => JournalEventSchema.parse(JSON.parse(l)))
    .filter((e) => e.event === 'run-started')
    .map((e) => e.runId);
  report = await computeKpiReport({ root, kpis: ConfigSchema.parse({}).kpis, now: NOW });
}, 60_000);

afterAll(async () => {
  await rm(state, { recursive: true, force: true });
});

describe('demo deploy journal', () => {
  it('writes valid journal events for every run, all before now, ids sortable by time', async () => {
    const lines = (await readFile(join(root, '.orchestration', 'deploys.jsonl'), 'utf8')).trim().split('\n');
    const events = lines.map((l) => JournalEventSchema.parse(JSON.parse(l)));
    expect(new Set(events.map((e) => e.runId))).toEqual(new Set(ids));
    expect(events.every((e) => Date.parse(e.at) <= NOW.getTime())).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(ids.every((id) => /^\d{8}-\d{6}-(deploy|rollback)-[0-9a-f]{4}$/.test(id))).toBe(true);
    const tags = demoTagTimes(NOW).map((t) => t.tag);
    expect(tags).toEqual(['v1.0.0', 'v1.1.0', 'v1.2.0', 'v1.2.1', 'v1.2.2', 'v1.2.3']);
    const started = events.filter((e) => e.event === 'run-started');
    expect(started.filter((e) => e.kind === 'rollback')).toHaveLength(2);
    expect(new Set(started.map((e) => e.env))).toEqual(new Set(['staging', 'production']));
    const failed = ids.find((id) => events.some((e) => e.runId === id && e.event === 'run-finished' && e.result === 'failed'))!;
    const log = await readFile(join(root, '.orchestration', 'runs', `${failed}.log`), 'utf8');
    expect(log).toContain(`[opsdeck] run ${failed} (deploy production v1.2.0)`);
    expect(log).toContain('✘ health failed: HTTP 503 after 5 attempts (12.0 s)');
    expect(log.trimEnd().endsWith('[opsdeck] run failed at step health')).toBe(true);
  });

  it('gives real DORA figures: every deployed tag is in git, one failed health step, two rollbacks', async () => {
    expect(report.warnings).toEqual([]);
    expect(report.malformed).toEqual({ deploys: 0, incidents: 0 });
    const fig = Object.fromEntries(report.dora.map((f) => [f.id, f]));
    // 30 days back from 11-26: production deploys of v1.1.0 .. v1.2.3 (v1.2.0 failed health, v1.2.2 twice).
    expect(fig.deployFrequency!.n).toBe(5);
    expect(fig.changeFailureRate!.n).toBe(6);
    expect(fig.changeFailureRate!.value).toBeCloseTo(100 * (2 / 6), 10);
    expect(fig.changeFailureRate!.items.filter((i) => i.value !== 'ok').map((i) => i.value)).toEqual([expect.stringMatching(/^rolled back by .*-rollback-/), expect.stringMatching(/^failed health, rolled back by /)]);
    // the two bad deploys, plus the demo's incidents resolved in the window
    const incidents = (await readFile(join(root, '.orchestration', 'incidents.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { event: string; at: string });
    const resolved = incidents.filter((e) => e.event === 'resolved' && Date.parse(e.at) >= NOW.getTime() - 30 * 86_400_000).length;
    expect(resolved).toBeGreaterThan(0);
    expect(fig.timeToRestore!.n).toBe(2 + resolved);
    expect(fig.leadTime!.n).toBeGreaterThan(5);
    expect(fig.leadTime!.band).toBe('high');
    expect(report.kpis.find((k) => k.name === 'Lead Time')!.source).toBe('dora');
  });
});
