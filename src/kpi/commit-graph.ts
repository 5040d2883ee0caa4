// The commit graph of ONE `git log --format='%H %at %P'` (any order; sorted topologically on
// reading) plus ONE `git for-each-ref`, answering `git log PREV..VERSION` for every deploy in
// memory (pure). Commits the log left out (below an excluded `^rev`) count as already shipped.
import { CommitLogReader } from './commit-log-reader.js';
import type { CommitLog } from './commit-log-reader.js';

export type ShippedCommit = { sha: string; authoredSec: number };

/** Ref names (full and short) to the commit they point at, from for-each-ref lines "REFNAME OBJECT [PEELED]". */
export type RefMap = ReadonlyMap<string, string>;

const REF_PREFIXES = ['refs/tags/', 'refs/heads/', 'refs/remotes/'];
const ABBREVIATED = /^[0-9a-f]{7,39}$/i;

export function parseRefs(refs: string): RefMap {
  const map = new Map<string, string>();
  for (const line of refs.split('\n')) {
    const [name, object, peeled] = line.trim().split(' ');
    if (!name || !object) continue;
    const sha = peeled || object;
    map.set(name, sha);
    for (const prefix of REF_PREFIXES) {
      if (name.startsWith(prefix)) {
        const short = name.slice(prefix.length);
        if (!map.has(short) || prefix === 'refs/tags/') map.set(short, sha);
      }
    }
  }
  return map;
}

export class CommitGraph {
  private readonly log: CommitLog;
  private readonly refs: RefMap;
  /** Paint flags of walk(), reset after each call. */
  private readonly flags: Uint8Array;
  /** Positions sorted by sha, built on the first abbreviated sha. */
  private bySha: Int32Array | undefined;

  /** `log`: lines "SHA AUTHORED-EPOCH PARENT…" in any order, or a reader fed with them. `refs`: for-each-ref lines, or parseRefs() of them. */
  constructor(log: string | CommitLogReader, refs: string | RefMap = '') {
    let reader = log;
    if (typeof reader === 'string') {
      reader = new CommitLogReader();
      reader.push(log as string);
    }
    this.log = reader.end();
    this.refs = typeof refs === 'string' ? parseRefs(refs) : refs;
    this.flags = new Uint8Array(this.log.shas.length);
  }

  get size(): number {
    return this.log.shas.length;
  }

  /** The commit sha a ref names (tag, branch, full or abbreviated sha), or undefined. */
  resolve(ref: string | null | undefined): string | undefined {
    if (!ref) return undefined;
    const named = this.refs.get(ref);
    if (named) return named;
    if (this.log.index.has(ref)) return ref;
    return ABBREVIATED.test(ref) ? this.expand(ref.toLowerCase()) : undefined;
  }

  /** The first commit (in topological order) whose sha starts with `prefix`. */
  private expand(prefix: string): string | undefined {
    const { shas } = this.log;
    this.bySha ??= Int32Array.from(shas.keys()).sort((a, b) => (shas[a]! < shas[b]! ? -1 : shas[a]! > shas[b]! ? 1 : a - b));
    const order = this.bySha;
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (shas[order[mid]!]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    let first = -1;
    for (let k = lo; k < order.length && shas[order[k]!]!.startsWith(prefix); k += 1) if (first < 0 || order[k]! < first) first = order[k]!;
    return first < 0 ? undefined : shas[first];
  }

  /** Whether the log holds this commit. */
  has(sha: string): boolean {
    return this.log.index.has(sha);
  }

  /**
   * `git log PREV..VERSION`: commits reachable from VERSION and not from PREV (null PREV: all
   * reachable), in topological order. undefined when VERSION is unknown.
   */
  range(previous: string | null | undefined, version: string): ShippedCommit[] | undefined {
    const { shas, authored } = this.log;
    return this.walk(previous, version)?.map((i) => ({ sha: shas[i]!, authoredSec: authored[i]! }));
  }

  /** The authored times (epoch seconds) of range(previous, version), without building objects. */
  rangeAuthored(previous: string | null | undefined, version: string): number[] | undefined {
    const { authored } = this.log;
    return this.walk(previous, version)?.map((i) => authored[i]!);
  }

  /**
   * Appends to `into` the lead time, max(0, finishedSec − authored), of each commit of
   * range(previous, version); returns how many, or undefined when VERSION is unknown.
   */
  pushLeadTimes(previous: string | null | undefined, version: string, finishedSec: number, into: number[]): number | undefined {
    const { authored } = this.log;
    const commits = this.walk(previous, version);
    if (!commits) return undefined;
    for (const i of commits) into.push(Math.max(0, finishedSec - authored[i]!));
    return commits.length;
  }

  /**
   * Positions of PREV..VERSION. Walks the topo order from the higher of the two positions once,
   * painting from both ends, and stops when no unshipped commit is left to visit.
   */
  private walk(previous: string | null | undefined, version: string): number[] | undefined {
    const { index, parentStart, parentList } = this.log;
    const top = index.get(version);
    if (top === undefined) return undefined;
    const SHIP = 1;
    const SEEN = 2;
    const flags = this.flags;
    const touched: number[] = [top];
    flags[top] = SHIP;
    let open = 1;
    const prev = previous ? index.get(previous) : undefined;
    if (prev !== undefined) {
      if (prev === top) {
        flags[top] = 0;
        return [];
      }
      flags[prev] = flags[prev]! | SEEN;
      touched.push(prev);
    }
    const out: number[] = [];
    const count = flags.length;
    const start = prev === undefined ? top : Math.min(top, prev);
    for (let i = start; i < count && open > 0; i += 1) {
      const flag = flags[i]!;
      if (flag === 0) continue;
      if (flag === SHIP) {
        open -= 1;
        out.push(i);
      }
      for (let k = parentStart[i]!; k < parentStart[i + 1]!; k += 1) {
        const p = parentList[k]!;
        const before = flags[p]!;
        const after = before | flag;
        if (after === before) continue;
        if (before === 0) touched.push(p);
        if (before === SHIP) open -= 1; // it was open; now painted SEEN too
        if (after === SHIP) open += 1;
        flags[p] = after;
      }
    }
    for (const i of touched) flags[i] = 0;
    return out;
  }
}
