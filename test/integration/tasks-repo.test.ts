import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UserError } from '../../src/errors.js';
import { createTaskRepo, resolveTaskRef } from '../../src/tasks/task-repo.js';
import type { TaskSnapshot } from '../../src/tasks/task-repo.js';

const NOW = new Date(2025, 0, 10, 14, 5);
let root: string;
let dir: string;

const current = (): string => readFileSync(join(dir, 'current.todo'), 'utf8');
const backlogPath = (): string => join(dir, 'backlog.todo');

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'opsdeck-tasks-'));
  dir = join(root, '.orchestration');
  mkdirSync(dir);
  writeFileSync(join(dir, 'current.todo'), 'Ops:\r\n  ☐ write runbook @high\r\n  ☐ rotate keys\r\n');
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('createTaskRepo', () => {
  it('loads both files; a missing backlog is empty, a missing current.todo is a UserError naming it', async () => {
    const repo = createTaskRepo(root, { now: () => NOW });
    const snapshot = await repo.load();
    expect(snapshot.tasks.map((t) => t.text)).toEqual(['write runbook', 'rotate keys']);
    expect(snapshot.backlog.tasks).toEqual([]);
    rmSync(join(dir, 'current.todo'));
    await expect(repo.load()).rejects.toThrow(/current\.todo: not found/);
    await expect(repo.load()).rejects.toBeInstanceOf(UserError);
  });

  it('applies an edit atomically, keeps the file mode and returns the changed task', async () => {
    chmodSync(join(dir, 'current.todo'), 0o640);
    const repo = createTaskRepo(root, { now: () => NOW });
    const snapshot = await repo.load();
    const task = resolveTaskRef(snapshot.tasks, 'rotate');
    const result = await repo.apply({ kind: 'done', id: task.id });
    expect(result.ok).toBe(true);
    expect(result.ok && result.task).toMatchObject({ id: task.id, state: 'done', tags: { done: '25-01-10 14:05' } });
    expect(current()).toBe('Ops:\r\n  ☐ write runbook @high\r\n  ✔ rotate keys @done(25-01-10 14:05)\r\n');
    expect(statSync(join(dir, 'current.todo')).mode & 0o777).toBe(0o640);
    expect(existsSync(join(dir, '.tasks.lock'))).toBe(false);
  });

  it('applies a stale edit to the fresh file when the task still exists', async () => {
    const repo = createTaskRepo(root, { now: () => NOW });
    const snapshot = await repo.load();
    const task = resolveTaskRef(snapshot.tasks, 'rotate');
    writeFileSync(join(dir, 'current.todo'), 'Ops:\r\n  ☐ someone added this\r\n  ☐ write runbook @high\r\n  ☐ rotate keys\r\n');
    const result = await repo.apply({ kind: 'start', id: task.id });
    expect(result.ok).toBe(true);
    expect(current()).toBe('Ops:\r\n  ☐ someone added this\r\n  ☐ write runbook @high\r\n  ☐ rotate keys @started(25-01-10 14:05)\r\n');
  });

  it('refuses a stale edit when the task changed on disk, and writes nothing', async () => {
    const repo = createTaskRepo(root, { now: () => NOW });
    const snapshot = await repo.load();
    const task = resolveTaskRef(snapshot.tasks, 'rotate');
    const changed = 'Ops:\r\n  ☐ write runbook @high\r\n  ☐ rotate all keys\r\n';
    writeFileSync(join(dir, 'current.todo'), changed);
    const result = await repo.apply({ kind: 'done', id: task.id });
    expect(result).toMatchObject({ ok: false, code: 'stale', reason: 'task "rotate keys" changed on disk since it was shown; reload and try again' });
    expect(result.snapshot.tasks.map((t) => t.text)).toContain('rotate all keys');
    expect(current()).toBe(changed);
  });

  it('creates backlog.todo on the first move', async () => {
    const repo = createTaskRepo(root, { now: () => NOW });
    const task = resolveTaskRef((await repo.load()).tasks, 'runbook');
    const result = await repo.apply({ kind: 'move', id: task.id, to: 'backlog' });
    expect(result.ok && result.task).toMatchObject({ file: 'backlog', text: 'write runbook', project: ['Ops'] });
    expect(readFileSync(backlogPath(), 'utf8')).toBe('Ops:\n  ☐ write runbook @high\n');
    expect(current()).toBe('Ops:\r\n  ☐ rotate keys\r\n');
  });

  it('two cockpits writing at once never lose an edit', async () => {
    const a = createTaskRepo(root, { now: () => NOW });
    const b = createTaskRepo(root, { now: () => NOW });
    await Promise.all([a.load(), b.load()]);
    const edits = [];
    for (let i = 0; i < 10; i += 1) {
      edits.push(a.apply({ kind: 'add', file: 'current', project: ['Ops'], text: `from a ${i}` }));
      edits.push(b.apply({ kind: 'add', file: 'current', project: ['Ops'], text: `from b ${i}` }));
    }
    const results = await Promise.all(edits);
    expect(results.every((r) => r.ok)).toBe(true);
    const texts = (await a.load()).tasks.map((t) => t.text);
    for (let i = 0; i < 10; i += 1) expect(texts).toEqual(expect.arrayContaining([`from a ${i}`, `from b ${i}`]));
    expect(texts).toHaveLength(22);
  });

  it('refuses to rewrite a file that is not valid UTF-8', async () => {
    writeFileSync(join(dir, 'current.todo'), Buffer.concat([Buffer.from('☐ task one\n'), Buffer.from([0xff, 0x0a])]));
    const repo = createTaskRepo(root, { now: () => NOW });
    const task = resolveTaskRef((await repo.load()).tasks, 'one');
    const result = await repo.apply({ kind: 'done', id: task.id });
    expect(result).toMatchObject({ ok: false, code: 'invalid' });
    expect(readFileSync(join(dir, 'current.todo'))[Buffer.byteLength('☐ task one\n')]).toBe(0xff);
  });

  it('watch reports an external change and ignores a write of identical content', async () => {
    const repo = createTaskRepo(root, { now: () => NOW });
    await repo.load();
    const seen: TaskSnapshot[] = [];
    const stop = repo.watch((s) => seen.push(s));
    try {
      writeFileSync(join(dir, 'current.todo'), current());
      writeFileSync(join(dir, 'current.todo'), 'Ops:\n  ☐ edited elsewhere\n');
      await vi.waitFor(() => expect(seen.at(-1)?.tasks.map((t) => t.text)).toEqual(['edited elsewhere']), { timeout: 1000, interval: 20 });
      const count = seen.length;
      writeFileSync(backlogPath(), '☐ new backlog item\n');
      await vi.waitFor(() => expect(seen.at(-1)?.backlog.tasks.map((t) => t.text)).toEqual(['new backlog item']), { timeout: 1000, interval: 20 });
      expect(seen.length).toBe(count + 1);
    } finally {
      stop();
    }
  });
});

