// runCockpit in-process with fake terminal streams: the real config, repo and store, the alt
// screen around the session, the frame gate, resize, the no-terminal refusal and keys errors.
import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ICliContext } from '../../commands/cli-context.js';
import { NO_TTY_MESSAGE, colorEnabled, gateFrameChunk, runCockpit } from '../../commands/cockpit.js';

class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write(data: string) {
    this.data = data;
    this.emit('readable');
  }
  read = () => {
    const { data } = this;
    this.data = null;
    return data;
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

class FakeStdout extends EventEmitter {
  isTTY = true;
  columns = 80;
  rows = 24;
  written = '';
  write = (chunk: string) => {
    this.written += chunk;
    return true;
  };
}

const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

function repo(config?: string): string {
  const root = mkdtempSync(join(tmpdir(), 'opsdeck-run-'));
  roots.push(root);
  mkdirSync(join(root, '.orchestration'));
  writeFileSync(join(root, '.orchestration', 'current.todo'), 'Ops:\n  ☐ first task\n');
  if (config !== undefined) writeFileSync(join(root, '.orchestration', 'opsdeck.yaml'), config);
  return root;
}

function context(root: string, globals: Partial<ReturnType<ICliContext['globals']>> = {}) {
  const errors: string[] = [];
  const ctx: ICliContext = {
    globals: () => ({ color: true, readonly: false, ...globals }),
    out: () => undefined,
    err: (text) => errors.push(text),
    resolveRoot: async () => root,
    setExitCode: () => undefined,
  };
  return { ctx, errors };
}

describe('runCockpit', () => {
  it('runs a session in the alternate screen and returns 0 after q', async () => {
    const stdin = new FakeStdin();
    const stdout = new FakeStdout();
    const { ctx } = context(repo());
    const done = runCockpit(ctx, { stdin: stdin as never, stdout: stdout as never, env: {} });
    await vi.waitFor(() => expect(stdout.written).toContain('first task'));
    expect(stdout.written.startsWith('\u001b[?1049h')).toBe(true);
    stdout.rows = 30;
    stdout.columns = 100;
    stdout.emit('resize');
    await vi.waitFor(() => expect(stdout.written).toContain('\u001b[2J'));
    stdin.write('q');
    await expect(done).resolves.toBe(0);
    expect(stdout.written.endsWith('\u001b[?1049l')).toBe(true);
  });

  it('refuses to run without a terminal', async () => {
    const stdin = new FakeStdin();
    stdin.isTTY = false;
    const { ctx, errors } = context(repo());
    await expect(runCockpit(ctx, { stdin: stdin as never, stdout: new FakeStdout() as never })).resolves.toBe(2);
    expect(errors).toEqual([NO_TTY_MESSAGE]);
  });

  it('names the line of an unknown action id in config keys', async () => {
    const root = repo('ui:\n  clock: true\nkeys:\n  cursor-down: n\n  warp-drive: w\n');
    const { ctx } = context(root);
    await expect(runCockpit(ctx, { stdin: new FakeStdin() as never, stdout: new FakeStdout() as never })).rejects.toThrow(
      /opsdeck\.yaml:5: keys\.warp-drive: unknown action "warp-drive"/,
    );
  });
});

describe('terminal helpers', () => {
  it('drops only the final line advance of a write', () => {
    expect(gateFrameChunk('a\nb\n')).toBe('a\nb');
    expect(gateFrameChunk('x\u001b[E\u001b[E')).toBe('x\u001b[E');
    expect(gateFrameChunk('\u001b[?25l')).toBe('\u001b[?25l');
  });

  it('turns colour off for NO_COLOR, --no-color and ui.color false', () => {
    expect(colorEnabled(true, {}, true)).toBe(true);
    expect(colorEnabled(true, { NO_COLOR: '1' }, true)).toBe(false);
    expect(colorEnabled(true, { NO_COLOR: '' }, true)).toBe(true);
    expect(colorEnabled(false, {}, true)).toBe(false);
    expect(colorEnabled(undefined, {}, false)).toBe(false);
  });
});
