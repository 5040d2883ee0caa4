// `opsdeck tasks …` through the built bin, on temp repos.
import { execa } from 'execa';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TaskSchema } from '../../models/todo.js';
import type { Task } from '../../models/todo.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'opsdeck');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'todo');
let repo: string;

const todo = (name = 'current.todo'): string => readFileSync(join(repo, '.orchestration', name), 'utf8');

async function opsdeck(...args: string[]) {
  return execa(process.execPath, [BIN, '--root', repo, ...args], {
    cwd: repo,
    reject: false,
    extendEnv: false,
    env: { PATH: process.env.PATH ?? '', HOME: repo, XDG_STATE_HOME: join(repo, 'state') },
  });
}

async function tasksJson(...args: string[]): Promise<Task[]> {
  const result = await opsdeck('tasks', '--json', ...args);
  expect(result.exitCode, result.stderr).toBe(0);
  return TaskSchema.array().parse(JSON.parse(result.stdout));
}

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist', 'opsdeck.js'))) await execa('npm', ['run', 'build'], { cwd: ROOT });
});

beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'opsdeck-tasks-cli-'));
  mkdirSync(join(repo, '.orchestration'));
  copyFileSync(join(FIXTURES, 'mixed.todo'), join(repo, '.orchestration', 'current.todo'));
});

afterEach(() => {
  rmSync(repo, { recursive: true, force: true });
});

describe('opsdeck tasks (list)', () => {
  it('prints active tasks grouped by project, within 80 columns', async () => {
    writeFileSync(join(repo, '.orchestration', 'current.todo'), `P:\n  ☐ ${'very long task text '.repeat(8)}\n  ✔ finished\n  ☐ evil \u001b]0;title\u0007text\n`);
    const result = await opsdeck('tasks');
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('P');
    expect(lines).toHaveLength(3);
    expect(result.stdout).not.toContain('finished');
    expect(result.stdout).not.toContain('\u001b');
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(80);
    expect(lines[1]).toMatch(/^ {2}[0-9a-f]{8} ☐ very long task text .*…$/);
  });

  it('--json gives active tasks only; --all adds done, cancelled and the backlog', async () => {
    writeFileSync(join(repo, '.orchestration', 'backlog.todo'), 'Later:\n  ☐ someday\n');
    const active = await tasksJson();
    expect(active.every((t) => (t.state === 'pending' || t.state === 'started') && t.file === 'current')).toBe(true);
    expect(active.map((t) => t.text)).toContain('Update status page script');
    expect(active.find((t) => t.text === 'Canary at 5%')).toMatchObject({ project: ['Deploy pipeline', 'Canary'], tags: { low: null }, line: 10 });
    const all = await tasksJson('--all');
    expect(all.map((t) => t.state)).toEqual(expect.arrayContaining(['done', 'cancelled']));
    expect(all.at(-1)).toMatchObject({ text: 'someday', file: 'backlog', project: ['Later'] });
    expect(all).toHaveLength(14);
  });

  it('a missing current.todo is one line naming the file, exit 2', async () => {
    rmSync(join(repo, '.orchestration', 'current.todo'));
    const result = await opsdeck('tasks');
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('current.todo');
  });
});

