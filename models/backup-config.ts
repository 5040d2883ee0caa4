// The `backups` config section (issue 5). models/config.ts puts the sections together.
import { z } from 'zod';

export const BackupComponentSchema = z.strictObject({
  name: z.string().min(1),
  schedule: z.string().min(1).describe('cron expression or the SOP words: "Daily 02:00 UTC", "Hourly", "Weekly Sunday", "On change"'),
  type: z.string().default('full'),
  retention: z.string().default('30 days'),
  grace: z.string().optional().describe('extra time before "overdue"; defaults to 25% of the interval'),
  source: z.record(z.string(), z.unknown()).optional(),
});

export const BackupsSchema = z.strictObject({
  components: z.array(BackupComponentSchema).default([]),
  rpo: z.string().default('1 hour'),
  rto: z.string().default('4 hours'),
});
