// The `incidents` config section (issue 6). models/config.ts puts the sections together.
import { z } from 'zod';

export const IncidentsSchema = z.strictObject({
  sla: z.partialRecord(z.enum(['P1', 'P2', 'P3', 'P4']), z.string()).optional().describe('override SLA per priority, e.g. {P1: "15 minutes"}'),
});
