import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchRun, readCommandLog, readLock, readRuns, LockHeldError } from '../../src/runs/index.js';
import { hostname } from 'node:os';
import { appendJournalEvent } from '../../src/runs/journal.js';
import { lockPath } from '../../src/runs/run-ids.js';
import { acquireLock, releaseLock } from '../../src/runs/run-lock.js';
import { startHealthServer, type HealthServer } from '../helpers/health-server.js';
import { commandStep, makeRoot, makeSpec, script, waitForFinish } from './runs-fixture.js';

let health: HealthServer;
const cleanups: Array<() => void> = [];
function root(): string {
  const made = makeRoot();
  cleanups.push(made.cleanup);
  return made.root;
}

beforeAll(async () => {
  health = await startHealthServer();
});
afterAll(async () => {
  await health.close();
});
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

describe('launchRun', () => {
  it('runs command steps detached, logs output to a 0600 log, journals every event and frees the lock', async () => {
    const r = root();
    const spec = makeSpec(r, [commandStep('deploy', script('succeed.sh', 'staging', 'v1.2.3')), commandStep('smoke', script('succeed.sh', 'smoke'))]);
    const launched = await launchRun(spec);
    expect(launched.runId).toBe(spec.id);
    expect(launched.pid).toBeGreaterThan(0);
    const run = await waitForFinish(r, spec.id);
    expect(run.finished?.result).toBe('success');
    expect(run.finished?.failedStep).toBeNull();
    expect(run.started.pid).toBe(launched.pid);
    expect(run.steps.map((s) => [s.id, s.finished?.ok, s.finished?.exitCode])).toEqual([['deploy', true, 0], ['smoke', true, 0]]);
    expect(statSync(launched.logPath).mode & 0o777).toBe(0o600);
    const log = readFileSync(launched.logPath, 'utf8');
    expect(log).toContain('deploying staging v1.2.3');
    expect(log).toContain('deploying smoke');
    // the runner journals run-finished first and frees the lock just after
    await expect.poll(() => existsSync(lockPath(r, 'staging')), { timeout: 5000 }).toBe(false);
    const commands = await readCommandLog(r);
    expect(commands.map((c) => [c.source, c.exitCode, c.runId])).toEqual([['script', 0, spec.id], ['script', 0, spec.id]]);
  });

  it('stops at the first failing step and records it', async () => {
    const r = root();
    const spec = makeSpec(r, [commandStep('deploy', script('succeed.sh')), commandStep('health', script('fail.sh', '7')), commandStep('smoke', script('succeed.sh'))]);
    await launchRun(spec);
    const run = await waitForFinish(r, spec.id);
    expect(run.finished?.result).toBe('failed');
    expect(run.finished?.failedStep).toBe('health');
    expect(run.steps.find((s) => s.id === 'health')?.finished).toMatchObject({ ok: false, exitCode: 7, detail: 'exit code 7' });
    expect(run.steps.find((s) => s.id === 'smoke')?.startedAt).toBeUndefined();
  });

  it('fails a step whose program does not exist, and one that times out', async () => {
    const r = root();
    const missing = makeSpec(r, [commandStep('deploy', ['/nonexistent/deploy.sh'])], { env: null });
    await launchRun(missing);
    const run = await waitForFinish(r, missing.id);
    expect(run.finished?.result).toBe('failed');
    expect(run.steps[0]?.finished?.detail).toMatch(/cannot run \/nonexistent\/deploy.sh/);

    const slow = makeSpec(r, [commandStep('deploy', script('slow.sh', '100', '0.1'), { timeoutSec: 1 })], { env: null });
    await launchRun(slow);
    const timedOut = await waitForFinish(r, slow.id);
    expect(timedOut.finished?.result).toBe('failed');
    expect(timedOut.steps[0]?.finished).toMatchObject({ ok: false, exitCode: null, detail: 'timed out after 1s' });
  });

  it('refuses a second run for a locked environment with exit code 3 and says how to follow', async () => {
    const r = root();
    const first = makeSpec(r, [commandStep('deploy', script('slow.sh', '30', '0.1'))]);
    await launchRun(first);
    const lock = await readLock(r, 'staging');
    expect(lock?.runId).toBe(first.id);
    const second = makeSpec(r, [commandStep('deploy', script('succeed.sh'))]);
    const error = await launchRun(second).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockHeldError);
    expect((error as LockHeldError).exitCode).toBe(3);
    expect((error as LockHeldError).message).toContain(`opsdeck runs follow ${first.id}`);
    expect((error as LockHeldError).message).toContain(first.who);
    expect((await readRuns(r)).runs.map((x) => x.id)).toEqual([first.id]);
    // another environment is free
    const other = makeSpec(r, [commandStep('deploy', script('succeed.sh'))], { env: 'production' });
    await launchRun(other);
    expect((await waitForFinish(r, other.id)).finished?.result).toBe('success');
    expect((await waitForFinish(r, first.id)).finished?.result).toBe('success');
  });

  it('recovers a stale lock left by a dead runner and says so in the result', async () => {
    const r = root();
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const { hostname } = await import('node:os');
    const { spawnSync } = await import('node:child_process');
    const dead = spawnSync('true').pid!;
    mkdirSync(join(r, '.orchestration/locks'), { recursive: true });
    writeFileSync(lockPath(r, 'staging'), JSON.stringify({ env: 'staging', who: 'ghost@box', host: hostname(), pid: dead, runId: 'old-run', startedAt: '2026-01-01T00:00:00.000Z' }));
    const spec = makeSpec(r, [commandStep('deploy', script('succeed.sh'))]);
    const launched = await launchRun(spec);
    expect(launched.recoveredStaleLock).toBe(`recovered a stale staging lock of run old-run (ghost@box, pid ${dead} is gone since it started 2026-01-01T00:00:00.000Z)`);
    expect((await waitForFinish(r, spec.id)).finished?.result).toBe('success');
  });

  it('waits for the lock of a run that journalled its end (its runner frees it next) instead of refusing', async () => {
    const r = root();
    // a runner between journalling run-finished and freeing its lock: the lock is held by a live pid
    const finishing = makeSpec(r, [commandStep('deploy', script('succeed.sh'))]);
    await acquireLock(r, { env: 'staging', who: 'ana@box', host: hostname(), pid: process.pid, runId: finishing.id, startedAt: new Date().toISOString() });
    const at = new Date().toISOString();
    await appendJournalEvent(r, finishing.journal, { v: 1, runId: finishing.id, at, event: 'run-started', kind: 'deploy', env: 'staging', version: 'v1.2.2', previousVersion: null, commit: null, who: 'ana@box', host: hostname(), pid: process.pid, logPath: `.orchestration/runs/${finishing.id}.log`, steps: [{ id: 'deploy', title: 'Deploy' }] });
    await appendJournalEvent(r, finishing.journal, { v: 1, runId: finishing.id, at, event: 'run-finished', result: 'failed', failedStep: 'deploy', durationMs: 5 });
    const next = makeSpec(r, [commandStep('rollback', script('succeed.sh'))], {}, 'rollback');
    const freed = new Promise<void>((resolve) => setTimeout(() => void releaseLock(r, 'staging', finishing.id).then(() => resolve()), 300));
    const launched = await launchRun(next);
    await freed;
    expect(launched.runId).toBe(next.id);
    expect((await waitForFinish(r, next.id)).finished?.result).toBe('success');

    // never freed: refused once the grace period is over
    const stuck = makeSpec(r, [commandStep('deploy', script('succeed.sh'))]);
    await acquireLock(r, { env: 'staging', who: 'ana@box', host: hostname(), pid: process.pid, runId: stuck.id, startedAt: at });
    await appendJournalEvent(r, stuck.journal, { v: 1, runId: stuck.id, at, event: 'run-finished', result: 'success', failedStep: null, durationMs: 5 });
    await expect(launchRun(makeSpec(r, [commandStep('deploy', script('succeed.sh'))]), { finishingGraceMs: 200 })).rejects.toBeInstanceOf(LockHeldError);
    await releaseLock(r, 'staging', stuck.id);
  });

  it('rejects an invalid spec and an environment name that is not a plain name', async () => {
    const r = root();
    await expect(launchRun({ ...makeSpec(r, [commandStep('deploy', script('succeed.sh'))]), steps: [] })).rejects.toThrow(/invalid run spec: steps/);
    await expect(launchRun(makeSpec(r, [commandStep('deploy', script('succeed.sh'))], { env: '../etc' }))).rejects.toThrow(/invalid environment name/);
  });

  it('runs http steps: healthy at once, 500 exhausts its retries, a hang times out per request', async () => {
    const r = root();
    const healthy = makeSpec(r, [{ id: 'health', title: 'Health', kind: 'http', url: health.url('/healthy'), attempts: 3, requestTimeoutMs: 1000, backoffMs: 10 }], { env: null });
    const failing = makeSpec(r, [{ id: 'health', title: 'Health', kind: 'http', url: health.url('/error'), attempts: 3, requestTimeoutMs: 1000, backoffMs: 10 }], { env: null });
    const hanging = makeSpec(r, [{ id: 'health', title: 'Health', kind: 'http', url: health.url('/hang'), attempts: 2, requestTimeoutMs: 300, backoffMs: 10 }], { env: null });
    const flaky = makeSpec(r, [{ id: 'health', title: 'Health', kind: 'http', url: health.url('/flaky/2'), attempts: 4, requestTimeoutMs: 1000, backoffMs: 10 }], { env: null });
    for (const s of [healthy, failing, hanging, flaky]) await launchRun(s);
    const [ok, bad, hung, recovered] = await Promise.all([healthy, failing, hanging, flaky].map((s) => waitForFinish(r, s.id)));
    expect(ok?.finished?.result).toBe('success');
    expect(ok?.steps[0]?.finished?.exitCode).toBe(200);
    expect(bad?.finished?.result).toBe('failed');
    expect(bad?.steps[0]?.finished).toMatchObject({ ok: false, exitCode: 500, detail: 'HTTP 500 after 3 attempt(s)' });
    expect(health.hits('/error')).toBe(3);
    expect(hung?.finished?.result).toBe('failed');
    expect(hung?.steps[0]?.finished?.detail).toBe('no answer within 300 ms after 2 attempt(s)');
    expect(health.hits('/hang')).toBe(2);
    expect(recovered?.finished?.result).toBe('success');
    expect(health.hits('/flaky/2')).toBe(3);
    const log = readFileSync(join(r, recovered!.started.logPath), 'utf8');
    expect(log).toMatch(/attempt 1\/4: GET .*flaky\/2 -> 500/);
    expect((await readCommandLog(r)).filter((c) => c.source === 'health')).toHaveLength(4);
  });
});
