// The chat engine: resolves model names, loads GGUF models (an LRU of `keepModels`, default 1),
// queues concurrent calls per model, and streams replies through LlamaChatSession.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Config } from '../../models/config.js';
import type { Backend, BenchResult, ChatMessage, ChatResult, ModelInfo, ModelStats, VramState } from '../../models/llm.js';
import { errorMessage, UserError, EXIT_FAILURE, EXIT_USAGE } from '../errors.js';
import { expandHome } from '../paths.js';
import type { BenchOptions } from './bench.js';
import { backendOf, explainLoadFailure, getSharedLlama, llamaGpuNote, onLlamaLog, resolveThreads, type LlamaLogLine } from './llama.js';
import { chatCapable, modelDirs, readModelInfo, scanModels } from './scan-models.js';
import { checkBeforeLoad } from './validate-model.js';
import { LoadedModel, type ChatRequest } from './loaded-model.js';

export type { ChatRequest } from './loaded-model.js';
export type LlmSettings = Partial<Config['llm']>;
export type LlmEngineOptions = LlmSettings & {
  /** How many models stay loaded at once (MCP server: `mcp.keepModels`). Default 1. */
  keepModels?: number;
  /** Directories to scan instead of the ones from `modelsDir`. */
  dirs?: string[];
};

export type LoadOptions = {
  onProgress?: (fraction: number) => void;
  /** Called when the installed GPU build is about to be checked (once; it takes a few seconds). */
  onGpuCheck?: () => void;
  signal?: AbortSignal;
};

export interface ILoadedModel {
  readonly info: ModelInfo;
  readonly stats: ModelStats;
  /** Runs one chat turn; concurrent calls are queued. */
  chat(request: ChatRequest): Promise<ChatResult>;
  /** Tokens in the context and % of the context size. */
  contextUsage(): { tokens: number; size: number; percent: number };
  /** Tokens the model's tokenizer makes of the text. */
  countTokens(text: string): number;
  benchmark(options?: BenchOptions): Promise<BenchResult>;
  dispose(): Promise<void>;
}

export interface ILlmEngine {
  readonly dirs: string[];
  listModels(): Promise<ModelInfo[]>;
  /** A model by name, `general.name` or path; undefined: `llm.model` or the first chat-capable one. */
  resolveModel(nameOrPath?: string): Promise<ModelInfo>;
  load(nameOrPath: string | undefined, options?: LoadOptions): Promise<ILoadedModel>;
  /** The models loaded now, least recently used first. */
  loaded(): ILoadedModel[];
  backend(): Promise<Backend>;
  getVramState(): Promise<VramState>;
  dispose(): Promise<void>;
}

function looksLikePath(s: string): boolean {
  return s.includes('/') || s.toLowerCase().endsWith('.gguf');
}

export function noModelsMessage(dirs: readonly string[]): string {
  return `no GGUF models found: put *.gguf files in ${dirs[0] ?? '~/.local/share/opsdeck/models'} (or set llm.modelsDir)`;
}

