import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NAME_PATTERN, GIT_MISSING_MESSAGE, createDemoWorkspace, readWorkspace } from '../../src/demo/create-demo.js';
import { UserError } from '../../src/errors.js';

const SHIPPED = fileURLToPath(new URL('../../examples/demo', import.meta.url));

async function treeHash(root: string): Promise<string> {
  const hash = createHash('sha256');
  const walk = async (dir: string): Promise<void> => {
    for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      hash.update(`${relative(root, path)}\0`);
      if (entry.isDirectory()) await walk(path);
      else hash.update(`${(await stat(path)).mode}\0`).update(await readFile(path));
    }
  };
  await walk(root);
  return hash.digest('hex');
}

const git = async (cwd: string, ...args: string[]): Promise<string> => (await execa('git', args, { cwd })).stdout;

describe('createDemoWorkspace', () => {
  let stateHome: string;
  let oldXdg: string | undefined;
  let shippedBefore: string;
  let demo: string;
  let elapsedMs: number;

  beforeAll(async () => {
    stateHome = await mkdtemp(join(tmpdir(), 'opsdeck-demo-'));
    oldXdg = process.env.XDG_STATE_HOME;
    process.env.XDG_STATE_HOME = stateHome;
    shippedBefore = await treeHash(SHIPPED);
    const started = performance.now();
    demo = await createDemoWorkspace();
    elapsedMs = performance.now() - started;
  });

  afterAll(async () => {
    if (oldXdg === undefined) delete process.env.XDG_STATE_HOME;
    else process.env.XDG_STATE_HOME = oldXdg;
    await rm(stateHome, { recursive: true, force: true });
  });

  it('creates a fresh copy under $XDG_STATE_HOME/opsdeck/demo and leaves examples/demo unchanged', async () => {
    console.log(`createDemoWorkspace took ${elapsedMs.toFixed(0)} ms`);
    expect(relative(join(stateHome, 'opsdeck', 'demo'), dirname(demo))).toMatch(DEMO_NAME_PATTERN);
    expect(basename(demo)).toBe('payments-api');
    expect((await stat(join(demo, '.orchestration', 'current.todo'))).isFile()).toBe(true);
    expect(await treeHash(SHIPPED)).toBe(shippedBefore);
  });

  it('has the shipped files, scripts executable, .todo dates moved next to today', async () => {
    const shipped = await readWorkspace(SHIPPED);
    const copy = await readWorkspace(demo);
    // beside the shipped files, the demo's generated history: journals and run logs (git-ignored)
    const generated = (path: string): boolean => /^\.orchestration\/(?:[^/]+\.jsonl|runs\/)/.test(path);
    expect([...copy.keys()].filter((p) => !generated(p)).sort()).toEqual([...shipped.keys()].sort());
    expect([...copy.keys()].filter(generated)).toEqual(expect.arrayContaining(['.orchestration/deploys.jsonl', '.orchestration/incidents.jsonl']));
    for (const [path, file] of shipped) {
      const copied = copy.get(path)!;
      expect(copied.executable, path).toBe(file.executable);
      if (path.endsWith('.todo')) {
        const blank = (b: Buffer): string => b.toString('utf8').replace(/\(\d\d-\d\d-\d\d \d\d:\d\d\)/g, '()');
        expect(blank(copied.content), path).toBe(blank(file.content));
      } else {
        expect(copied.content.equals(file.content), path).toBe(true);
      }
    }
    const todo = copy.get('.orchestration/current.todo')!.content.toString('utf8');
    const dates = [...todo.matchAll(/@(?:started|done|cancelled)\((\d\d)-(\d\d)-(\d\d) (\d\d):(\d\d)\)/g)].map(
      (m) => new Date(2000 + Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5])).getTime(),
    );
    const newest = Math.max(...dates);
    expect(newest).toBeLessThanOrEqual(Date.now());
    expect(Date.now() - newest).toBeLessThan(2 * 86_400_000);
  });

  it('is a clean git repo whose log has conventional commits over ~45 days', async () => {
    expect(await git(demo, 'status', '--porcelain')).toBe('');
    expect(await git(demo, 'rev-parse', '--abbrev-ref', 'HEAD')).toBe('main');
    const log = (await git(demo, 'log', '--format=%ct%x09%s')).split('\n').map((line) => line.split('\t') as [string, string]);
    expect(log.length).toBeGreaterThanOrEqual(20);
    for (const [, subject] of log) expect(subject).toMatch(/^(feat|fix|docs|style|refactor|test|chore)(\([a-z0-9-]+\))?!?: /);
    const subjects = log.map(([, s]) => s);
    for (const type of ['feat(', 'fix(', 'docs', 'chore', 'refactor(']) expect(subjects.some((s) => s.startsWith(type)), type).toBe(true);
    expect(await git(demo, 'log', '--grep=^BREAKING CHANGE: ', '--format=%s')).toMatch(/^feat\(api\)!: /);
    const times = log.map(([t]) => Number(t));
    const now = Date.now() / 1000;
    expect(Math.max(...times)).toBeLessThanOrEqual(now);
    expect(now - Math.min(...times)).toBeGreaterThan(40 * 86_400);
    expect(now - Math.min(...times)).toBeLessThan(46 * 86_400);
    expect(await git(demo, 'config', 'user.name')).toBe('Demo On-call');
  });

  it('tags v1.0.0 … v1.2.3 as annotated releases on commits with increasing dates', async () => {
    expect((await git(demo, 'tag', '--list', '--sort=v:refname')).split('\n')).toEqual(['v1.0.0', 'v1.1.0', 'v1.2.0', 'v1.2.1', 'v1.2.2', 'v1.2.3']);
    let previous = 0;
    for (const tag of ['v1.0.0', 'v1.1.0', 'v1.2.0', 'v1.2.1', 'v1.2.2', 'v1.2.3']) {
      expect(await git(demo, 'cat-file', '-t', tag)).toBe('tag');
      expect(await git(demo, 'tag', '-l', '--format=%(contents:subject)', tag)).toBe(`Release version ${tag.slice(1)}`);
      const time = Number(await git(demo, 'log', '-1', '--format=%ct', `${tag}^{commit}`));
      expect(time).toBeGreaterThan(previous);
      previous = time;
    }
    expect(await git(demo, 'describe', '--tags')).toMatch(/^v1\.2\.3-[23]-g[0-9a-f]+$/);
    expect(await git(demo, 'show', 'v1.2.2:package.json')).toContain('"version": "1.2.2"');
  });

  it('keeps only the 5 newest demo copies and never touches other folders', async () => {
    const root = join(stateHome, 'opsdeck', 'demo');
    await mkdir(join(root, 'keep-me'));
    const made: string[] = [demo];
    for (let i = 0; i < 5; i += 1) made.push(await createDemoWorkspace({ now: new Date(Date.now() + (i + 1) * 1000) }));
    const names = (await readdir(root)).sort();
    expect(names).toEqual([...made.slice(1).map((p) => relative(root, dirname(p))), 'keep-me'].sort());
  });

  it('says how to install git when git is missing, and leaves nothing behind', async () => {
    const stateRoot = await mkdtemp(join(tmpdir(), 'opsdeck-nogit-'));
    const emptyPath = await mkdtemp(join(tmpdir(), 'opsdeck-path-'));
    try {
      const error = await createDemoWorkspace({ stateRoot, env: { PATH: emptyPath } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).message).toBe(GIT_MISSING_MESSAGE);
      expect(await readdir(join(stateRoot, 'demo'))).toEqual([]);
    } finally {
      await rm(stateRoot, { recursive: true, force: true });
      await rm(emptyPath, { recursive: true, force: true });
    }
  });

  it('fails with one clear line when the shipped workspace is missing', async () => {
    await expect(createDemoWorkspace({ source: join(stateHome, 'nope'), stateRoot: stateHome })).rejects.toThrow(/cannot read the bundled demo workspace .*nope/);
  });
});
