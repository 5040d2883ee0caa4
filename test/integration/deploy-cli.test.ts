// `opsdeck deploy` and `opsdeck rollback` through the built bin, in real temp git repos with
// real scripts, a real health server on 127.0.0.1 and the real detached runner.
import { execa } from 'execa';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { JournalEventSchema } from '../../models/run.js';
import { DEFAULT_CONFIG, makeDeployRepo } from '../fixtures/deploy/make-repo.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'opsdeck');
const roots: string[] = [];
let server: Server;
let port = 0;

function opsdeck(root: string, args: string[], env: Record<string, string> = {}) {
  return execa(process.execPath, [BIN, '--root', root, ...args], { reject: false, stdin: 'ignore', env: { ...env, CI: '' } });
}

function journal(root: string) {
  const file = join(root, '.orchestration', 'deploys.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JournalEventSchema.parse(JSON.parse(l)));
}

function finished(root: string) {
  return journal(root).filter((e) => e.event === 'run-finished');
}

async function repo(config?: string): Promise<string> {
  const root = await makeDeployRepo(config ? { config } : {});
  roots.push(root);
  return root;
}

async function tags(root: string): Promise<string[]> {
  return (await execa('git', ['tag', '--list'], { cwd: root })).stdout.split('\n');
}

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/ok') res.writeHead(200).end('ok');
    else if (req.url === '/slow') setTimeout(() => res.writeHead(200).end('late'), 3000);
    else res.writeHead(500).end('down');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('opsdeck deploy', () => {
  it('deploys an existing tag: checks, deploy, smoke, status; journal says success', async () => {
    const root = await repo();
    const result = await opsdeck(root, ['deploy', 'staging', 'v1.2.0', '--yes']);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('✓ check tests');
    expect(result.stdout).toContain('deployed v1.2.0 to staging');
    expect(result.stdout).toContain('deploy v1.2.0 to staging: success');
    const started = journal(root).find((e) => e.event === 'run-started');
    expect(started).toMatchObject({ kind: 'deploy', env: 'staging', version: 'v1.2.0', previousVersion: null });
    expect(started?.event === 'run-started' && started.steps.map((s) => s.id)).toEqual(['deploy', 'smoke', 'status']);
    expect(finished(root)).toMatchObject([{ result: 'success' }]);
    expect(readFileSync(join(root, '.state', 'deployed-staging'), 'utf8').trim()).toBe('v1.2.0');
    const commands = readFileSync(join(root, '.orchestration', 'runs', 'commands.jsonl'), 'utf8');
    expect(commands).toContain('./scripts/check.sh lint');

    const again = await opsdeck(root, ['deploy', 'staging', 'v1.1.0', '--yes', '--json']);
    expect(again.exitCode).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ result: 'success', version: 'v1.1.0', previousVersion: 'v1.2.0' });
  });

  it('tags a new version from HEAD before deploying', async () => {
    const root = await repo();
    expect(await tags(root)).not.toContain('v1.3.0');
    const result = await opsdeck(root, ['deploy', 'staging', '1.3.0', '--yes']);
    expect(result.exitCode).toBe(0);
    expect(await tags(root)).toContain('v1.3.0');
    const message = (await execa('git', ['tag', '-l', '--format=%(contents:subject)', 'v1.3.0'], { cwd: root })).stdout;
    expect(message).toBe('Release version 1.3.0');
    const notes = readFileSync(join(root, '.orchestration', 'releases', 'v1.3.0.md'), 'utf8');
    expect(notes).toContain('Changes since v1.2.0.');
    expect(notes).toMatch(/## Features\n\n- \*\*api:\*\* refunds endpoint \([0-9a-f]{7}\)/);
    expect(notes).toMatch(/## Bug fixes\n\n- rounding/);
  });

  it('pushes a new tag to the configured remote only when push is asked for', async () => {
    const root = await repo();
    const remote = `${root}-origin.git`;
    roots.push(remote);
    await execa('git', ['init', '-q', '--bare', remote]);
    await execa('git', ['remote', 'add', 'origin', remote], { cwd: root });
    expect((await opsdeck(root, ['deploy', 'staging', 'v1.3.0', '--yes', '--skip-checks', '--reason', 't'])).exitCode).toBe(0);
    expect((await execa('git', ['tag', '--list'], { cwd: remote })).stdout).toBe('');
    const pushed = await opsdeck(root, ['deploy', 'staging', 'v1.4.0', '--yes', '--push', '--skip-checks', '--reason', 't']);
    expect(pushed.exitCode).toBe(0);
    expect((await execa('git', ['tag', '--list'], { cwd: remote })).stdout).toBe('v1.4.0');
    expect(journal(root).some((e) => e.event === 'step-finished' && e.step === 'push' && e.ok)).toBe(true);
  });

  it('refuses production without --yes and without a terminal (exit 2, nothing runs)', async () => {
    const root = await repo();
    const result = await opsdeck(root, ['deploy', 'production', 'v1.2.0']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('production environment: confirm with --yes');
    expect(journal(root)).toEqual([]);
    expect(existsSync(join(root, '.state'))).toBe(false);
  });

  it('--dry-run prints the exact commands and runs nothing', async () => {
    const root = await repo();
    const result = await opsdeck(root, ['deploy', 'production', 'v1.3.0', '--dry-run']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain("git tag -a v1.3.0 -m 'Release version 1.3.0'");
    expect(result.stdout).toContain('./scripts/deploy.sh production v1.3.0');
    expect(result.stdout).toContain('health check skipped');
    expect(journal(root)).toEqual([]);
    expect(await tags(root)).not.toContain('v1.3.0');
    const json = await opsdeck(root, ['deploy', 'staging', 'v1.2.0', '--dry-run', '--json']);
    expect(JSON.parse(json.stdout).plan.steps.map((s: { id: string }) => s.id)).toEqual(['deploy', 'smoke', 'status']);
  });

  it('rejects bad versions and unknown environments with exit 2', async () => {
    const root = await repo();
    const bad = await opsdeck(root, ['deploy', 'staging', 'v1.2.0;touch pwned']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('is not a release version');
    const unknown = await opsdeck(root, ['deploy', 'qa', 'v1.2.0', '--yes']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('unknown environment "qa"');
    const noReason = await opsdeck(root, ['deploy', 'staging', 'v1.2.0', '--skip-checks']);
    expect(noReason.exitCode).toBe(2);
  });

  it('a failed check blocks; a reason overrides it on staging and is journalled; never on production', async () => {
    const root = await repo();
    const blocked = await opsdeck(root, ['deploy', 'staging', 'v1.2.0', '--yes'], { FAIL_CHECK: 'lint' });
    expect(blocked.exitCode).toBe(1);
    expect(blocked.stderr).toContain('checks failed: lint');
    expect(journal(root)).toEqual([]);
    const overridden = await opsdeck(root, ['deploy', 'staging', 'v1.2.0', '--yes', '--reason', 'lint is flaky'], { FAIL_CHECK: 'lint' });
    expect(overridden.exitCode).toBe(0);
    const started = journal(root).find((e) => e.event === 'run-started');
    expect(started?.event === 'run-started' && started.override).toEqual({ reason: 'lint is flaky', failedChecks: ['lint'] });
    const prod = await opsdeck(root, ['deploy', 'production', 'v1.2.0', '--yes', '--reason', 'please'], { FAIL_CHECK: 'lint' });
    expect(prod.exitCode).toBe(2);
    expect(prod.stderr).toContain('cannot be skipped or overridden');
  });

  it('a failing deploy script exits 1 and the journal records the failed step', async () => {
    const root = await repo();
    const result = await opsdeck(root, ['deploy', 'staging', 'v1.2.0', '--yes', '--skip-checks', '--reason', 'test'], { FAIL_STEP: 'deploy' });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('✗ Deploy script failed');
    expect(finished(root)).toMatchObject([{ result: 'failed', failedStep: 'deploy' }]);
  });

  it('checks health over HTTP: 2xx passes, 500 fails the run at the health step', async () => {
    const config = (path: string) => `${DEFAULT_CONFIG.replace('  - name: staging', `  - name: staging\n    healthUrl: http://127.0.0.1:${port}${path}`)}deploy:\n  health: { attempts: 2, backoffMs: 10, requestTimeoutMs: 500 }\n`;
    const ok = await repo(config('/ok'));
    expect((await opsdeck(ok, ['deploy', 'staging', 'v1.2.0', '--yes'])).exitCode).toBe(0);
    expect(journal(ok).some((e) => e.event === 'step-finished' && e.step === 'health' && e.ok && e.exitCode === 200)).toBe(true);
    const down = await repo(config('/down'));
    const result = await opsdeck(down, ['deploy', 'staging', 'v1.2.0', '--yes']);
    expect(result.exitCode).toBe(1);
    expect(finished(down)).toMatchObject([{ result: 'failed', failedStep: 'health' }]);
  });

  it('never lets escape sequences or secrets from the script reach stdout', async () => {
    const root = await repo();
    const result = await opsdeck(root, ['deploy', 'staging', 'v1.2.0', '--yes'], { ESCAPES: '1' });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).not.toContain('\u001b');
    expect(result.stdout).not.toContain('\u0007');
    expect(result.stdout).not.toContain('supersecretvalue123');
    expect(result.stdout).toContain('progress 100%');
    expect(result.stdout).not.toContain('progress 10%');
  });

  it('a second deploy to the same environment is refused with exit 3 and who holds the lock', async () => {
    const root = await repo();
    const first = opsdeck(root, ['deploy', 'staging', 'v1.2.0', '--yes', '--skip-checks', '--reason', 'test'], { SLOW: '3' });
    for (let i = 0; i < 100 && journal(root).length === 0; i += 1) await new Promise((r) => setTimeout(r, 50));
    const second = await opsdeck(root, ['deploy', 'staging', 'v1.1.0', '--yes', '--skip-checks', '--reason', 'test']);
    expect(second.exitCode).toBe(3);
    expect(second.stderr).toMatch(/@/);
    expect((await first).exitCode).toBe(0);
    expect(finished(root)).toHaveLength(1);
  });
});

describe('opsdeck rollback', () => {
  it('rolls back immediately, to a version, and a database migration', async () => {
    const root = await repo();
    await opsdeck(root, ['deploy', 'staging', 'v1.1.0', '--yes', '--skip-checks', '--reason', 't']);
    await opsdeck(root, ['deploy', 'staging', 'v1.2.0', '--yes', '--skip-checks', '--reason', 't']);
    const immediate = await opsdeck(root, ['rollback', '--immediate', '--env', 'staging', '--json']);
    expect(immediate.exitCode).toBe(0);
    expect(JSON.parse(immediate.stdout)).toMatchObject({ kind: 'rollback', version: 'v1.1.0', previousVersion: 'v1.2.0', result: 'success' });
    expect(readFileSync(join(root, '.state', 'rolled-back-staging'), 'utf8').trim()).toBe('immediate');
    const toVersion = await opsdeck(root, ['rollback', 'v1.0.0', '--env', 'staging']);
    expect(toVersion.exitCode).toBe(0);
    expect(readFileSync(join(root, '.state', 'rolled-back-staging'), 'utf8').trim()).toBe('v1.0.0');
    const db = await opsdeck(root, ['rollback', '--db', '003_ledger_index', '--env', 'staging']);
    expect(db.exitCode).toBe(0);
    expect(readFileSync(join(root, '.state', 'db-rollbacks'), 'utf8')).toContain('003_ledger_index');
  });

  it('applies the same rules: one target, production needs --yes without a terminal, dry-run runs nothing', async () => {
    const root = await repo();
    expect((await opsdeck(root, ['rollback', '--env', 'staging'])).exitCode).toBe(2);
    expect((await opsdeck(root, ['rollback', 'v1.0.0', '--immediate', '--env', 'staging'])).exitCode).toBe(2);
    const prod = await opsdeck(root, ['rollback', '--immediate', '--env', 'production']);
    expect(prod.exitCode).toBe(2);
    const dry = await opsdeck(root, ['rollback', 'v1.0.0', '--env', 'production', '--dry-run']);
    expect(dry.exitCode).toBe(0);
    expect(dry.stdout).toContain('DEPLOY_ENV=production ./scripts/rollback.sh v1.0.0');
    expect(journal(root)).toEqual([]);
    writeFileSync(join(root, 'x'), '');
  });
});
