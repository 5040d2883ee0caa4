// registerTasks in-process, with a real commander program and real files in a temp repo
// (the spawned-bin tests in tasks-cli.test.ts cover the same paths end to end).
import { Command, CommanderError } from 'commander';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GlobalOptions, ICliContext } from '../../commands/cli-context.js';
import { projectPathOf, registerTasks } from '../../commands/tasks.js';
import { UserError } from '../../src/errors.js';
import { parseTodo } from '../../src/tasks/todo-parse.js';

let root: string;

type Run = { out: string[]; code: number; error?: string };

async function run(...args: string[]): Promise<Run> {
  const out: string[] = [];
  const program = new Command('opsdeck').option('-r, --root <dir>').option('--readonly').exitOverride();
  program.configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  const ctx: ICliContext = {
    globals: () => program.opts<GlobalOptions>(),
    out: (text) => out.push(text),
    err: (text) => out.push(text),
    resolveRoot: async () => root,
    setExitCode: () => undefined,
  };
  registerTasks(program, ctx);
  for (const cmd of program.commands) {
    cmd.configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
    for (const sub of cmd.commands) sub.configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  }
  try {
    await program.parseAsync(args, { from: 'user' });
    return { out, code: 0 };
  } catch (error) {
    if (error instanceof UserError) return { out, code: error.exitCode, error: error.message };
    if (error instanceof CommanderError) return { out, code: 2, error: error.message };
    throw error;
  }
}

const current = (): string => readFileSync(join(root, '.orchestration', 'current.todo'), 'utf8');

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'opsdeck-tasks-cmd-'));
  mkdirSync(join(root, '.orchestration'));
  writeFileSync(join(root, '.orchestration', 'current.todo'), 'Ops:\n  ☐ page the team @high\n  ☐ rotate keys @started(25-01-10 09:00)\n  ✔ old thing\n');
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('registerTasks', () => {
  it('lists active tasks, and all with --all', async () => {
    const list = await run('tasks');
    expect(list.code).toBe(0);
    expect(list.out[0]).toMatch(/^Ops\n {2}[0-9a-f]{8} ☐ page the team {2}@high\n {2}[0-9a-f]{8} ▸ rotate keys {2}\(\d+d/);
    const all = await run('tasks', '--all', '--json');
    expect(JSON.parse(all.out[0]!)).toHaveLength(3);
  });

  it('runs every changing subcommand', async () => {
    expect((await run('tasks', 'add', 'new', 'one', '-p', 'Ops', '-t', 'low')).out).toEqual([expect.stringMatching(/^added: [0-9a-f]{8} new one$/)]);
    expect((await run('tasks', 'start', 'new one')).code).toBe(0);
    expect((await run('tasks', 'done', 'page')).code).toBe(0);
    expect((await run('tasks', 'cancel', 'rotate')).code).toBe(0);
    expect((await run('tasks', 'reopen', 'rotate')).code).toBe(0);
    expect((await run('tasks', 'priority', 'rotate', 'high')).out[0]).toMatch(/^priority high: /);
    expect((await run('tasks', 'edit', 'rotate', 'rotate all keys')).code).toBe(0);
    expect((await run('tasks', 'move', 'old thing', '--to', 'backlog', '--json')).out[0]).toContain('"file": "backlog"');
    const lines = current().split('\n');
    expect(lines[1]).toMatch(/^ {2}✔ page the team @high @done\(.+\)$/);
    expect(lines[2]).toBe('  ☐ rotate all keys @started(25-01-10 09:00) @high');
    expect(lines[3]).toMatch(/^ {2}☐ new one @low @started\(.+\)$/);
    expect(readFileSync(join(root, '.orchestration', 'backlog.todo'), 'utf8')).toBe('Ops:\n  ✔ old thing\n');
  });

  it('maps refusals and usage errors to exit codes', async () => {
    expect(await run('tasks', 'start', 'old thing')).toMatchObject({ code: 1 });
    expect(await run('tasks', 'done', 'zzz')).toMatchObject({ code: 2 });
    expect(await run('tasks', 'priority', 'page', 'meh')).toMatchObject({ code: 2 });
    expect(await run('tasks', 'add', 'x', '--project', ' ')).toMatchObject({ code: 2, error: expect.stringMatching(/--project/) });
    expect(await run('--readonly', 'tasks', 'done', 'page')).toMatchObject({ code: 2, error: 'read-only mode: tasks done is disabled' });
    expect(await run('tasks', 'edit', 'page', 'two\tlines\u0007')).toMatchObject({ code: 2, error: expect.stringMatching(/one line/) });
    expect(await run('tasks', 'add', ' ')).toMatchObject({ code: 2, error: 'task text is empty' });
  });
});

describe('projectPathOf', () => {
  const parsed = parseTodo('Deploy pipeline:\n  Canary:\n    ☐ a\nCI/CD:\n  ☐ b\n', 'current');
  it('accepts Outer/Inner, Outer > Inner, a unique inner name, and names containing a slash', () => {
    expect(projectPathOf('Deploy pipeline/Canary', parsed)).toEqual(['Deploy pipeline', 'Canary']);
    expect(projectPathOf('deploy pipeline > canary', parsed)).toEqual(['Deploy pipeline', 'Canary']);
    expect(projectPathOf('Canary', parsed)).toEqual(['Deploy pipeline', 'Canary']);
    expect(projectPathOf('CI/CD', parsed)).toEqual(['CI/CD']);
    expect(projectPathOf('New > Sub', parsed)).toEqual(['New', 'Sub']);
    expect(projectPathOf(undefined, parsed)).toEqual([]);
  });
});
