// `runs`, `runs follow` and `deploys` in-process through commander (the spawned-bin tests in
// runs-cli.test.ts cover the same paths end to end), and the <RunLog> component.
import { Command } from 'commander';
import { render } from 'ink-testing-library';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { GlobalOptions, ICliContext } from '../../commands/cli-context.js';
import { registerDeploys } from '../../commands/deploys.js';
import { registerRuns } from '../../commands/runs.js';
import { RunLog, type RunLogProps } from '../../components/run-log.js';
import { makeTheme } from '../../components/theme.js';
import { UserError } from '../../src/errors.js';
import { launchRun } from '../../src/runs/index.js';
import { commandStep, makeRoot, makeSpec, script, until, waitForFinish } from './runs-fixture.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});
function root(): string {
  const made = makeRoot();
  cleanups.push(made.cleanup);
  return made.root;
}

async function run(r: string, args: string[]): Promise<{ out: string; err: string; code: number }> {
  const out: string[] = [];
  const err: string[] = [];
  let code = 0;
  const program = new Command('opsdeck').exitOverride().option('-r, --root <dir>').option('--no-color').option('--readonly');
  const ctx: ICliContext = {
    globals: () => ({ ...program.opts<GlobalOptions>(), readonly: program.opts<GlobalOptions>().readonly ?? false }),
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    setExitCode: (c) => {
      code = c;
    },
    resolveRoot: async () => r,
  };
  registerRuns(program, ctx);
  registerDeploys(program, ctx);
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    err.push(error.message);
    code = error.exitCode;
  }
  return { out: out.join(''), err: err.join('\n'), code };
}

describe('runs and deploys in-process', () => {
  it('lists, follows and filters', async () => {
    const r = root();
    const ok = makeSpec(r, [commandStep('deploy', script('succeed.sh'))], { env: 'staging', version: 'v1.0.0' });
    await launchRun(ok);
    await waitForFinish(r, ok.id);
    const bad = makeSpec(r, [commandStep('deploy', script('fail.sh'))], { env: 'production', version: 'v2.0.0', kind: 'rollback' });
    await launchRun(bad);
    await waitForFinish(r, bad.id);
    appendFileSync(join(r, '.orchestration/deploys.jsonl'), 'garbage\n');

    const list = await run(r, ['runs', '--limit', '5']);
    expect(list.out.split('\n')[1]).toMatch(new RegExp(`^${bad.id}\\s+rollback\\s+production\\s+v2\\.0\\.0\\s+failed@deploy`));
    expect(list.err).toMatch(/warning: .*deploys\.jsonl:\d+: not valid JSON/);
    expect(JSON.parse((await run(r, ['runs', '--json'])).out)).toHaveLength(2);
    expect((await run(r, ['runs', '--limit', '-1'])).code).toBe(2);

    const followed = await run(r, ['runs', 'follow', ok.id]);
    expect(followed.code).toBe(0);
    expect(followed.out).toContain('step output 2');
    expect((await run(r, ['runs', 'follow', bad.id])).code).toBe(1);
    const missing = await run(r, ['runs', 'follow', 'x']);
    expect([missing.code, missing.err]).toEqual([2, 'no run x; opsdeck runs lists them']);
    expect((await run(r, ['runs', 'follow'])).err).toMatch(/no run is going on/);

    const deploys = JSON.parse((await run(r, ['deploys', '--json', '--env', 'production'])).out) as Array<{ id: string; kind: string }>;
    expect(deploys).toMatchObject([{ id: bad.id, kind: 'rollback' }]);
    const table = await run(r, ['deploys', '--limit', '1']);
    expect(table.out.split('\n')).toHaveLength(2);
    expect((await run(r, ['deploys', '--env', 'nowhere'])).out).toBe('no deploys to nowhere yet');
    expect((await run(r, ['deploys', '--limit', 'x'])).code).toBe(2);
  });

  it('follows the newest live run to its end', async () => {
    const r = root();
    const spec = makeSpec(r, [commandStep('deploy', script('slow.sh', '5', '0.1'))]);
    const { logPath } = await launchRun(spec);
    await until(() => readFileSync(logPath, 'utf8').includes('tick 1/'));
    const followed = await run(r, ['runs', 'follow']);
    expect(followed.code).toBe(0);
    expect(followed.out).toContain('tick 5/5');
    expect(followed.err).toContain(`run ${spec.id}: success`);
    expect((await run(r, ['runs'])).out).toContain(spec.id);
  });

  it('warns, and still lists, when dead runs cannot be marked (a read-only journal)', async () => {
    const r = root();
    const { reconcile } = await import('../../commands/runs.js');
    const err: string[] = [];
    const ctx = { err: (t: string) => err.push(t) } as unknown as ICliContext;
    await reconcile(ctx, async () => ['run-1']);
    await reconcile(ctx, async () => {
      throw new Error(`EACCES: permission denied, open '${r}/.orchestration/deploys.jsonl'`);
    });
    expect(err).toEqual(['marked run run-1 interrupted: its runner died without recording an end', `warning: could not mark dead runs interrupted: EACCES: permission denied, open '${r}/.orchestration/deploys.jsonl'`]);
  });
});

describe('<RunLog>', () => {
  const base: RunLogProps = {
    title: 'deploy production v1.2.3',
    status: 'running',
    lines: ['\x1b[31mred line\x1b[0m', 'plain \x1b]0;title\x07line', 'third'],
    follow: true,
    position: { top: 0, total: 3 },
    elapsed: '12.0s',
    height: 6,
    theme: makeTheme(false),
  };

  it('shows the header, the window and the key hints, with escapes dropped', () => {
    const { lastFrame } = render(<RunLog {...base} />);
    const frame = lastFrame() ?? '';
    expect(frame).toContain('deploy production v1.2.3');
    expect(frame).toContain('⟳ running 12.0s follow 3/3');
    expect(frame).toContain('red line');
    expect(frame).toContain('plain line');
    expect(frame).not.toContain('\x1b]');
    expect(frame).toContain('g top · G bottom · / search · f follow');
    expect(frame.split('\n').length).toBeLessThanOrEqual(6);
  });

  it('shows search state, typed search, marks, errors and a finished status', () => {
    const searched = render(<RunLog {...base} status="failed" follow={false} search={{ query: 'red', current: 1, matches: 2 }} marks={[true, false, false]} />);
    expect(searched.lastFrame()).toContain('✘ failed');
    expect(searched.lastFrame()).toContain('paused');
    expect(searched.lastFrame()).toContain('/red  match 1 of 2');
    expect(searched.lastFrame()).toContain('▌red line');
    expect(render(<RunLog {...base} searchInput="dep" />).lastFrame()).toContain('/dep');
    expect(render(<RunLog {...base} search={{ query: 'zzz', current: 0, matches: 0 }} />).lastFrame()).toContain('/zzz  no match');
    expect(render(<RunLog {...base} lines={[]} error="no log yet: x.log" status="loading" />).lastFrame()).toContain('no log yet: x.log');
    const long = Array.from({ length: 10 }, (_, i) => `l${i}`);
    expect(render(<RunLog {...base} lines={long} status="success" theme={makeTheme(true)} />).lastFrame()).toContain('l9');
    expect(render(<RunLog {...base} lines={long} follow={false} status="interrupted" />).lastFrame()).toContain('l0');
  });
});
