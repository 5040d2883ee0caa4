// The `mcp` config section (issue 7). models/config.ts puts the sections together.
import { z } from 'zod';

export const McpSchema = z.strictObject({
  allowWrite: z
    .boolean()
    .default(false)
    .describe('expose the task-editing tools and deploy/rollback for non-production environments (production: never); --readonly overrides it'),
  keepModels: z.number().int().positive().default(1).describe('models kept loaded between tool calls (least recently used unloaded first)'),
});
