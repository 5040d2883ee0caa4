// Reads the output of `git log --format='%H %at %P'` (pure), chunk by chunk as git prints it,
// so the history is indexed while git is still walking. Lines "SHA AUTHORED-EPOCH PARENT…" in
// any order; a sha seen twice keeps its first line. end() gives the commits as flat arrays:
// parents are indices (CSR: parentList[parentStart[i] .. parentStart[i + 1]]), children before
// parents (sorted here when git's date order is not, under clock skew).

export type CommitLog = {
  shas: string[];
  authored: Float64Array;
  parentStart: Int32Array;
  parentList: Int32Array;
  index: Map<string, number>;
};

const SPACE = 32;
const ZERO = 48;
const NINE = 57;

/** Epoch seconds of text[from, to): digits read in place; anything else as Number() reads it. */
function epoch(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i += 1) {
    const c = text.charCodeAt(i);
    if (c < ZERO || c > NINE) return Number(text.slice(from, to));
  }
  for (let i = from; i < to; i += 1) value = value * 10 + text.charCodeAt(i) - ZERO;
  return to > from ? value : 0;
}

export class CommitLogReader {
  private readonly shas: string[] = [];
  private readonly authored: number[] = [];
  /**
   * Parents of all commits, flat (parentEnd[i] is where commit i's end): the index when known
   * while reading (most parents are the next line), else the sha, resolved at end().
   */
  private readonly parents: Array<number | string> = [];
  private readonly parentEnd: number[] = [];
  private readonly index = new Map<string, number>();
  /** Where in `parents` the next line's commit goes (its sha was compared in place). */
  private pendingNext = -1;
  private rest: Buffer | undefined;

  /**
   * Reads the complete lines of `chunk` (with what was left of the previous one). Shas are
   * copied out of the bytes, so no string keeps a whole chunk alive.
   */
  push(chunk: Buffer | string): void {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
    const data = this.rest ? Buffer.concat([this.rest, bytes]) : bytes;
    const text = data.toString('latin1');
    let pos = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', pos)) {
      if (end > pos) this.line(text, data, pos, end);
      pos = end + 1;
    }
    this.rest = pos < data.length ? data.subarray(pos) : undefined;
  }

  private line(text: string, data: Buffer, pos: number, end: number): void {
    const sp1 = text.indexOf(' ', pos);
    if (sp1 <= pos || sp1 >= end) return;
    const sha = data.toString('latin1', pos, sp1);
    const known = this.index.get(sha);
    if (this.pendingNext >= 0) {
      this.parents[this.pendingNext] = known ?? this.shas.length;
      this.pendingNext = -1;
    }
    if (known !== undefined) return;
    let sp2 = text.indexOf(' ', sp1 + 1);
    if (sp2 < 0 || sp2 > end) sp2 = end;
    this.index.set(sha, this.shas.length);
    this.shas.push(sha);
    this.authored.push(epoch(text, sp1 + 1, sp2));
    for (let from = sp2 + 1; from < end; ) {
      let to = text.indexOf(' ', from);
      if (to < 0 || to > end) to = end;
      if (to > from && text.charCodeAt(from) !== SPACE) {
        if (this.pendingNext < 0 && isNextSha(text, from, to, end + 1)) {
          this.pendingNext = this.parents.length;
          this.parents.push(-1);
        } else this.parents.push(data.toString('latin1', from, to).trim());
      }
      from = to + 1;
    }
    this.parentEnd.push(this.parents.length);
  }

  /** The commits read, parents resolved to indices (a parent the log left out is dropped). */
  end(): CommitLog {
    if (this.rest) {
      const last = this.rest;
      this.rest = undefined;
      this.line(last.toString('latin1'), last, 0, last.length);
    }
    const { shas, parents, parentEnd, index } = this;
    const count = shas.length;
    const parentStart = new Int32Array(count + 1);
    const parentList = new Int32Array(parents.length);
    let used = 0;
    let ordered = true;
    let from = 0;
    for (let i = 0; i < count; i += 1) {
      parentStart[i] = used;
      const to = parentEnd[i]!;
      for (let k = from; k < to; k += 1) {
        const parent = parents[k]!;
        const p = typeof parent === 'number' ? parent : (index.get(parent) ?? -1);
        if (p < 0 || p === i) continue;
        if (p < i) ordered = false;
        parentList[used] = p;
        used += 1;
      }
      from = to;
    }
    parentStart[count] = used;
    const log: CommitLog = { shas, authored: Float64Array.from(this.authored), parentStart, parentList: parentList.subarray(0, used), index };
    return ordered ? log : sortTopologically(log);
  }
}

/** Whether text[from, to) is the sha the line at `next` starts with (followed by a space). */
function isNextSha(text: string, from: number, to: number, next: number): boolean {
  const length = to - from;
  if (next + length >= text.length || text.charCodeAt(next + length) !== SPACE) return false;
  for (let k = 0; k < length; k += 1) if (text.charCodeAt(from + k) !== text.charCodeAt(next + k)) return false;
  return true;
}

/** Reorders children before parents (git's date order is not, under clock skew). */
function sortTopologically(log: CommitLog): CommitLog {
  const { shas, authored, parentStart, parentList } = log;
  const count = shas.length;
  const children = new Int32Array(count);
  for (const p of parentList) children[p]! += 1;
  const ready: number[] = [];
  for (let i = count - 1; i >= 0; i -= 1) if (children[i] === 0) ready.push(i);
  const order: number[] = [];
  while (ready.length > 0) {
    const i = ready.pop()!;
    order.push(i);
    for (let k = parentStart[i + 1]! - 1; k >= parentStart[i]!; k -= 1) {
      const p = parentList[k]!;
      children[p]! -= 1;
      if (children[p] === 0) ready.push(p);
    }
  }
  const position = new Int32Array(count);
  order.forEach((old, i) => (position[old] = i));
  const sortedStart = new Int32Array(count + 1);
  const sortedList = new Int32Array(parentList.length);
  let used = 0;
  order.forEach((old, i) => {
    sortedStart[i] = used;
    for (let k = parentStart[old]!; k < parentStart[old + 1]!; k += 1) sortedList[used++] = position[parentList[k]!]!;
  });
  sortedStart[count] = used;
  const sortedShas = order.map((old) => shas[old]!);
  return {
    shas: sortedShas,
    authored: Float64Array.from(order, (old) => authored[old]!),
    parentStart: sortedStart,
    parentList: sortedList,
    index: new Map(sortedShas.map((sha, i) => [sha, i])),
  };
}
