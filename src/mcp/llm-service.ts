// The MCP server's one LLM engine, created on the first tool call that needs it (node-llama-cpp is
// imported then, never at start-up). Every engine call runs through one FIFO queue, so
// concurrent tool calls wait their turn; the engine keeps `keepModels` models loaded between
// calls. Shutdown aborts what runs, waits for it and disposes the models.
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ModelInfo } from '../../models/llm.js';
import { UserError, EXIT_FAILURE } from '../errors.js';
import { expandHome } from '../paths.js';
import type { ILlmEngine, ILoadedModel, LlmEngineOptions } from '../llm/engine.js';

export interface ILlmService {
  readonly dirs: string[];
  readonly keepModels: number;
  /** The models in the models directories (metadata only; no engine needed). */
  listModels(): Promise<ModelInfo[]>;
  /** Runs `task` alone on the engine once the calls before it are done. */
  run<T>(task: (engine: ILlmEngine, signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T>;
  /**
   * Loads a model (name, path or the default) for a task running in run(). Before a file is
   * first loaded in this process it is trial-loaded in a child process, so a file that would
   * make llama.cpp abort fails the call, not the server.
   */
  load(engine: ILlmEngine, nameOrPath: string | undefined, signal: AbortSignal): Promise<ILoadedModel>;
  /** Names of the models loaded now (empty before the first load). */
  loadedModels(): string[];
  /** Aborts running and queued calls, then disposes the loaded models. */
  dispose(): Promise<void>;
}

/** Whether `wanted` (a name, `general.name` or path) names this model. */
export function namesModel(info: ModelInfo, wanted: string): boolean {
  const lower = wanted.toLowerCase();
  return info.name === wanted || info.name.toLowerCase() === lower || info.displayName?.toLowerCase() === lower || info.path === resolve(expandHome(wanted));
}

export type LlmServiceOptions = LlmEngineOptions & {
  dirs: string[];
  /** `llm.demoModel` (the demo workspace): write the generated demo model into the first folder when it has none. */
  demoModel?: boolean;
};

/** As the Chat pane does: the demo model goes into the first models folder when that has no model. */
async function ensureDemo(dir: string | undefined): Promise<void> {
  if (!dir) return;
  const { mkdir, readdir } = await import('node:fs/promises');
  const files = await readdir(dir).catch(() => [] as string[]);
  if (files.some((f) => f.toLowerCase().endsWith('.gguf'))) return;
  await mkdir(dir, { recursive: true });
  const { ensureDemoModel } = await import('../llm/demo-model.js');
  ensureDemoModel(dir);
}

export function createLlmService(options: LlmServiceOptions): ILlmService {
  const keepModels = Math.max(1, options.keepModels ?? 1);
  const shutdown = new AbortController();
  let enginePromise: Promise<ILlmEngine> | undefined;
  let demoReady: Promise<void> | undefined;
  const prepare = (): Promise<void> => (demoReady ??= options.demoModel ? ensureDemo(options.dirs[0]) : Promise.resolve());
  let engine: ILlmEngine | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  /** What "no model given" resolved to, so a warm call does not rescan the models folders. */
  let defaultPath: string | undefined;
  /** Files that passed the child-process trial load: path -> size:mtime. */
  const vetted = new Map<string, string>();

  const vet = async (info: ModelInfo): Promise<void> => {
    const s = await stat(info.path);
    const key = `${s.size}:${s.mtimeMs}`;
    if (vetted.get(info.path) === key) return;
    const { checkBeforeLoad, trialLoad } = await import('../llm/validate-model.js');
    const problem = await checkBeforeLoad(info.path);
    if (problem) throw new UserError(`cannot load ${info.name}: ${problem}`, EXIT_FAILURE);
    const trial = await trialLoad(info.path);
    if (!trial.ok) throw new UserError(`cannot load ${info.name}: ${trial.reason ?? 'the trial load failed'} (checked in a separate process)`, EXIT_FAILURE);
    vetted.set(info.path, key);
  };

  const getEngine = (): Promise<ILlmEngine> => {
    enginePromise ??= prepare().then(() => import('../llm/engine.js')).then(({ createLlmEngine }) => {
      engine = createLlmEngine({ ...options, keepModels });
      return engine;
    });
    return enginePromise;
  };

  return {
    dirs: options.dirs,
    keepModels,
    listModels: async () => {
      await prepare();
      const { scanModels } = await import('../llm/scan-models.js');
      return scanModels(options.dirs);
    },
    run<T>(task: (engine: ILlmEngine, signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
      const combined = signal ? AbortSignal.any([signal, shutdown.signal]) : shutdown.signal;
      const next = queue.then(async () => {
        if (combined.aborted) throw new Error(shutdown.signal.aborted ? 'the server is shutting down' : 'the request was cancelled');
        return task(await getEngine(), combined);
      });
      queue = next.catch(() => undefined);
      return next;
    },
    load: async (engine, nameOrPath, signal) => {
      const loaded = engine.loaded();
      const wanted = nameOrPath ?? options.model;
      const hit = wanted === undefined ? loaded.find((m) => m.info.path === defaultPath) : loaded.find((m) => namesModel(m.info, wanted));
      // with several models kept, engine.load() marks the hit most recently used (for eviction)
      if (hit) return keepModels > 1 ? engine.load(hit.info.path, { signal }) : hit;
      const info = await engine.resolveModel(nameOrPath);
      if (wanted === undefined) defaultPath = info.path;
      if (!engine.loaded().some((m) => m.info.path === info.path)) await vet(info);
      return engine.load(info.path, { signal });
    },
    loadedModels: () => engine?.loaded().map((m) => m.info.name) ?? [],
    dispose: async () => {
      shutdown.abort();
      await queue;
      await engine?.dispose();
    },
  };
}
