// `opsdeck gpu` through the built bin, with fake nvidia-smi scripts first on PATH (or none).
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GpuSnapshotSchema } from '../../models/gpu.js';
import { isAlive } from '../helpers/process-alive.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'opsdeck');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'nvidia_smi');
const WAIT = { timeout: 15_000, interval: 25 };
let base: string;
let runs = 0;

function env(scenario: string | null, extra: Record<string, string> = {}) {
  const log = join(base, `spawns-${(runs += 1)}.jsonl`);
  const path = scenario === null ? join(base, 'empty') : [join(FIXTURES, scenario), dirname(process.execPath), process.env.PATH ?? ''].join(delimiter);
  return { log, env: { PATH: path, HOME: base, XDG_STATE_HOME: join(base, 'state'), OPSDECK_CEILING_DIRECTORIES: base, FAKE_NVSMI_LOG: log, ...extra } };
}

/** Runs the built bin to completion; `pid` is the opsdeck process's own pid. */
async function opsdeck(args: string[], scenario: string | null, extra: Record<string, string> = {}) {
  const { env: e } = env(scenario, extra);
  const child = execa(process.execPath, [BIN, ...args], { cwd: base, reject: false, extendEnv: false, env: e });
  const result = await child;
  return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr, pid: child.pid };
}

async function samplerPids(log: string): Promise<number[]> {
  const text = await readFile(log, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((l) => l.includes('-lms'))
    .map((l) => (JSON.parse(l) as { pid: number }).pid);
}

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist', 'opsdeck.js'))) await execa('npm', ['run', 'build'], { cwd: ROOT });
  base = await mkdtemp(join(tmpdir(), 'opsdeck-gpu-cli-'));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('opsdeck gpu', () => {
  it('--json prints the snapshot, our own process marked, outside any repo', async () => {
    const result = await opsdeck(['gpu', '--json'], 'h100');
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const snap = GpuSnapshotSchema.parse(JSON.parse(result.stdout));
    expect(snap.status.kind).toBe('ok');
    expect(snap.gpus.map((g) => g.name)).toEqual(['NVIDIA H100 80GB HBM3']);
    expect(snap.processes.find((p) => p.ours)?.pid).toBe(result.pid);
    expect(snap.processes.filter((p) => p.ours)).toHaveLength(1);
    expect(snap.host?.memTotalBytes).toBeGreaterThan(0);
  });

  it('prints a compact table with processes and host CPU/memory', async () => {
    const result = await opsdeck(['gpu'], 'h100');
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^GPU {2}NAME +UTIL +VRAM MiB +TEMP +POWER W +FAN +SM\/MEM MHz$/);
    expect(lines[1]).toMatch(/^ {2}0 {2}NVIDIA H100 80GB HBM3 +\d+% +\d+\/81559 +\d+°C +\d+\/700 +– +\d+\/2619$/);
    expect(result.stdout).toMatch(new RegExp(`^ +${result.pid} +0 +2048 {2}node {2}← opsdeck \\(this process\\)$`, 'm'));
    expect(result.stdout).toMatch(/^ +4242 +0 +40960 {2}\/usr\/bin\/python3$/m);
    expect(result.stdout).toMatch(/^host {2}CPU [\d.]+% of \d+ cores {2}memory [\d.]+\/[\d.]+ GiB used$/m);
    expect(result.stdout).not.toContain('\u001b');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('eight GPUs and unreadable fields', async () => {
    const eight = await opsdeck(['gpu'], 'eight');
    expect(eight.exitCode).toBe(0);
    expect(eight.stdout.match(/NVIDIA H100 80GB HBM3/g)).toHaveLength(8);
    const na = await opsdeck(['gpu'], 'na');
    expect(na.exitCode).toBe(0);
    expect(na.stdout).toMatch(/^ {2}0 {2}NVIDIA A100-SXM4-40GB +\d+% +–\/40960 +– +– +– +\d+\/–$/m);
    expect(na.stdout).not.toMatch(/NaN/);
  });

  it('no nvidia-smi: says so, shows CPU and memory, exit 0', async () => {
    const result = await opsdeck(['gpu'], null);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n')[0]).toBe('no GPU detected (CPU inference)');
    expect(result.stdout).toMatch(/^host {2}CPU [\d.]+% of \d+ cores {2}memory [\d.]+\/[\d.]+ GiB used$/m);
    const json = GpuSnapshotSchema.parse(JSON.parse((await opsdeck(['gpu', '--json'], null)).stdout));
    expect(json.status.kind).toBe('none');
    expect(json.host).not.toBeNull();
  });

  it('nvidia-smi reporting no devices is no GPU too', async () => {
    const result = await opsdeck(['gpu'], 'nodevices');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^no GPU detected \(CPU inference\)\n {2}\(No devices were found\)$/m);
  });

  it('an nvidia-smi that dies is reported as lost', async () => {
    const result = await opsdeck(['gpu'], 'dies', { FAKE_NVSMI_SAMPLES: '0' });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^lost: nvidia-smi exited with code 15 \(retry 1 in 1 s\)$/m);
    expect(result.stdout).toContain('GPU is lost');
  });

  it('--help describes the options', async () => {
    const result = await opsdeck(['gpu', '--help'], null);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('Usage: opsdeck gpu [options]');
    expect(result.stdout).toContain('--watch');
  });
});

describe('opsdeck gpu --watch', () => {
  it('appends frames when stdout is not a terminal; Ctrl-C exits 0 and ends nvidia-smi', async () => {
    const { env: e, log } = env('h100');
    const child = execa(process.execPath, [BIN, 'gpu', '--watch'], { cwd: base, reject: false, extendEnv: false, env: e });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await vi.waitFor(() => expect(out.match(/^-- \d{4}-\d\d-\d\dT/gm)?.length ?? 0).toBeGreaterThanOrEqual(2), WAIT);
    const [pid] = await samplerPids(log);
    expect(pid !== undefined && isAlive(pid)).toBe(true);
    child.kill('SIGINT');
    const result = await child;
    expect(result.exitCode).toBe(0);
    expect(out).not.toContain('\u001b[2J');
    expect(out.match(/NVIDIA H100 80GB HBM3/g)?.length).toBeGreaterThanOrEqual(2);
    expect(pid !== undefined && isAlive(pid)).toBe(false);
  });

  it('--json prints one snapshot per line', async () => {
    const child = execa(process.execPath, [BIN, 'gpu', '--watch', '--json'], { cwd: base, reject: false, extendEnv: false, env: env('eight').env });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await vi.waitFor(() => expect(out.split('\n').length).toBeGreaterThanOrEqual(3), WAIT);
    child.kill('SIGTERM');
    const result = await child;
    expect(result.exitCode).toBe(0);
    const lines = out.split('\n').filter((l) => l !== '');
    for (const line of lines) expect(GpuSnapshotSchema.parse(JSON.parse(line)).gpus).toHaveLength(8);
  });

  it('clears and redraws in a terminal', async () => {
    const { env: e } = env('h100');
    const command = `exec ${process.execPath} ${BIN} gpu --watch`;
    const child = execa('script', ['-qfec', command, '/dev/null'], { cwd: base, reject: false, extendEnv: false, env: { ...e, TERM: 'xterm' } });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await vi.waitFor(() => expect(out.split('\u001b[H\u001b[2J').length).toBeGreaterThanOrEqual(3), WAIT);
    child.stdin.write('\u0003');
    const result = await child;
    expect(result.exitCode).toBe(0);
    expect(out).toContain('NVIDIA H100 80GB HBM3');
  });
});
