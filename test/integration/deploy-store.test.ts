// The Deploy pane's handlers through the store's dispatcher (every key as a user presses it),
// over a real temp git repo; the launcher is injected so these tests look at the RunSpec.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunSpec } from '../../models/run.js';
import { loadConfig } from '../../src/config/load-config.js';
import { createAppStore } from '../../src/store/app-store.js';
import type { AppStore } from '../../src/store/app-store.js';
import { createTaskRepo } from '../../src/tasks/task-repo.js';
import { DEFAULT_CONFIG, makeDeployRepo } from '../fixtures/deploy/make-repo.js';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

async function setup(config = DEFAULT_CONFIG): Promise<{ store: AppStore; root: string; launched: RunSpec[]; tick(ms: number): void; keys(...k: string[]): Promise<void> }> {
  const root = await makeDeployRepo({ config });
  roots.push(root);
  let clock = Date.now();
  const launched: RunSpec[] = [];
  const store = createAppStore({
    taskRepo: createTaskRepo(root),
    root,
    config: await loadConfig(root),
    readonly: false,
    color: false,
    now: () => new Date(clock),
    services: { deploy: { launch: async (spec) => {
      launched.push(spec);
      return { runId: spec.id, pid: 1, logPath: `${root}/.orchestration/runs/${spec.id}.log` };
    } } },
  });
  await store.getState().reloadDeployRuns();
  store.getState().openView('deploy');
  return {
    store,
    root,
    launched,
    tick: (ms) => {
      clock += ms;
    },
    keys: async (...k) => {
      for (const key of k) await store.getState().dispatch(key);
    },
  };
}

const wizard = (store: AppStore) => store.getState().deployWizard;

