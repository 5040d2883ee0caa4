// The backup policy (issue 5): the SOP §4.1 schedule table and §4.3 objectives and recovery
// steps, after config overrides. Built by src/backup/policy.ts.
import { z } from 'zod';
import { BackupSourceSchema } from './backup-config.js';

export const SopRowSchema = z.object({
  /** 1-based line in sop.md (0 for the built-in table). */
  line: z.number().int().nonnegative(),
  component: z.string(),
  schedule: z.string(),
  type: z.string(),
  retention: z.string(),
  location: z.string(),
});
export type SopRow = z.infer<typeof SopRowSchema>;

export const PolicyIssueSchema = z.object({
  /** "sop.md:14" or "opsdeck.yaml backups.components[2]". */
  where: z.string(),
  message: z.string(),
});
export type PolicyIssue = z.infer<typeof PolicyIssueSchema>;

export const RecoveryStepSchema = z.object({
  id: z.string(),
  title: z.string(),
  /** The exact command line, as the SOP writes it. */
  command: z.string(),
});
export type RecoveryStep = z.infer<typeof RecoveryStepSchema>;

export const PolicyComponentSchema = z.object({
  name: z.string(),
  /** The SOP's component column ("Database"), or the name. */
  label: z.string(),
  scheduleText: z.string(),
  /** null: "On change" (no clock). */
  cron: z.string().nullable(),
  type: z.string(),
  retentionText: z.string(),
  /** null: forever. */
  retentionMs: z.number().nullable(),
  /** null: 25 % of the interval. */
  graceMs: z.number().nullable(),
  location: z.string(),
  database: z.boolean(),
  /** ISO date the component's backups began, when configured. */
  since: z.string().nullable(),
  source: BackupSourceSchema.nullable(),
  /** Where the row came from. */
  origin: z.enum(['sop', 'builtin', 'config']),
});
export type PolicyComponent = z.infer<typeof PolicyComponentSchema>;

export const BackupPolicySchema = z.object({
  components: z.array(PolicyComponentSchema),
  rpoMs: z.number(),
  rtoMs: z.number(),
  rpoText: z.string(),
  rtoText: z.string(),
  recoverySteps: z.array(RecoveryStepSchema),
  /** Rows and keys that could not be used, each with where and why. */
  issues: z.array(PolicyIssueSchema),
  /** "sop.md" when the table was read from .orchestration/sop.md, else "builtin". */
  tableFrom: z.enum(['sop', 'builtin', 'none']),
});
export type BackupPolicy = z.infer<typeof BackupPolicySchema>;
