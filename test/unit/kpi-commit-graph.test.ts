// The in-memory `git log PREV..VERSION` over one topo-ordered log, merges included.
import { describe, expect, it } from 'vitest';
import { CommitGraph } from '../../src/kpi/commit-graph.js';

// a - b - c ------ m - f      (m merges d-e into main)
//      \          /
//       d ------ e
// Children before parents, as `git log --topo-order` prints them.
const LOG = ['f 60 m', 'm 50 c e', 'e 45 d', 'd 35 b', 'c 30 b', 'b 20 a', 'a 10', ''].join('\n');
const REFS = ['refs/tags/v1 t1 b', 'refs/tags/v2 m', 'refs/heads/main f', 'refs/tags/side e'].join('\n');
const shas = (list: { sha: string }[] | undefined) => list?.map((c) => c.sha).sort();

describe('CommitGraph', () => {
  const graph = new CommitGraph(LOG, REFS);

  it('resolves tags (peeled), branches, shas and unknown names', () => {
    expect(graph.size).toBe(7);
    expect(graph.resolve('v1')).toBe('b');
    expect(graph.resolve('refs/tags/v2')).toBe('m');
    expect(graph.resolve('main')).toBe('f');
    expect(graph.resolve('c')).toBe('c');
    expect(graph.resolve('nope')).toBeUndefined();
    expect(graph.resolve(null)).toBeUndefined();
  });

  it('answers PREV..VERSION across a merge', () => {
    expect(shas(graph.range('b', 'm'))).toEqual(['c', 'd', 'e', 'm']);
    expect(shas(graph.range('e', 'f'))).toEqual(['c', 'f', 'm']);
    expect(shas(graph.range('c', 'e'))).toEqual(['d', 'e']);
    expect(shas(graph.range('m', 'f'))).toEqual(['f']);
    expect(graph.range('f', 'f')).toEqual([]);
    expect(graph.range('f', 'm')).toEqual([]);
  });

  it('walks everything reachable without a previous version, and knows authored times', () => {
    expect(graph.range(null, 'c')).toEqual([
      { sha: 'c', authoredSec: 30 },
      { sha: 'b', authoredSec: 20 },
      { sha: 'a', authoredSec: 10 },
    ]);
    expect(graph.range(null, 'zz')).toBeUndefined();
  });

  it('treats commits the log left out (below ^PREV) as shipped', () => {
    const cut = new CommitGraph('f 60 m\nm 50 c e\ne 45 d\nd 35 b\nc 30 b\n');
    expect(shas(cut.range('b', 'm'))).toEqual(['c', 'd', 'e', 'm']);
    expect(cut.has('b')).toBe(false);
    expect(cut.resolve('abcdef0')).toBeUndefined();
  });

  it('sorts a log that is not in topological order (clock skew) before answering', () => {
    const shuffled = new CommitGraph(['b 20 a', 'e 45 d', 'a 10', 'f 60 m', 'c 30 b', 'm 50 c e', 'd 35 b'].join('\n'), REFS);
    expect(shas(shuffled.range('b', 'm'))).toEqual(['c', 'd', 'e', 'm']);
    expect(shas(shuffled.range('e', 'f'))).toEqual(['c', 'f', 'm']);
    expect(shas(shuffled.range(null, 'd'))).toEqual(['a', 'b', 'd']);
  });

  it('resolves abbreviated shas', () => {
    const full = new CommitGraph('0123456789abcdef0123456789abcdef01234567 5\n');
    expect(full.resolve('0123456')).toBe('0123456789abcdef0123456789abcdef01234567');
  });
});
