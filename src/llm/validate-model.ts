// `validateModel`: structure and required-metadata checks in process, then a trial load in a
// child process (validate-worker.mjs), because some bad files make llama.cpp abort (exit 134).
import { existsSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import type { ModelInfo, ValidationResult } from '../../models/llm.js';
import { errorMessage } from '../errors.js';
import { parkedCaEnv } from '../net/ca-env.js';
import { packageRoot } from '../paths.js';
import { explainLoadFailure, importLlamaCpp, type LlamaLogLine } from './llama.js';
import { readModelInfo } from './scan-models.js';

const TRIAL_LOAD_TIMEOUT_MS = 120_000;
/** Architectures without attention heads / feed-forward keys (state-space and RWKV models). */
const NO_ATTENTION_ARCHS = /^(mamba|mamba2|rwkv|rwkv6|rwkv7|rwkv6qwen2|arwkv7)$/;

/** The worker script: next to this file in the sources, `dist/validate-worker.js` in the bundle. */
export function validateWorkerPath(): string {
  const sibling = join(dirname(fileURLToPath(import.meta.url)), 'validate-worker.mjs');
  return existsSync(sibling) ? sibling : join(packageRoot(), 'dist', 'validate-worker.js');
}

function lookup(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** Keys llama.cpp needs (a missing one either fails the load or aborts the process). */
export function missingRequiredKeys(metadata: unknown, vocabOnly: boolean): string[] {
  const missing: string[] = [];
  const arch = lookup(metadata, 'general.architecture');
  if (typeof arch !== 'string' || !arch) return ['general.architecture'];
  const required = ['tokenizer.ggml.model', 'tokenizer.ggml.tokens'];
  if (!vocabOnly) {
    required.push(`${arch}.context_length`, `${arch}.embedding_length`, `${arch}.block_count`);
    if (!NO_ATTENTION_ARCHS.test(arch)) required.push(`${arch}.feed_forward_length`, `${arch}.attention.head_count`);
  }
  for (const key of required) if (lookup(metadata, key) === undefined) missing.push(key);
  if (
    !vocabOnly &&
    lookup(metadata, `${arch}.attention.layer_norm_rms_epsilon`) === undefined &&
    lookup(metadata, `${arch}.attention.layer_norm_epsilon`) === undefined
  ) {
    missing.push(`${arch}.attention.layer_norm_rms_epsilon`);
  }
  return missing;
}

async function structureProblem(path: string): Promise<{ problem?: string; vocabOnly: boolean }> {
  const size = (await stat(path)).size;
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    await fh.read(head, 0, 4, 0);
    if (size < 24 || head.toString('latin1') !== 'GGUF') {
      return { problem: size < 24 ? `file too small to be GGUF (${size} bytes)` : 'not a GGUF file (bad magic)', vocabOnly: false };
    }
  } finally {
    await fh.close();
  }
  const { readGgufFileInfo } = await importLlamaCpp();
  let info;
  try {
    info = await readGgufFileInfo(path, { sourceType: 'filesystem', logWarnings: false, ignoreKeys: ['tokenizer.ggml.merges'] });
  } catch (error) {
    return { problem: `unreadable GGUF header: ${errorMessage(error).split('\n')[0]}`, vocabOnly: false };
  }
  const vocabOnly = Number(info.totalTensorCount) === 0;
  const missing = missingRequiredKeys(info.metadata, vocabOnly);
  if (missing.length) return { problem: `missing required metadata key ${missing.join(', ')}`, vocabOnly };
  for (const t of info.tensorInfo ?? []) {
    if (Number(t.fileOffset) >= size) return { problem: `tensor '${t.name}' data is not within the file bounds (file truncated?)`, vocabOnly };
  }
  return { vocabOnly };
}

function parseWorkerLogs(stderr: string): { logs: LlamaLogLine[]; other: string[] } {
  const logs: LlamaLogLine[] = [];
  const other: string[] = [];
  for (const line of stderr.split('\n')) {
    if (!line.trim()) continue;
    const m = /^LOG\t([^\t]*)\t(.*)$/.exec(line);
    if (m) logs.push({ level: m[1] ?? '', message: m[2] ?? '' });
    else other.push(line);
  }
  return { logs, other };
}

/** The in-process checks only (no trial load): a problem that would fail or abort a load, or undefined. */
export async function checkBeforeLoad(path: string): Promise<string | undefined> {
  try {
    return (await structureProblem(path)).problem;
  } catch (error) {
    return errorMessage(error).split('\n')[0];
  }
}

/** Trial-loads `path` in a child process; resolves with the reason on failure, never throws. */
export async function trialLoad(path: string, vocabOnly = false): Promise<{ ok: boolean; reason?: string }> {
  const args = [validateWorkerPath(), path, ...(vocabOnly ? ['--vocab-only'] : [])];
  const r = await execa(process.execPath, args, {
    reject: false,
    timeout: TRIAL_LOAD_TIMEOUT_MS,
    // no TLS in there: it starts without parsing NODE_EXTRA_CA_CERTS
    env: { ...parkedCaEnv(), NODE_LLAMA_CPP_SKIP_DOWNLOAD: 'true' },
    extendEnv: false,
    stdin: 'ignore',
  });
  const stdout = typeof r.stdout === 'string' ? r.stdout : '';
  const stderr = typeof r.stderr === 'string' ? r.stderr : '';
  const last = stdout.trim().split('\n').at(-1) ?? '';
  let result: { ok?: boolean; error?: string } = {};
  try {
    result = JSON.parse(last) as typeof result;
  } catch {
    // the child died before it could answer
  }
  if (result.ok === true && r.exitCode === 0) return { ok: true };
  const { logs, other } = parseWorkerLogs(stderr);
  const assertLine = other.find((l) => /GGML_ASSERT|error/i.test(l));
  const all = [...logs, ...other.map((message) => ({ level: 'stderr', message }))];
  let reason = explainLoadFailure(assertLine ? [{ level: 'stderr', message: assertLine }, ...all] : all, result.error ?? 'trial load failed');
  if (r.timedOut) reason = `trial load timed out after ${TRIAL_LOAD_TIMEOUT_MS / 1000} s`;
  else if (r.signal || r.exitCode === 134) reason = `llama.cpp aborted (${r.signal ?? `exit ${r.exitCode}`}): ${reason}`;
  return { ok: false, reason };
}

/** Validates a GGUF file: structure, required metadata, then a trial load in a child process. */
export async function validateModel(path: string): Promise<ValidationResult> {
  let info: ModelInfo | undefined;
  try {
    const { problem, vocabOnly } = await structureProblem(path);
    info = await readModelInfo(path);
    if (problem) return { valid: false, reason: problem, info: info.error ? undefined : info };
    const trial = await trialLoad(path, vocabOnly);
    return trial.ok ? { valid: true, info } : { valid: false, reason: trial.reason, info };
  } catch (error) {
    return { valid: false, reason: errorMessage(error).split('\n')[0], info };
  }
}
