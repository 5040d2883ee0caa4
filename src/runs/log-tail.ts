// Finding where the last N lines of a log begin, so a huge backlog (opening a 20 MB finished
// log) skips what the bounded scrollback would drop anyway.
import type { FileHandle } from 'node:fs/promises';

const CHUNK_BYTES = 1 << 20;

/**
 * The fewest terminal rows the line `buffer[from, to)` (no newline) can take at `cols` columns:
 * printable ASCII wraps every `cols` characters; anything else (tabs, controls, UTF-8, whose
 * widths vary) is counted as one row, so the count never exceeds what the emulator shows.
 */
export function minRows(buffer: Uint8Array, from: number, to: number, cols: number): number {
  const length = to - from;
  if (length <= cols) return 1;
  for (let i = from; i < to; i += 1) {
    const b = buffer[i] as number;
    if (b < 0x20 || b > 0x7e) return 1;
  }
  return Math.ceil(length / cols);
}

/**
 * Where the last lines of [from, size) that fill at least `rows` terminal rows begin (scanning
 * backwards for newlines). With `cols`, a long printable line counts the rows it wraps into;
 * without, every line counts one row.
 */
export async function startOfLastLines(handle: FileHandle, from: number, size: number, rows: number, cols = Infinity): Promise<number> {
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let end = size;
  let seen = 0;
  // where the line after the newline being looked at ends (file offset); the file's end at first
  let lineEnd = size;
  while (end > from) {
    const start = Math.max(from, end - CHUNK_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, end - start, start);
    let at = bytesRead;
    for (;;) {
      const nl = at > 0 ? buffer.lastIndexOf(10, at - 1) : -1;
      if (nl < 0) break;
      // the newline that ends the file's last line does not start a line
      if (start + nl !== size - 1) {
        // the line after this newline: [start + nl + 1, lineEnd); measured only when in this read
        const inRead = lineEnd - start <= bytesRead;
        seen += Number.isFinite(cols) && inRead ? minRows(buffer, nl + 1, lineEnd - start, cols) : 1;
      }
      if (seen >= rows) return start + nl + 1;
      lineEnd = start + nl;
      at = nl;
    }
    end = start;
  }
  return from;
}

/** Whether [from, to) holds an escape (ESC, or a C1 control encoded in UTF-8) that could change later output. */
export async function hasEscapes(handle: FileHandle, from: number, to: number): Promise<boolean> {
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  for (let at = from; at < to; at += CHUNK_BYTES) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(CHUNK_BYTES, to - at), at);
    const view = buffer.subarray(0, bytesRead);
    if (view.includes(0x1b)) return true;
    for (let i = view.indexOf(0xc2); i >= 0; i = view.indexOf(0xc2, i + 1)) {
      const next = view[i + 1];
      if (next !== undefined && next >= 0x80 && next <= 0x9f) return true;
    }
  }
  return false;
}

/** Above this backlog a skip is taken even over escapes (opening a huge finished log): the view says so. */
export const FORCED_SKIP_BYTES = 4 << 20;
/** Below this backlog, skipping is not worth a scan. */
export const SKIP_CHECK_BYTES = 256 << 10;

/**
 * Where reading may resume when the unread part [offset, size) holds more complete lines than
 * the scrollback keeps (counted in rows at `cols` columns, see startOfLastLines): those earlier
 * lines would scroll out of the ring anyway, so parsing them
 * is wasted. Taken only at a line boundary, and (below FORCED_SKIP_BYTES) only when the skipped
 * part has no escape sequence whose state could change how later lines look.
 */
export async function skipTarget(handle: FileHandle, offset: number, size: number, keepLines: number, atLineStart: boolean, cols = Infinity): Promise<number> {
  const backlog = size - offset;
  if (backlog < SKIP_CHECK_BYTES || (!atLineStart && backlog < FORCED_SKIP_BYTES)) return offset;
  const start = await startOfLastLines(handle, offset, size, keepLines, cols);
  if (start <= offset) return offset;
  if (backlog < FORCED_SKIP_BYTES && (await hasEscapes(handle, offset, start))) return offset;
  return start;
}
