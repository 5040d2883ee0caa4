// The `llm` config section (issue 3). models/config.ts puts the sections together.
import { z } from 'zod';
import { DEFAULT_STREAM_FLUSH_MS } from './llm-constants.js';

export const LlmSchema = z.strictObject({
  /** One or more folders with *.gguf files; a relative path is relative to the repo root. */
  modelsDir: z.union([z.string(), z.array(z.string())]).default('~/.local/share/opsdeck/models'),
  model: z.string().optional(),
  threads: z.number().int().positive().optional(),
  contextSize: z.number().int().positive().default(4096),
  /**
   * How often streamed text reaches the screen, in ms (0: at every token). About 30 frames a
   * second by default; raise it on a slow SSH link to write fewer bytes.
   */
  streamFlushMs: z.number().int().min(0).max(1000).default(DEFAULT_STREAM_FLUSH_MS),
  /**
   * The backend: `auto` picks a GPU when one works (each GPU build is first run once in a
   * child process; one that aborts falls back to the CPU), `cpu` never uses a GPU.
   */
  gpu: z.enum(['auto', 'cuda', 'vulkan', 'cpu']).default('auto'),
  gpuLayers: z.union([z.number().int().nonnegative(), z.literal('auto')]).default('auto'),
  /**
   * Write the generated demo model (scripted replies, not a real LLM) into the first models
   * folder when the Chat pane opens and that folder has no model. The demo workspace sets it.
   */
  demoModel: z.boolean().default(false),
});
