// The built bin, spawned for real: help, version, usage errors and finding the repo root.
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'opsdeck');
let base: string;

async function opsdeck(args: string[], cwd: string) {
  return execa(process.execPath, [BIN, ...args], {
    cwd,
    reject: false,
    extendEnv: false,
    env: { PATH: process.env.PATH ?? '', HOME: base, XDG_STATE_HOME: join(base, 'state'), OPSDECK_CEILING_DIRECTORIES: base },
  });
}

beforeAll(async () => {
  // test/global-setup.ts builds the bundle when it is missing or stale; build here only if
  // this file runs without it
  if (!existsSync(join(ROOT, 'dist', 'opsdeck.js'))) await execa('npm', ['run', 'build'], { cwd: ROOT });
  base = await realpath(await mkdtemp(join(tmpdir(), 'opsdeck-cli-basics-')));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('help and version', () => {
  it('--help lists the commands and exits 0', async () => {
    const result = await opsdeck(['--help'], base);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^Usage: opsdeck \[options\] \[command\]/);
    for (const command of ['init', 'doctor', 'config']) expect(result.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
  });

  it.each([
    ['init', 'Usage: opsdeck init'],
    ['doctor', '--json'],
    ['config', 'schema'],
  ])('%s --help exits 0', async (command, expected) => {
    const result = await opsdeck([command, '--help'], base);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(expected);
  });

  it('help COMMAND works like COMMAND --help', async () => {
    const result = await opsdeck(['help', 'doctor'], base);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('Usage: opsdeck doctor');
  });

  it('--version prints the package version', async () => {
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const result = await opsdeck(['--version'], base);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(pkg.version);
  });
});

describe('usage errors exit 2 with commander message on stderr', () => {
  it.each([
    [['--bogus'], "unknown option '--bogus'"],
    [['doctor', '--bogus'], "unknown option '--bogus'"],
    [['frobnicate'], "unknown command 'frobnicate'"],
    [['init', 'extra'], "too many arguments for 'init'"],
    [['config', 'schema', 'extra'], "too many arguments for 'schema'"],
    [['--root'], "option '-r, --root <dir>' argument missing"],
  ])('opsdeck %j', async (args, message) => {
    const result = await opsdeck(args, base);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
  });
});

describe('finding the repo root', () => {
  it('no .orchestration/ anywhere: one line, exit 2', async () => {
    const bare = join(base, 'bare');
    await mkdir(bare);
    const result = await opsdeck(['config'], bare);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(
      `opsdeck: no .orchestration/ found in ${bare} or any parent; run \`opsdeck init\` to create one, or \`opsdeck --demo\` to try the demo`,
    );
  });

  it('walks up from a nested folder', async () => {
    const repo = join(base, 'repo');
    await mkdir(join(repo, '.orchestration'), { recursive: true });
    await mkdir(join(repo, 'src', 'api'), { recursive: true });
    await writeFile(join(repo, '.orchestration', 'opsdeck.yaml'), 'ui:\n  clock: false\n');
    const result = await opsdeck(['config', '--json'], join(repo, 'src', 'api'));
    expect(result.exitCode).toBe(0);
    expect((JSON.parse(result.stdout) as { ui: { clock: boolean } }).ui.clock).toBe(false);
  });

  it('--root DIR overrides the search', async () => {
    const repo = join(base, 'rooted');
    await mkdir(join(repo, '.orchestration'), { recursive: true });
    await writeFile(join(repo, '.orchestration', 'opsdeck.yaml'), 'kpis:\n  windowDays: 90\n');
    const elsewhere = join(base, 'elsewhere');
    await mkdir(elsewhere);
    const result = await opsdeck(['--root', repo, 'config', '--json'], elsewhere);
    expect(result.exitCode).toBe(0);
    expect((JSON.parse(result.stdout) as { kpis: { windowDays: number } }).kpis.windowDays).toBe(90);
    const relative = await opsdeck(['--root', '../rooted', 'config', '--json'], elsewhere);
    expect(relative.exitCode).toBe(0);
  });

  it('--root to a missing folder or one without .orchestration/: one line, exit 2', async () => {
    const missing = await opsdeck(['--root', join(base, 'nope'), 'config'], base);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toBe(`opsdeck: --root ${join(base, 'nope')}: no such folder`);
    await mkdir(join(base, 'plain'));
    const plain = await opsdeck(['--root', join(base, 'plain'), 'config'], base);
    expect(plain.exitCode).toBe(2);
    expect(plain.stderr).toMatch(/^opsdeck: --root .*plain: no \.orchestration\/ there; run `opsdeck init --root .*`[^\n]*$/);
  });
});
