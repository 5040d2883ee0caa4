// `opsdeck runs`, `runs follow` and `deploys` through the built bin.
import { execa } from 'execa';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { launchRun, readRuns } from '../../src/runs/index.js';
import { groupMembers } from '../../src/runs/proc-group.js';
import { commandStep, makeRoot, makeSpec, REPO_ROOT, script, until, waitForFinish } from './runs-fixture.js';

const BIN = join(REPO_ROOT, 'bin', 'opsdeck');
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});
function root(): string {
  const made = makeRoot();
  cleanups.push(made.cleanup);
  return made.root;
}
const opsdeck = (r: string, ...args: string[]) => execa(BIN, ['--root', r, ...args], { reject: false, env: { NO_COLOR: '1' } });

describe('opsdeck runs / deploys', () => {
  it('lists runs newest first as a table and as JSON, and deploys filtered by env and limit', async () => {
    const r = root();
    const first = makeSpec(r, [commandStep('deploy', script('succeed.sh'))], { env: 'staging', version: 'v1.0.0' });
    await launchRun(first);
    await waitForFinish(r, first.id);
    const second = makeSpec(r, [commandStep('deploy', script('fail.sh', '4'))], { env: 'production', version: 'v1.1.0' });
    await launchRun(second);
    await waitForFinish(r, second.id);
    const verify = makeSpec(r, [commandStep('verify', script('succeed.sh'))], { env: null, version: null, journal: '.orchestration/backups.jsonl' }, 'verify');
    await launchRun(verify);
    await waitForFinish(r, verify.id);

    const table = await opsdeck(r, 'runs');
    expect(table.exitCode).toBe(0);
    const lines = table.stdout.split('\n');
    expect(lines[0]).toMatch(/^ID\s+KIND\s+ENV\s+VERSION\s+RESULT\s+WHO\s+STARTED\s+TOOK$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual([verify.id, second.id, first.id]);
    expect(table.stdout).toMatch(/failed@deploy/);

    const json = await opsdeck(r, 'runs', '--json', '--limit', '2');
    const parsed = JSON.parse(json.stdout) as Array<{ id: string; result: string; kind: string }>;
    expect(parsed.map((x) => [x.id, x.result, x.kind])).toEqual([[verify.id, 'success', 'verify'], [second.id, 'failed', 'deploy']]);

    const deploys = JSON.parse((await opsdeck(r, 'deploys', '--json')).stdout) as Array<{ id: string }>;
    expect(deploys.map((d) => d.id)).toEqual([second.id, first.id]);
    const staging = JSON.parse((await opsdeck(r, 'deploys', '--json', '--env', 'staging', '--limit', '5')).stdout) as Array<{ id: string; version: string }>;
    expect(staging).toMatchObject([{ id: first.id, version: 'v1.0.0' }]);
    const plain = await opsdeck(r, 'deploys');
    expect(plain.stdout.split('\n')[0]).toMatch(/^STARTED\s+ENV\s+KIND\s+VERSION\s+FROM\s+RESULT/);
    expect((await opsdeck(r, 'deploys', '--env', 'qa')).stdout).toBe('no deploys to qa yet');
  });

  it('rejects a bad --limit with exit 2 and one line', async () => {
    const r = root();
    for (const args of [['runs', '--limit', 'abc'], ['deploys', '--limit', '0']]) {
      const result = await opsdeck(r, ...args);
      expect(result.exitCode).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/--limit/);
    }
  });

  it('reports malformed journal lines on stderr and still lists', async () => {
    const r = root();
    const spec = makeSpec(r, [commandStep('deploy', script('succeed.sh'))]);
    await launchRun(spec);
    await waitForFinish(r, spec.id);
    const { appendFileSync } = await import('node:fs');
    appendFileSync(join(r, '.orchestration/deploys.jsonl'), '{oops\n');
    const result = await opsdeck(r, 'runs', '--json');
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toMatch(/warning: \.orchestration\/deploys\.jsonl:\d+: not valid JSON/);
    expect(JSON.parse(result.stdout)).toHaveLength(1);
  });

  it('runs follow streams a live run to its end, sanitized and redacted; exit 0 on success', async () => {
    const r = root();
    const spec = makeSpec(r, [commandStep('deploy', script('slow.sh', '8', '0.1')), commandStep('smoke', script('escapes.sh'))]);
    await launchRun(spec);
    const result = await opsdeck(r, 'runs', 'follow');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('tick 1/8');
    expect(result.stdout).toContain('slow done');
    expect(result.stdout).toContain('export DEPLOY_TOKEN=***');
    expect(result.stdout).not.toContain('supersecretvalue');
    // eslint-disable-next-line no-control-regex
    expect(result.stdout).not.toMatch(/\x1b\]|\x1b\[2K|\x1b\[\?1049h/);
    expect(result.stdout).toMatch(/run success/);
    expect(result.stderr).toContain(`following ${spec.id}`);
    expect(result.stderr).toContain(`run ${spec.id}: success`);
  });

  it('runs follow RUN-ID exits 1 for a failed run, 2 for an unknown id or when nothing runs', async () => {
    const r = root();
    const spec = makeSpec(r, [commandStep('deploy', script('fail.sh', '5'))]);
    await launchRun(spec);
    await waitForFinish(r, spec.id);
    const failed = await opsdeck(r, 'runs', 'follow', spec.id);
    expect(failed.exitCode).toBe(1);
    expect(failed.stdout).toContain('about to fail with 5');
    expect(failed.stderr).toContain('failed at step deploy');
    expect((await opsdeck(r, 'runs', 'follow', 'nope')).exitCode).toBe(2);
    const none = await opsdeck(r, 'runs', 'follow');
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toMatch(/no run is going on/);
  });

  it('runs marks a run whose runner died as interrupted (and --readonly does not)', async () => {
    const r = root();
    const spec = makeSpec(r, [commandStep('deploy', script('slow.sh', '200', '0.1'))]);
    const { pid, logPath } = await launchRun(spec);
    await until(() => readFileSync(logPath, 'utf8').includes('tick 1/'));
    process.kill(-pid, 'SIGKILL');
    while (groupMembers(pid).length) await new Promise((res) => setTimeout(res, 20));
    const ro = JSON.parse((await opsdeck(r, '--readonly', 'runs', '--json')).stdout) as Array<{ result: string }>;
    expect(ro[0]?.result).toBe('unknown');
    const rwResult = await opsdeck(r, 'runs', '--json');
    expect(rwResult.stderr).toContain(`marked run ${spec.id} interrupted`);
    const rw = JSON.parse(rwResult.stdout) as Array<{ result: string; failedStep: string }>;
    expect(rw[0]).toMatchObject({ result: 'interrupted', failedStep: 'deploy' });
    expect((await readRuns(r)).runs[0]?.finished?.result).toBe('interrupted');
  });
});
