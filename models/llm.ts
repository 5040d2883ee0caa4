// The local LLM engine's domain objects: model files, chat messages and results, benchmarks.
import { z } from 'zod';

export const ModelInfoSchema = z.object({
  /** File name without `.gguf`. */
  name: z.string(),
  path: z.string(),
  /** `general.name` from the metadata, when present. */
  displayName: z.string().optional(),
  architecture: z.string().optional(),
  /** Parameter count: from `general.parameter_count` or the tensor shapes. */
  parameters: z.number().int().nonnegative().optional(),
  /** File type name, e.g. `MOSTLY_Q4_K_M`, `ALL_F32`. */
  quantization: z.string().optional(),
  sizeBytes: z.number().int().nonnegative(),
  /** Trained context length (`<arch>.context_length`). */
  contextLength: z.number().int().nonnegative().optional(),
  /** A vocabulary-only GGUF (no tensors): listed, never chatted with. */
  vocabOnly: z.boolean(),
  /** Set when the metadata could not be read; the other fields are then mostly absent. */
  error: z.string().optional(),
});
export type ModelInfo = z.infer<typeof ModelInfoSchema>;

export const ValidationResultSchema = z.object({
  valid: z.boolean(),
  reason: z.string().optional(),
  info: ModelInfoSchema.optional(),
});
export type ValidationResult = z.infer<typeof ValidationResultSchema>;

export const ChatRoleSchema = z.enum(['system', 'user', 'assistant']);
export type ChatRole = z.infer<typeof ChatRoleSchema>;

export const ChatMessageSchema = z.object({ role: ChatRoleSchema, content: z.string() });
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

export const StopReasonSchema = z.enum(['eogToken', 'abort', 'maxTokens', 'stopGenerationTrigger', 'customStopTrigger', 'functionCalls']);
export type StopReason = z.infer<typeof StopReasonSchema>;

export const BackendSchema = z.enum(['cpu', 'cuda', 'vulkan', 'metal']);
export type Backend = z.infer<typeof BackendSchema>;

export const ChatUsageSchema = z.object({
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
});

export const ChatResultSchema = z.object({
  text: z.string(),
  stopReason: StopReasonSchema,
  usage: ChatUsageSchema,
  timings: z.object({ ms: z.number().nonnegative(), tokensPerSecond: z.number().nonnegative() }),
  /** Tokens in the context after the reply, and that as % of the context size. */
  contextTokens: z.number().int().nonnegative(),
  contextPercent: z.number().nonnegative(),
});
export type ChatResult = z.infer<typeof ChatResultSchema>;

export const ModelStatsSchema = z.object({
  name: z.string(),
  path: z.string(),
  backend: BackendSchema,
  gpuLayers: z.number().int().nonnegative(),
  contextSize: z.number().int().positive(),
  threads: z.number().int().positive(),
  /** Set when the GPU backend failed its compute check and the model runs on the CPU instead. */
  gpuNote: z.string().optional(),
});
export type ModelStats = z.infer<typeof ModelStatsSchema>;

/**
 * The GPU compute check's verdict (src/llm/gpu-check.ts), cached in the state dir as
 * `llm-gpu-check.json` until the driver, the GPU packages or the setting change.
 */
export const GpuCheckSchema = z.object({
  fingerprint: z.string(),
  ok: z.boolean(),
  /** The backend the check ran on (cpu when node-llama-cpp found no usable GPU). */
  backend: z.string(),
  devices: z.array(z.string()),
  reason: z.string().optional(),
  checkedAt: z.number(),
});
export type GpuCheck = z.infer<typeof GpuCheckSchema>;

/** The GPU check worker's one line of stdout (src/llm/gpu-check-worker.mjs). */
export const GpuCheckWorkerResultSchema = z.object({
  ok: z.boolean(),
  backend: z.string().optional(),
  devices: z.array(z.string()).optional(),
  error: z.string().optional(),
});

export const BenchResultSchema = z.object({
  model: z.string(),
  backend: BackendSchema,
  threads: z.number().int().positive(),
  gpuLayers: z.number().int().nonnegative(),
  nPrompt: z.number().int().positive(),
  nGen: z.number().int().positive(),
  repetitions: z.number().int().positive(),
  /** Median prompt-processing tokens/s (llama-bench `pp`). */
  promptTokensPerSecond: z.number().nonnegative(),
  /** Median generation tokens/s (llama-bench `tg`). */
  genTokensPerSecond: z.number().nonnegative(),
  runs: z.array(z.object({ ppTokensPerSecond: z.number(), tgTokensPerSecond: z.number() })),
});
export type BenchResult = z.infer<typeof BenchResultSchema>;

export const VramStateSchema = z.object({ total: z.number(), used: z.number(), free: z.number() });
export type VramState = z.infer<typeof VramStateSchema>;
