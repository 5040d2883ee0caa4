// Which backend this process may give node-llama-cpp. A prebuilt GPU build can load and still
// abort the whole process at its first kernel (seen on an H100 with driver 580: see
// gpu-check-worker.mjs), so before a GPU build is used in-process, the tiny test model runs once
// on it in a child process. The verdict is cached in the state dir until the NVIDIA driver, the
// installed GPU packages or the setting change. Without a GPU package nothing is checked.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import writeFileAtomic from 'write-file-atomic';
import { GpuCheckSchema, GpuCheckWorkerResultSchema, type GpuCheck } from '../../models/llm.js';
import { EXIT_FAILURE, UserError } from '../errors.js';
import { parkedCaEnv } from '../net/ca-env.js';
import { packageRoot, stateDir } from '../paths.js';
import { DEFAULT_TINY_SENTENCE, writeTinyModel } from './gguf-writer.js';

export type GpuSetting = 'auto' | 'cuda' | 'vulkan' | 'cpu';
/** `gpu` for getLlama(); `note` says why a GPU is not used although one is installed. */
export type GpuDecision = { gpu: 'auto' | 'cuda' | 'vulkan' | false; note?: string; check?: GpuCheck };

export type GpuCheckOptions = {
  /** The `@node-llama-cpp` scope folder (default: the one beside the installed node-llama-cpp). */
  scopeDir?: string;
  /** Default `<state>/llm-gpu-check.json`. */
  cachePath?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** The reply the check model must give (tests). */
  expected?: string;
  /** Called when a check is about to run (not when a cached verdict answers). */
  onCheck?: () => void;
};

/** Bump when the worker's protocol or the check itself changes: old verdicts are then re-checked. */
const CHECK_VERSION = 1;
/** A first run may JIT-compile the GPU kernels, which can take a while. */
const CHECK_TIMEOUT_MS = 180_000;
const GPU_PACKAGE = /(cuda|vulkan)/;

/** The worker script: next to this file in the sources, `dist/gpu-check-worker.js` in the bundle. */
export function gpuCheckWorkerPath(): string {
  const sibling = join(dirname(fileURLToPath(import.meta.url)), 'gpu-check-worker.mjs');
  return existsSync(sibling) ? sibling : join(packageRoot(), 'dist', 'gpu-check-worker.js');
}

