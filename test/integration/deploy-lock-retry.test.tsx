// A guided deploy/rollback whose launch is refused because another real run holds the
// environment's lock: the wizard shows who holds it (run id, user, since) and, when the user
// tries again, re-reads the journal and git, re-runs the checks (deploy) or re-resolves the
// rollback target, and only then asks for the confirmation again. The holder is a real
// detached run started by launchRun whose deploy script waits for a gate file, so the test
// decides when it ends (no timing guesses).
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildDeployPlan } from '../../src/deploy/plan.js';
import { launchRun } from '../../src/runs/launch-run.js';
import { newRunId } from '../../src/runs/run-ids.js';
import { acquireLock, releaseLock } from '../../src/runs/run-lock.js';
import { frame, journal, openDeployApp, press, type DeployApp } from '../fixtures/deploy/deploy-app.js';
import { GATED_CONFIG, makeDeployRepo } from '../fixtures/deploy/make-repo.js';


type Harness = DeployApp & { stop(): Promise<void> };
const harnesses: Harness[] = [];

async function start(journalLines: object[] = []): Promise<Harness> {
  const root = await makeDeployRepo({ config: GATED_CONFIG });
  if (journalLines.length > 0) writeFileSync(join(root, '.orchestration', 'deploys.jsonl'), journalLines.map((e) => JSON.stringify(e)).join('\n') + '\n');
  const app = await openDeployApp(root);
  const h: Harness = {
    ...app,
    stop: async () => {
      await app.close();
      // never leave a gated runner waiting: open the gate and let every run end before removing the root
      openGate(root);
      await vi.waitFor(() => expect(runsLeft(root)).toBe(0), { timeout: 30_000, interval: 50 }).catch(() => undefined);
      rmSync(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    },
  };
  harnesses.push(h);
  return h;
}

afterEach(async () => {
  delete process.env.FAIL_CHECK;
  for (const h of harnesses.splice(0)) await h.stop();
});

/** Runs started but not finished, plus locks still held (a runner frees its lock last). */
function runsLeft(root: string): number {
  const text = journal(root);
  const open = (text.match(/"event":"run-started"/g)?.length ?? 0) - (text.match(/"event":"run-finished"/g)?.length ?? 0);
  const locks = join(root, '.orchestration', 'locks');
  return open + (existsSync(locks) ? readdirSync(locks).length : 0);
}

function openGate(root: string): void {
  mkdirSync(join(root, '.state'), { recursive: true });
  writeFileSync(join(root, '.state', 'go'), '');
}

/** A pairing engineer's deploy: a real detached run that holds the staging lock until the gate opens. */
async function launchHolder(h: Harness, version: string): Promise<string> {
  const spec = buildDeployPlan(h.store.getState().deployConfig, 'staging', version, {
    root: h.root, runId: newRunId('deploy'), who: 'ana@elsewhere', previousVersion: null, commit: null, createTag: false, push: false, remote: null, override: null,
  });
  const { runId } = await launchRun(spec);
  return runId;
}

/** Finished staging deploys of v1.0.0 then v1.1.0, as the journal records them. */
function history(): object[] {
  const lines: object[] = [];
  ['v1.0.0', 'v1.1.0'].forEach((version, i) => {
    const runId = `20260101-00000${i}-deploy-000${i}`;
    const at = `2026-01-01T00:00:0${i}.000Z`;
    lines.push({ v: 1, runId, at, event: 'run-started', kind: 'deploy', env: 'staging', version, previousVersion: null, commit: null, who: 'bo@box', host: 'elsewhere', pid: 1, logPath: `.orchestration/runs/${runId}.log`, steps: [{ id: 'deploy', title: 'Deploy script' }] });
    lines.push({ v: 1, runId, at, event: 'run-finished', result: 'success', failedStep: null, durationMs: 5 });
  });
  return lines;
}

describe('deploy wizard after a lock refusal', { timeout: 90_000 }, () => {
  it('shows who holds the lock; Enter re-runs the checks and re-reads the plan before asking again', async () => {
    const h = await start();
    await press(h, '2', /History of staging/);
    await press(h, 'd', /Deploy · env/);
    await press(h, '\r', /new tag from HEAD/);
    await press(h, 'j', /> v1\.2\.0/);
    await press(h, '\r', /Checks \(2\/2 passed\)/);
    await press(h, 'a', /Ready/);
    await press(h, '\r', /Proceed\? y confirms/);
    expect(frame(h)).toContain('Deploy v1.2.0 to staging (now: unknown)');
    // the other engineer's deploy takes the lock while this one is being confirmed
    const holder = await launchHolder(h, 'v1.1.0');
    h.tick(1000);
    await press(h, 'y', /Refused: staging is locked/, 15_000);
    const refused = frame(h);
    expect(refused).toContain(holder);
    expect(refused).toContain('ana@elsewhere');
    expect(refused).toMatch(/since +\d\d:\d\d:\d\d UTC/);
    expect(refused).toMatch(/Enter: re-run the checks and re-read the versions, then ask again/);
    expect(refused).toContain(`opsdeck runs follow ${holder}`);
    expect(h.store.getState().deployWizard?.confirm).toBeNull();
    expect(journal(h.root).match(/"event":"run-started"/g)).toHaveLength(1);
    // no confirmation is open: y does not launch anything
    h.tick(1000);
    h.stdin.write('y');
    expect(h.store.getState().deployWizard?.step).toBe('locked');

    // the other run ends (a deploy just went out), and a check now fails
    openGate(h.root);
    await vi.waitFor(() => expect(frame(h)).toMatch(/finished: success/), { timeout: 20_000 });
    process.env.FAIL_CHECK = 'lint';
    await press(h, '\r', /Checks \(1\/2 passed\)[\s\S]*lint\s+failed/, 15_000);
    expect(frame(h)).toContain('staging now runs v1.1.0');
    // a fresh checklist: the manual items are asked again, the failed check blocks
    await press(h, 'a', /Blocked: failed: lint/);
    await press(h, '\r', /blocked: failed: lint/);
    await press(h, 'o', /Override reason/);
    await press(h, 'lint flaky since v1.1.0', /lint flaky since v1\.1\.0/);
    await press(h, '\r', /Ready: Enter for the confirmation \(override: lint flaky/);
    await press(h, '\r', /Proceed\? y confirms/);
    // the plan was built again: the version deployed now is the one that just went out
    expect(frame(h)).toContain('Deploy v1.2.0 to staging (now: v1.1.0)');
    expect(frame(h)).toContain('checks overridden (lint)');
    h.tick(1000);
    await press(h, 'y', /deploy success/, 20_000);
    const started = journal(h.root).split('\n').filter((l) => l.includes('"event":"run-started"')).map((l) => JSON.parse(l));
    expect(started).toHaveLength(2);
    expect(started[1]).toMatchObject({ version: 'v1.2.0', previousVersion: 'v1.1.0', override: { reason: 'lint flaky since v1.1.0', failedChecks: ['lint'] } });
    expect(started[1].runId).not.toBe(holder);
  });

  it('a refused rollback re-resolves its target: still locked is said again; after the other run, immediate means the new previous version', async () => {
    const h = await start(history());
    await press(h, '2', /staging\s+v1\.1\.0/);
    await press(h, 'r', /Rollback · env/);
    await press(h, '\r', /immediate {2}\.\/scripts\/rollback\.sh immediate \(to v1\.0\.0\)/);
    await press(h, '\r', /Proceed\? y confirms/);
    expect(frame(h)).toContain('Rollback v1.0.0 to staging (now: v1.1.0)');
    const holder = await launchHolder(h, 'v1.2.0');
    h.tick(1000);
    await press(h, 'y', /Refused: staging is locked/, 15_000);
    expect(frame(h)).toContain(holder);
    // trying again while the other run still holds the lock: refused again, before any confirmation
    await press(h, '\r', /still locked/, 15_000);
    expect(h.store.getState().deployWizard?.step).toBe('locked');
    expect(h.store.getState().deployWizard?.confirm).toBeNull();

    openGate(h.root);
    await vi.waitFor(() => expect(frame(h)).toMatch(/finished: success/), { timeout: 20_000 });
    await press(h, '\r', /Proceed\? y confirms/, 15_000);
    expect(frame(h)).toContain('Rollback v1.1.0 to staging (now: v1.2.0)');
    expect(frame(h)).toContain('immediate now rolls back to v1.1.0 (was v1.0.0)');
    h.tick(1000);
    await press(h, 'y', /rollback success/, 20_000);
    const rollback = journal(h.root).split('\n').filter((l) => l.includes('"kind":"rollback"')).map((l) => JSON.parse(l));
    expect(rollback[0]).toMatchObject({ env: 'staging', version: 'v1.1.0', previousVersion: 'v1.2.0' });
  });

  it('Esc on the refusal goes back to the table, where the holding run is shown live', async () => {
    const h = await start();
    await press(h, '2', /History of staging/);
    // the table's cursor on production; the wizard picks staging
    await press(h, 'j', /History of production/);
    await press(h, 'r', /Rollback · env/);
    await press(h, 'k', /> staging/);
    await press(h, '\r', /immediate/);
    await press(h, '\r', /Proceed\? y confirms/);
    const holder = await launchHolder(h, 'v1.1.0');
    h.tick(1000);
    await press(h, 'y', /Refused: staging is locked/, 15_000);
    await press(h, '\u001b', /▶ deploy v1\.1\.0 running/);
    expect(h.store.getState().deployWizard).toBeNull();
    // the table is on the locked environment: Enter follows the holding run's log
    h.stdin.write('\r');
    await vi.waitFor(() => expect(h.store.getState().deployViewer?.runId).toBe(holder));
    expect(h.store.getState().deployMode).toBe('log');
  });
});

describe('the retry re-reads git', { timeout: 90_000 }, () => {
  async function git(root: string, ...args: string[]): Promise<void> {
    const { execa } = await import('execa');
    await execa('git', args, { cwd: root, env: { GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x' } });
  }

  /** A real lock file made by the runs code, held by a live pid on this host (this test process). */
  async function takeLock(root: string, runId: string): Promise<void> {
    const { hostname } = await import('node:os');
    await acquireLock(root, { env: 'staging', who: 'bo@box', host: hostname(), pid: process.pid, runId, startedAt: new Date().toISOString() });
  }

  it('a tag created meanwhile is deployed as the existing tag; a tag that is gone is picked again', async () => {
    const h = await start();
    await takeLock(h.root, 'held-1');
    await press(h, '2', /History of staging/);
    await press(h, 'd', /Deploy · env/);
    await press(h, '\r', /v1\.3\.0 {2}new tag from HEAD/);
    await press(h, '\r', /Checks \(2\/2 passed\)/);
    await press(h, 'a', /Ready/);
    // the lock is found before the confirmation is asked
    await press(h, '\r', /Refused: staging is locked/);
    expect(frame(h)).toContain('held-1');
    expect(frame(h)).toContain('not in the deploy journal');
    // meanwhile the other engineer tagged v1.3.0 and released the lock
    await git(h.root, 'tag', '-a', 'v1.3.0', '-m', 'Release version 1.3.0');
    await releaseLock(h.root, 'staging', 'held-1');
    await press(h, '\r', /tag v1\.3\.0 now exists: not tagging/, 15_000);
    await vi.waitFor(() => expect(frame(h)).toMatch(/Checks \(2\/2 passed\)/), { timeout: 15_000 });
    await press(h, 'a', /Ready/);
    await press(h, '\r', /Proceed\? y confirms/);
    expect(frame(h)).not.toContain('git tag -a');
    expect(h.store.getState().deployWizard?.spec?.steps.map((s) => s.id)).toEqual(['deploy', 'smoke', 'status']);

    // locked again; this time the chosen tag disappears before the retry
    await press(h, '\u001b', /Checks/);
    await takeLock(h.root, 'held-2');
    await press(h, '\r', /Refused: staging is locked/);
    await git(h.root, 'tag', '-d', 'v1.3.0');
    await releaseLock(h.root, 'staging', 'held-2');
    await press(h, '\r', /tag v1\.3\.0 is gone: pick a version again/, 15_000);
    expect(h.store.getState().deployWizard?.step).toBe('version');
    expect(frame(h)).toMatch(/v1\.3\.0 {2}new tag from HEAD/);
  });
});
