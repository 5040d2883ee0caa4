import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { demoHistory, readWorkspace } from '../../src/demo/create-demo.js';
import { DEMO_AUTHORS, DEMO_COMMITS } from '../../src/demo/demo-history.js';
import { commitTime, fastImportStream, planHistory } from '../../src/demo/history-plan.js';
import type { ShippedFile } from '../../src/demo/history-plan.js';

const DEMO = fileURLToPath(new URL('../../examples/demo', import.meta.url));
const NOW = new Date('2026-11-25T21:30:00Z');
const CONVENTIONAL = /^(feat|fix|docs|style|refactor|test|chore)(\([a-z0-9-]+\))?!?: \S.*$/;

const file = (text: string, executable = false): ShippedFile => ({ content: Buffer.from(text), executable });

describe('the demo history plan against examples/demo', () => {
  it('ends with exactly the shipped tree, without fallbacks', async () => {
    const files = await readWorkspace(DEMO);
    const history = demoHistory(files, NOW);
    expect(history.leftovers).toEqual([]);
    const tree = new Map<string, Buffer>();
    for (const commit of history.commits) {
      for (const change of commit.changes) {
        if (change.op === 'delete') tree.delete(change.path);
        else tree.set(change.path, change.content);
      }
    }
    expect([...tree.keys()].sort()).toEqual([...files.keys()].sort());
    for (const [path, shipped] of files) {
      if (!path.endsWith('.todo')) expect(tree.get(path)?.equals(shipped.content), path).toBe(true);
    }
  });

  it('has ~20 conventional commits, each with changes, increasing dates, within 45 days', async () => {
    const history = demoHistory(await readWorkspace(DEMO), NOW);
    expect(history.commits.length).toBeGreaterThanOrEqual(18);
    let previous = 0;
    for (const commit of history.commits) {
      expect(commit.message.split('\n')[0]).toMatch(CONVENTIONAL);
      expect(commit.changes.length, commit.message).toBeGreaterThan(0);
      expect(commit.time).toBeGreaterThan(previous);
      previous = commit.time;
    }
    const nowSec = NOW.getTime() / 1000;
    expect(previous).toBeLessThan(nowSec);
    expect(nowSec - history.commits[0]!.time).toBeLessThanOrEqual(46 * 86_400);
    expect(history.commits.filter((c) => c.message.includes('\nBREAKING CHANGE: '))).toHaveLength(1);
    expect(history.commits.some((c) => /^\w+(\(.+\))?!:/.test(c.message))).toBe(true);
  });

  it('tags the six releases in order, with 2-3 commits after the last', async () => {
    const history = demoHistory(await readWorkspace(DEMO), NOW);
    const tagged = history.commits.flatMap((c, i) => (c.tag ? [{ tag: c.tag, i }] : []));
    expect(tagged.map((t) => t.tag)).toEqual(['v1.0.0', 'v1.1.0', 'v1.2.0', 'v1.2.1', 'v1.2.2', 'v1.2.3']);
    const after = history.commits.length - 1 - tagged[tagged.length - 1]!.i;
    expect(after).toBeGreaterThanOrEqual(2);
    expect(after).toBeLessThanOrEqual(3);
  });

  it('keeps the scripts executable and lib.sh not', async () => {
    const files = await readWorkspace(DEMO);
    expect(files.get('scripts/deploy.sh')?.executable).toBe(true);
    expect(files.get('scripts/lib.sh')?.executable).toBe(false);
    const stream = fastImportStream(demoHistory(files, NOW)).toString('utf8');
    expect(stream).toContain('M 100755 inline scripts/deploy.sh\n');
    expect(stream).toContain('M 100644 inline scripts/lib.sh\n');
  });
});

describe('planHistory', () => {
  const files = new Map([
    ['a.txt', file('one\ntwo\n')],
    ['run.sh', file('#!/bin/sh\n', true)],
  ]);
  const authors = DEMO_AUTHORS;

  it('adds unmentioned files in the first commit and derives earlier versions', () => {
    const history = planHistory(
      [
        { message: 'chore: init\n', author: 'jun', day: 2, at: '10:00', files: [{ path: 'a.txt', replace: [['two', 'zwei']] }] },
        { message: 'fix: two\n', author: 'dana', day: 1, at: '11:00', files: ['a.txt'], tag: 'v1.0.0' },
      ],
      files,
      { now: NOW, authors },
    );
    expect(history.leftovers).toEqual([]);
    const [first, second] = history.commits;
    expect(first!.changes.map((c) => c.path)).toEqual(['a.txt', 'run.sh']);
    expect(first!.changes[0]!.op === 'modify' && first!.changes[0]!.content.toString()).toBe('one\nzwei\n');
    expect(second!.changes).toHaveLength(1);
    const stream = fastImportStream(history).toString('utf8');
    expect(stream).toContain('tag v1.0.0\nfrom :2\n');
    expect(stream).toContain('data 22\nRelease version 1.0.0\n');
    expect(stream.endsWith('done\n')).toBe(true);
  });

  it('reports files the plan left behind and fixes them in the last commit', () => {
    const history = planHistory([{ message: 'chore: init\n', author: 'jun', day: 1, at: '10:00', files: [{ path: 'a.txt', content: 'old\n' }] }], files, { now: NOW, authors });
    expect(history.leftovers).toEqual(['a.txt']);
    const last = history.commits[0]!.changes.at(-1)!;
    expect(last.op === 'modify' && last.content.toString()).toBe('one\ntwo\n');
  });

  it('throws on a stale replace snippet, an unknown file and an out-of-order plan', () => {
    const commit = { message: 'chore: x\n', author: 'jun' as const, day: 1, at: '10:00' };
    expect(() => planHistory([{ ...commit, files: [{ path: 'a.txt', replace: [['three', '3']] }] }], files, { now: NOW, authors })).toThrow(/no longer contains/);
    expect(() => planHistory([{ ...commit, files: ['missing.txt'] }], files, { now: NOW, authors })).toThrow(/missing.txt is not in examples\/demo/);
    expect(() => planHistory([{ ...commit, day: 1 }, { ...commit, day: 2 }], files, { now: NOW, authors })).toThrow(/older than the one before/);
  });

  it('moves commits of today that would be in the future to just before now', () => {
    const todaySec = Date.UTC(2026, 10, 25) / 1000;
    const nowSec = todaySec + 8 * 3600; // 08:00 UTC
    expect(commitTime({ day: 0, at: '09:05' }, todaySec, nowSec, 0)).toBe(nowSec - 600);
    expect(commitTime({ day: 1, at: '09:05' }, todaySec, nowSec, 0)).toBe(todaySec - 86_400 + 9 * 3600 + 300);
    expect(commitTime({ day: 0, at: '07:00' }, todaySec, nowSec, nowSec - 100)).toBe(nowSec - 40);
    expect(() => commitTime({ day: 0, at: '7am' }, todaySec, nowSec, 0)).toThrow(/HH:mm/);
  });

  it('rejects file names fast-import would need quoted', () => {
    const odd = new Map([['"quoted".txt', file('x')]]);
    const history = planHistory([{ message: 'chore: x\n', author: 'jun', day: 1, at: '10:00' }], odd, { now: NOW, authors });
    expect(() => fastImportStream(history)).toThrow(/unsupported file name/);
  });

  it('the shipped plan uses known authors', () => {
    for (const commit of DEMO_COMMITS) expect(Object.keys(DEMO_AUTHORS)).toContain(commit.author);
  });
});
