// init, doctor and config run in-process through commander with a real context, on real
// temp folders (the spawned-bin tests cover the same paths end to end), plus the helpers.
import { Command } from 'commander';
import { chmod, mkdir, mkdtemp, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GlobalOptions, ICliContext } from '../../commands/cli-context.js';
import { registerConfig } from '../../commands/config.js';
import { registerDoctor } from '../../commands/doctor.js';
import { registerInit } from '../../commands/init.js';
import { paint, shouldUseColor } from '../../src/cli/color.js';
import { doctorExitCode, runDoctorChecks } from '../../src/cli/doctor-checks.js';
import type { DoctorCheck } from '../../src/cli/doctor-checks.js';
import { renderDoctorTable, wrapText } from '../../src/cli/doctor-table.js';
import { findRepoRoot } from '../../src/cli/find-root.js';
import { scaffoldRepo } from '../../src/cli/init-scaffold.js';
import { commandWord, which } from '../../src/cli/which.js';
import { UserError } from '../../src/errors.js';

let base: string;
let cwd: string;

beforeEach(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'opsdeck-cli-inprocess-')));
  cwd = process.cwd();
  process.chdir(base);
});
afterEach(async () => {
  process.chdir(cwd);
  await rm(base, { recursive: true, force: true });
});

/** Runs `opsdeck ARGS` in-process; returns what it printed and its exit code. */
async function run(args: string[]): Promise<{ out: string; code: number }> {
  const lines: string[] = [];
  let code = 0;
  const program = new Command('opsdeck').exitOverride().option('-r, --root <dir>').option('--demo').option('--no-color');
  const ctx: ICliContext = {
    globals: () => program.opts<GlobalOptions>(),
    out: (text) => lines.push(text),
    err: (text) => lines.push(text),
    setExitCode: (c) => {
      code = c;
    },
    resolveRoot: () => findRepoRoot(process.cwd(), program.opts<GlobalOptions>().root),
  };
  for (const register of [registerInit, registerDoctor, registerConfig]) register(program, ctx);
  await program.parseAsync(args, { from: 'user' });
  return { out: lines.join('\n'), code };
}

async function completeRepo(root: string): Promise<void> {
  await scaffoldRepo(root);
  await mkdir(join(root, 'scripts'));
  for (const name of ['deploy', 'rollback', 'db-rollback', 'verify-backup', 'smoke', 'update-status']) {
    await writeFile(join(root, 'scripts', `${name}.sh`), '#!/bin/sh\n', { mode: 0o755 });
  }
}

describe('commands in-process', () => {
  it('init, then doctor passes once the scripts exist, then config prints YAML', async () => {
    const init = await run(['init']);
    expect(init.out).toContain('created .orchestration/current.todo');
    expect((await run(['init'])).out).toContain('kept .orchestration/opsdeck.yaml (exists)');
    await completeRepo(base);
    const doctor = await run(['--no-color', 'doctor']);
    expect(doctor.out).toContain('✓ scripts/deploy.sh');
    expect(doctor.code).toBe(doctorExitCode(await runDoctorChecks(base)));
    const config = await run(['config']);
    expect(config.out).toContain('environments:\n  - name: staging');
    const schema = await run(['config', 'schema']);
    expect(JSON.parse(schema.out)).toHaveProperty('title');
  });

  it('doctor --json and --root on a bare folder: exit 1', async () => {
    await mkdir(join(base, 'bare'));
    const result = await run(['--root', 'bare', 'doctor', '--json']);
    expect(result.code).toBe(1);
    const checks = JSON.parse(result.out) as DoctorCheck[];
    expect(checks[0]).toMatchObject({ name: '.orchestration/', status: 'fail' });
  });

  it('init --root must be an existing folder; .orchestration as a file is refused', async () => {
    await expect(run(['--root', 'missing', 'init'])).rejects.toThrow(/no such folder/);
    await writeFile(join(base, '.orchestration'), 'oops');
    await expect(scaffoldRepo(base)).rejects.toThrow(UserError);
  });
});

