// The headless commands' confirmation on a terminal: production needs the environment name
// typed exactly; other environments need y. Anything else (an empty line, EOF) cancels.
import { createReadStream, openSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

export type TtyIo = { input: Readable; output: Writable; close(): void };

/** stdin when it is a terminal, else /dev/tty when stdout is one; null without a terminal. */
export function openTty(): TtyIo | null {
  if (process.stdin.isTTY) return { input: process.stdin, output: process.stderr, close: () => process.stdin.pause() };
  if (!process.stdout.isTTY) return null;
  try {
    const fd = openSync('/dev/tty', 'r');
    const input = createReadStream('', { fd });
    return { input, output: process.stderr, close: () => input.destroy() };
  } catch {
    return null;
  }
}

export async function askConfirmation(io: TtyIo, question: string, expected: string | 'y'): Promise<boolean> {
  const rl = createInterface({ input: io.input, output: io.output, terminal: false });
  try {
    io.output.write(question);
    const answer = await new Promise<string | null>((resolve) => {
      rl.once('line', (line) => resolve(line));
      rl.once('close', () => resolve(null));
    });
    if (answer === null) return false;
    if (expected === 'y') return /^(y|yes)$/i.test(answer.trim());
    return answer === expected;
  } finally {
    rl.close();
    io.close();
  }
}
