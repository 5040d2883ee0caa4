// One node-llama-cpp instance per process, imported lazily so nothing else pays for it.
// getLlama() starts a probe process (~0.5 s), so it is memoized. Never builds llama.cpp from source.
import { availableParallelism } from 'node:os';
import type * as NodeLlamaCppModule from 'node-llama-cpp';
import type { Backend } from '../../models/llm.js';
import { decideGpu, type GpuSetting } from './gpu-check.js';

export type NodeLlamaCpp = typeof NodeLlamaCppModule;
export type Llama = Awaited<ReturnType<NodeLlamaCpp['getLlama']>>;

export type LlamaLogLine = { level: string; message: string };
type LogListener = (line: LlamaLogLine) => void;

const listeners = new Set<LogListener>();
const recent: LlamaLogLine[] = [];
const RECENT_MAX = 50;

let modulePromise: Promise<NodeLlamaCpp> | undefined;
let llamaPromise: Promise<Llama> | undefined;
let llamaThreads: number | undefined;
let gpuNote: string | undefined;

/** The node-llama-cpp module, imported on first use. */
export function importLlamaCpp(): Promise<NodeLlamaCpp> {
  modulePromise ??= import('node-llama-cpp');
  return modulePromise;
}

/** Threads to use: `llm.threads` from the config, else the cores actually available. */
export function resolveThreads(configured?: number): number {
  return configured && configured > 0 ? configured : Math.max(1, availableParallelism());
}

function onLog(level: unknown, message: string): void {
  const line = { level: String(level), message: message.trimEnd() };
  if (line.level === 'warn' || line.level === 'error' || line.level === 'fatal') {
    recent.push(line);
    if (recent.length > RECENT_MAX) recent.shift();
  }
  for (const l of listeners) l(line);
}

/**
 * The process-wide Llama instance. The first caller's `threads` and `gpu` (`llm.gpu`) set it up;
 * later callers share the instance (and pass their own `threads` to contexts). An installed GPU
 * build is used only once it passed its check in a child process (gpu-check.ts).
 */
export function getSharedLlama(options: { threads?: number; gpu?: GpuSetting; onGpuCheck?: () => void } = {}): Promise<Llama> {
  llamaPromise ??= (async () => {
    const [{ getLlama, LlamaLogLevel }, decision] = await Promise.all([importLlamaCpp(), decideGpu(options.gpu ?? 'auto', { onCheck: options.onGpuCheck })]);
    gpuNote = decision.note;
    llamaThreads = resolveThreads(options.threads);
    return getLlama({
      build: 'never',
      gpu: decision.gpu,
      maxThreads: llamaThreads,
      logLevel: LlamaLogLevel.warn,
      logger: onLog,
      progressLogs: false,
    });
  })();
  llamaPromise.catch(() => {
    llamaPromise = undefined;
  });
  return llamaPromise;
}

/** Subscribes to llama.cpp's log lines; returns the unsubscribe function. */
export function onLlamaLog(listener: LogListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The last warn/error lines llama.cpp logged (for "Failed to load model" explanations). */
export function recentLlamaErrors(): LlamaLogLine[] {
  return [...recent];
}

/** `llama.gpu` (false | 'cuda' | 'vulkan' | 'metal') as a backend name. */
export function backendOf(llama: Pick<Llama, 'gpu'>): Backend {
  return llama.gpu === false ? 'cpu' : llama.gpu;
}

/** Why an installed GPU build is not used (it failed its check), or undefined. */
export function llamaGpuNote(): string | undefined {
  return gpuNote;
}

/** maxThreads the shared instance was created with (undefined before the first getSharedLlama). */
export function sharedLlamaThreads(): number | undefined {
  return llamaThreads;
}

/** Picks the most telling line out of llama.cpp's log lines for a failed load. */
export function explainLoadFailure(lines: readonly LlamaLogLine[], fallback: string): string {
  const texts = lines.map((l) => l.message.replace(/\s+/g, ' ').trim()).filter(Boolean);
  const pick =
    texts.find((t) => /GGML_ASSERT/.test(t)) ??
    texts.find((t) => /error loading model:/.test(t)) ??
    texts.find((t) => /missing|not within the file bounds|unknown model architecture|wrong shape|failed to/i.test(t)) ??
    texts.at(-1);
  return pick ? pick.replace(/^llama_model_load: error loading model: /, '') : fallback;
}
