import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { abortRun, isRunLive, launchRun, readLock, readRuns, reconcileRuns } from '../../src/runs/index.js';
import { groupMembers, isPidAlive } from '../../src/runs/proc-group.js';
import { commandStep, makeRoot, makeSpec, script, until, waitForFinish } from './runs-fixture.js';

const cleanups: Array<() => void> = [];
function root(): string {
  const made = makeRoot();
  cleanups.push(made.cleanup);
  return made.root;
}
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

const readPids = (file: string): number[] | undefined => {
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8').trim();
  return text ? text.split(/\s+/).map(Number) : undefined;
};

describe('abortRun', () => {
  it('stops a running step with SIGTERM; the runner records interrupted and frees the lock', async () => {
    const r = root();
    const spec = makeSpec(r, [commandStep('deploy', script('slow.sh', '200', '0.1')), commandStep('smoke', script('succeed.sh'))]);
    const { pid } = await launchRun(spec);
    await until(() => readFileSync(join(r, '.orchestration/runs', `${spec.id}.log`), 'utf8').includes('tick 2/'));
    await abortRun(r, spec.id, { graceMs: 5000 });
    const run = await waitForFinish(r, spec.id);
    expect(run.finished).toMatchObject({ result: 'interrupted', failedStep: 'deploy' });
    expect(run.steps[0]?.finished?.detail).toBe('aborted (SIGTERM)');
    expect(groupMembers(pid)).toEqual([]);
    expect(await readLock(r, 'staging')).toBeUndefined();
  });

  it('kills a script that ignores SIGTERM after the grace period and records interrupted', async () => {
    const r = root();
    const pidFile = join(r, 'script.pid');
    const spec = makeSpec(r, [commandStep('deploy', script('ignore-term.sh', pidFile))]);
    const { pid } = await launchRun(spec);
    const [scriptPid] = await until(() => readPids(pidFile));
    await abortRun(r, spec.id, { graceMs: 400 });
    expect(isPidAlive(scriptPid!)).toBe(false);
    expect(isPidAlive(pid)).toBe(false);
    expect(groupMembers(pid)).toEqual([]);
    const run = (await readRuns(r)).runs.find((x) => x.id === spec.id)!;
    expect(run.finished).toMatchObject({ result: 'interrupted', failedStep: 'deploy' });
    expect(isRunLive(run)).toBe(false);
    expect(await readLock(r, 'staging')).toBeUndefined();
  });

  it('leaves no orphan: a child the script started (ignoring SIGTERM) is killed too', async () => {
    const r = root();
    const pidFile = join(r, 'pids');
    const spec = makeSpec(r, [commandStep('deploy', script('leave-child.sh', pidFile))]);
    const { pid } = await launchRun(spec);
    const [parent, child] = await until(() => readPids(pidFile));
    expect(isPidAlive(child!)).toBe(true);
    await abortRun(r, spec.id, { graceMs: 400 });
    expect(isPidAlive(parent!)).toBe(false);
    expect(isPidAlive(child!)).toBe(false);
    expect(groupMembers(pid)).toEqual([]);
    expect((await waitForFinish(r, spec.id)).finished?.result).toBe('interrupted');
  });

  it('does nothing for a finished run and refuses an unknown id', async () => {
    const r = root();
    const spec = makeSpec(r, [commandStep('deploy', script('succeed.sh'))]);
    await launchRun(spec);
    await waitForFinish(r, spec.id);
    await abortRun(r, spec.id);
    expect((await readRuns(r)).runs[0]?.finished?.result).toBe('success');
    await expect(abortRun(r, 'no-such-run')).rejects.toThrow(/no run no-such-run/);
  });
});

describe('reconcileRuns', () => {
  it('marks a run whose runner was SIGKILLed as interrupted and releases its lock', async () => {
    const r = root();
    const spec = makeSpec(r, [commandStep('deploy', script('slow.sh', '200', '0.1'))]);
    const { pid, logPath } = await launchRun(spec);
    await until(() => readFileSync(logPath, 'utf8').includes('tick 1/'));
    expect(await reconcileRuns(r)).toEqual([]); // alive: left alone
    process.kill(-pid, 'SIGKILL');
    await until(() => groupMembers(pid).length === 0);
    const before = (await readRuns(r)).runs[0]!;
    expect(before.finished).toBeUndefined();
    expect(isRunLive(before)).toBe(false);
    expect(await reconcileRuns(r)).toEqual([spec.id]);
    const after = (await readRuns(r)).runs[0]!;
    expect(after.finished).toMatchObject({ result: 'interrupted', failedStep: 'deploy' });
    expect(after.steps[0]?.finished?.detail).toMatch(/died without recording an end/);
    expect(await readLock(r, 'staging')).toBeUndefined();
    expect(await reconcileRuns(r)).toEqual([]); // once only
  });
});
