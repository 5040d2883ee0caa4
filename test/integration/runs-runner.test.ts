// The runner's work in-process (the detached tests cover the same code in dist/run-worker.js).
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readCommandLog, readRuns } from '../../src/runs/index.js';
import { runSpec } from '../../src/runs/runner.js';
import { acquireLock, readLock } from '../../src/runs/run-lock.js';
import { commandLine } from '../../src/runs/run-steps.js';
import { startHealthServer, type HealthServer } from '../helpers/health-server.js';
import { commandStep, makeRoot, makeSpec, script } from './runs-fixture.js';

let health: HealthServer;
const cleanups: Array<() => void> = [];
beforeAll(async () => {
  health = await startHealthServer();
});
afterAll(async () => health.close());
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function setup() {
  const made = makeRoot();
  const log = join(made.root, 'run.log');
  const fd = openSync(log, 'a', 0o600);
  cleanups.push(() => {
    closeSync(fd);
    made.cleanup();
  });
  return { root: made.root, log, fd };
}

describe('runSpec (in-process)', () => {
  it('runs command and http steps in order, journals them and logs the commands', async () => {
    const { root, log, fd } = setup();
    const spec = makeSpec(root, [
      commandStep('deploy', script('succeed.sh', 'prod', 'v2')),
      { id: 'health', title: 'Health', kind: 'http', url: health.url('/flaky/1'), attempts: 3, requestTimeoutMs: 500, backoffMs: 5 },
      commandStep('smoke', ['sh', '-c', 'echo in $PWD; echo $GREETING'], { cwd: 'sub', env: { GREETING: 'hello from env' } }),
    ], { env: null });
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(root, 'sub'));
    expect(await runSpec(spec, { logFd: fd })).toBe(0);
    const run = (await readRuns(root)).runs[0]!;
    expect(run.finished?.result).toBe('success');
    expect(run.steps.map((s) => s.finished?.exitCode)).toEqual([0, 200, 0]);
    const text = readFileSync(log, 'utf8');
    expect(text).toContain('deploying prod v2');
    expect(text).toContain(`in ${join(root, 'sub')}`);
    expect(text).toContain('hello from env');
    expect(text).toMatch(/attempt 1\/3: GET .* -> 500/);
    expect(text).toMatch(/\[opsdeck\] run success/);
    expect((await readCommandLog(root)).map((c) => c.source)).toEqual(['script', 'health', 'script']);
  });

  it('returns 1 and records the failed step; an unreachable health URL fails after its attempts', async () => {
    const { root, fd } = setup();
    const spec = makeSpec(root, [{ id: 'health', title: 'Health', kind: 'http', url: 'http://127.0.0.1:9/', attempts: 2, requestTimeoutMs: 300, backoffMs: 5 }], { env: null });
    expect(await runSpec(spec, { logFd: fd })).toBe(1);
    const run = (await readRuns(root)).runs[0]!;
    expect(run.finished).toMatchObject({ result: 'failed', failedStep: 'health' });
    expect(run.steps[0]?.finished).toMatchObject({ ok: false, exitCode: null });
    expect(run.steps[0]?.finished?.detail).toMatch(/after 2 attempt\(s\)$/);
  });

  it('stops retrying when the step timeout would be passed', async () => {
    const { root, fd } = setup();
    const spec = makeSpec(root, [{ id: 'health', title: 'Health', kind: 'http', url: health.url('/error'), attempts: 10, requestTimeoutMs: 300, backoffMs: 2000, timeoutSec: 1 }], { env: null });
    expect(await runSpec(spec, { logFd: fd })).toBe(1);
    const detail = (await readRuns(root)).runs[0]?.steps[0]?.finished?.detail;
    expect(detail).toBe('HTTP 500 after 1 attempt(s); step timeout 1s reached');
  });

  it('an abort ends the current step, records interrupted (exit 130) and releases the lock', async () => {
    const { root, log, fd } = setup();
    const spec = makeSpec(root, [commandStep('deploy', script('slow.sh', '100', '0.05')), commandStep('smoke', script('succeed.sh'))]);
    await acquireLock(root, { env: 'staging', who: spec.who, host: (await import('node:os')).hostname(), pid: process.pid, runId: spec.id, startedAt: new Date().toISOString() });
    let abort: ((signal: NodeJS.Signals) => void) | undefined;
    const done = runSpec(spec, { logFd: fd, signals: false, onStart: (a) => (abort = a) });
    while (!readFileSync(log, 'utf8').includes('tick 2/')) await new Promise((r) => setTimeout(r, 20));
    abort!('SIGTERM');
    abort!('SIGTERM'); // a second signal changes nothing
    expect(await done).toBe(130);
    const run = (await readRuns(root)).runs[0]!;
    expect(run.finished).toMatchObject({ result: 'interrupted', failedStep: 'deploy' });
    expect(run.steps[0]?.finished?.detail).toBe('aborted (SIGTERM)');
    expect(run.steps[1]?.startedAt).toBeUndefined();
    expect(await readLock(root, 'staging')).toBeUndefined();
  });

  it('an abort during a health check backoff stops it at once', async () => {
    const { root, log, fd } = setup();
    const spec = makeSpec(root, [{ id: 'health', title: 'Health', kind: 'http', url: health.url('/error'), attempts: 5, requestTimeoutMs: 500, backoffMs: 60_000 }], { env: null });
    let abort: ((signal: NodeJS.Signals) => void) | undefined;
    const done = runSpec(spec, { logFd: fd, signals: false, onStart: (a) => (abort = a) });
    while (!readFileSync(log, 'utf8').includes('attempt 1/5')) await new Promise((r) => setTimeout(r, 20));
    abort!('SIGINT');
    expect(await done).toBe(130);
    expect((await readRuns(root)).runs[0]?.finished?.result).toBe('interrupted');
  });

  it('kills a step that passes its timeout (here only its own pid: the test process leads no group)', async () => {
    const { root, log, fd } = setup();
    const spec = makeSpec(root, [commandStep('deploy', script('ignore-term.sh'), { timeoutSec: 1 })], { env: null });
    expect(await runSpec(spec, { logFd: fd })).toBe(1);
    const run = (await readRuns(root)).runs[0]!;
    expect(run.steps[0]?.finished).toMatchObject({ ok: false, exitCode: null, detail: 'timed out after 1s' });
    expect(readFileSync(log, 'utf8')).toContain('step timed out after 1s: SIGTERM');
  });

  it('shows command lines the way a shell user would type them', () => {
    expect(commandLine(['./deploy.sh', 'production', 'v1.2.3'])).toBe('./deploy.sh production v1.2.3');
    expect(commandLine(['git', 'tag', '-a', 'v1', '-m', "Release version 1's"])).toBe(`git tag -a v1 -m 'Release version 1'\\''s'`);
  });
});
