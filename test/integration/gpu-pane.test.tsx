// The GPU pane and the header meter over the real GPU monitor, with fake nvidia-smi scripts
// (test/fixtures/nvidia_smi/*) first on PATH: 1 GPU, 8 GPUs, N/A fields, a vanishing GPU, a
// dying nvidia-smi and none at all.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { App } from '../../components/app.js';
import { ConfigSchema } from '../../models/config.js';
import { createGpuMonitor } from '../../src/gpu/gpu-monitor.js';
import { createAppStore } from '../../src/store/app-store.js';
import { startChat } from '../../src/store/chat-slice.js';
import { createTaskRepo } from '../../src/tasks/task-repo.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'nvidia_smi');
const WAIT = { timeout: 20_000, interval: 25 };
let base: string;
const cleanups: (() => void | Promise<void>)[] = [];

async function start(scenario: string | null, extraEnv: Record<string, string> = {}, view: 'gpu' | 'dashboard' | 'chat' = 'gpu') {
  const root = mkdtempSync(join(base, 'root-'));
  mkdirSync(join(root, '.orchestration'));
  writeFileSync(join(root, '.orchestration', 'current.todo'), '');
  writeFileSync(join(root, '.orchestration', 'backlog.todo'), '');
  const PATH = scenario === null ? join(base, 'empty-bin') : [join(FIXTURES, scenario), dirname(process.execPath), process.env.PATH ?? ''].join(delimiter);
  const store = createAppStore({
    taskRepo: createTaskRepo(root),
    config: ConfigSchema.parse({}),
    readonly: false,
    color: false,
    root,
    services: { chat: { createGpuMonitor: () => createGpuMonitor({ intervalMs: 100, env: { PATH, ...extraEnv }, backoffBaseMs: 200 }), modelDirs: [join(base, 'none')] } },
  });
  const stop = startChat(store);
  if (view !== 'dashboard') store.getState().openView(view);
  const ui = render(<App store={store} />);
  cleanups.push(() => ui.unmount(), stop, () => new Promise((r) => setTimeout(r, 50)));
  const frame = () => ui.lastFrame() ?? '';
  return { store, ui, frame };
}

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'opsdeck-gpu-pane-'));
  mkdirSync(join(base, 'empty-bin'));
});
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('the GPU pane', () => {
  it('shows one H100 with every metric, sparklines, our process marked and the header meter', async () => {
    const h = await start('h100');
    await vi.waitFor(() => expect(h.frame()).toContain('NVIDIA H100 80GB HBM3'), WAIT);
    await vi.waitFor(() => expect(h.store.getState().gpu?.sampleCount).toBeGreaterThanOrEqual(4), WAIT);
    const f = h.frame();
    for (const label of ['util', 'vram', 'temp', 'power', 'fan', 'sm clk', 'mem clk']) expect(f).toMatch(new RegExp(`^${label}\\s`, 'm'));
    expect(f).toMatch(/vram\s+1\.\d\/79\.6 GiB/);
    expect(f).toMatch(/power\s+\d+\/700 W/);
    expect(f).toMatch(/fan\s+–/);
    expect(f).toMatch(/[▁▂▃▄▅▆▇█]{3,}/);
    // the header meter: compact, one GPU
    expect(f.split('\n')[0]).toMatch(/GPU \d+% 1\.\d\/79\.6G/);
    await vi.waitFor(() => expect(h.frame()).toContain('← opsdeck (this process)'), WAIT);
    expect(h.frame()).toMatch(/4242\s+gpu 0\s+40960 MiB\s+\/usr\/bin\/python3/);
  });

  it('lists eight GPUs one line each and sums them in the meter', async () => {
    const h = await start('eight');
    await vi.waitFor(() => expect(h.store.getState().gpu?.gpus).toHaveLength(8), WAIT);
    await vi.waitFor(() => expect(h.frame()).toMatch(/^7 \d+% /m), WAIT);
    expect(h.frame().split('\n')[0]).toMatch(/GPU×8 \d+% \d+\/637G/);
  });

  it('shows unreadable fields as –, never NaN', async () => {
    const h = await start('na');
    await vi.waitFor(() => expect(h.frame()).toContain('NVIDIA A100-SXM4-40GB'), WAIT);
    const f = h.frame();
    expect(f).toMatch(/temp\s+–/);
    expect(f).toMatch(/power\s+–\/– W/);
    expect(f).toMatch(/vram\s+–\/40\.0 GiB/);
    expect(f).not.toMatch(/NaN|undefined|null/);
  });

  it('marks a GPU that vanished as gone', async () => {
    const h = await start('vanish', { FAKE_NVSMI_VANISH_AFTER: '2' });
    await vi.waitFor(() => expect(h.frame()).toMatch(/^1 gone \(last seen \d\d:\d\d:\d\dZ\)\s+NVIDIA H100 80GB HBM3/m), WAIT);
    expect(h.frame().split('\n')[0]).toContain('(1 gone)');
  });

  it('shows an nvidia-smi that died, with its retry, then recovers', async () => {
    const h = await start('dies', { FAKE_NVSMI_SAMPLES: '2' });
    await vi.waitFor(() => expect(h.frame()).toMatch(/GPU sampler lost \(attempt \d+ · (retry at \d\d:\d\d:\d\dZ|retrying now)\): nvidia-smi exited/), WAIT);
    expect(h.frame().split('\n')[0]).toContain('GPU lost');
    await vi.waitFor(() => expect(h.store.getState().gpu?.status.kind).toBe('ok'), WAIT);
  });

  it('says there is no GPU and shows CPU and memory instead', async () => {
    const h = await start(null);
    await vi.waitFor(() => expect(h.frame()).toContain('no GPU detected (CPU inference)'), WAIT);
    await vi.waitFor(() => expect(h.frame()).toMatch(/CPU (\d+|–)% of \d+ cores · mem \d+\.\d\/\d+\.\d GiB/), WAIT);
    expect(h.frame().split('\n')[0]).not.toContain('GPU');
  });

  it('polls processes only while the GPU or chat pane is open', async () => {
    const h = await start('h100', {}, 'dashboard');
    await vi.waitFor(() => expect(h.store.getState().gpu?.sampleCount).toBeGreaterThanOrEqual(3), WAIT);
    expect(h.store.getState().gpu?.processesAt).toBeNull();
    await h.store.getState().dispatch('7');
    await vi.waitFor(() => expect(h.store.getState().gpu?.processesAt).not.toBeNull(), WAIT);
  });

  it('the dashboard tile shows the GPU summary', async () => {
    const h = await start('h100', {}, 'dashboard');
    await vi.waitFor(() => expect(h.frame()).toMatch(/│\s*H100 80GB HBM3 · VRAM \d/), WAIT);
    expect(h.frame()).toContain('no model loaded');
  });
});