export function createLlmEngine(options: LlmEngineOptions = {}): ILlmEngine {
  const dirs = options.dirs ?? modelDirs(options);
  const keep = Math.max(1, options.keepModels ?? 1);
  const threads = resolveThreads(options.threads);
  const models = new Map<string, Promise<LoadedModel>>();
  const ready = new Map<string, LoadedModel>();
  let loadChain: Promise<unknown> = Promise.resolve();

  async function resolveModel(nameOrPath?: string): Promise<ModelInfo> {
    const wanted = nameOrPath ?? options.model;
    if (wanted && looksLikePath(wanted) && existsSync(resolve(expandHome(wanted)))) {
      const info = await readModelInfo(resolve(expandHome(wanted)));
      return usable(info);
    }
    const all = await scanModels(dirs);
    const capable = chatCapable(all);
    if (!wanted) {
      const first = capable[0];
      if (!first) throw new UserError(noModelsMessage(dirs), EXIT_USAGE);
      return first;
    }
    const lower = wanted.toLowerCase();
    const found =
      all.find((m) => m.name === wanted) ??
      all.find((m) => m.name.toLowerCase() === lower || m.displayName?.toLowerCase() === lower) ??
      all.find((m) => m.path === resolve(expandHome(wanted)));
    if (!found) {
      const names = capable.map((m) => m.name);
      throw new UserError(
        `unknown model '${wanted}': ${names.length ? `available: ${names.join(', ')}` : noModelsMessage(dirs)}`,
        EXIT_USAGE,
      );
    }
    return usable(found);
  }

  function usable(info: ModelInfo): ModelInfo {
    if (info.error) throw new UserError(`cannot read model ${info.path}: ${info.error}`, EXIT_FAILURE);
    if (info.vocabOnly) throw new UserError(`${info.name} is a vocabulary-only GGUF; it cannot be chatted with`, EXIT_USAGE);
    return info;
  }

  async function loadInfo(info: ModelInfo, loadOptions: LoadOptions): Promise<LoadedModel> {
    const problem = await checkBeforeLoad(info.path);
    if (problem) throw new UserError(`cannot load ${info.name}: ${problem}`, EXIT_FAILURE);
    const llama = await getSharedLlama({ threads: options.threads, gpu: options.gpu, onGpuCheck: loadOptions.onGpuCheck });
    const logs: LlamaLogLine[] = [];
    const stop = onLlamaLog((l) => logs.push(l));
    try {
      const model = await llama.loadModel({
        modelPath: info.path,
        gpuLayers: options.gpuLayers ?? 'auto',
        onLoadProgress: loadOptions.onProgress,
        loadSignal: loadOptions.signal,
      });
      const trained = model.trainContextSize || info.contextLength || 2048;
      const contextSize = Math.min(options.contextSize ?? 4096, trained);
      const context = await model.createContext({ contextSize, threads });
      return new LoadedModel(info, llama, model, context, {
        name: info.name,
        path: info.path,
        backend: backendOf(llama),
        gpuLayers: model.gpuLayers,
        contextSize: context.contextSize,
        threads,
        ...(llamaGpuNote() ? { gpuNote: llamaGpuNote() } : {}),
      });
    } catch (error) {
      if (error instanceof UserError) throw error;
      throw new UserError(`cannot load ${info.name}: ${explainLoadFailure(logs, errorMessage(error))}`, EXIT_FAILURE);
    } finally {
      stop();
    }
  }

  async function evict(): Promise<void> {
    while (models.size > keep) {
      const [oldest, p] = models.entries().next().value as [string, Promise<LoadedModel>];
      models.delete(oldest);
      ready.delete(oldest);
      await p.then((m) => m.dispose()).catch(() => undefined);
    }
  }

  async function load(nameOrPath: string | undefined, loadOptions: LoadOptions = {}): Promise<ILoadedModel> {
    const info = await resolveModel(nameOrPath);
    const existing = models.get(info.path);
    if (existing) {
      models.delete(info.path);
      models.set(info.path, existing); // most recently used last
      return existing;
    }
    // loads run one at a time so two callers never load the same file twice
    const p = loadChain.then(() => loadInfo(info, loadOptions));
    loadChain = p.catch(() => undefined);
    models.set(info.path, p);
    try {
      const m = await p;
      ready.set(info.path, m);
      await evict();
      return m;
    } catch (error) {
      if (models.get(info.path) === p) models.delete(info.path);
      throw error;
    }
  }

  return {
    dirs,
    listModels: () => scanModels(dirs),
    resolveModel,
    load,
    loaded: () => [...models.keys()].flatMap((k) => {
      const m = ready.get(k);
      return m ? [m] : [];
    }),
    backend: async () => backendOf(await getSharedLlama({ threads: options.threads, gpu: options.gpu })),
    getVramState: async () => {
      const v = await (await getSharedLlama({ threads: options.threads, gpu: options.gpu })).getVramState();
      return { total: v.total, used: v.used, free: v.free };
    },
    dispose: async () => {
      const all = [...models.values()];
      models.clear();
      ready.clear();
      await Promise.all(all.map((p) => p.then((m) => m.dispose()).catch(() => undefined)));
    },
  } satisfies ILlmEngine as ILlmEngine;
}

/** Median of llama-bench style runs; see bench.ts. */
export async function benchmarkModel(model: ILoadedModel, options: BenchOptions = {}): Promise<BenchResult> {
  return model.benchmark(options);
}

export type { BenchOptions, ChatMessage };
