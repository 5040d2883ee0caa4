// The `llm` config section (issue 3). models/config.ts puts the sections together.
import { z } from 'zod';

export const LlmSchema = z.strictObject({
  modelsDir: z.union([z.string(), z.array(z.string())]).default('~/.local/share/opsdeck/models'),
  model: z.string().optional(),
  threads: z.number().int().positive().optional(),
  contextSize: z.number().int().positive().default(4096),
  gpuLayers: z.union([z.number().int().nonnegative(), z.literal('auto')]).default('auto'),
});
