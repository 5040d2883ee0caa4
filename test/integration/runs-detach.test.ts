// Runs outlive whoever launched them: a killed launcher, and a tmux session killed mid-run (SIGHUP).
import { execa } from 'execa';
import { build } from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRuns } from '../../src/runs/index.js';
import { isPidAlive } from '../../src/runs/proc-group.js';
import { TmuxSession } from '../helpers/tmux-session.js';
import { commandStep, makeRoot, makeSpec, REPO_ROOT, SCRIPTS, script, until, waitForFinish } from './runs-fixture.js';

// bundled inside the package so the launcher finds dist/run-worker.js like the real bin does
const LAUNCHER = join(REPO_ROOT, 'node_modules', '.cache', `opsdeck-runs-test-${process.pid}`, 'launch-run.mjs');
const cleanups: Array<() => void> = [];

beforeAll(async () => {
  mkdirSync(join(LAUNCHER, '..'), { recursive: true });
  await build({ entryPoints: [join(SCRIPTS, 'launch-run.ts')], outfile: LAUNCHER, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'error' });
});
afterAll(() => {
  for (const c of cleanups.splice(0)) c();
  rmSync(join(LAUNCHER, '..'), { recursive: true, force: true });
});

function setup(ticks: string) {
  const made = makeRoot();
  cleanups.push(made.cleanup);
  const spec = makeSpec(made.root, [commandStep('deploy', script('slow.sh', ticks, '0.1')), commandStep('smoke', script('succeed.sh'))], { env: 'production' });
  const specFile = join(made.root, 'spec.json');
  writeFileSync(specFile, JSON.stringify(spec));
  return { root: made.root, spec, specFile };
}

describe('detached runs', () => {
  it('finish with success after the launching process is SIGKILLed mid-run', async () => {
    const { root, spec, specFile } = setup('15');
    const launcher = execa('node', [LAUNCHER, specFile], { reject: false, buffer: true });
    const line = await new Promise<string>((resolve) => launcher.stdout?.on('data', (d: Buffer) => String(d).includes('LAUNCHED') && resolve(String(d))));
    const { pid } = JSON.parse(line.slice(line.indexOf('{'))) as { pid: number };
    launcher.kill('SIGKILL');
    await launcher;
    expect(isPidAlive(pid)).toBe(true);
    const run = await waitForFinish(root, spec.id, 30_000);
    expect(run.finished?.result).toBe('success');
    expect(run.steps.map((s) => s.finished?.ok)).toEqual([true, true]);
  });

  it('finish with success after the tmux session that launched them is killed (SIGHUP)', async () => {
    const { root, spec, specFile } = setup('15');
    const tmux = new TmuxSession();
    let pid = 0;
    let launcherPid = 0;
    try {
      await tmux.start(`node ${LAUNCHER} ${specFile}`, { cwd: root });
      const screen = await tmux.waitFor((text) => /LAUNCHED \{.*\}/.test(text.replace(/\n/g, '')), 15_000);
      const json = screen.replace(/\n/g, '').match(/LAUNCHED (\{.*?\})/)?.[1] ?? '{}';
      ({ pid, launcherPid } = JSON.parse(json) as { pid: number; launcherPid: number });
      const run = (await readRuns(root)).runs.find((r) => r.id === spec.id);
      expect(run && !run.finished).toBe(true);
      expect(isPidAlive(launcherPid)).toBe(true);
    } finally {
      await tmux.kill();
    }
    await until(() => !isPidAlive(launcherPid)); // the SIGHUP ended the launcher…
    expect(isPidAlive(pid)).toBe(true); // …but not the run
    const run = await waitForFinish(root, spec.id, 30_000);
    expect(run.finished?.result).toBe('success');
  });
});
