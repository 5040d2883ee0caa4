// `opsdeck gpu` in-process through commander with a real context (the spawned-bin tests in
// gpu-cli.test.ts cover the same paths end to end); the fake nvidia-smi is first on PATH.
import { Command } from 'commander';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { GlobalOptions, ICliContext } from '../../commands/cli-context.js';
import { registerGpu } from '../../commands/gpu.js';
import { GpuSnapshotSchema } from '../../models/gpu.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'nvidia_smi');
const savedPath = process.env.PATH;
let empty: string;

function usePath(scenario: string | null): void {
  process.env.PATH = scenario === null ? empty : [join(FIXTURES, scenario), dirname(process.execPath), savedPath ?? ''].join(delimiter);
}

/** Runs `opsdeck ARGS` in-process; `out` collects every ctx.out() call. */
function run(args: string[]): { out: string[]; done: Promise<number> } {
  const out: string[] = [];
  let code = 0;
  const program = new Command('opsdeck').exitOverride().option('--no-color');
  const ctx: ICliContext = {
    globals: () => program.opts<GlobalOptions>(),
    out: (text) => out.push(text),
    err: (text) => out.push(text),
    setExitCode: (c) => {
      code = c;
    },
    resolveRoot: () => Promise.reject(new Error('gpu must not need a repo')),
  };
  registerGpu(program, ctx);
  return { out, done: program.parseAsync(args, { from: 'user' }).then(() => code) };
}

beforeAll(async () => {
  empty = await mkdtemp(join(tmpdir(), 'opsdeck-gpu-inprocess-'));
});
afterAll(async () => {
  process.env.PATH = savedPath;
  await rm(empty, { recursive: true, force: true });
});

describe('opsdeck gpu (in-process)', () => {
  it('prints the table once', async () => {
    usePath('h100');
    const { out, done } = run(['gpu']);
    expect(await done).toBe(0);
    expect(out).toHaveLength(1);
    expect(out[0]).toContain('NVIDIA H100 80GB HBM3');
    expect(out[0]).toMatch(new RegExp(`^ +${process.pid} +0 +2048 {2}node {2}← opsdeck \\(this process\\)$`, 'm'));
  });

  it('--json prints a snapshot', async () => {
    usePath('eight');
    const { out, done } = run(['gpu', '--json']);
    expect(await done).toBe(0);
    expect(GpuSnapshotSchema.parse(JSON.parse(out[0] ?? '')).gpus).toHaveLength(8);
  });

  it('no GPU', async () => {
    usePath(null);
    const { out, done } = run(['gpu']);
    expect(await done).toBe(0);
    expect(out[0]).toMatch(/^no GPU detected \(CPU inference\)\n/);
  });

  it('--watch appends frames until SIGINT', async () => {
    usePath('h100');
    const listeners = process.listenerCount('SIGINT');
    const { out, done } = run(['gpu', '--watch']);
    await vi.waitFor(() => expect(out.length).toBeGreaterThanOrEqual(2), { timeout: 15_000, interval: 25 });
    process.emit('SIGINT');
    expect(await done).toBe(0);
    for (const frame of out) expect(frame).toMatch(/^-- \d{4}-\d\d-\d\dT[\d:.]+Z\nGPU {2}NAME/);
    expect(process.listenerCount('SIGINT')).toBe(listeners);
  });

  it('--watch --json prints one compact snapshot per frame', async () => {
    usePath('h100');
    const { out, done } = run(['gpu', '--watch', '--json']);
    await vi.waitFor(() => expect(out.length).toBeGreaterThanOrEqual(2), { timeout: 15_000, interval: 25 });
    process.emit('SIGTERM');
    expect(await done).toBe(0);
    for (const frame of out) {
      expect(frame).not.toContain('\n');
      expect(GpuSnapshotSchema.parse(JSON.parse(frame)).gpus).toHaveLength(1);
    }
  });
});
