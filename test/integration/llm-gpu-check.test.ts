// The GPU compute check: the real worker child and real node-llama-cpp (CPU here). A GPU build
// that aborts at its first kernel cannot be produced on a host without such a GPU, so that case
// uses the worker's abort seam, which writes the line llama.cpp wrote on the H100 and aborts.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GpuCheckSchema } from '../../models/llm.js';
import { UserError } from '../../src/errors.js';
import { decideGpu, explainGpuFailure, installedGpuPackages, runGpuCheck } from '../../src/llm/gpu-check.js';

const ABORT = { ...process.env, OPSDECK_GPU_CHECK_FAULT: 'abort' };
let dir: string;
let scope: string;

function fakeGpuPackage(name: string, version = '3.21.1'): string {
  const manifest = join(scope, name, 'package.json');
  mkdirSync(join(scope, name), { recursive: true });
  writeFileSync(manifest, JSON.stringify({ name: `@node-llama-cpp/${name}`, version }));
  return manifest;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'opsdeck-gpu-check-test-'));
  scope = join(dir, '@node-llama-cpp');
  mkdirSync(join(scope, 'linux-x64'), { recursive: true });
  writeFileSync(join(scope, 'linux-x64', 'package.json'), '{"version":"3.21.1"}');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('runGpuCheck (real worker, real node-llama-cpp)', () => {
  it('runs the tiny model and checks its known reply', async () => {
    const r = await runGpuCheck('cpu');
    expect(r).toEqual({ check: { ok: true, backend: 'cpu', devices: [] }, definitive: true });
  });

  it('fails a build that computes the wrong reply', async () => {
    const r = await runGpuCheck('cpu', { expected: 'something else' });
    expect(r.check.ok).toBe(false);
    expect(r.check.reason).toContain('wrong result on cpu: expected "something else", got "Hello from the tiny model!"');
  });

  it('survives a build that aborts the process and reports what llama.cpp logged', async () => {
    const r = await runGpuCheck('auto', { env: ABORT });
    expect(r.definitive).toBe(true);
    expect(r.check.ok).toBe(false);
    expect(r.check.backend).toBe('cpu');
    expect(r.check.reason).toBe('aborted (SIGABRT): CUDA error: the provided PTX was compiled with an unsupported toolchain.');
  });

  it('a check that hangs is not definitive', async () => {
    const r = await runGpuCheck('cpu', { timeoutMs: 50 });
    expect(r.definitive).toBe(false);
    expect(r.check.reason).toBe('the GPU check timed out after 0 s');
  });
});

describe('decideGpu', () => {
  it('checks nothing without a GPU package, and never for llm.gpu: cpu', async () => {
    const cachePath = join(dir, 'none.json');
    expect(await installedGpuPackages(scope)).toEqual([]);
    expect(await decideGpu('auto', { scopeDir: scope, cachePath, env: ABORT })).toEqual({ gpu: 'auto' });
    expect(await decideGpu('cpu', { scopeDir: scope, cachePath, env: ABORT })).toEqual({ gpu: false });
    expect(() => statSync(cachePath)).toThrow();
  });

  it('falls back to the CPU with the reason, caches the verdict and re-checks when the build changes', async () => {
    const manifest = fakeGpuPackage('linux-x64-cuda');
    const cachePath = join(dir, 'state', 'check.json');
    expect((await installedGpuPackages(scope))[0]).toMatch(/^linux-x64-cuda@3\.21\.1:\d/);

    let checks = 0;
    const onCheck = () => (checks += 1);
    const first = await decideGpu('auto', { scopeDir: scope, cachePath, env: ABORT, onCheck });
    expect(checks).toBe(1);
    expect(first.gpu).toBe(false);
    expect(first.note).toBe('the cpu build failed its check: aborted (SIGABRT): CUDA error: the provided PTX was compiled with an unsupported toolchain.; running on the CPU');
    const saved = GpuCheckSchema.parse(JSON.parse(readFileSync(cachePath, 'utf8')));
    expect(statSync(cachePath).mode & 0o777).toBe(0o600);

    // cached: no new check (a check without the fault would pass)
    const second = await decideGpu('auto', { scopeDir: scope, cachePath, env: process.env, onCheck });
    expect(checks).toBe(1);
    expect(second.gpu).toBe(false);
    expect(second.check?.checkedAt).toBe(saved.checkedAt);

    // a reinstalled build is checked again
    utimesSync(manifest, new Date(), new Date(Date.now() + 5_000));
    const third = await decideGpu('auto', { scopeDir: scope, cachePath, env: process.env });
    expect(third).toMatchObject({ gpu: 'auto', check: { ok: true, backend: 'cpu' } });
    expect(third.check?.checkedAt).toBeGreaterThan(saved.checkedAt);
  });

  it('a forced backend that fails its check is a clear error, not a crash', async () => {
    fakeGpuPackage('linux-x64-vulkan');
    const cachePath = join(dir, 'forced.json');
    const error = await decideGpu('vulkan', { scopeDir: scope, cachePath, env: process.env }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    // the fake package holds no binary, so node-llama-cpp finds none
    expect((error as Error).message).toBe(
      "llm.gpu is vulkan, but the vulkan build failed its check: no prebuilt vulkan build of llama.cpp is installed (set llm.gpu: cpu, or see the README's GPU section)",
    );
  });

  it('a corrupt cache file is a miss', async () => {
    rmSync(join(scope, 'linux-x64-vulkan'), { recursive: true });
    const cachePath = join(dir, 'corrupt.json');
    writeFileSync(cachePath, '{"fingerprint": 3');
    const r = await decideGpu('auto', { scopeDir: scope, cachePath, env: process.env });
    expect(r.check?.ok).toBe(true);
    expect(GpuCheckSchema.parse(JSON.parse(readFileSync(cachePath, 'utf8'))).ok).toBe(true);
  });
});

describe('explainGpuFailure', () => {
  it('picks the CUDA error over the backtrace and strips control characters', () => {
    const stderr = [
      'CHECK\tbackend\tcuda\tNVIDIA H100 80GB HBM3',
      '/x/ggml/src/ggml-cuda/ggml-cuda.cu:108: CUDA error',
      '/x/libggml-base.so(ggml_abort+0x152)[0x7f1b206b6f42]',
      'CUDA error: the provided PTX was compiled with an unsupported toolchain.\u001b]0;pwned\u0007',
    ].join('\n');
    expect(explainGpuFailure(stderr, undefined, 'SIGABRT')).toBe('aborted (SIGABRT): CUDA error: the provided PTX was compiled with an unsupported toolchain. ]0;pwned');
    // what the H100 and H200 with driver 580 gave (llama.cpp's own reason line never reached stderr)
    const h200 = '/home/runner/work/node-llama-cpp/node-llama-cpp/llama/llama.cpp/ggml/src/ggml-cuda/ggml-cuda.cu:108: CUDA error\n/x/libggml-base.so(+0x1c8eb)[0x7f]';
    expect(explainGpuFailure(h200, undefined, 'SIGABRT')).toBe('aborted (SIGABRT): ggml-cuda.cu:108: CUDA error');
    expect(explainGpuFailure('', 'Failed to load model', undefined)).toBe('Failed to load model');
  });
});
