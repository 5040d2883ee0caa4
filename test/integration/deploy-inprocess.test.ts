// `deploy` and `rollback` in-process through commander with a real context, in real temp git
// repos with the real detached runner (the spawned-bin tests cover the same paths end to end).
import { Command } from 'commander';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { GlobalOptions, ICliContext } from '../../commands/cli-context.js';
import { registerDeploy } from '../../commands/deploy.js';
import { registerRollback } from '../../commands/rollback.js';
import { completeUtf8End } from '../../src/deploy/follow.js';
import { logPrinter, runSummary } from '../../src/deploy/headless.js';
import { askConfirmation } from '../../src/deploy/tty-confirm.js';
import { UserError } from '../../src/errors.js';
import { makeDeployRepo } from '../fixtures/deploy/make-repo.js';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

async function run(root: string, args: string[], env: Record<string, string> = {}): Promise<{ out: string; code: number; error?: UserError }> {
  const lines: string[] = [];
  let code = 0;
  const program = new Command('opsdeck').exitOverride().option('-r, --root <dir>').option('--readonly');
  const ctx: ICliContext = {
    globals: () => ({ ...program.opts<GlobalOptions>() }),
    out: (text) => lines.push(text),
    err: (text) => lines.push(text),
    setExitCode: (c) => {
      code = c;
    },
    resolveRoot: async () => root,
  };
  registerDeploy(program, ctx);
  registerRollback(program, ctx);
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (error) {
    if (error instanceof UserError) return { out: lines.join('\n'), code: error.exitCode, error };
    throw error;
  } finally {
    for (const key of Object.keys(env)) if (saved[key] === undefined) delete process.env[key];
  }
  return { out: lines.join('\n'), code };
}

async function repo(): Promise<string> {
  const root = await makeDeployRepo();
  roots.push(root);
  return root;
}