describe('opsdeck tasks changes', () => {
  it('start, done and reopen by fragment change only that line', async () => {
    const before = todo();
    const started = await opsdeck('tasks', 'start', 'smoke tests', '--json');
    expect(started.exitCode, started.stderr).toBe(0);
    const task = TaskSchema.parse(JSON.parse(started.stdout));
    expect(task).toMatchObject({ text: 'Add smoke tests to deploy.sh', state: 'started' });
    expect(task.tags.started).toMatch(/^\d\d-\d\d-\d\d \d\d:\d\d$/);
    const done = await opsdeck('tasks', 'done', task.id);
    expect(done.exitCode).toBe(0);
    expect(done.stdout).toBe(`done: ${task.id} Add smoke tests to deploy.sh`);
    const after = todo().split('\n');
    const original = before.split('\n');
    expect(after.filter((line, i) => line !== original[i])).toHaveLength(1);
    expect(after[2]).toMatch(/^ {2}✔ Add smoke tests to deploy\.sh @est\(2h\) @started\(.+\) @done\(.+\) @lasted\(\d+m\)$/);
    expect((await opsdeck('tasks', 'reopen', task.id)).exitCode).toBe(0);
    expect(todo()).toContain('  ☐ Add smoke tests to deploy.sh @est(2h) @started(');
  });

  it('add with --project, --tag and --backlog; move back with --to current', async () => {
    const added = await opsdeck('tasks', 'add', 'Check', 'pager', 'rota', '--project', 'Deploy pipeline > Canary', '--tag', 'high', '--tag', 'owner(bob)', '--json');
    expect(added.exitCode, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ text: 'Check pager rota', project: ['Deploy pipeline', 'Canary'], tags: { high: null, owner: 'bob' }, line: 14 });
    expect(todo().split('\n')[13]).toBe('    ☐ Check pager rota @high @owner(bob)');
    const backlog = await opsdeck('tasks', 'add', 'Try', 'spot', 'GPUs', '--backlog', '--project', 'Ideas/Infra');
    expect(backlog.exitCode, backlog.stderr).toBe(0);
    expect(todo('backlog.todo')).toBe('Ideas:\n  Infra:\n    ☐ Try spot GPUs\n');
    const moved = await opsdeck('tasks', 'move', 'spot GPUs', '--to', 'current', '--json');
    expect(moved.exitCode, moved.stderr).toBe(0);
    expect(JSON.parse(moved.stdout)).toMatchObject({ file: 'current', project: ['Ideas', 'Infra'] });
    expect(todo('backlog.todo')).toBe('Ideas:\n  Infra:\n');
    expect(todo().endsWith('Ideas:\n  Infra:\n    ☐ Try spot GPUs\n')).toBe(true);
  });

  it('concurrent processes never lose an edit', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => opsdeck('tasks', 'add', `parallel ${i}`, '--project', 'Backups')));
    expect(results.map((r) => r.exitCode)).toEqual([0, 0, 0, 0, 0, 0]);
    const texts = (await tasksJson()).map((t) => t.text);
    for (let i = 0; i < 6; i += 1) expect(texts).toContain(`parallel ${i}`);
  });

  it('edit and priority', async () => {
    expect((await opsdeck('tasks', 'priority', 'runbook', 'critical')).exitCode).toBe(0);
    expect((await opsdeck('tasks', 'edit', 'runbook', 'Write', 'the', 'rollback', 'runbook')).exitCode).toBe(0);
    expect(todo().split('\n')[1]).toBe('  ☐ Write the rollback runbook @critical');
    expect((await opsdeck('tasks', 'priority', 'rollback runbook', 'none')).exitCode).toBe(0);
    expect(todo().split('\n')[1]).toBe('  ☐ Write the rollback runbook');
  });

  it('an ambiguous fragment exits 2 and lists the candidates, one per line', async () => {
    const before = todo();
    const result = await opsdeck('tasks', 'done', 'canary');
    expect(result.exitCode).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/matches 2 tasks/);
    expect(lines.slice(1).map((l) => l.trim().split(/\s+/)[0])).toHaveLength(2);
    expect(result.stderr).toContain('Canary at 5%');
    expect(result.stderr).toContain('Ship canary config');
    expect(todo()).toBe(before);
  });

  it.each([
    [['tasks', 'done', 'no such task anywhere'], /no task matches/],
    [['tasks', 'priority', 'runbook', 'urgent'], /critical, high, low or none/],
    [['tasks', 'move', 'runbook', '--to', 'elsewhere'], /--to/],
    [['tasks', 'add', 'x', '--tag', 'bad tag'], /--tag/],
    [['tasks', 'frobnicate'], /too many arguments|unknown/],
  ])('usage errors and unknown tasks exit 2: %j', async (args, message) => {
    const before = todo();
    const result = await opsdeck(...args);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(todo()).toBe(before);
  });

  it('a refused edit exits 1; --readonly disables every change with exit 2', async () => {
    const refused = await opsdeck('tasks', 'start', 'Tag release');
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toMatch(/reopen it first/);
    const before = todo();
    for (const args of [['start', 'runbook'], ['add', 'x'], ['move', 'runbook', '--to', 'backlog']]) {
      const result = await opsdeck('--readonly', 'tasks', ...args);
      expect(result.exitCode).toBe(2);
      expect(result.stderr.trim()).toBe(`opsdeck: read-only mode: tasks ${args[0]} is disabled`);
    }
    expect(todo()).toBe(before);
    expect(existsSync(join(repo, '.orchestration', 'backlog.todo'))).toBe(false);
  });
});
