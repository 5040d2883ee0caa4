// Collects streamed text chunks and flushes them together about every 33 ms (and at the end),
// so a UI updates its store ~30 times a second instead of once per token. An interval of 0
// flushes every chunk at once (llm.streamFlushMs: 0).
import { DEFAULT_STREAM_FLUSH_MS } from '../../models/llm-constants.js';

export const TOKEN_FLUSH_MS = DEFAULT_STREAM_FLUSH_MS;

export type TokenBuffer = {
  /** Adds a chunk; the first chunk after a flush starts the timer. */
  push(chunk: string): void;
  /** Flushes what is pending now (no-op when nothing is). */
  flush(): void;
  /** Flushes and stops; later pushes are ignored. */
  end(): void;
  /** Characters waiting to be flushed. */
  pending(): string;
};

export function createTokenBuffer(onFlush: (text: string) => void, intervalMs: number = TOKEN_FLUSH_MS): TokenBuffer {
  let parts: string[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let ended = false;

  const flush = (): void => {
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
    if (!parts.length) return;
    const text = parts.join('');
    parts = [];
    if (text) onFlush(text);
  };

  return {
    push(chunk) {
      if (ended || !chunk) return;
      parts.push(chunk);
      if (intervalMs <= 0) flush();
      else timer ??= setTimeout(flush, intervalMs);
    },
    flush,
    end() {
      flush();
      ended = true;
    },
    pending: () => parts.join(''),
  };
}
