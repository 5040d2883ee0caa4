// Finds `*.gguf` files in the models directories and reads their metadata (readGgufFileInfo:
// metadata only, ~12 ms a file). Unreadable files are listed with an error, never thrown.
import { readdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { Config } from '../../models/config.js';
import type { ModelInfo } from '../../models/llm.js';
import { errorMessage } from '../errors.js';
import { dataDir, expandHome } from '../paths.js';
import { importLlamaCpp } from './llama.js';

/** node-llama-cpp's own default models directory (`~/.node-llama-cpp/models`). */
export function nodeLlamaCppModelsDir(): string {
  return join(homedir(), '.node-llama-cpp', 'models');
}

const CONFIG_DEFAULT_DIR = '~/.local/share/opsdeck/models';

/**
 * The directories to scan: `llm.modelsDir` (one or many, `~` expanded, relative paths against
 * `base`, default the working directory) plus node-llama-cpp's own.
 */
export function modelDirs(llm?: Partial<Pick<Config['llm'], 'modelsDir'>>, env: NodeJS.ProcessEnv = process.env, base?: string): string[] {
  const configured = llm?.modelsDir ?? CONFIG_DEFAULT_DIR;
  const list = (Array.isArray(configured) ? configured : [configured]).map((d) =>
    d === CONFIG_DEFAULT_DIR ? join(dataDir(env), 'models') : base === undefined ? resolve(expandHome(d)) : resolve(base, expandHome(d)),
  );
  return [...new Set([...list, nodeLlamaCppModelsDir()])];
}

const MAX_DEPTH = 2;

async function findGgufFiles(dir: string, depth: number, out: string[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return; // a missing or unreadable directory simply has no models
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  // a directory's own files come before its subdirectories' (the default model is the first one)
  for (const e of entries) {
    if ((e.isFile() || e.isSymbolicLink()) && e.name.toLowerCase().endsWith('.gguf')) out.push(join(dir, e.name));
  }
  for (const e of entries) {
    if (e.isDirectory() && depth < MAX_DEPTH && !e.name.startsWith('.')) await findGgufFiles(join(dir, e.name), depth + 1, out);
  }
}

function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'bigint') return Number(v);
  return undefined;
}

/** Reads one file's metadata into a ModelInfo; a failure becomes `error`. */
export async function readModelInfo(path: string): Promise<ModelInfo> {
  const name = basename(path).replace(/\.gguf$/i, '');
  let sizeBytes = 0;
  try {
    sizeBytes = (await stat(path)).size;
  } catch (error) {
    return { name, path, sizeBytes, vocabOnly: false, error: errorMessage(error) };
  }
  try {
    const { readGgufFileInfo, GgufFileType } = await importLlamaCpp();
    const info = await readGgufFileInfo(path, { sourceType: 'filesystem', logWarnings: false, ignoreKeys: ['tokenizer.ggml.merges'] });
    const general = info.metadata.general as Record<string, unknown> | undefined;
    const architecture = typeof general?.architecture === 'string' ? general.architecture : undefined;
    const arch = architecture ? ((info.metadata as Record<string, unknown>)[architecture] as Record<string, unknown> | undefined) : undefined;
    const tensors = info.fullTensorInfo ?? info.tensorInfo ?? [];
    const fromShapes = tensors.reduce((sum, t) => sum + t.dimensions.reduce<number>((p, d) => p * Number(d), 1), 0);
    const fileType = num(general?.file_type);
    const vocabOnly = Number(info.totalTensorCount) === 0 || /(^|[\\/])vocabulary[\\/]|ggml-vocab-/.test(path);
    return {
      name,
      path,
      displayName: typeof general?.name === 'string' ? general.name : undefined,
      architecture,
      parameters: num(general?.parameter_count) ?? (fromShapes > 0 ? fromShapes : undefined),
      quantization: fileType === undefined ? undefined : ((GgufFileType as Record<number, string>)[fileType] ?? `type ${fileType}`),
      sizeBytes,
      contextLength: num(arch?.context_length),
      vocabOnly,
    };
  } catch (error) {
    return { name, path, sizeBytes, vocabOnly: false, error: oneLine(errorMessage(error)) };
  }
}

function oneLine(text: string): string {
  return text.split('\n')[0]?.trim() || 'unreadable GGUF file';
}

/** Every `*.gguf` under `dirs` (recursing two levels, e.g. `vocabulary/`), with its metadata. */
export async function scanModels(dirs: readonly string[]): Promise<ModelInfo[]> {
  const files: string[] = [];
  for (const d of dirs) await findGgufFiles(d, 0, files);
  const unique = [...new Set(files)];
  return Promise.all(unique.map((f) => readModelInfo(f)));
}

/** Models that can be chatted with: readable and not vocabulary-only. */
export function chatCapable(models: readonly ModelInfo[]): ModelInfo[] {
  return models.filter((m) => !m.vocabOnly && !m.error);
}
