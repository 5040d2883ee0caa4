// Runs the demo's operational scripts for real (bash child processes) inside a fresh demo
// workspace, with OPSDECK_DEMO_SPEED=0 so that nothing sleeps.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoWorkspace } from '../../src/demo/create-demo.js';

const ESC = String.fromCharCode(27);

let stateRoot: string;
let demo: string;

beforeAll(async () => {
  stateRoot = await mkdtemp(join(tmpdir(), 'opsdeck-demo-scripts-'));
  demo = await createDemoWorkspace({ stateRoot });
});

afterAll(async () => {
  await rm(stateRoot, { recursive: true, force: true });
});

function run(script: string, args: string[], env: Record<string, string> = {}) {
  return execa(join(demo, 'scripts', script), args, {
    cwd: demo,
    reject: false,
    env: { OPSDECK_DEMO_SPEED: '0', OPSDECK_DEMO_FAIL: '', NO_COLOR: undefined, DEPLOY_ENV: undefined, ...env },
    all: true,
  });
}

const state = (name: string): Promise<string> => readFile(join(demo, '.demo-state', name), 'utf8').then((s) => s.trim());

describe('demo scripts', () => {
  it('deploy.sh deploys a tagged release with \\r progress lines and SGR colour', async () => {
    const result = await run('deploy.sh', ['staging', 'v1.2.3']);
    expect(result.exitCode, result.all).toBe(0);
    expect(result.stdout).toContain('\r    build layers                   [#####     ]  50%');
    expect(result.stdout).toMatch(new RegExp(`${ESC}\\[[0-9;]*m`));
    expect(result.stdout).toContain('==> [7/7] Recording the deploy');
    expect(await state('deployed-staging')).toBe('v1.2.3');
  });

  it('deploy.sh fails at the step OPSDECK_DEMO_FAIL names and records nothing', async () => {
    const result = await run('deploy.sh', ['production', 'v1.2.3'], { OPSDECK_DEMO_FAIL: 'deploy:migrate' });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('==> [4/7] Running database migrations');
    expect(result.stdout).not.toContain('[5/7]');
    expect(result.stderr).toContain('step migrate failed: migration 003_ledger_created_at_index failed');
    expect(result.stderr).toContain('deploy.sh aborted at step "migrate" (exit 1)');
    await expect(state('deployed-production')).rejects.toThrow();
  });

  it('deploy.sh refuses bad arguments with a usage line and exit 2', async () => {
    for (const args of [[], ['staging'], ['qa', 'v1.2.3'], ['staging', '1.2.3'], ['staging', 'v1.2.3', 'extra']]) {
      const result = await run('deploy.sh', args);
      expect(result.exitCode, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/^usage: deploy\.sh <environment> <version>/m);
    }
    const unknownStep = await run('deploy.sh', ['staging', 'v1.2.3'], { OPSDECK_DEMO_FAIL: 'deploy:nope' });
    expect(unknownStep.exitCode).toBe(2);
    expect(unknownStep.stderr).toContain('unknown step "nope"');
  });

  it('deploy.sh refuses a version that is not tagged in the demo repo', async () => {
    const result = await run('deploy.sh', ['staging', 'v9.9.9']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('tag v9.9.9 not found');
  });

  it('rollback.sh immediate goes back to the previous release, vX to that tag', async () => {
    expect((await run('deploy.sh', ['production', 'v1.2.3'])).exitCode).toBe(0);
    expect(await state('deployed-production')).toBe('v1.2.3');
    expect(await state('previous-production')).toBe('v1.2.2');

    const immediate = await run('rollback.sh', ['immediate']);
    expect(immediate.exitCode, immediate.all).toBe(0);
    expect(immediate.stdout).toContain('production rolled back to v1.2.2');
    expect(await state('deployed-production')).toBe('v1.2.2');

    const standard = await run('rollback.sh', ['v1.2.1', 'staging']);
    expect(standard.exitCode, standard.all).toBe(0);
    expect(await state('deployed-staging')).toBe('v1.2.1');
    const history = (await state('history.log')).split('\n').map((line) => line.split(' ').slice(1).join(' '));
    expect(history).toEqual(['staging deploy v1.2.3 v1.2.3', 'production deploy v1.2.2 v1.2.3', 'production rollback-immediate v1.2.3 v1.2.2', 'staging rollback-standard v1.2.3 v1.2.1']);

    expect((await run('rollback.sh', ['yesterday'])).exitCode).toBe(2);
    const same = await run('rollback.sh', ['v1.2.2']);
    expect(same.exitCode).toBe(0);
    expect(same.stdout).toContain('production already runs v1.2.2: nothing to do');
    const failed = await run('rollback.sh', ['v1.2.1'], { OPSDECK_DEMO_FAIL: 'rollback:switch' });
    expect(failed.exitCode).toBe(1);
    expect(failed.stderr).toContain('rollback.sh aborted at step "switch"');
    expect(await state('deployed-production')).toBe('v1.2.2');
  });

  it('db-rollback.sh reverts a known migration and rejects unknown ones', async () => {
    const ok = await run('db-rollback.sh', ['003_ledger_created_at_index']);
    expect(ok.exitCode, ok.all).toBe(0);
    expect(ok.stdout).toContain('DROP INDEX CONCURRENTLY ledger_entries_created_at_idx;');
    expect(await state('db-rollback.log')).toMatch(/production reverted 003_ledger_created_at_index$/);
    expect((await run('db-rollback.sh', ['999_nothing'])).exitCode).toBe(2);
    expect((await run('db-rollback.sh', [])).exitCode).toBe(2);
  });

  it('verify-backup.sh verifies yesterday and validates --date', async () => {
    const ok = await run('verify-backup.sh', ['--date', 'yesterday']);
    expect(ok.exitCode, ok.all).toBe(0);
    expect(ok.stdout).toMatch(/database backup of \d{4}-\d\d-\d\d verified/);
    const bad = await run('verify-backup.sh', ['--date', 'someday']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('--date must be yesterday, today or YYYY-MM-DD');
    const failed = await run('verify-backup.sh', ['--date', 'today'], { OPSDECK_DEMO_FAIL: 'verify-backup:checksum' });
    expect(failed.exitCode).toBe(1);
    expect(failed.stderr).toContain('checksum mismatch');
  });

  it('smoke.sh reports the deployed version; update-status.sh appends to the status log', async () => {
    const smoke = await run('smoke.sh', ['staging']);
    expect(smoke.exitCode, smoke.all).toBe(0);
    expect(smoke.stdout).toContain('5/5 smoke tests passed on staging (v1.2.1)');
    expect((await run('smoke.sh', ['prod'])).exitCode).toBe(2);

    const status = await run('update-status.sh', ['Deployment complete']);
    expect(status.exitCode, status.all).toBe(0);
    expect(await state('status.log')).toMatch(/\toperational\tDeployment complete$/);
    expect((await run('update-status.sh', [])).exitCode).toBe(2);
    expect((await run('update-status.sh', ['--state', 'on-fire', 'x'])).exitCode).toBe(2);
  });

  it('check.sh runs each SOP §2.1 check, honours NO_COLOR, and leaves git status clean', async () => {
    for (const check of ['tests', 'integration', 'security', 'coverage', 'lint']) {
      const result = await run('check.sh', [check], { NO_COLOR: '1' });
      expect(result.exitCode, check).toBe(0);
      expect(result.stdout).not.toContain(ESC);
    }
    expect((await run('check.sh', ['tests'], { OPSDECK_DEMO_FAIL: 'check:tests' })).exitCode).toBe(1);
    expect((await run('check.sh', ['typo'])).exitCode).toBe(2);
    expect((await execa('git', ['status', '--porcelain'], { cwd: demo })).stdout).toBe('');
    expect((await readdir(demo)).sort()).toContain('.demo-state');
  });
});
