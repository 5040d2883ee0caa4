// The `incidents` config section (issue 6). models/config.ts puts the sections together.
import { z } from 'zod';
import { parseDurationMs } from './incident-duration.js';

const DurationSchema = z
  .string()
  .refine((text) => parseDurationMs(text) !== undefined, 'not a duration (examples: "15 minutes", "4 hours", "1 week", "2 seconds", "1h30m")');

const SlaOverrideSchema = z.union([
  DurationSchema,
  z.strictObject({
    /** Time to respond (acknowledge); "immediate", "business hours", "best effort" or a duration. */
    response: z.string().min(1).optional(),
    /** Time to resolve. */
    resolve: DurationSchema.optional(),
  }),
]);

export const IncidentsSchema = z.strictObject({
  sla: z
    .partialRecord(z.enum(['P1', 'P2', 'P3', 'P4']), SlaOverrideSchema)
    .optional()
    .describe('override the SOP §6.3 SLA per priority, e.g. {P1: "15 minutes"} or {P2: {response: "1 hour", resolve: "4 hours"}}'),
});
export type IncidentsConfig = z.infer<typeof IncidentsSchema>;
