import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTokenBuffer, TOKEN_FLUSH_MS } from '../../src/llm/token-buffer.js';

describe('createTokenBuffer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('joins chunks and flushes once per interval', () => {
    const flushed: string[] = [];
    const buf = createTokenBuffer((t) => flushed.push(t));
    buf.push('Hel');
    buf.push('lo');
    expect(flushed).toEqual([]);
    expect(buf.pending()).toBe('Hello');
    vi.advanceTimersByTime(TOKEN_FLUSH_MS - 1);
    expect(flushed).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(flushed).toEqual(['Hello']);
    buf.push(' world');
    vi.advanceTimersByTime(TOKEN_FLUSH_MS);
    expect(flushed).toEqual(['Hello', ' world']);
  });

  it('flushes the rest on end and ignores later chunks', () => {
    const flushed: string[] = [];
    const buf = createTokenBuffer((t) => flushed.push(t), 50);
    buf.push('a');
    buf.push('');
    buf.push('b');
    buf.end();
    expect(flushed).toEqual(['ab']);
    buf.push('c');
    vi.advanceTimersByTime(100);
    expect(flushed).toEqual(['ab']);
  });

  it('does not call back for an empty flush', () => {
    const onFlush = vi.fn();
    const buf = createTokenBuffer(onFlush);
    buf.flush();
    vi.advanceTimersByTime(1000);
    buf.end();
    expect(onFlush).not.toHaveBeenCalled();
  });

  it('turns 1,000 chunks in 330 ms into about 10 flushes', () => {
    const flushed: string[] = [];
    const buf = createTokenBuffer((t) => flushed.push(t));
    for (let i = 0; i < 1000; i++) {
      buf.push('x');
      if (i % 3 === 0) vi.advanceTimersByTime(1);
    }
    buf.end();
    expect(flushed.join('')).toBe('x'.repeat(1000));
    expect(flushed.length).toBeGreaterThanOrEqual(10);
    expect(flushed.length).toBeLessThanOrEqual(12);
  });

  it('flushes every chunk at once with an interval of 0 (llm.streamFlushMs: 0)', () => {
    const flushed: string[] = [];
    const buf = createTokenBuffer((t) => flushed.push(t), 0);
    for (const chunk of ['a', 'b', '', 'c']) buf.push(chunk);
    expect(flushed).toEqual(['a', 'b', 'c']);
    buf.end();
    expect(flushed).toEqual(['a', 'b', 'c']);
  });
});
