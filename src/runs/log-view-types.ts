// The log view's public shape (no xterm import here: the cockpit loads xterm lazily).

export type LogViewOptions = {
  /** Lines kept above the screen (a ring buffer); default 10,000. */
  scrollback?: number;
  /** Emulated terminal width; default 80. */
  cols?: number;
  /** Visible window height (lines returned by lines()); default 20. */
  rows?: number;
  /** Most notifications per second to subscribers; default 30. */
  maxFps?: number;
};

export type LogSearch = {
  query: string;
  /** Buffer line indexes that contain the query (case-insensitive). */
  matches: number;
  /** 1-based index of the current match; 0 when there is none. */
  current: number;
  /** Buffer line of the current match, or -1. */
  line: number;
};

export type LogViewState = {
  /** The visible window: at most `rows` lines, SGR colour kept, everything else sanitized, secrets redacted. */
  lines: string[];
  /** For each visible line: whether it holds the search query. */
  marks: boolean[];
  /** Follow mode: the window sticks to the end as output arrives. */
  follow: boolean;
  /** Buffer index of the first visible line, and the number of lines in the buffer. */
  top: number;
  total: number;
  /** Bytes of the log read so far. */
  bytes: number;
  /** Bytes not parsed because the scrollback would have dropped them anyway (a firehose, a huge log). */
  skippedBytes: number;
  search: LogSearch | null;
  /** True until the emulator is loaded and the first bytes are read. */
  loading: boolean;
  error?: string;
};

export interface ILogView {
  /** The current state (cached; recomputed only after a change). */
  state(): LogViewState;
  /** Shorthand for state().lines. */
  lines(): string[];
  /** Calls `listener` at most ~30 times a second after changes; returns unsubscribe. */
  subscribe(listener: () => void): () => void;
  /** Scrolls by lines (negative: up). Scrolling up leaves follow mode; reaching the end re-enters it. */
  scroll(delta: number): void;
  /** Scrolls by pages (a page is rows - 1 lines). */
  page(delta: number): void;
  /** `g`: the first line (leaves follow mode). */
  top(): void;
  /** `G`: the last line, follow mode on. */
  bottom(): void;
  setFollow(on: boolean): void;
  /** `/`: searches the buffer and jumps to the last match; an empty query clears the search. Returns the match count. */
  search(query: string): number;
  /** `n` / `N`: the next (older) or previous (newer) match. */
  nextMatch(): void;
  prevMatch(): void;
  resize(cols: number, rows: number): void;
  /** Reads whatever was appended to the log since the last read (fs.watch does this on its own). */
  refresh(): void;
  /** Resolves once everything in the log file right now has been parsed. */
  idle(): Promise<void>;
  /** Stops watching and frees the emulator. */
  close(): void;
}
