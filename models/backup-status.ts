// What backup sources list (entries), the `command` source's JSON lines, and the status report
// that `opsdeck backup status --json` prints and the pane shows (issue 5).
import { z } from 'zod';

/** One backup as a source lists it. */
export const BackupEntrySchema = z.object({
  /** ISO 8601 UTC. */
  time: z.string(),
  type: z.string().optional(),
  size: z.number().nonnegative().optional(),
  ok: z.boolean(),
  id: z.string().optional(),
  /** Where it is: a file, key or snapshot path; for the detail view. */
  where: z.string().optional(),
});
export type BackupEntry = z.infer<typeof BackupEntrySchema>;

/** One line a `command` source prints. `time`: ISO 8601, or seconds since the epoch. */
export const CommandLineSchema = z.strictObject({
  time: z.union([z.string().min(1), z.number()]),
  type: z.string().optional(),
  size: z.number().nonnegative().optional(),
  ok: z.boolean().optional(),
  id: z.union([z.string(), z.number()]).optional(),
});

/** What one source query gives. */
export type BackupListing = {
  entries: BackupEntry[];
  /** Changes not backed up yet (git: uncommitted files), with the oldest change's time. */
  pending?: { count: number; oldest: string | null; paths: string[] };
  /** The listing came from the listing cache (a local restic repo, unchanged since). */
  cached?: boolean;
};

export const RESTIC_SNAPSHOTS_SCHEMA = z.array(
  z.looseObject({
    time: z.string(),
    id: z.string(),
    short_id: z.string().optional(),
    tags: z.array(z.string()).nullable().optional(),
    paths: z.array(z.string()).nullable().optional(),
    hostname: z.string().optional(),
  }),
);
export type ResticSnapshots = z.infer<typeof RESTIC_SNAPSHOTS_SCHEMA>;

export const BACKUP_STATES = ['ok', 'due', 'overdue', 'failed', 'unknown'] as const;
export const BackupStateSchema = z.enum(BACKUP_STATES);
export type BackupState = z.infer<typeof BackupStateSchema>;

export const VerificationSchema = z.object({
  runId: z.string(),
  at: z.string(),
  result: z.enum(['success', 'failed', 'running', 'interrupted', 'rolled_back']),
  /** The component it was about; null: all. */
  component: z.string().nullable(),
});
export type Verification = z.infer<typeof VerificationSchema>;

export const ComponentStatusSchema = z.object({
  name: z.string(),
  label: z.string(),
  schedule: z.string(),
  type: z.string(),
  retention: z.string(),
  source: z.string(),
  state: BackupStateSchema,
  /** One line on why the state is what it is. */
  detail: z.string(),
  last: z.object({ time: z.string(), ageMs: z.number(), size: z.number().optional(), id: z.string().optional() }).nullable(),
  nextExpected: z.string().nullable(),
  count: z.number().int().nonnegative(),
  retentionState: z.enum(['ok', 'shortfall', 'excess', 'n/a']),
  retentionDetail: z.string(),
  verification: VerificationSchema.nullable(),
  /** The source's own one-line error, when its query failed. */
  error: z.string().nullable(),
  database: z.boolean(),
  /** Whether the listing came from the listing cache (backups.listingCache); absent without a listing. */
  cached: z.boolean().optional(),
});
export type ComponentStatus = z.infer<typeof ComponentStatusSchema>;

export const RpoGaugeSchema = z.object({
  rpoMs: z.number(),
  /** Age of the newest restorable database backup; null when there is none. */
  ageMs: z.number().nullable(),
  component: z.string().nullable(),
  breach: z.boolean(),
  /** age / rpo (1 = at the limit). */
  ratio: z.number().nullable(),
});
export type RpoGauge = z.infer<typeof RpoGaugeSchema>;

export const BackupReportSchema = z.object({
  at: z.string(),
  components: z.array(ComponentStatusSchema),
  rpo: RpoGaugeSchema.nullable(),
  rtoMs: z.number(),
  summary: z.string(),
  /** Policy problems: SOP rows or config entries that could not be used. */
  issues: z.array(z.object({ where: z.string(), message: z.string() })),
  /** Whether anything needs attention (overdue, failed, RPO breach, retention shortfall). */
  alert: z.boolean(),
});
export type BackupReport = z.infer<typeof BackupReportSchema>;
