// The `mcp` config section (issue 7). models/config.ts puts the sections together.
import { z } from 'zod';

export const McpSchema = z.strictObject({
  allowWrite: z.boolean().default(false),
  keepModels: z.number().int().positive().default(1),
});
