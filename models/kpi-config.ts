// The `kpis` config section (issue 6). models/config.ts puts the sections together.
import { z } from 'zod';

export const KpisSchema = z.strictObject({
  windowDays: z.literal([30, 90]).default(30),
  environment: z.string().default('production'),
  prometheusUrl: z.url({ protocol: /^https?$/ }).optional(),
});
