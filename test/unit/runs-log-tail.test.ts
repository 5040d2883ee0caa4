// Row-aware skipping: a backlog is skipped only down to lines that still fill the scrollback's
// rows at the view's width, so what the emulator would show is unchanged.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { minRows, skipTarget, startOfLastLines } from '../../src/runs/log-tail.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'opsdeck-logtail-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function withFile<T>(text: string, fn: (handle: Awaited<ReturnType<typeof open>>, size: number) => Promise<T>): Promise<T> {
  const file = join(dir, 'log');
  writeFileSync(file, text);
  const handle = await open(file, 'r');
  try {
    return await fn(handle, (await handle.stat()).size);
  } finally {
    await handle.close();
  }
}

describe('minRows', () => {
  it('counts the rows a printable ASCII line wraps into, and one row for anything else', () => {
    const row = (s: string, cols: number) => minRows(Buffer.from(s), 0, Buffer.byteLength(s), cols);
    expect(row('', 80)).toBe(1);
    expect(row('x'.repeat(80), 80)).toBe(1);
    expect(row('x'.repeat(81), 80)).toBe(2);
    expect(row('x'.repeat(94), 80)).toBe(2);
    expect(row('x'.repeat(240), 80)).toBe(3);
    expect(row(`${'é'.repeat(100)}`, 80)).toBe(1); // UTF-8: widths vary, never over-counted
    expect(row(`${'x'.repeat(100)}\t`, 80)).toBe(1);
    expect(row(`\x1b[31m${'x'.repeat(100)}`, 80)).toBe(1);
  });
});

describe('startOfLastLines with a width', () => {
  it('keeps lines until they fill the rows asked for', async () => {
    const long = `${'x'.repeat(94)}\n`; // two rows at 80 columns
    await withFile(long.repeat(10), async (handle, size) => {
      expect(await startOfLastLines(handle, 0, size, 4)).toBe(size - 4 * long.length); // one row a line
      expect(await startOfLastLines(handle, 0, size, 4, 80)).toBe(size - 2 * long.length);
      expect(await startOfLastLines(handle, 0, size, 5, 80)).toBe(size - 3 * long.length);
      expect(await startOfLastLines(handle, 0, size, 4, 100)).toBe(size - 4 * long.length);
    });
  });

  it('counts a line longer than one read as a single row (never too few lines kept)', async () => {
    const huge = `${'y'.repeat((1 << 20) + 10)}\n`;
    await withFile(`a\n${huge}b\n`, async (handle, size) => {
      expect(await startOfLastLines(handle, 0, size, 2, 80)).toBe(2);
    });
  });

  it('skipTarget passes the width on', async () => {
    const long = `${'z'.repeat(150)}\n`;
    const count = 4000; // 600 KB: over the size where skipping is considered
    await withFile(long.repeat(count), async (handle, size) => {
      expect(await skipTarget(handle, 0, size, 100, true)).toBe(size - 100 * long.length);
      expect(await skipTarget(handle, 0, size, 100, true, 80)).toBe(size - 50 * long.length);
    });
  });
});
