// The streamed commit-log reader and the typed-array commit graph against a straightforward
// reference (ancestor sets by breadth-first search) on generated histories with merges, clock
// skew, logs cut below an excluded revision and output split at arbitrary points.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CommitGraph } from '../../src/kpi/commit-graph.js';
import { CommitLogReader } from '../../src/kpi/commit-log-reader.js';

type History = { shas: string[]; parents: number[][]; authored: number[] };

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** Commits in creation order (parents first): a main line, side branches and merges. */
function makeHistory(count: number, seed: number): History {
  const rnd = random(seed);
  const shas = Array.from({ length: count }, (_, i) => createHash('sha1').update(`${seed}:${i}`).digest('hex'));
  const parents: number[][] = [[]];
  const tips: number[] = [0];
  for (let i = 1; i < count; i += 1) {
    const branch = Math.floor(rnd() * tips.length);
    const own = [tips[branch]!];
    if (tips.length > 1 && rnd() < 0.2) {
      const other = (branch + 1 + Math.floor(rnd() * (tips.length - 1))) % tips.length;
      own.push(tips[other]!);
      tips.splice(other, 1);
    }
    parents.push(own);
    const at = tips.indexOf(own[0]!);
    if (rnd() < 0.15) tips.push(i);
    else tips[at] = i;
  }
  // Authored times mostly rise, with skew: a parent may look younger than its child.
  const authored = shas.map((_, i) => 1_000_000 + i * 60 + Math.floor((rnd() - 0.5) * 600));
  return { shas, parents, authored };
}

function ancestors(h: History, from: number): Set<number> {
  const seen = new Set<number>([from]);
  const queue = [from];
  while (queue.length > 0) {
    for (const p of h.parents[queue.pop()!]!) {
      if (seen.has(p)) continue;
      seen.add(p);
      queue.push(p);
    }
  }
  return seen;
}

/** `git log --format='%H %at %P'` of the commits in `keep`: children first, or shuffled. */
function logText(h: History, keep: Set<number>, shuffle?: () => number): string {
  const order = [...keep].sort((a, b) => b - a);
  if (shuffle) for (let i = order.length - 1; i > 0; i -= 1) {
    const j = Math.floor(shuffle() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order.map((i) => [h.shas[i], h.authored[i], ...h.parents[i]!.map((p) => h.shas[p])].join(' ')).join('\n') + '\n';
}

/** The reference `git log PREV..VERSION` over a log cut below `cut`: sorted shas. */
function expected(h: History, prev: number | null, version: number, cut: Set<number>): string[] {
  const below = prev === null ? new Set<number>() : ancestors(h, prev);
  return [...ancestors(h, version)].filter((i) => !below.has(i) && !cut.has(i)).map((i) => h.shas[i]!).sort();
}

function readInChunks(text: string, rnd: () => number): CommitLogReader {
  const reader = new CommitLogReader();
  for (let pos = 0; pos < text.length; ) {
    const size = 1 + Math.floor(rnd() * 120);
    reader.push(text.slice(pos, pos + size));
    pos += size;
  }
  return reader;
}

describe('CommitGraph over a generated history', () => {
  const h = makeHistory(600, 7);
  const all = new Set(h.shas.keys());
  const pairs = (rnd: () => number): Array<[number | null, number]> =>
    Array.from({ length: 150 }, () => {
      const v = Math.floor(rnd() * h.shas.length);
      return [rnd() < 0.1 ? null : Math.floor(rnd() * h.shas.length), v];
    });

  it('has merges and skew to test', () => {
    expect(h.parents.filter((p) => p.length === 2).length).toBeGreaterThan(20);
    expect(h.parents.some((p, i) => p.some((q) => h.authored[q]! > h.authored[i]!))).toBe(true);
  });

  it('answers PREV..VERSION as the reference does, for a log read whole, in chunks or shuffled', () => {
    const text = logText(h, all);
    const graphs = [new CommitGraph(text), new CommitGraph(readInChunks(text, random(3))), new CommitGraph(logText(h, all, random(5)))];
    for (const [prev, v] of pairs(random(11))) {
      const want = expected(h, prev, v, new Set());
      for (const graph of graphs) {
        const got = graph.range(prev === null ? null : h.shas[prev], h.shas[v]!)!;
        expect(got.map((c) => c.sha).sort()).toEqual(want);
        expect(got.map((c) => c.authoredSec)).toEqual(got.map((c) => h.authored[h.shas.indexOf(c.sha)]));
        expect(graph.rangeAuthored(prev === null ? null : h.shas[prev], h.shas[v]!)).toEqual(got.map((c) => c.authoredSec));
      }
    }
  });

  it('treats commits below an excluded revision as shipped, as `git log TIPS ^CUT` leaves them out', () => {
    const cutAt = 200;
    const cut = ancestors(h, cutAt);
    const kept = new Set([...all].filter((i) => !cut.has(i)));
    const graph = new CommitGraph(readInChunks(logText(h, kept, random(9)), random(13)));
    expect(graph.size).toBe(kept.size);
    for (const [prev, v] of pairs(random(17))) {
      if (cut.has(v)) {
        expect(graph.range(null, h.shas[v]!)).toBeUndefined();
        continue;
      }
      const got = graph.range(prev === null ? null : h.shas[prev], h.shas[v]!)!;
      expect(got.map((c) => c.sha).sort()).toEqual(expected(h, prev, v, cut));
    }
  });
});

describe('CommitLogReader', () => {
  it('reads a last line without a newline, skips lines without a time and keeps the first of a repeated sha', () => {
    const reader = new CommitLogReader();
    reader.push('c 30 b\nb 2');
    reader.push('0 a\nnoise\n\nc 99\na 1');
    const log = reader.end();
    expect(log.shas).toEqual(['c', 'b', 'a']);
    expect([...log.authored]).toEqual([30, 20, 1]);
    expect([...log.parentList]).toEqual([1, 2]);
  });

  it('drops parents the log left out and reads odd times as Number() does', () => {
    const reader = new CommitLogReader();
    reader.push('b x a gone\na \n');
    const log = reader.end();
    expect(Number.isNaN(log.authored[0])).toBe(true);
    expect(log.authored[1]).toBe(0);
    expect([...log.parentStart]).toEqual([0, 1, 1]);
  });
});

describe('CommitGraph.resolve', () => {
  it('expands an abbreviated sha to the first matching commit in topological order', () => {
    const child = `abcdef0${'1'.repeat(33)}`;
    const parent = `abcdef0${'2'.repeat(33)}`;
    const other = `abcdef1${'3'.repeat(33)}`;
    // Parent printed first (clock skew): the child still comes first once sorted.
    const graph = new CommitGraph(`${parent} 1 ${other}\n${child} 2 ${parent}\n${other} 0\n`);
    expect(graph.resolve('ABCDEF0')).toBe(child);
    expect(graph.resolve('abcdef02')).toBe(parent);
    expect(graph.resolve('abcdef1')).toBe(other);
    expect(graph.resolve('abcdef')).toBeUndefined();
    expect(graph.resolve('abcdef9')).toBeUndefined();
  });
});
