// Reads an append-only journal incrementally: the complete lines added since the last read
// are parsed and appended to what was parsed before; a file that shrank or was replaced is
// read again from the start. An unterminated last line is parsed each time but not consumed
// (another process may be writing it). So a reload after one appended note costs one line,
// not the whole journal.
import { open } from 'node:fs/promises';
import type { LineProblem } from '../../models/incident-view.js';

export type TailCache<T> = {
  ino: number;
  /** Bytes consumed: up to and including the last newline read. */
  offset: number;
  /** Lines consumed. */
  lines: number;
  items: T[];
  problems: LineProblem[];
  /** The parse of the unterminated last line, if any. */
  pending: { items: T[]; problems: LineProblem[] };
  /** Bumps whenever the parsed content changes. */
  version: number;
  /** The last bytes consumed, to notice a file rewritten in place rather than appended to. */
  seal: Buffer;
};

const SEAL_BYTES = 64;

export type LineParser<T> = (text: string, firstLine: number) => { items: T[]; problems: LineProblem[] };

const EMPTY: { items: never[]; problems: LineProblem[] } = { items: [], problems: [] };

/** The new state of `path`; undefined when the file does not exist. */
export async function readTail<T>(path: string, previous: TailCache<T> | undefined, parse: LineParser<T>): Promise<TailCache<T> | undefined> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const info = await handle.stat();
    let reuse = previous !== undefined && previous.ino === info.ino && info.size >= previous.offset;
    if (reuse && previous && previous.seal.length > 0) {
      const check = Buffer.alloc(previous.seal.length);
      await handle.read(check, 0, check.length, previous.offset - previous.seal.length);
      reuse = check.equals(previous.seal);
    }
    const base: TailCache<T> =
      reuse && previous ? previous : { ino: info.ino, offset: 0, lines: 0, items: [], problems: [], pending: EMPTY, version: (previous?.version ?? 0) + 1, seal: Buffer.alloc(0) };
    const length = info.size - base.offset;
    if (length === 0 && reuse) {
      return base.pending.items.length + base.pending.problems.length === 0 ? base : { ...base, pending: EMPTY, version: base.version + 1 };
    }
    if (length === 0) {
      return base;
    }
    const buffer = Buffer.alloc(length);
    let read = 0;
    while (read < length) {
      const { bytesRead } = await handle.read(buffer, read, length - read, base.offset + read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    const bytes = buffer.subarray(0, read);
    const end = bytes.lastIndexOf(0x0a) + 1;
    const complete = bytes.subarray(0, end).toString('utf8');
    const rest = bytes.subarray(end).toString('utf8');
    const added = end > 0 ? parse(complete, base.lines + 1) : EMPTY;
    const newLines = end > 0 ? complete.split('\n').length - 1 : 0;
    const pending = rest.trim() === '' ? EMPTY : parse(rest, base.lines + newLines + 1);
    return {
      ino: base.ino,
      offset: base.offset + end,
      lines: base.lines + newLines,
      items: added.items.length > 0 ? [...base.items, ...added.items] : base.items,
      problems: added.problems.length > 0 ? [...base.problems, ...added.problems] : base.problems,
      pending,
      version: base.version + 1,
      seal: end > 0 ? Buffer.concat([base.seal, bytes.subarray(0, end)]).subarray(-SEAL_BYTES) : base.seal,
    };
  } finally {
    await handle.close();
  }
}

/** Everything parsed so far, the unterminated last line included. */
export function tailItems<T>(cache: TailCache<T> | undefined): { items: T[]; problems: LineProblem[] } {
  if (!cache) return EMPTY;
  if (cache.pending.items.length + cache.pending.problems.length === 0) return { items: cache.items, problems: cache.problems };
  return { items: [...cache.items, ...cache.pending.items], problems: [...cache.problems, ...cache.pending.problems] };
}
