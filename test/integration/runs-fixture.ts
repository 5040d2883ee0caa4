// Shared setup for the runs tests: a temp git repo, run specs over the fixture scripts, and
// waiting for a run's end in the journal (polling the real file).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunKind, RunRecord, RunSpec, RunStep } from '../../models/run.js';
import { DEPLOYS_JOURNAL, newRunId, readRuns, whoAmI } from '../../src/runs/index.js';

export const SCRIPTS = fileURLToPath(new URL('../fixtures/scripts/', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function script(name: string, ...args: string[]): string[] {
  return [join(SCRIPTS, name), ...args];
}

export function makeRoot(): { root: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'opsdeck-runs-'));
  mkdirSync(join(root, '.orchestration'), { recursive: true });
  execFileSync('git', ['init', '-q', root]);
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export function commandStep(id: string, argv: string[], extra: Partial<RunStep> = {}): RunStep {
  return { id, title: `Step ${id}`, kind: 'command', argv, ...extra } as RunStep;
}

export function makeSpec(root: string, steps: RunStep[], overrides: Partial<RunSpec> = {}, kind: RunKind = 'deploy'): RunSpec {
  return {
    id: newRunId(kind),
    kind,
    root,
    journal: DEPLOYS_JOURNAL,
    env: 'staging',
    version: 'v1.2.3',
    previousVersion: 'v1.2.2',
    commit: null,
    who: whoAmI(),
    override: null,
    component: null,
    steps,
    ...overrides,
  };
}

/** Polls the journal until the run has a run-finished event. */
export async function waitForFinish(root: string, runId: string, timeoutMs = 20_000, journal?: string): Promise<RunRecord> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = (await readRuns(root, journal)).runs.find((r) => r.id === runId);
    if (run?.finished) return run;
    if (Date.now() > deadline) throw new Error(`run ${runId} did not finish within ${timeoutMs} ms: ${JSON.stringify(run)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Polls until `check` holds (for files a script writes). */
export async function until<T>(check: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}
