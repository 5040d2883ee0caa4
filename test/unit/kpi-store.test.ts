// The KPI slice and keys through the real store and dispatcher, with injected adapters.
import { tmpdir } from 'node:os';
import { describe, expect, it, vi } from 'vitest';
import { ConfigSchema } from '../../models/config.js';
import type { KpiReport } from '../../models/kpi-report.js';
import { createAppStore } from '../../src/store/app-store.js';
import type { KpiDeps } from '../../src/store/kpi-slice.js';
import { startKpi } from '../../src/store/kpi-slice.js';
import { createTaskRepo } from '../../src/tasks/task-repo.js';
import { sampleReport } from '../fixtures/kpi/report.js';

function makeStore(kpi: KpiDeps, config = {}) {
  return createAppStore({ taskRepo: createTaskRepo(tmpdir()), root: tmpdir(), config: ConfigSchema.parse(config), readonly: false, color: false, services: { kpi } });
}

describe('KPI keys', () => {
  it('moves, drills, scrolls the drill-down and goes back', async () => {
    const report = sampleReport();
    const store = makeStore({ compute: () => Promise.resolve(report), readCache: () => Promise.resolve({ v: 1, reports: {} }), writeCache: () => Promise.resolve() });
    const s = () => store.getState();
    await s().dispatch('4');
    await s().dispatch('return');
    expect(s().message?.text).toBe('no KPIs yet: press r to compute');
    await s().dispatch('r');
    await s().kpiRecompute();
    expect(s().kpiReport()).toBe(report);
    for (const key of ['j', 'j', 'k', 'down']) await s().dispatch(key);
    expect(s().kpiCursor).toBe(2);
    await s().dispatch('G');
    for (let i = 0; i < 20; i += 1) await s().dispatch('j');
    expect(s().kpiCursor).toBe(9);
    await s().dispatch('up');
    await s().dispatch('k');
    await s().dispatch('return');
    expect(s().kpiDrill).toBe(7);
    expect(s().activeScopes()).toEqual(['app', 'kpi-drill', 'kpi', 'global']);
    await s().dispatch('k');
    expect(s().kpiDrillCursor).toBe(0);
    await s().dispatch('escape');
    expect(s().kpiDrill).toBeNull();
    expect(s().view).toBe('kpi');
    await s().dispatch('g');
    for (let i = 0; i < 7; i += 1) await s().dispatch('k');
    await s().dispatch('l');
    for (const key of ['j', 'j', 'j']) await s().dispatch(key);
    expect(s().kpiDrillCursor).toBe(1);
    await s().dispatch('h');
    await s().dispatch('escape');
    expect(s().view).toBe('dashboard');
  });

  it('toggles the window and recomputes for it; queues one recompute behind a running one', async () => {
    const calls: number[] = [];
    const pending: Array<(r: KpiReport) => void> = [];
    const store = makeStore({
      compute: (o) => {
        calls.push(o.windowDays);
        return new Promise((resolve) => pending.push(resolve));
      },
      writeCache: () => Promise.reject(new Error('read-only disk')),
    });
    const s = () => store.getState();
    await s().dispatch('4');
    const first = s().kpiRecompute();
    expect(s().kpiComputing).toBe(true);
    await s().dispatch('w');
    expect(s().message?.text).toBe('KPI window: last 90 days');
    void s().kpiRecompute();
    expect(calls).toEqual([30]);
    pending[0]!(sampleReport());
    await vi.waitFor(() => expect(calls).toEqual([30, 90]));
    pending[1]!({ ...sampleReport(), windowDays: 90 });
    await first;
    expect(s().kpiComputing).toBe(false);
    expect(Object.keys(s().kpiReports).sort()).toEqual(['production:30', 'production:90']);
    expect(s().kpiError).toBeNull();
  });

  it('starts from the cache, watches the sources and refreshes metrics on a timer only when configured', async () => {
    let onChange: (() => void) | undefined;
    let stopped = false;
    const computes: number[] = [];
    const store = makeStore(
      {
        compute: (o) => (computes.push(o.windowDays), Promise.resolve({ ...sampleReport(), computedAt: 'fresh' })),
        readCache: () => Promise.resolve({ v: 1, reports: { 'production:30': sampleReport() } }),
        writeCache: () => Promise.resolve(),
        watch: (fn) => {
          onChange = fn;
          return () => {
            stopped = true;
          };
        },
      },
      { kpis: { prometheusUrl: 'http://127.0.0.1:9090' } },
    );
    expect(store.getState().kpiHasMetrics).toBe(true);
    const stop = startKpi(store);
    await new Promise((r) => setTimeout(r, 20));
    expect(store.getState().kpiReport()?.computedAt).toBe('fresh');
    expect(computes).toEqual([30]);
    onChange!();
    onChange!();
    await new Promise((r) => setTimeout(r, 600));
    expect(computes).toEqual([30, 30]);
    await stop();
    expect(stopped).toBe(true);
  });

  it('keeps a compute error as the pane message', async () => {
    const store = makeStore({ compute: () => Promise.reject(new Error('git exploded')), readCache: () => Promise.reject(new Error('nope')) });
    await store.getState().kpiLoadCache();
    await store.getState().kpiRecompute();
    expect(store.getState().kpiError).toBe('git exploded');
    expect(store.getState().kpiHasMetrics).toBe(false);
  });
});
