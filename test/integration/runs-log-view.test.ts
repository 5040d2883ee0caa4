import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, openSync, closeSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogView, type ILogView } from '../../src/runs/index.js';
import { stripAnsi } from '../../src/sanitize/sanitize.js';
import { SCRIPTS } from './runs-fixture.js';

let dir: string;
const views: ILogView[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'opsdeck-logview-'));
});
afterEach(() => {
  for (const v of views.splice(0)) v.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs a fixture script with its output going to a log file, as the runner does. */
function runToLog(name: string, ...args: string[]): string {
  const log = join(dir, `${name}.log`);
  const fd = openSync(log, 'a', 0o600);
  try {
    execFileSync(join(SCRIPTS, name), args, { stdio: ['ignore', fd, fd] });
  } finally {
    closeSync(fd);
  }
  return log;
}

function view(log: string, options: Parameters<typeof createLogView>[1] = {}): ILogView {
  const v = createLogView(log, options);
  views.push(v);
  return v;
}

// Every escape that could act on the user's terminal: CSI other than SGR, OSC, DCS, lone controls.
// eslint-disable-next-line no-control-regex
const DANGEROUS = /\x1b\[[0-9;?>]*[A-Za-ln-z]|\x1b\][^\x07]*|\x1bP|\x1b[^[]|[\x00-\x08\x0b-\x1a\x7f\x9b\x9d]/;

describe('createLogView', () => {
  it('renders escape payloads as text, keeps colours as SGR only, and redacts secrets', async () => {
    const v = view(runToLog('escapes.sh'), { cols: 80, rows: 30 });
    await v.idle();
    const state = v.state();
    const plain = state.lines.map((l) => stripAnsi(l));
    for (const line of state.lines) expect(line).not.toMatch(DANGEROUS);
    expect(plain).toContain('before');
    expect(plain).toContain('title set');
    expect(plain).toContain('clipboard');
    expect(plain).toContain('link');
    expect(plain).toContain('line rewritten');
    expect(plain.join('\n')).not.toContain('to be cleared');
    expect(plain).toContain('progress 100%');
    expect(plain.join('\n')).not.toMatch(/HACKED|SGFja2Vk|evil\.example/);
    expect(plain).toContain('AWS key ***');
    expect(plain).toContain('export DEPLOY_TOKEN=***');
    expect(plain).toContain('push https://deployer:***@git.example.com/repo.git');
    expect(plain[plain.length - 1]).toBe('after');
    const colour = state.lines.find((l) => stripAnsi(l).startsWith('red'))!;
    expect(colour).toBe('\x1b[31mred\x1b[0m \x1b[1;32mbold green\x1b[0m \x1b[38;2;10;20;30mtruecolor\x1b[0m');
    expect(state.loading).toBe(false);
  });

  it('shows a \\r progress bar as its final state', async () => {
    const v = view(runToLog('progress.sh'));
    await v.idle();
    expect(v.lines().map((l) => stripAnsi(l))).toEqual(['[####################] 100%', 'done']);
    expect(v.lines()[0]).toBe('\x1b[36m[####################]\x1b[0m 100%');
  });

  it('follows appended output, batching notifications, and scrolls, searches and jumps', async () => {
    const log = join(dir, 'live.log');
    appendFileSync(log, Array.from({ length: 50 }, (_, i) => `line ${i + 1}`).join('\n') + '\n');
    const v = view(log, { rows: 10 });
    let notified = 0;
    v.subscribe(() => (notified += 1));
    await v.idle();
    expect(v.state()).toMatchObject({ follow: true, total: 50, top: 40 });
    expect(v.lines()[9]).toBe('line 50');
    appendFileSync(log, 'line 51\nline 52\n');
    await new Promise<void>((resolve) => {
      const off = v.subscribe(() => {
        if (v.state().total === 52) {
          off();
          resolve();
        }
      });
    });
    expect(v.lines()[9]).toBe('line 52');
    expect(notified).toBeGreaterThan(0);
    v.scroll(-5);
    expect(v.state()).toMatchObject({ follow: false, top: 37 });
    v.page(-1);
    expect(v.state().top).toBe(28);
    v.top();
    expect(v.lines()[0]).toBe('line 1');
    v.scroll(1000);
    expect(v.state()).toMatchObject({ follow: true, top: 42 });
    expect(v.search('LINE 1')).toBe(11); // 1, 10-19
    expect(v.state().search).toMatchObject({ query: 'LINE 1', matches: 11, current: 11, line: 18 });
    expect(v.state().follow).toBe(false);
    expect(v.state().marks.filter(Boolean).length).toBeGreaterThan(0);
    v.nextMatch();
    expect(v.state().search?.line).toBe(17);
    v.prevMatch();
    v.prevMatch();
    expect(v.state().search).toMatchObject({ current: 1, line: 0 });
    expect(v.state().top).toBe(0);
    expect(v.search('')).toBe(0);
    expect(v.state().search).toBeNull();
    v.bottom();
    expect(v.state()).toMatchObject({ follow: true, top: 42 });
    v.setFollow(false);
    v.resize(60, 5);
    expect(v.lines()).toHaveLength(5);
  });

  it('drains a 200,000-line firehose with the last line there and the scrollback bounded', async () => {
    const log = runToLog('firehose.sh');
    const v = view(log, { cols: 80, rows: 23, scrollback: 1000 });
    await v.idle();
    const state = v.state();
    expect(stripAnsi(state.lines[state.lines.length - 1]!)).toBe('FIREHOSE-END 200000');
    // 94-character lines wrap at 80 columns, as in a terminal
    expect(stripAnsi(state.lines[state.lines.length - 3]!)).toMatch(/^line 0200000 x{67}$/);
    expect(stripAnsi(state.lines[state.lines.length - 2]!)).toBe('x'.repeat(13));
    expect(state.total).toBeLessThanOrEqual(1000 + 23);
    expect(state.lines).toHaveLength(23);
    // opened after the fact: what the scrollback would drop is skipped, and the view says so
    const wide = view(log, { cols: 100, rows: 23, scrollback: 1000 });
    await wide.idle();
    wide.top();
    expect(wide.lines()[0]).toMatch(/^\[opsdeck\] \d+\.\d MB of earlier output skipped \(beyond the 1021-line scrollback; the raw log has it\)$/);
    expect(stripAnsi(wide.lines()[1]!)).toBe(`line 0198981 ${'x'.repeat(80)}`);
  }, 60_000);

  it('follows a live firehose to the end: the last lines there, in order, the ring bounded', async () => {
    const { spawn } = await import('node:child_process');
    const log = join(dir, 'live-firehose.log');
    const fd = openSync(log, 'a', 0o600);
    const v = view(log, { cols: 100, rows: 20, scrollback: 1000 });
    await v.idle();
    const child = spawn(join(SCRIPTS, 'firehose.sh'), ['60000'], { stdio: ['ignore', fd, fd] });
    closeSync(fd);
    await new Promise((resolve) => child.on('exit', resolve));
    await v.idle();
    const end = v.state();
    expect(end.lines.at(-1)).toBe('FIREHOSE-END 60000');
    expect(end.total).toBeLessThanOrEqual(1020);
    v.top();
    const numbers = v.state().lines.map((l) => /^line (\d{7}) /.exec(l)?.[1]).filter((n): n is string => n !== undefined).map(Number);
    expect(numbers.length).toBeGreaterThan(10);
    numbers.forEach((n, i) => expect(n).toBe(numbers[0]! + i));
    expect(numbers[0]).toBeGreaterThan(58_900);
  }, 60_000);

  it('after a live firehose (watcher off, timer reads) picks up a trickle again through the watcher', async () => {
    const { spawn } = await import('node:child_process');
    const log = join(dir, 'firehose-then-trickle.log');
    const fd = openSync(log, 'a', 0o600);
    const v = view(log, { cols: 100, rows: 10, scrollback: 500 });
    await v.idle();
    const child = spawn(join(SCRIPTS, 'firehose.sh'), ['40000'], { stdio: ['ignore', fd, fd] });
    closeSync(fd);
    await new Promise((resolve) => child.on('exit', resolve));
    await v.idle();
    expect(v.lines().at(-1)).toBe('FIREHOSE-END 40000');
    // no refresh(), no idle(): only the view's own watching can bring these in
    for (const word of ['one', 'two']) {
      appendFileSync(log, `trickle ${word}\n`);
      await new Promise<void>((resolve) => {
        const off = v.subscribe(() => {
          if (v.lines().at(-1) === `trickle ${word}`) {
            off();
            resolve();
          }
        });
      });
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(v.lines().slice(-3)).toEqual(['FIREHOSE-END 40000', 'trickle one', 'trickle two']);
  }, 60_000);

  it('shows exactly what the emulator fed the whole log shows, when skipping a backlog of wrapped lines', async () => {
    const xterm = await import('@xterm/headless');
    const { readFileSync, writeFileSync } = await import('node:fs');
    const log = join(dir, 'wrapped.log');
    // 94-, 170- and 20-character lines: one, two and three rows at 80 columns, plus UTF-8 lines
    const lines: string[] = [];
    for (let i = 0; i < 12_000; i += 1) lines.push(i % 7 === 0 ? `${i} ${'w'.repeat(160)}` : i % 11 === 0 ? `${i} ✓ done é` : i % 3 ? `${i} ${'x'.repeat(88)}` : `${i} short`);
    writeFileSync(log, `${lines.join('\n')}\n`);
    const cols = 80;
    const rows = 12;
    const scrollback = 300;
    const v = view(log, { cols, rows, scrollback });
    await v.idle();
    expect(v.state().skippedBytes).toBeGreaterThan(0);
    const shown: string[] = [];
    v.top();
    for (let top = 0; top < v.state().total; top += rows) {
      v.scroll(top - v.state().top);
      // the last page is clamped to end at the last line
      const state = v.state();
      shown.push(...state.lines.slice(top - state.top));
    }
    expect(shown[0]).toMatch(/MB of earlier output skipped/);
    // the reference: every byte through the emulator, nothing skipped
    const term = new xterm.Terminal({ cols, rows, scrollback, convertEol: true, allowProposedApi: true });
    await new Promise<void>((resolve) => term.write(readFileSync(log), resolve));
    const buffer = term.buffer.active;
    const reference: string[] = [];
    for (let i = 0; i < buffer.length; i += 1) reference.push(buffer.getLine(i)!.translateToString(true));
    while (reference.at(-1) === '') reference.pop();
    // the note wraps at 80 columns: the log's rows start after it
    const body = shown.slice(shown.findIndex((l) => l.endsWith('raw log has it)')) + 1).map((l) => stripAnsi(l));
    // the view keeps at least the reference's scrollback, and its rows are the reference's last rows
    expect(body.length).toBeGreaterThanOrEqual(scrollback);
    expect(body.slice(-reference.length)).toEqual(reference.slice(-body.length));
    term.dispose();
  }, 60_000);

  it('redacts secrets cut by the wrap at the view width, and every row of a private key, from any scroll position', async () => {
    const { writeFileSync } = await import('node:fs');
    const log = join(dir, 'split-secrets.log');
    const key = Array.from({ length: 30 }, (_, i) => `MIIKEYBODY${String(i).padStart(2, '0')}${'k'.repeat(40)}`);
    writeFileSync(
      log,
      [
        'before',
        // at 80 columns the first row ends in "Bearer ab" and "DEPLOY_TOKEN=": neither row alone looks like a secret
        `${'x'.repeat(70)} Bearer abcdefghijklmnopqrstuvwxyz0123456789 end`,
        `${'y'.repeat(66)} DEPLOY_TOKEN=supersecretvalue123 end`,
        '-----BEGIN RSA PRIVATE KEY-----',
        ...key,
        '-----END RSA PRIVATE KEY-----',
        'after',
        '',
      ].join('\n'),
    );
    const v = view(log, { cols: 80, rows: 10 });
    await v.idle();
    const total = v.state().total;
    const seen = new Set<string>();
    for (let top = 0; top < total; top += 1) {
      v.top();
      v.scroll(top);
      for (const line of v.lines()) {
        expect(line).not.toMatch(/cdefghij|supersecret|MIIKEYBODY/);
        seen.add(stripAnsi(line));
      }
    }
    expect(seen).toContain('before');
    expect(seen).toContain('after');
    expect(seen).toContain('*** private key');
    // the redacted line is wrapped again at the view width
    v.top();
    const joined = v.lines().map((l) => stripAnsi(l)).join('');
    expect(joined).toContain(' Bearer *** end');
    expect(joined).toContain(' DEPLOY_TOKEN=*** end');
  });

  it('skips only what holds no escape sequence, unless the backlog is huge', async () => {
    const { open, writeFile } = await import('node:fs/promises');
    const { hasEscapes, skipTarget, SKIP_CHECK_BYTES } = await import('../../src/runs/log-tail.js');
    const file = join(dir, 'esc.log');
    const plain = 'p'.repeat(99) + '\n';
    const count = Math.ceil((SKIP_CHECK_BYTES * 2) / plain.length);
    await writeFile(file, `\x1b[31m${plain.repeat(count)}`);
    const handle = await open(file, 'r');
    try {
      const size = (await handle.stat()).size;
      expect(await hasEscapes(handle, 0, size)).toBe(true);
      expect(await hasEscapes(handle, 5, size)).toBe(false);
      expect(await skipTarget(handle, 0, size, 10, true)).toBe(0); // the colour would be lost
      expect(await skipTarget(handle, 5, size, 10, true)).toBe(size - 10 * plain.length);
      expect(await skipTarget(handle, 5, size, 10, false)).toBe(5); // mid-line: never
      expect(await skipTarget(handle, size - 100, size, 10, true)).toBe(size - 100); // small backlog
    } finally {
      await handle.close();
    }
    await writeFile(file, 'a\u009b31mb\n');
    const c1 = await open(file, 'r');
    try {
      expect(await hasEscapes(c1, 0, (await c1.stat()).size)).toBe(true);
    } finally {
      await c1.close();
    }
  });

  it('finds where the last N lines start', async () => {
    const { open, writeFile } = await import('node:fs/promises');
    const { startOfLastLines } = await import('../../src/runs/log-tail.js');
    const file = join(dir, 'tail.log');
    await writeFile(file, 'a\nbb\nccc\ndddd\n');
    const handle = await open(file, 'r');
    try {
      expect(await startOfLastLines(handle, 0, 14, 2)).toBe(5); // "ccc\ndddd\n"
      expect(await startOfLastLines(handle, 0, 14, 10)).toBe(0);
      expect(await startOfLastLines(handle, 5, 14, 1)).toBe(9);
    } finally {
      await handle.close();
    }
  });

  it('says so when the log does not exist, and picks it up on refresh', async () => {
    const log = join(dir, 'later.log');
    const v = view(log);
    await v.idle();
    expect(v.state().error).toMatch(/no log yet/);
    appendFileSync(log, 'hello\n');
    v.refresh();
    await v.idle();
    expect(v.state()).toMatchObject({ lines: ['hello'] });
    expect(v.state().error).toBeUndefined();
  });
});

describe('followRun', () => {
  it('streams whole lines, and on a terminal also progress up to the last \\r', async () => {
    const { makeRoot, makeSpec, commandStep, script, waitForFinish } = await import('./runs-fixture.js');
    const { launchRun } = await import('../../src/runs/index.js');
    const { followRun } = await import('../../src/runs/follow-run.js');
    const made = makeRoot();
    try {
      const spec = makeSpec(made.root, [commandStep('deploy', script('progress.sh'))], { env: null });
      await launchRun(spec);
      await waitForFinish(made.root, spec.id);
      const tty: string[] = [];
      const run = await followRun(made.root, spec.id, (t) => tty.push(t), { keepSgr: true, keepCr: true });
      expect(run.finished?.result).toBe('success');
      expect(tty.join('')).toContain('\r\x1b[36m[####################]\x1b[0m 100%\ndone\n');
      const pipe: string[] = [];
      await followRun(made.root, spec.id, (t) => pipe.push(t), { keepSgr: false, keepCr: false });
      expect(pipe.join('')).toContain('[####################] 100%\ndone\n');
      expect(pipe.join('')).not.toContain('\r');
      expect(pipe.join('')).not.toContain('\x1b');
    } finally {
      made.cleanup();
    }
  });

  it('holds a private key cut by a read until its END line: none of its lines reach the output', async () => {
    const { makeRoot, makeSpec, commandStep, waitForFinish } = await import('./runs-fixture.js');
    const { launchRun } = await import('../../src/runs/index.js');
    const { followRun } = await import('../../src/runs/follow-run.js');
    const { writeFileSync } = await import('node:fs');
    const made = makeRoot();
    try {
      // ~1 MB of output first, so the key straddles the follower's first 1 MB read
      const keyFile = join(made.root, 'key.txt');
      const body = Array.from({ length: 40 }, (_, i) => `S3CRETKEYLINE${String(i).padStart(2, '0')}${'Q'.repeat(50)}`).join('\n');
      writeFileSync(keyFile, `-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----\n`);
      const filler = (1 << 20) - 1500;
      const spec = makeSpec(made.root, [commandStep('deploy', ['sh', '-c', `head -c ${filler} /dev/zero | tr '\\0' 'f'; echo; cat "${keyFile}"; echo after`])], { env: null });
      await launchRun(spec);
      await waitForFinish(made.root, spec.id);
      for (const keepCr of [false, true]) {
        const out: string[] = [];
        const run = await followRun(made.root, spec.id, (t) => out.push(t), { keepSgr: false, keepCr });
        expect(run.finished?.result).toBe('success');
        const text = out.join('');
        expect(text).not.toContain('S3CRETKEYLINE');
        expect(text).toContain('*** private key');
        expect(text).toContain('after\n');
      }
    } finally {
      made.cleanup();
    }
  });
});
