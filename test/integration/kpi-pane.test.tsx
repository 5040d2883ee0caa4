// The KPIs pane over the real store: answered from the cache at once while a recompute runs,
// drill-down, window toggle, NO_COLOR words, and live recompute when the journal changes.
import { appendFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { App } from '../../components/app.js';
import { ConfigSchema } from '../../models/config.js';
import type { KpiReport } from '../../models/kpi-report.js';
import { computeKpiReport } from '../../src/kpi/compute.js';
import { readKpiCache, writeKpiCache } from '../../src/kpi/kpi-cache.js';
import { createAppStore } from '../../src/store/app-store.js';
import type { AppStore } from '../../src/store/app-store.js';
import type { KpiDeps } from '../../src/store/kpi-slice.js';
import { startKpi } from '../../src/store/kpi-slice.js';
import { createTaskRepo } from '../../src/tasks/task-repo.js';
import { makeGitRepo } from '../fixtures/kpi/git-repo.js';
import { runLines } from '../fixtures/kpi/journal-builder.js';

const HOUR = 3_600_000;
// One instant for every date (git stores whole seconds), so worked-out leads are exact.
const T0 = Math.floor(Date.now() / 1000) * 1000;
const ago = (hours: number): string => new Date(T0 - hours * HOUR).toISOString().replace(/\.\d+Z$/, 'Z');
const SOP = ['<!-- Last Updated: 2026-11-02 -->', '### 6.2 KPIs', '- **Lead Time**: 3 days (target: <1 hour)', '- **Customer Satisfaction**: 4.2/5 (target: 4.5/5)', '- **Mood**: good', ''].join('\n');

let root: string;
let cached: KpiReport;
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  ({ root } = await makeGitRepo([{ at: ago(30), tag: 'v1' }, { at: ago(12) }, { at: ago(8), tag: 'v2' }]));
  await mkdir(join(root, '.orchestration'));
  await writeFile(join(root, '.orchestration', 'sop.md'), SOP);
  await writeFile(join(root, '.orchestration', 'current.todo'), '');
  const journal = runLines([
    { id: 'A', version: 'v1', started: ago(25), finished: ago(24) },
    { id: 'B', version: 'v2', previousVersion: 'v1', started: ago(2.1), finished: ago(2), failStep: 'health' },
  ]);
  await writeFile(join(root, '.orchestration', 'deploys.jsonl'), journal.join('\n') + '\n');
  cached = await computeKpiReport({ root, kpis: ConfigSchema.parse({}).kpis });
  await writeKpiCache(root, cached);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

function start(options: { color?: boolean; kpi?: KpiDeps } = {}) {
  const store: AppStore = createAppStore({
    taskRepo: createTaskRepo(root),
    root,
    config: ConfigSchema.parse({}),
    readonly: false,
    color: options.color ?? true,
    repoName: 'kpi-test',
    services: options.kpi ? { kpi: options.kpi } : {},
  });
  const stop = startKpi(store);
  const ui = render(<App store={store} onExit={() => undefined} />);
  cleanups.push(async () => {
    ui.unmount();
    await stop();
  });
  const frame = () => ui.lastFrame() ?? '';
  const press = async (keys: string, expected: string | RegExp) => {
    ui.stdin.write(keys);
    await vi.waitFor(() => expect(frame()).toMatch(expected));
  };
  return { store, ui, frame, press };
}

describe('KPIs pane', () => {
  it('answers from the cache while the recompute is still running, and drills into a figure', async () => {
    const computes: number[] = [];
    const pending: Array<(r: KpiReport) => void> = [];
    const compute = (o: { windowDays: number }) => {
      computes.push(o.windowDays);
      return new Promise<KpiReport>((resolve) => pending.push(resolve));
    };
    const { store, frame, press } = start({ kpi: { compute, readCache: () => readKpiCache(root), writeCache: () => Promise.resolve() } });
    await vi.waitFor(() => expect(store.getState().kpiReport()).toBeDefined());
    await press('4', /KPIs · production · last 30 d · computing…/);
    expect(frame()).toMatch(/Deploy frequency +0\.03\/day · 0\.2\/wk +medium +n=1/);
    expect(frame()).toMatch(/Change failure rate +50 % \(1\/2\) +low +n=2/);
    expect(frame()).toMatch(/🔴 +Lead Time +6 h +3 days +<1 hour/);
    expect(frame()).toMatch(/·· +Customer Satisfaction +as stated +4\.2\/5 +4\.5\/5/);
    expect(frame()).toContain('sop.md: 1 line(s) in §6 not understood');
    expect(frame().split('\n').length).toBeLessThanOrEqual(23);
    await press('jj\r', /Change failure rate · 50 % \(1\/2\) · low · n = 2 deploys/);
    expect(frame()).toMatch(/> .*B +failed health +v2 by ana@box/);
    expect(frame()).toMatch(/A +ok +v1 by ana@box/);
    await press('\u001b', /Lead time +6 h +high +n=1/);
    await press('w', /last 90 d · computing…/);
    expect(frame()).toContain('Computing the KPIs from the journal, incidents and git…');
    // The 90-day computation waits for the running one, then runs.
    expect(computes).toEqual([30]);
    pending[0]!(cached);
    await vi.waitFor(() => expect(computes).toEqual([30, 90]));
    pending[1]!({ ...cached, windowDays: 90 });
    await vi.waitFor(() => expect(frame()).toMatch(/last 90 d · computed/));
    expect(frame()).toMatch(/Lead time +6 h/);
  });

  it('lists the unparsed sop.md lines, and shows plain words without colour', async () => {
    const { store, frame, press } = start({ color: false, kpi: { compute: () => new Promise<KpiReport>(() => undefined) } });
    await vi.waitFor(() => expect(store.getState().kpiReport()).toBeDefined());
    await press('4', /miss +Lead Time/);
    expect(frame()).not.toMatch(/🔴|🟢|🟡/);
    await press('jjjjjjj\r', /sop\.md: 1 line\(s\) not understood/);
    expect(frame()).toMatch(/line 5 +expected "- \*\*Name\*\*: value.* +- \*\*Mood\*\*: good/);
  });

  it('recomputes for real when the journal changes', async () => {
    const { store, frame, press } = start();
    await press('4', /Deploy frequency +0\.03\/day/);
    await vi.waitFor(() => expect(store.getState().kpiComputing).toBe(false));
    const more = runLines([{ id: 'C', version: 'v2', previousVersion: 'v1', started: ago(1.1), finished: ago(1) }]);
    await appendFile(join(root, '.orchestration', 'deploys.jsonl'), more.join('\n') + '\n');
    await vi.waitFor(() => expect(frame()).toMatch(/Deploy frequency +0\.07\/day · 0\.5\/wk +medium +n=2/), { timeout: 10_000 });
    await press('r', /recomputing KPIs…/);
  });

  it('shows a compute failure instead of figures', async () => {
    const { frame, press } = start({ kpi: { compute: () => Promise.reject(new Error('disk on fire')), readCache: () => Promise.resolve({ v: 1, reports: {} }), watch: () => () => undefined } });
    await press('4', /KPIs could not be computed: disk on fire/);
    await press('\r', /no KPIs yet: press r to compute/);
    expect(frame()).not.toContain('Deploy frequency');
  });
});