describe('resolveTaskRef', () => {
  it('takes an id, an id prefix, a unique fragment, and lists candidates when ambiguous', async () => {
    writeFileSync(join(dir, 'current.todo'), 'A:\n  ☐ Deploy api\n  ☐ Deploy web\n  ☐ deploy\n');
    const tasks = (await createTaskRepo(root).load()).tasks;
    const web = tasks[1]!;
    expect(resolveTaskRef(tasks, web.id)).toBe(web);
    expect(resolveTaskRef(tasks, web.id.slice(0, 6))).toBe(web);
    expect(resolveTaskRef(tasks, 'WEB')).toBe(web);
    expect(resolveTaskRef(tasks, 'deploy')).toBe(tasks[2]);
    expect(() => resolveTaskRef(tasks, 'deploy ')).not.toThrow();
    expect(() => resolveTaskRef(tasks, 'epl')).toThrow(/matches 3 tasks/);
    expect(() => resolveTaskRef(tasks, 'nothing like it')).toThrow(/no task matches/);
    expect(resolveTaskRef(tasks, 'Deploy a').text).toBe('Deploy api');
    let caught: unknown;
    try {
      resolveTaskRef(tasks, 'Dep');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UserError);
    expect((caught as UserError).exitCode).toBe(2);
    expect((caught as Error).message.split('\n')).toHaveLength(4);
  });
});