describe('deploy handlers', () => {
  it('@ opens the command log at the newest entries; j/k/g/G scroll it within bounds', async () => {
    const { store, root, keys } = await setup();
    const { appendCommandLog } = await import('../../src/runs/command-log.js');
    for (let i = 0; i < 40; i += 1) {
      await appendCommandLog(root, { at: new Date(Date.UTC(2026, 10, 26, 10, i)).toISOString(), source: 'check', command: `check number ${i}`, exitCode: 0, durationMs: 5 });
    }
    await keys('@');
    expect(store.getState().deployMode).toBe('commands');
    expect(store.getState().deployCommands?.at(-1)?.command).toBe('check number 39');
    expect(store.getState().deployCommandsScroll).toBe(0);
    await keys('k', 'k', 'k', 'j');
    expect(store.getState().deployCommandsScroll).toBe(2);
    await keys('g');
    const top = store.getState().deployCommandsScroll;
    expect(top).toBeGreaterThan(2);
    await keys('k');
    expect(store.getState().deployCommandsScroll).toBe(top);
    await keys('G', 'j');
    expect(store.getState().deployCommandsScroll).toBe(0);
    await keys('escape');
    expect(store.getState().deployMode).not.toBe('commands');
  });


  it('moves the env cursor, types a custom version, toggles push, overrides a failed check with a reason', async () => {
    process.env.FAIL_CHECK = 'lint';
    try {
      const { store, launched, tick, keys } = await setup();
      await keys('j', 'j', 'k');
      expect(store.getState().deployCursor).toBe(0);
      await keys('d', 'return');
      await vi.waitFor(() => expect(wizard(store)?.versions.length).toBeGreaterThan(0));
      await keys('P');
      expect(wizard(store)?.push).toBe(true);
      await keys('n');
      expect(store.getState().overlay).toMatchObject({ kind: 'prompt' });
      for (const ch of 'v9.9.9') await keys(ch);
      await keys('return');
      await vi.waitFor(() => expect(wizard(store)?.checks.every((c) => c.status !== 'running')).toBe(true));
      expect(wizard(store)?.choice).toMatchObject({ version: 'v9.9.9', createTag: true });
      expect(wizard(store)?.checks.find((c) => c.name === 'lint')?.status).toBe('failed');
      await keys('a', 'return');
      expect(store.getState().message?.text).toContain('blocked: failed: lint');
      await keys('o', 'return');
      expect(store.getState().message?.text).toContain('an override needs a reason');
      await keys('o');
      for (const ch of 'known flaky') await keys(ch === ' ' ? 'space' : ch);
      await keys('return');
      expect(wizard(store)?.overrideReason).toBe('known flaky');
      await keys('return');
      await vi.waitFor(() => expect(wizard(store)?.step).toBe('confirm'));
      tick(1000);
      await keys('y');
      await vi.waitFor(() => expect(launched).toHaveLength(1));
      expect(launched[0]).toMatchObject({ version: 'v9.9.9', override: { reason: 'known flaky', failedChecks: ['lint'] } });
      expect(launched[0]?.steps.map((s) => s.id)).toEqual(['tag', 'deploy', 'smoke', 'status']);
      expect(store.getState().runningFlows).toBe(1);
      expect(wizard(store)?.step).toBe('running');
      await keys('escape');
      expect(store.getState().deployMode).toBe('list');
    } finally {
      delete process.env.FAIL_CHECK;
    }
  });

  it('production: no override without config; a bad custom version is refused', async () => {
    process.env.FAIL_CHECK = 'tests';
    try {
      const { store, keys } = await setup();
      await keys('d', 'j', 'return');
      await vi.waitFor(() => expect(wizard(store)?.versions.length).toBeGreaterThan(0));
      await keys('n');
      for (const ch of 'v1;x') await keys(ch);
      await keys('return');
      expect(store.getState().message?.text).toContain('is not a release version');
      await keys('return');
      await vi.waitFor(() => expect(wizard(store)?.checks.every((c) => c.status !== 'running')).toBe(true));
      await keys('o');
      expect(store.getState().message?.text).toContain('production: failed checks cannot be overridden');
      await keys('escape', 'escape', 'escape');
      expect(store.getState().deployMode).toBe('list');
    } finally {
      delete process.env.FAIL_CHECK;
    }
  });

  it('rollback wizard: a database migration typed in a prompt; Esc steps back; plan runs nothing', async () => {
    const { store, launched, tick, keys } = await setup();
    await keys('r', 'return');
    await vi.waitFor(() => expect(wizard(store)?.rollbacks.length).toBeGreaterThan(0));
    await keys('G', 'j', 'return');
    expect(store.getState().overlay).toMatchObject({ kind: 'prompt', prompt: { id: 'db-migration' } });
    for (const ch of '002_fees') await keys(ch);
    await keys('return');
    await vi.waitFor(() => expect(wizard(store)?.step).toBe('confirm'));
    expect(wizard(store)?.planLines.join('\n')).toContain('./scripts/db-rollback.sh 002_fees');
    tick(1000);
    await keys('n');
    expect(wizard(store)?.step).toBe('version');
    await keys('escape', 'escape');
    await keys('p', 'return');
    await vi.waitFor(() => expect(wizard(store)?.versions.length).toBeGreaterThan(0));
    await keys('return');
    await vi.waitFor(() => expect(wizard(store)?.step).toBe('plan'));
    await keys('escape');
    expect(wizard(store)?.step).toBe('version');
    expect(launched).toHaveLength(0);
  });

  it('the log view scrolls, pages, searches; the command log and abort questions open and close', async () => {
    const { store, keys, root } = await setup();
    const runId = '20260101-000000-deploy-abcd';
    const at = new Date().toISOString();
    mkdirSync(join(root, '.orchestration', 'runs'), { recursive: true });
    writeFileSync(join(root, '.orchestration', 'runs', `${runId}.log`), Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n') + '\n');
    const events = [
      { v: 1, runId, at, event: 'run-started', kind: 'deploy', env: 'staging', version: 'v1.2.0', previousVersion: null, commit: null, who: 'ana@box', host: 'elsewhere', pid: 1, logPath: `.orchestration/runs/${runId}.log`, steps: [{ id: 'deploy', title: 'Deploy script' }] },
      { v: 1, runId, at, event: 'run-finished', result: 'success', failedStep: null, durationMs: 5 },
    ];
    writeFileSync(join(root, '.orchestration', 'deploys.jsonl'), events.map((e) => JSON.stringify(e)).join('\n') + '\n');
    await store.getState().reloadDeployRuns();
    await keys('return');
    await vi.waitFor(() => expect(store.getState().deployViewer?.state.total).toBeGreaterThanOrEqual(100));
    const state = () => store.getState().deployViewer?.state;
    expect(state()?.follow).toBe(true);
    await keys('k');
    expect(state()?.follow).toBe(false);
    const top = state()?.top ?? 0;
    await keys('pageup');
    expect(state()?.top).toBeLessThan(top);
    await keys('g');
    expect(state()?.top).toBe(0);
    await keys('j', 'pagedown');
    expect(state()?.top).toBeGreaterThan(1);
    await keys('G');
    expect(state()?.follow).toBe(true);
    await keys('f');
    expect(state()?.follow).toBe(false);
    await keys('/');
    for (const ch of 'line 4') await keys(ch === ' ' ? 'space' : ch);
    await keys('return');
    expect(state()?.search).toMatchObject({ query: 'line 4', matches: 11 });
    const current = state()?.search?.current;
    await keys('n');
    expect(state()?.search?.current).not.toBe(current);
    await keys('N');
    expect(state()?.search?.current).toBe(current);
    await keys('/');
    for (const ch of 'nothing') await keys(ch);
    await keys('return');
    expect(store.getState().message?.text).toContain('is not in the log');
    await keys('q');
    expect(store.getState().deployMode).toBe('list');
    expect(store.getState().deployViewer).toBeNull();
    await keys('@');
    expect(store.getState().deployMode).toBe('commands');
    await keys('@');
    expect(store.getState().deployMode).toBe('list');
    await keys('x');
    expect(store.getState().message?.text).toBe('no live run to abort');
    await keys('j', 'return');
    expect(store.getState().message?.text).toBe('no run to show yet');
  });
});
