// The built bin, spawned for real: init, doctor, config and config schema.
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../models/config.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'opsdeck');
const SCRIPTS = ['deploy', 'rollback', 'db-rollback', 'verify-backup', 'smoke', 'update-status'];
const DEFAULTS = ConfigSchema.parse({});
let base: string;
let repo: string;
/** A PATH with only git in it (a link to the real one). */
let gitOnlyPath: string;

type Check = { group: string; name: string; status: 'ok' | 'fail' | 'warn'; required: boolean; detail: string; fix?: string };

async function opsdeck(args: string[], cwd: string, env: Record<string, string> = {}) {
  return execa(process.execPath, [BIN, ...args], {
    cwd,
    reject: false,
    extendEnv: false,
    env: { PATH: process.env.PATH ?? '', HOME: base, XDG_STATE_HOME: join(base, 'state'), OPSDECK_CEILING_DIRECTORIES: base, ...env },
  });
}

async function addScripts(root: string, mode = 0o755): Promise<void> {
  await mkdir(join(root, 'scripts'), { recursive: true });
  for (const name of SCRIPTS) {
    const path = join(root, 'scripts', `${name}.sh`);
    await writeFile(path, '#!/bin/sh\necho ok\n');
    await chmod(path, mode);
  }
}

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist', 'opsdeck.js'))) await execa('npm', ['run', 'build'], { cwd: ROOT });
  base = await realpath(await mkdtemp(join(tmpdir(), 'opsdeck-cli-commands-')));
  gitOnlyPath = join(base, 'path-bin');
  await mkdir(gitOnlyPath);
  const git = (await execa('sh', ['-c', 'command -v git'])).stdout.trim();
  await symlink(git, join(gitOnlyPath, 'git'));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});
beforeEach(async () => {
  repo = await mkdtemp(join(base, 'repo-'));
});

describe('opsdeck init', () => {
  it('creates the SOP layout and reports each file', async () => {
    const result = await opsdeck(['init'], repo);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.split('\n').slice(0, 4)).toEqual([
      'created .orchestration/current.todo',
      'created .orchestration/backlog.todo',
      'created .orchestration/opsdeck.yaml',
      'created .orchestration/.gitignore',
    ]);
    // run logs, locks and caches stay out of git; the journals are the team's record
    expect(await readFile(join(repo, '.orchestration', '.gitignore'), 'utf8')).toMatch(/^runs\/$/m);
    expect(await readFile(join(repo, '.orchestration', 'current.todo'), 'utf8')).toMatch(/^\S.*:\n {2}☐ .+\n {2}☐ .+\n$/);
    const yamlText = await readFile(join(repo, '.orchestration', 'opsdeck.yaml'), 'utf8');
    expect(yamlText).toContain('# environments:');
    const config = await opsdeck(['config', '--json'], repo);
    expect(config.exitCode).toBe(0);
    expect(JSON.parse(config.stdout)).toEqual(DEFAULTS);
  });

  it('never overwrites: a second run keeps every file byte for byte', async () => {
    await opsdeck(['init'], repo);
    const mine = 'My project:\n  ☐ keep me\n';
    await writeFile(join(repo, '.orchestration', 'current.todo'), mine);
    const result = await opsdeck(['init'], repo);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(
      ['current.todo', 'backlog.todo', 'opsdeck.yaml', '.gitignore'].map((f) => `kept .orchestration/${f} (exists)`).join('\n'),
    );
    expect(await readFile(join(repo, '.orchestration', 'current.todo'), 'utf8')).toBe(mine);
  });

  it('fills in only what is missing', async () => {
    await mkdir(join(repo, '.orchestration'));
    await writeFile(join(repo, '.orchestration', 'backlog.todo'), 'Later:\n');
    const result = await opsdeck(['init'], repo);
    expect(result.stdout).toContain('created .orchestration/current.todo');
    expect(result.stdout).toContain('kept .orchestration/backlog.todo (exists)');
    expect(await readFile(join(repo, '.orchestration', 'backlog.todo'), 'utf8')).toBe('Later:\n');
  });

  it('--root DIR scaffolds there', async () => {
    const result = await opsdeck(['--root', repo, 'init'], base);
    expect(result.exitCode).toBe(0);
    expect(existsSync(join(repo, '.orchestration', 'opsdeck.yaml'))).toBe(true);
  });
});

