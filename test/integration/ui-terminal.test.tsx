// The built cockpit in a real terminal (tmux): the frame stays anchored while the clock ticks
// and keys repaint it, it lays out again on resize, NO_COLOR means no colour, and without a
// terminal it says so and exits 2.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/opsdeck', import.meta.url));
const ESC = '\u001b';
const TODO = 'Release 1.3:\n  ☐ write the release notes @high\n  ☐ rehearse the rollback\nOn-call:\n  ☐ rotate the pager key @critical\n';

type Term = { capture(escapes?: boolean): Promise<string>; keys(...k: string[]): Promise<void>; resize(c: number, r: number): Promise<void> };
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

function makeRepo(): string {
  const root = mkdtempSync(join(tmpdir(), 'opsdeck-term-'));
  mkdirSync(join(root, '.orchestration'));
  writeFileSync(join(root, '.orchestration', 'current.todo'), TODO);
  cleanups.push(async () => rmSync(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }));
  return root;
}

async function startTerm(cols: number, rows: number, env = ''): Promise<Term> {
  const dir = mkdtempSync(join(tmpdir(), 'opsdeck-tmux-'));
  const socket = join(dir, 'sock');
  const tmux = (...args: string[]) => execa('tmux', ['-S', socket, ...args]);
  const root = makeRepo();
  await tmux('new-session', '-d', '-s', 'app', '-x', String(cols), '-y', String(rows), `env -u CI ${env} node ${BIN} --root ${root}; echo "[exit $?]"; sleep 600`);
  cleanups.push(async () => {
    await execa('tmux', ['-S', socket, 'kill-server'], { reject: false });
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    capture: async (escapes = false) => (await tmux('capture-pane', '-p', ...(escapes ? ['-e'] : []), '-t', 'app')).stdout,
    keys: async (...k) => {
      await tmux('send-keys', '-t', 'app', ...k);
    },
    resize: async (c, r) => {
      await tmux('resize-window', '-t', 'app', '-x', String(c), '-y', String(r));
    },
  };
}

async function waitScreen(term: Term, test: (lines: string[]) => boolean, timeoutMs = 10_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let lines: string[] = [];
  while (Date.now() < deadline) {
    lines = (await term.capture()).split('\n');
    if (test(lines)) return lines;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`screen never matched:\n${lines.join('\n')}`);
}

/** Waits for the clock to show two more seconds than it shows now. */
async function waitTicks(term: Term): Promise<string[]> {
  const seen = new Set<string>();
  return waitScreen(term, (lines) => {
    const clock = /\d\d:\d\d:\d\d UTC/.exec(lines.join('\n'))?.[0];
    if (clock) seen.add(clock);
    return seen.size >= 3;
  });
}

function assertAnchored(lines: string[], rows: number, second: RegExp): void {
  expect(lines[0]).toMatch(/^opsdeck · opsdeck-term-\w+ · env: staging .* \d\d:\d\d:\d\d UTC$/);
  expect(lines.filter((l) => l.includes(' UTC'))).toHaveLength(1);
  expect(lines[1]).toMatch(second);
  expect(lines[rows - 2]).toContain('? help');
  expect(lines.filter((l) => l.includes('? help'))).toHaveLength(1);
}

describe('cockpit in a real terminal', () => {
  it('keeps the frame anchored at 80x24 while the clock ticks and keys repaint it', async () => {
    const term = await startTerm(80, 24);
    await waitScreen(term, (l) => l.join('\n').includes('UTC'));
    assertAnchored(await waitTicks(term), 24, /^╔═+╗/);
    await term.keys('1');
    await waitScreen(term, (l) => l.join('\n').includes('> ☐ write the release notes'));
    await term.keys('j', 'Down');
    await waitScreen(term, (l) => l.join('\n').includes('> ☐ rotate the pager key'));
    assertAnchored(await waitTicks(term), 24, /^1 Tasks · /);
  });

  it('lays out again on resize', async () => {
    const term = await startTerm(80, 24);
    await waitScreen(term, (l) => l.join('\n').includes('UTC'));
    await term.resize(100, 30);
    const big = await waitScreen(term, (l) => (l[28] ?? '').includes('? help'));
    assertAnchored(big, 30, /^╔═+╗/);
    expect(big[0]?.length).toBe(100);
    await term.resize(80, 24);
    assertAnchored(await waitScreen(term, (l) => (l[22] ?? '').includes('? help')), 24, /^╔═+╗/);
    // lines that are the same before and after a resize are drawn again too (the task rows)
    await term.keys('1');
    await waitScreen(term, (l) => l.join('\n').includes('rehearse the rollback'));
    await term.resize(110, 30);
    const tasks = await waitScreen(term, (l) => (l[28] ?? '').includes('? help'));
    expect(tasks.join('\n')).toContain('rehearse the rollback');
    expect(tasks.join('\n')).toContain('rotate the pager key');
    expect(tasks[0]).toMatch(/^opsdeck · opsdeck-term-\w+ · env: staging +\d\d:\d\d:\d\d UTC$/);
  });

  it('writes colour normally and none with NO_COLOR', async () => {
    const colour = await startTerm(80, 24);
    await waitScreen(colour, (l) => l.join('\n').includes('UTC'));
    expect(await colour.capture(true)).toMatch(new RegExp(`${ESC}\\[[0-9;]*3\\dm`));
    const plain = await startTerm(80, 24, 'NO_COLOR=1');
    await waitScreen(plain, (l) => l.join('\n').includes('UTC'));
    await plain.keys('1');
    await waitScreen(plain, (l) => l.join('\n').includes('> ☐ write the release notes'));
    expect(await plain.capture(true)).not.toContain('\u001b[');
  });

  it('refuses to start without a terminal, in one line, with exit 2', async () => {
    const root = makeRepo();
    const result = await execa('node', [BIN, '--root', root], { reject: false, stdin: 'ignore', env: { CI: '' } });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe('opsdeck: the cockpit needs a terminal; use a headless command such as `opsdeck tasks`');
  });
});