describe('doctor checks', () => {
  it('reports a script folder, a PATH command and a script outside the root', async () => {
    await completeRepo(base);
    await mkdir(join(base, 'scripts', 'dir.sh'));
    await writeFile(
      join(base, '.orchestration', 'opsdeck.yaml'),
      'scripts:\n  deploy: scripts/dir.sh\n  rollback: sh -c true\n  smoke: no-such-tool-xyz {env}\n  status: /nonexistent/update.sh\n',
    );
    const checks = await runDoctorChecks(base);
    const byName = new Map(checks.map((c) => [c.name, c]));
    expect(byName.get('scripts/dir.sh')).toMatchObject({ status: 'fail', detail: 'not a file (scripts.deploy)' });
    expect(byName.get('sh')).toMatchObject({ status: 'ok' });
    expect(byName.get('no-such-tool-xyz')).toMatchObject({ status: 'fail', detail: 'not on PATH (scripts.smoke)' });
    expect(byName.get('/nonexistent/update.sh')).toMatchObject({ status: 'fail' });
    expect(doctorExitCode(checks)).toBe(1);
  });

  it('says whether NODE_EXTRA_CA_CERTS can be read (it is loaded only on first TLS use)', async () => {
    await completeRepo(base);
    const extra = (checks: DoctorCheck[]) => checks.filter((c) => c.name === 'NODE_EXTRA_CA_CERTS');
    const pem = join(base, 'ca.pem');
    await writeFile(pem, '-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n'.repeat(2));
    const env = { PATH: process.env.PATH };
    expect(extra(await runDoctorChecks(base, env))).toEqual([]);
    expect(extra(await runDoctorChecks(base, { ...env, NODE_EXTRA_CA_CERTS: pem }))).toEqual([expect.objectContaining({ status: 'ok', detail: `${pem}: 2 certificates, loaded on first TLS use` })]);
    const missing = extra(await runDoctorChecks(base, { ...env, NODE_EXTRA_CA_CERTS: join(base, 'nope.pem') }));
    expect(missing).toEqual([expect.objectContaining({ status: 'warn', required: false })]);
    expect(missing[0]?.detail).toMatch(/cannot be read \(ENOENT\)/);
    await writeFile(join(base, 'empty.pem'), 'not a certificate\n');
    expect(extra(await runDoctorChecks(base, { ...env, NODE_EXTRA_CA_CERTS: join(base, 'empty.pem') }))[0]).toMatchObject({ status: 'warn', detail: expect.stringMatching(/no PEM certificate/) });
  });

  it('a shared script is checked once, naming every key', async () => {
    await completeRepo(base);
    await writeFile(join(base, '.orchestration', 'opsdeck.yaml'), 'scripts:\n  deploy: ./scripts/deploy.sh up\n  smoke: ./scripts/deploy.sh smoke\n');
    const checks = await runDoctorChecks(base);
    expect(checks.filter((c) => c.name === 'scripts/deploy.sh')).toEqual([expect.objectContaining({ detail: 'executable (scripts.deploy, scripts.smoke)' })]);
  });

  it('the table wraps long text within the width and sanitizes it', () => {
    const checks: DoctorCheck[] = [
      { group: 'config', name: 'x\u001b]0;evil\u0007', status: 'fail', required: true, detail: `bad ${'word '.repeat(30)}`, fix: `do ${'thing '.repeat(20)}` },
      { group: 'tools', name: 'n'.repeat(50), status: 'warn', required: false, detail: 'd', fix: 'f' },
      { group: 'tools', name: 'ok', status: 'ok', required: true, detail: 'fine' },
    ];
    const text = renderDoctorTable('/r', checks, paint(false), 80);
    for (const line of text.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
    expect(text).not.toContain('\u001b');
    expect(text).toContain('1 required check failed, 1 optional warning.');
    expect(renderDoctorTable('/r', checks.slice(2), paint(true))).toContain('\u001b[32mall required checks passed\u001b[39m');
  });

  it('wrapText cuts a word longer than the width', () => {
    expect(wrapText('a bbbbbbbbbb c', 5)).toEqual(['a', 'bbbb…', 'c']);
    expect(wrapText('', 5)).toEqual(['']);
  });
});

describe('PATH lookup and colour', () => {
  it('finds executables on PATH in order, skipping non-executables and folders', async () => {
    await mkdir(join(base, 'one'));
    await mkdir(join(base, 'two'));
    await writeFile(join(base, 'one', 'tool'), '#!/bin/sh\n', { mode: 0o644 });
    await mkdir(join(base, 'one', 'dir-tool'));
    await writeFile(join(base, 'two', 'tool'), '#!/bin/sh\n', { mode: 0o755 });
    const env = { PATH: `${join(base, 'one')}:${join(base, 'two')}` };
    expect(await which('tool', env)).toBe(join(base, 'two', 'tool'));
    expect(await which('dir-tool', env)).toBeUndefined();
    await chmod(join(base, 'one', 'tool'), 0o755);
    expect(await which('tool', env)).toBe(join(base, 'one', 'tool'));
    expect(await which('tool', { PATH: '' }, join(base, 'two'))).toBe(join(base, 'two', 'tool'));
    expect(await which('./two/tool', {}, base)).toBe(join(base, 'two', 'tool'));
    expect(await which('', env)).toBeUndefined();
    await symlink(join(base, 'two', 'tool'), join(base, 'link'));
    expect(await which(join(base, 'link'), {})).toBe(join(base, 'link'));
  });

  it('takes the first word of a command line, unquoted', () => {
    expect(commandWord('./scripts/deploy.sh {env} {version}')).toBe('./scripts/deploy.sh');
    expect(commandWord('  "my scripts/x.sh" a')).toBe('my scripts/x.sh');
    expect(commandWord("'q.sh'")).toBe('q.sh');
    expect(commandWord('   ')).toBe('');
  });

  it('colour: --no-color and NO_COLOR win, FORCE_COLOR forces, else only a TTY', () => {
    expect(shouldUseColor(true, {}, true)).toBe(true);
    expect(shouldUseColor(true, {}, false)).toBe(false);
    expect(shouldUseColor(false, { FORCE_COLOR: '1' }, true)).toBe(false);
    expect(shouldUseColor(true, { NO_COLOR: '1', FORCE_COLOR: '1' }, true)).toBe(false);
    expect(shouldUseColor(true, { NO_COLOR: '' }, true)).toBe(true);
    expect(shouldUseColor(true, { FORCE_COLOR: '1' }, false)).toBe(true);
    expect(shouldUseColor(true, { FORCE_COLOR: '0' }, true)).toBe(false);
    expect(paint(true).bold('x')).toBe('\u001b[1mx\u001b[22m');
    expect(paint(false).yellow('x')).toBe('x');
  });
});

describe('a config with control characters prints them safely', () => {
  it('escapes C1 in JSON and replaces it in YAML', async () => {
    await mkdir(join(base, '.orchestration'));
    await writeFile(join(base, '.orchestration', 'opsdeck.yaml'), 'kpis:\n  environment: "a\\x9b2Jb"\n');
    const json = await run(['config', '--json']);
    expect(json.out).toContain('a\\u009b2Jb');
    expect(json.out).not.toContain('\u009b');
    const yaml = await run(['config']);
    expect(yaml.out).not.toContain('\u009b');
    expect(await readFile(join(base, '.orchestration', 'opsdeck.yaml'), 'utf8')).toContain('\\x9b');
  });
});
