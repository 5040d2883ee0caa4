// The log view model: follows a run's raw log file and feeds it to a headless terminal
// emulator (@xterm/headless, loaded lazily) so `\r` progress bars, colours and line rewrites
// look as they would in a terminal. Scrollback is bounded (a ring buffer); only the visible
// window is rendered, and subscribers hear about changes at most ~30 times a second.
import { open, stat, type FileHandle } from 'node:fs/promises';
import type { IBufferCell, Terminal } from '@xterm/headless';
import type { ILogView, LogSearch, LogViewOptions, LogViewState } from './log-view-types.js';
import { displayRows, matchingRows } from './log-render.js';
import { skipTarget } from './log-tail.js';
import { createLogWatch } from './log-watch.js';

/** Big reads (few syscalls), parsed in small slices so keys are answered while a firehose drains. */
const CHUNK_BYTES = 1 << 20;
const PARSE_SLICE = 64 * 1024;
const DEFAULT_ROWS = 20;
const FIREHOSE_FRAME_MS = 200;

export function createLogView(logPath: string, options: LogViewOptions = {}): ILogView {
  let cols = Math.max(10, options.cols ?? 80);
  let rows = Math.max(1, options.rows ?? DEFAULT_ROWS);
  const frameMs = Math.ceil(1000 / (options.maxFps ?? 30));
  // two rows are left: the note that says what was skipped, and the cursor's empty last line
  const keepLines = (options.scrollback ?? 10_000) + Math.max(2, options.rows ?? DEFAULT_ROWS) - 2;
  let term: Terminal | undefined;
  let cell: IBufferCell | undefined;
  let readBuffer: Buffer | undefined;
  let atLineStart = true;
  let pumpedBytes = 0;
  let skippedBytes = 0;
  let offset = 0;
  let closed = false;
  let pumping: Promise<void> | undefined;
  let again = false;
  let error: string | undefined;
  let follow = true;
  let topLine = 0;
  let search: LogSearch | null = null;
  let matchLines: number[] = [];
  let cached: LogViewState | undefined;
  let timer: NodeJS.Timeout | undefined;
  const listeners = new Set<() => void>();

  // A firehose changes the whole window each frame: then notify at most 10 times a second, which
  // keeps a full 80x24 window under ~30 KB/s; a trickle of output gets the full frame rate.
  let notifiedAt = 0;
  let bytesAtNotify = 0;
  /** `now`: a user action (a key), answered on the next tick whatever the frame pacing. */
  const notify = (now = false): void => {
    cached = undefined;
    if (closed) return;
    if (timer) {
      if (!now) return;
      clearTimeout(timer);
    }
    const heavy = offset - bytesAtNotify > rows * cols;
    const wait = now ? 0 : Math.max(0, notifiedAt + (heavy ? FIREHOSE_FRAME_MS : frameMs) - Date.now());
    timer = setTimeout(() => {
      timer = undefined;
      notifiedAt = Date.now();
      bytesAtNotify = offset;
      for (const listener of [...listeners]) listener();
    }, Math.max(wait, 1));
  };

  /** Lines with content: up to the cursor's line (an empty line after the last newline is not shown). */
  const total = (): number => {
    if (!term) return 0;
    const buffer = term.buffer.active;
    const cursorLine = buffer.baseY + buffer.cursorY;
    return buffer.cursorX === 0 && !buffer.getLine(cursorLine)?.translateToString(true) ? cursorLine : cursorLine + 1;
  };
  const maxTop = (): number => Math.max(0, total() - rows);
  const clampTop = (): void => {
    topLine = follow ? maxTop() : Math.min(Math.max(0, topLine), maxTop());
  };

  /** Skips what the scrollback would drop anyway (before every big read: a live firehose outruns the parser). */
  const skipAhead = async (handle: FileHandle, size: number): Promise<void> => {
    const target = term;
    if (!target) return;
    // the note may wrap on a narrow view: its extra rows come off what is kept (sized for a 4-digit MB count)
    const noteRows = Math.ceil(skipNote(9999, '').length / cols);
    const start = await skipTarget(handle, offset, size, keepLines - noteRows + 1, atLineStart, cols);
    if (start <= offset) return;
    skippedBytes += start - offset;
    // skipped output still tells the pace: a firehose into a small scrollback is still a firehose
    pumpedBytes += start - offset;
    offset = start;
    const note = `\x1b[0m${atLineStart ? '' : '\r\n'}${skipNote(skippedBytes / 2 ** 20, '\r\n')}`;
    await new Promise<void>((resolve) => target.write(note, resolve));
    atLineStart = true;
  };

  const skipNote = (mb: number, end: string): string => `[opsdeck] ${mb.toFixed(1)} MB of earlier output skipped (beyond the ${keepLines}-line scrollback; the raw log has it)${end}`;

  const pumpOnce = async (): Promise<void> => {
    const handle = await open(logPath, 'r');
    try {
      readBuffer ??= Buffer.allocUnsafe(CHUNK_BYTES);
      const buffer = readBuffer;
      for (;;) {
        if (closed || !term) return;
        const size = (await handle.stat()).size;
        if (size <= offset) return;
        await skipAhead(handle, size);
        const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, offset);
        if (bytesRead === 0) return;
        // the emulator queues what it is given: each slice is parsed before the buffer is reused
        for (let at = 0; at < bytesRead; at += PARSE_SLICE) {
          const target = term;
          if (closed || !target) return;
          const slice = buffer.subarray(at, Math.min(bytesRead, at + PARSE_SLICE));
          await new Promise<void>((resolve) => target.write(slice, resolve));
          offset += slice.length;
        }
        atLineStart = buffer[bytesRead - 1] === 0x0a;
        pumpedBytes += bytesRead;
        notify();
        // caught up with the file as it was: what comes next arrives through log-watch's batching
        if (bytesRead < CHUNK_BYTES) return;
      }
    } finally {
      await handle.close();
    }
  };

  const pump = (): Promise<void> => {
    if (pumping) {
      again = true;
      return pumping;
    }
    pumping = (async () => {
      do {
        again = false;
        try {
          await pumpOnce();
          error = undefined;
        } catch (e) {
          error = (e as NodeJS.ErrnoException).code === 'ENOENT' ? `no log yet: ${logPath}` : (e as Error).message;
          notify();
        }
      } while (again && !closed);
    })().finally(() => {
      pumping = undefined;
    });
    return pumping;
  };

  const watching = createLogWatch(logPath, {
    pump,
    takeBytes(reset) {
      const taken = pumpedBytes;
      if (reset) pumpedBytes = 0;
      return taken;
    },
  });

  const ready = (async () => {
    // @xterm/headless is CommonJS: bundled, its exports sit on `default`; under Node, named
    const xterm = await import('@xterm/headless');
    const XTerm = xterm.Terminal ?? (xterm as unknown as { default: typeof xterm }).default.Terminal;
    if (closed) return;
    term = new XTerm({ cols, rows, scrollback: options.scrollback ?? 10_000, convertEol: true, allowProposedApi: true });
    cell = term.buffer.active.getNullCell();
    watching.start();
    await pump();
    notify();
  })().catch((e: Error) => {
    error = e.message;
    notify();
  });

  const computeState = (): LogViewState => {
    clampTop();
    const end = Math.min(total(), topLine + rows);
    const buffer = term?.buffer.active;
    const lines = buffer && cell ? displayRows(buffer, topLine, end, cols, cell) : [];
    const marks = buffer && search ? matchingRows(buffer, topLine, end, search.query).marks : lines.map(() => false);
    return { lines, marks, follow, top: topLine, total: total(), bytes: offset, skippedBytes, search, loading: !term, ...(error ? { error } : {}) };
  };

  const jumpTo = (line: number): void => {
    follow = false;
    topLine = line - Math.floor(rows / 2);
    clampTop();
    notify(true);
  };

  const selectMatch = (index: number): void => {
    if (!search || matchLines.length === 0) return;
    const i = (index + matchLines.length) % matchLines.length;
    const line = matchLines[i] ?? -1;
    search = { ...search, current: i + 1, line };
    jumpTo(line);
  };

  return {
    state: () => (cached ??= computeState()),
    lines: () => (cached ??= computeState()).lines,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    scroll(delta) {
      clampTop();
      topLine += delta;
      follow = delta >= 0 && topLine >= maxTop() ? true : delta < 0 ? false : follow;
      clampTop();
      notify(true);
    },
    page(delta) {
      this.scroll(delta * Math.max(1, rows - 1));
    },
    top() {
      follow = false;
      topLine = 0;
      notify(true);
    },
    bottom() {
      follow = true;
      notify(true);
    },
    setFollow(on) {
      follow = on;
      notify(true);
    },
    search(query) {
      matchLines = [];
      if (!query || !term) {
        search = null;
        notify(true);
        return 0;
      }
      matchLines = matchingRows(term.buffer.active, 0, total(), query).rows;
      search = { query, matches: matchLines.length, current: 0, line: -1 };
      if (matchLines.length) selectMatch(matchLines.length - 1);
      else notify(true);
      return matchLines.length;
    },
    nextMatch() {
      if (search) selectMatch(search.current - 2);
    },
    prevMatch() {
      if (search) selectMatch(search.current);
    },
    resize(newCols, newRows) {
      cols = Math.max(10, newCols);
      rows = Math.max(1, newRows);
      term?.resize(cols, Math.max(1, newRows));
      notify(true);
    },
    refresh() {
      watching.start();
      void pump();
    },
    async idle() {
      await ready;
      for (;;) {
        if (pumping) await pumping;
        const size = await stat(logPath).then((s) => s.size).catch(() => 0);
        if (closed || !term || size <= offset) return; // no emulator (it failed to load): nothing will be read
        await pump();
      }
    },
    close() {
      closed = true;
      watching.close();
      if (timer) clearTimeout(timer);
      listeners.clear();
      term?.dispose();
      term = undefined;
      readBuffer = undefined;
    },
  };
}
