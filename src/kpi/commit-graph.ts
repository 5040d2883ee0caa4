// The commit graph of ONE `git log --format='%H %at %P'` (any order; sorted topologically here) plus ONE
// `git for-each-ref`, answering `git log PREV..VERSION` for every deploy in memory (pure).
// Commits the log left out (below an excluded `^rev`) count as already shipped.

export type ShippedCommit = { sha: string; authoredSec: number };

export class CommitGraph {
  private shas: string[];
  private authored: number[];
  private parents: number[][];
  private index: Map<string, number>;
  private readonly refs = new Map<string, string>();
  /** Paint flags of range(), reset after each call. */
  private flags: Uint8Array;

  /** `log`: lines "SHA AUTHORED-EPOCH PARENT…" in any order. `refs`: lines "REFNAME OBJECT [PEELED]". */
  constructor(log: string, refs = '') {
    // Read in git's order, then sort topologically (children before parents) here: cheaper
    // than `git log --topo-order`, which costs git more than the whole log with many tips.
    const shas: string[] = [];
    const authored: number[] = [];
    const rawParents: string[][] = [];
    const seen = new Map<string, number>();
    for (let pos = 0; pos < log.length; ) {
      let end = log.indexOf('\n', pos);
      if (end < 0) end = log.length;
      const sp1 = log.indexOf(' ', pos);
      if (end > pos && sp1 > pos && sp1 < end) {
        const sha = log.slice(pos, sp1);
        let sp2 = log.indexOf(' ', sp1 + 1);
        if (sp2 < 0 || sp2 > end) sp2 = end;
        if (!seen.has(sha)) {
          seen.set(sha, shas.length);
          shas.push(sha);
          authored.push(Number(log.slice(sp1 + 1, sp2)));
          const rest = sp2 < end ? log.slice(sp2 + 1, end).trim() : '';
          rawParents.push(rest === '' ? [] : rest.includes(' ') ? rest.split(' ').filter(Boolean) : [rest]);
        }
      }
      pos = end + 1;
    }
    const parents = rawParents.map((list) => list.map((p) => seen.get(p) ?? -1).filter((i) => i >= 0));
    this.shas = shas;
    this.authored = authored;
    this.parents = parents;
    this.index = seen;
    if (parents.some((list, i) => list.some((p) => p < i))) this.sortTopologically();
    this.flags = new Uint8Array(this.shas.length);
    for (const line of refs.split('\n')) {
      const [name, object, peeled] = line.trim().split(' ');
      if (!name || !object) continue;
      const sha = peeled || object;
      this.refs.set(name, sha);
      for (const prefix of ['refs/tags/', 'refs/heads/', 'refs/remotes/']) {
        if (name.startsWith(prefix)) {
          const short = name.slice(prefix.length);
          if (!this.refs.has(short) || prefix === 'refs/tags/') this.refs.set(short, sha);
        }
      }
    }
  }

  /** Reorders children before parents (git's date order is not, under clock skew). */
  private sortTopologically(): void {
    const { shas, authored, parents } = this;
    const children = new Int32Array(shas.length);
    for (const list of parents) for (const p of list) children[p]! += 1;
    const ready: number[] = [];
    for (let i = shas.length - 1; i >= 0; i -= 1) if (children[i] === 0) ready.push(i);
    const order: number[] = [];
    while (ready.length > 0) {
      const i = ready.pop()!;
      order.push(i);
      const list = parents[i]!;
      for (let k = list.length - 1; k >= 0; k -= 1) {
        const p = list[k]!;
        children[p]! -= 1;
        if (children[p] === 0) ready.push(p);
      }
    }
    const position = new Int32Array(shas.length);
    order.forEach((old, i) => (position[old] = i));
    this.shas = order.map((old) => shas[old]!);
    this.authored = order.map((old) => authored[old]!);
    this.parents = order.map((old) => parents[old]!.map((p) => position[p]!));
    this.index = new Map(this.shas.map((sha, i) => [sha, i]));
  }

  get size(): number {
    return this.shas.length;
  }

  /** The commit sha a ref names (tag, branch, full or abbreviated sha), or undefined. */
  resolve(ref: string | null | undefined): string | undefined {
    if (!ref) return undefined;
    const named = this.refs.get(ref);
    if (named) return named;
    if (this.index.has(ref)) return ref;
    if (/^[0-9a-f]{7,39}$/i.test(ref)) {
      const lower = ref.toLowerCase();
      const match = this.shas.find((sha) => sha.startsWith(lower));
      if (match) return match;
    }
    return undefined;
  }

  /** Whether the log holds this commit. */
  has(sha: string): boolean {
    return this.index.has(sha);
  }

  /**
   * `git log PREV..VERSION`: commits reachable from VERSION and not from PREV (null PREV: all
   * reachable). Walks the topo order from VERSION's position once, painting from both ends,
   * and stops when no unshipped commit is left to visit. undefined when VERSION is unknown.
   */
  range(previous: string | null | undefined, version: string): ShippedCommit[] | undefined {
    const top = this.index.get(version);
    if (top === undefined) return undefined;
    const SHIP = 1;
    const SEEN = 2;
    const flags = this.flags;
    const touched: number[] = [top];
    flags[top] = SHIP;
    let open = 1;
    const prev = previous ? this.index.get(previous) : undefined;
    if (prev !== undefined) {
      if (prev === top) {
        flags[top] = 0;
        return [];
      }
      flags[prev] = flags[prev]! | SEEN;
      touched.push(prev);
    }
    const out: ShippedCommit[] = [];
    const start = prev === undefined ? top : Math.min(top, prev);
    for (let i = start; i < this.shas.length && open > 0; i += 1) {
      const flag = flags[i]!;
      if (flag === 0) continue;
      if (flag === SHIP) {
        open -= 1;
        out.push({ sha: this.shas[i]!, authoredSec: this.authored[i]! });
      }
      for (const p of this.parents[i]!) {
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