describe('opsdeck doctor', () => {
  it('a bare folder: ✗ checks with what to do, exit 1, 80 columns, no colour when piped', async () => {
    const result = await opsdeck(['doctor'], repo, { PATH: gitOnlyPath });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/✗ \.orchestration\/ +missing/);
    expect(result.stdout).toContain('→ run `opsdeck init` to create it');
    expect(result.stdout).toMatch(/✗ scripts\/deploy\.sh +missing \(scripts\.deploy\)/);
    expect(result.stdout).toMatch(/✓ git +\S*path-bin\/git/);
    expect(result.stdout).toMatch(/! restic +not on PATH/);
    expect(result.stdout).not.toContain('\u001b');
    for (const line of result.stdout.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80);
  });

  it('a complete repo with executable scripts: exit 0, optional tools only warn', async () => {
    await opsdeck(['init'], repo);
    await addScripts(repo);
    const result = await opsdeck(['doctor', '--json'], repo, { PATH: gitOnlyPath });
    expect(result.exitCode).toBe(0);
    const checks = JSON.parse(result.stdout) as Check[];
    expect(checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(checks.find((c) => c.name === 'scripts/verify-backup.sh')?.status).toBe('ok');
    expect(checks.find((c) => c.name === 'restic')).toMatchObject({ status: 'warn', required: false });
    const table = await opsdeck(['doctor'], join(repo, 'scripts'), { PATH: gitOnlyPath });
    expect(table.exitCode).toBe(0);
    expect(table.stdout).toContain('all required checks passed');
  });

  it('a script that is not executable fails with the chmod to run', async () => {
    await opsdeck(['init'], repo);
    await addScripts(repo);
    await chmod(join(repo, 'scripts', 'smoke.sh'), 0o644);
    const result = await opsdeck(['doctor'], repo, { PATH: gitOnlyPath });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/✗ scripts\/smoke\.sh +not executable/);
    expect(result.stdout).toContain('→ chmod +x scripts/smoke.sh');
  });

  it('takes script paths from the config, and git missing from PATH is required', async () => {
    await opsdeck(['init'], repo);
    await addScripts(repo);
    await writeFile(join(repo, '.orchestration', 'opsdeck.yaml'), 'scripts:\n  deploy: bin/ship --env {env}\n');
    const result = await opsdeck(['doctor', '--json'], repo, { PATH: join(base, 'empty-path') });
    expect(result.exitCode).toBe(1);
    const checks = JSON.parse(result.stdout) as Check[];
    expect(checks.find((c) => c.name === 'bin/ship')).toMatchObject({ status: 'fail', detail: 'missing (scripts.deploy)' });
    expect(checks.find((c) => c.name === 'git')).toMatchObject({ status: 'fail', required: true });
  });

  it('an invalid config shows its one-line error', async () => {
    await opsdeck(['init'], repo);
    await addScripts(repo);
    await writeFile(join(repo, '.orchestration', 'opsdeck.yaml'), 'ui:\n  clock: sometimes\n');
    const result = await opsdeck(['doctor', '--json'], repo, { PATH: gitOnlyPath });
    expect(result.exitCode).toBe(1);
    const checks = JSON.parse(result.stdout) as Check[];
    expect(checks.find((c) => c.group === 'config')).toMatchObject({
      status: 'fail',
      detail: '.orchestration/opsdeck.yaml:2: ui.clock: Invalid input: expected boolean, received string',
    });
  });

  it('colour only when forced, and never with NO_COLOR or --no-color', async () => {
    const forced = await opsdeck(['doctor'], repo, { FORCE_COLOR: '1' });
    expect(forced.stdout).toContain('\u001b[31m✗\u001b[39m');
    const noColor = await opsdeck(['doctor'], repo, { FORCE_COLOR: '1', NO_COLOR: '1' });
    expect(noColor.stdout).not.toContain('\u001b');
    const flag = await opsdeck(['--no-color', 'doctor'], repo, { FORCE_COLOR: '1' });
    expect(flag.stdout).not.toContain('\u001b');
    expect(flag.stdout).toContain('✗');
  });
});

describe('opsdeck config', () => {
  it('prints the effective config as YAML, and as JSON with --json', async () => {
    await mkdir(join(repo, '.orchestration'));
    await writeFile(join(repo, '.orchestration', 'opsdeck.yaml'), 'environments:\n  - name: prod\n    production: true\n');
    const yamlOut = await opsdeck(['config'], repo);
    expect(yamlOut.exitCode).toBe(0);
    const expected = { ...DEFAULTS, environments: [{ name: 'prod', production: true }] };
    expect(parse(yamlOut.stdout)).toEqual(expected);
    const jsonOut = await opsdeck(['config', '--json'], repo);
    expect(JSON.parse(jsonOut.stdout)).toEqual(expected);
  });

  it('config schema prints a JSON Schema of the input', async () => {
    const result = await opsdeck(['config', 'schema'], base);
    expect(result.exitCode).toBe(0);
    const schema = JSON.parse(result.stdout) as { $schema: string; properties: Record<string, { items?: { required?: string[] } }>; additionalProperties: boolean; required?: string[] };
    expect(schema.$schema).toMatch(/json-schema\.org/);
    expect(Object.keys(schema.properties)).toEqual(Object.keys(ConfigSchema.shape));
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required ?? []).toEqual([]);
    expect(schema.properties.environments?.items?.required).toEqual(['name']);
  });

  it('a bad config exits 2 with file:line: key: detail', async () => {
    await mkdir(join(repo, '.orchestration'));
    await writeFile(join(repo, '.orchestration', 'opsdeck.yaml'), await readFile(join(ROOT, 'test', 'fixtures', 'config', 'bad-url.yaml')));
    const result = await opsdeck(['config'], repo);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('opsdeck: .orchestration/opsdeck.yaml:7: environments[1].healthUrl: Invalid URL');
  });

  it('a YAML syntax error exits 2 with one line, no stack trace', async () => {
    await mkdir(join(repo, '.orchestration'));
    await writeFile(join(repo, '.orchestration', 'opsdeck.yaml'), 'ui:\n  color: [true\n  clock: false\n');
    const result = await opsdeck(['config'], repo);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^opsdeck: \.orchestration\/opsdeck\.yaml:3: ui\.color[\w.[\]]*: YAML syntax error: [^\n]+$/);
  });
});
