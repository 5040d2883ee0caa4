// The last lines of a run log as plain display lines: carriage-return progress collapsed to its
// last state, secrets redacted, everything sanitized. A fallback for when the terminal
// emulator log view cannot load.
import { open, stat } from 'node:fs/promises';
import { redactSecrets } from '../sanitize/redact-secrets.js';
import { sanitize } from '../sanitize/sanitize.js';

const TAIL_BYTES = 64 * 1024;

export function tailLines(text: string, max: number): string[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.slice(-max).map((line) => sanitize(redactSecrets(line.split('\r').filter((part) => part !== '').at(-1) ?? ''), { keepSgr: true }));
}

export async function readLogTail(path: string, max: number): Promise<string[]> {
  const size = await stat(path).then((s) => s.size).catch(() => -1);
  if (size < 0) return ['(no log yet)'];
  const from = Math.max(0, size - TAIL_BYTES);
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(size - from);
    await handle.read(buffer, 0, buffer.length, from);
    return tailLines(buffer.toString('utf8'), max);
  } finally {
    await handle.close();
  }
}