/** The `@node-llama-cpp` folder beside the node-llama-cpp that a walk up from the package finds. */
function defaultScopeDir(): string | undefined {
  let dir = packageRoot();
  for (;;) {
    if (existsSync(join(dir, 'node_modules', 'node-llama-cpp'))) return join(dir, 'node_modules', '@node-llama-cpp');
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** Installed GPU builds, as `name@version:mtime` (the mtime catches a reinstall of one version). */
export async function installedGpuPackages(scopeDir = defaultScopeDir()): Promise<string[]> {
  if (!scopeDir) return [];
  const names = await readdir(scopeDir).catch(() => [] as string[]);
  const found: string[] = [];
  for (const name of names.filter((n) => GPU_PACKAGE.test(n)).sort()) {
    const manifest = join(scopeDir, name, 'package.json');
    try {
      const { version } = JSON.parse(await readFile(manifest, 'utf8')) as { version?: string };
      found.push(`${name}@${version ?? '?'}:${(await stat(manifest)).mtimeMs}`);
    } catch {
      // not a package (or half installed): not a usable build
    }
  }
  return found;
}

async function fingerprint(setting: GpuSetting, packages: readonly string[], env: NodeJS.ProcessEnv): Promise<string> {
  const driver = await readFile('/proc/driver/nvidia/version', 'utf8').catch(() => 'no NVIDIA driver');
  const parts = [CHECK_VERSION, setting, process.arch, ...packages, driver, env.CUDA_VISIBLE_DEVICES ?? '', env.GGML_VK_VISIBLE_DEVICES ?? ''];
  return createHash('sha256').update(parts.join('\n')).digest('hex');
}

/** The most telling line of a failed check's stderr (llama.cpp logs straight there in the child). */
export function explainGpuFailure(stderr: string, error: string | undefined, signal: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  const lines = stderr.split('\n').map((l) => l.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').trim()).filter(Boolean);
  const pick =
    lines.find((l) => /CUDA error: /.test(l)) ??
    lines.find((l) => /GGML_ASSERT|Vulkan error|vk::|ErrorOutOfDeviceMemory/.test(l)) ??
    lines.find((l) => /CUDA error|ggml_abort|error/i.test(l) && !/^\S+\(\+0x|^\S+\[0x/.test(l));
  const reason = (pick ?? error ?? 'no reason logged')
    .replace(/^.*?(CUDA error: )/, '$1')
    .replace(/\S*\/(ggml[\w.-]*\.(?:cu|cpp|c):\d+)/g, '$1')
    .slice(0, 240);
  return signal ? `aborted (${signal}): ${reason}` : reason;
}

/** Runs the tiny model once on the GPU build in a child; `definitive` is false for a timeout. */
export async function runGpuCheck(setting: GpuSetting, options: GpuCheckOptions = {}): Promise<{ check: Omit<GpuCheck, 'fingerprint' | 'checkedAt'>; definitive: boolean }> {
  const dir = await mkdtemp(join(tmpdir(), 'opsdeck-gpu-check-'));
  const timeoutMs = options.timeoutMs ?? CHECK_TIMEOUT_MS;
  try {
    const model = join(dir, 'check.gguf');
    writeTinyModel(model, { name: 'opsdeck GPU check' });
    const expected = options.expected ?? DEFAULT_TINY_SENTENCE.join('');
    const r = await execa(process.execPath, [gpuCheckWorkerPath(), model, setting, expected], {
      reject: false,
      timeout: timeoutMs,
      // no TLS in there: it starts without parsing NODE_EXTRA_CA_CERTS
      env: { ...parkedCaEnv({ ...process.env, ...options.env }), NODE_LLAMA_CPP_SKIP_DOWNLOAD: 'true' },
      extendEnv: false,
      stdin: 'ignore',
    });
    const stdout = typeof r.stdout === 'string' ? r.stdout : '';
    const stderr = typeof r.stderr === 'string' ? r.stderr : '';
    const said = /^CHECK\tbackend\t([^\t]*)\t(.*)$/m.exec(stderr);
    const parsed = GpuCheckWorkerResultSchema.safeParse(safeJson(stdout.trim().split('\n').at(-1) ?? ''));
    const result = parsed.success ? parsed.data : undefined;
    const backend = result?.backend ?? said?.[1] ?? (setting === 'auto' ? 'gpu' : setting);
    const devices = result?.devices ?? (said?.[2] ? said[2].split(', ') : []);
    if (r.timedOut) return { check: { ok: false, backend, devices, reason: `the GPU check timed out after ${Math.round(timeoutMs / 1000)} s` }, definitive: false };
    if (result?.ok === true && r.exitCode === 0) return { check: { ok: true, backend, devices }, definitive: true };
    return { check: { ok: false, backend, devices, reason: explainGpuFailure(stderr, result?.error, r.signal) }, definitive: true };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function readCached(path: string, print: string): Promise<GpuCheck | undefined> {
  try {
    const cached = GpuCheckSchema.parse(JSON.parse(await readFile(path, 'utf8')));
    return cached.fingerprint === print ? cached : undefined;
  } catch {
    return undefined;
  }
}

/** Decides the getLlama() `gpu` option for `setting`, running (or reusing) the GPU check. */
export async function decideGpu(setting: GpuSetting = 'auto', options: GpuCheckOptions = {}): Promise<GpuDecision> {
  if (setting === 'cpu') return { gpu: false };
  const packages = await installedGpuPackages(options.scopeDir ?? defaultScopeDir());
  if (packages.length === 0) return { gpu: setting };
  const env = options.env ?? process.env;
  const print = await fingerprint(setting, packages, env);
  const cachePath = options.cachePath ?? join(stateDir(env), 'llm-gpu-check.json');
  let check = await readCached(cachePath, print);
  if (!check) {
    options.onCheck?.();
    const run = await runGpuCheck(setting, { ...options, env });
    check = { fingerprint: print, checkedAt: Date.now(), ...run.check };
    if (run.definitive) {
      await mkdir(dirname(cachePath), { recursive: true })
        .then(() => writeFileAtomic(cachePath, `${JSON.stringify(check)}\n`, { mode: 0o600 }))
        .catch(() => undefined);
    }
  }
  if (check.ok) return { gpu: setting, check };
  const on = check.devices.length ? ` on ${check.devices.join(', ')}` : '';
  const what = `the ${check.backend === 'gpu' ? 'GPU' : check.backend} build failed its check${on}: ${check.reason ?? 'no reason logged'}`;
  if (setting !== 'auto') throw new UserError(`llm.gpu is ${setting}, but ${what} (set llm.gpu: cpu, or see the README's GPU section)`, EXIT_FAILURE);
  return { gpu: false, note: `${what}; running on the CPU`, check };
}