function journal(root: string): string {
  const file = join(root, '.orchestration', 'deploys.jsonl');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

describe('deploy (in-process)', () => {
  it('deploys with checks and progress lines, then as JSON, then a new tag with release notes', async () => {
    const root = await repo();
    const plain = await run(root, ['deploy', 'staging', 'v1.1.0', '--yes']);
    expect(plain.code).toBe(0);
    expect(plain.out).toContain('✓ check lint');
    expect(plain.out).toContain('deployed v1.1.0 to staging');
    expect(plain.out).toContain('deploy v1.1.0 to staging: success');
    const json = await run(root, ['deploy', 'staging', 'v1.2.0', '--yes', '--json']);
    expect(JSON.parse(json.out)).toMatchObject({ result: 'success', previousVersion: 'v1.1.0' });
    const tagged = await run(root, ['deploy', 'staging', 'v1.3.0', '--yes', '--push']);
    expect(tagged.code).toBe(0);
    expect(tagged.out).toContain('release notes drafted: .orchestration/releases/v1.3.0.md');
  });

  it('refuses, overrides and fails as the rules say', async () => {
    const root = await repo();
    expect((await run(root, ['deploy', 'production', 'v1.2.0'])).code).toBe(2);
    expect((await run(root, ['deploy', 'staging', 'v1.2.0', '--skip-checks'])).code).toBe(2);
    expect((await run(root, ['deploy', 'production', 'v1.2.0', '--yes', '--skip-checks', '--reason', 'x'])).code).toBe(2);
    const blocked = await run(root, ['deploy', 'staging', 'v1.2.0', '--yes'], { FAIL_CHECK: 'tests' });
    expect(blocked.code).toBe(1);
    expect(blocked.error?.message).toContain('checks failed: tests (override with --reason "why")');
    const failed = await run(root, ['deploy', 'staging', 'v1.2.0', '--yes', '--reason', 'flaky'], { FAIL_CHECK: 'tests', FAIL_STEP: 'smoke' });
    expect(failed.code).toBe(1);
    expect(failed.out).toContain('✗ Smoke tests failed');
    expect(journal(root)).toContain('"override":{"reason":"flaky","failedChecks":["tests"]}');
    const dry = await run(root, ['deploy', 'staging', 'v1.2.0', '--dry-run', '--skip-checks', '--reason', 'x']);
    expect(dry.out).toContain('checks overridden (skipped:tests, skipped:lint): x');
    const dryJson = await run(root, ['deploy', 'staging', 'v1.2.0', '--dry-run', '--json']);
    expect(JSON.parse(dryJson.out).dryRun).toBe(true);
    const readonly = await run(root, ['--readonly', 'deploy', 'staging', 'v1.2.0', '--yes']);
    expect(readonly.error?.message).toContain('read-only');
  });
});

describe('rollback (in-process)', () => {
  it('rolls back and refuses bad targets', async () => {
    const root = await repo();
    await run(root, ['deploy', 'staging', 'v1.1.0', '--yes', '--skip-checks', '--reason', 't']);
    await run(root, ['deploy', 'staging', 'v1.2.0', '--yes', '--skip-checks', '--reason', 't']);
    const immediate = await run(root, ['rollback', '--immediate', '--env', 'staging']);
    expect(immediate.code).toBe(0);
    expect(immediate.out).toContain('rollback v1.1.0 to staging: success');
    expect((await run(root, ['rollback', 'v1.0.0', '--env', 'staging', '--json'])).out).toContain('"result": "success"');
    expect((await run(root, ['rollback', '--db', '001_init', '--env', 'staging'])).code).toBe(0);
    expect((await run(root, ['rollback', '--env', 'staging'])).code).toBe(2);
    expect((await run(root, ['rollback', '--db=-rf', '--env', 'staging'])).code).toBe(2);
    expect((await run(root, ['rollback', '--immediate', '--env', 'production'])).code).toBe(2);
    const dry = await run(root, ['rollback', '--immediate', '--env', 'production', '--dry-run', '--json']);
    expect(JSON.parse(dry.out).plan.steps[0].argv).toEqual(['./scripts/rollback.sh', 'immediate']);
    expect((await run(root, ['rollback', 'v1.0.0', '--env', 'staging', '--dry-run'])).out).toContain('./scripts/rollback.sh v1.0.0');
    expect((await run(root, ['--readonly', 'rollback', 'v1.0.0', '--env', 'staging'])).code).toBe(2);
  });
});

describe('headless helpers', () => {
  it('asks on a terminal: the exact name for production, y for others; EOF cancels', async () => {
    const ask = async (answer: string | null, expected: string) => {
      const input = new PassThrough();
      const output = new PassThrough();
      const pending = askConfirmation({ input, output, close: () => input.destroy() }, 'q? ', expected);
      if (answer === null) input.end();
      else input.write(`${answer}\n`);
      return pending;
    };
    expect(await ask('production', 'production')).toBe(true);
    expect(await ask('Production', 'production')).toBe(false);
    expect(await ask('', 'production')).toBe(false);
    expect(await ask('yes', 'y')).toBe(true);
    expect(await ask('', 'y')).toBe(false);
    expect(await ask(null, 'y')).toBe(false);
  });

  it('prints log chunks: colour and \\r kept on a terminal, plain last-rewrite lines otherwise', () => {
    const out: string[] = [];
    const written: string[] = [];
    const io = { out: (t: string) => out.push(t), err: () => undefined, write: (t: string) => written.push(t), isTty: false };
    const plain = logPrinter(io);
    plain.push('a 10%\ra 100%\nb \u001b[31mred\u001b[0m\u001b]0;x\u0007 API_TOKEN=abcdefgh1234\npart');
    plain.push('ial');
    plain.flush();
    expect(out).toEqual(['a 100%\nb red API_TOKEN=***', 'partial']);
    expect(written).toEqual([]);
    out.length = 0;
    const tty = logPrinter({ ...io, isTty: true });
    tty.push('x\r\u001b[32mok\u001b[0m\u001b[2J\n');
    expect(written.join('')).toBe('x\r\u001b[32mok\u001b[0m\n');
    expect(out).toEqual([]);
    expect(runSummary(undefined, 'r1')).toMatchObject({ runId: 'r1', result: 'interrupted', steps: [] });
  });

  it('never cuts a UTF-8 character at a read boundary', () => {
    const buf = Buffer.from('ab€', 'utf8');
    expect(completeUtf8End(buf, buf.length)).toBe(buf.length);
    expect(completeUtf8End(buf, buf.length - 1)).toBe(2);
    expect(completeUtf8End(buf, 2)).toBe(2);
  });
});
