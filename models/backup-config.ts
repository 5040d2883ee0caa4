// The `backups` config section (issue 5). models/config.ts puts the sections together.
// A component named like a row of the SOP §4.1 table overrides that row; any other name
// extends the policy (and then needs a schedule). Each source kind has its own shape.
import { z } from 'zod';

const TimeoutSec = z.number().int().positive().max(3600).optional().describe('per-query timeout (default 30 s)');

/** A regex with named groups year, month, day and optionally hour, minute, second (UTC). */
const TimePattern = z.string().min(1).optional().describe('regex with named groups year, month, day[, hour, minute, second]; default: any YYYYMMDD[THHMM[SS]]Z-like stamp');
/** Backup type → regex on the key or file name, e.g. {full: "full", incremental: "incr|wal"}. */
const TypePatterns = z.record(z.string(), z.string()).optional();

export const ResticSourceSchema = z.strictObject({
  kind: z.literal('restic'),
  /** A local path (relative to the repo root) or an `s3:https://host/bucket/prefix` URL. */
  repo: z.string().min(1),
  passwordEnv: z.string().min(1).optional(),
  passwordFile: z.string().min(1).optional(),
  /** Snapshots carrying all these tags belong to the component. */
  tags: z.array(z.string().min(1)).default([]),
  cacert: z.string().min(1).optional(),
  /** Extra environment, e.g. AWS_ACCESS_KEY_ID for an s3: repo (values may be `$NAME`). */
  env: z.record(z.string(), z.string()).optional(),
  timeoutSec: TimeoutSec,
});

export const S3SourceSchema = z.strictObject({
  kind: z.literal('s3'),
  bucket: z.string().min(1),
  prefix: z.string().default(''),
  endpoint: z.string().url().optional(),
  region: z.string().default('us-east-1'),
  forcePathStyle: z.boolean().default(false),
  /** Keys per ListObjectsV2 page (S3 caps it at 1000). */
  pageSize: z.number().int().min(1).max(1000).default(1000),
  timePattern: TimePattern,
  typePatterns: TypePatterns,
  timeoutSec: TimeoutSec,
});

export const DirSourceSchema = z.strictObject({
  kind: z.literal('dir'),
  /** The folder, relative to the repo root or absolute. */
  path: z.string().min(1),
  /** A file-name glob (`*` and `?`), e.g. "db-full-*.dump". */
  glob: z.string().default('*'),
  timePattern: TimePattern,
  typePatterns: TypePatterns,
  timeoutSec: TimeoutSec,
});

export const GitSourceSchema = z.strictObject({
  kind: z.literal('git'),
  /** Paths (relative to the repo root) whose last commit is the last backup. */
  paths: z.array(z.string().min(1)).min(1).default(['.']),
  timeoutSec: TimeoutSec,
});

export const CommandSourceSchema = z.strictObject({
  kind: z.literal('command'),
  /** Run by /bin/sh in the repo root; prints JSON lines `{time, type?, size?, ok?, id?}`. */
  command: z.string().min(1),
  timeoutSec: TimeoutSec,
});

export const BackupSourceSchema = z.discriminatedUnion('kind', [ResticSourceSchema, S3SourceSchema, DirSourceSchema, GitSourceSchema, CommandSourceSchema]);
export type BackupSourceConfig = z.infer<typeof BackupSourceSchema>;
export type ResticSourceConfig = z.infer<typeof ResticSourceSchema>;
export type S3SourceConfig = z.infer<typeof S3SourceSchema>;
export type DirSourceConfig = z.infer<typeof DirSourceSchema>;
export type GitSourceConfig = z.infer<typeof GitSourceSchema>;
export type CommandSourceConfig = z.infer<typeof CommandSourceSchema>;

export const BackupComponentSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/i, 'letters, digits, ".", "_" and "-" only'),
  schedule: z.string().min(1).optional().describe('cron expression or the SOP words: "Daily 02:00 UTC", "Hourly", "Weekly Sunday", "On change"'),
  type: z.string().min(1).optional(),
  retention: z.string().min(1).optional().describe('"30 days", "12 weeks", "Forever"'),
  grace: z.string().min(1).optional().describe('extra time before "overdue", e.g. "30 minutes"; defaults to 25% of the interval'),
  /** Whether this is a database backup (counts for the RPO gauge); default: name starts with "database"/"db". */
  database: z.boolean().optional(),
  /** When this component's backups began (ISO date); lets a short history read as a retention shortfall. */
  since: z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'an ISO date, e.g. 2026-01-31').optional(),
  source: BackupSourceSchema.optional(),
});
export type BackupComponentConfig = z.infer<typeof BackupComponentSchema>;

export const BackupsSchema = z.strictObject({
  components: z.array(BackupComponentSchema).default([]),
  /** Whether the SOP §4.1 table (in .orchestration/sop.md, else the built-in one) is the base policy. */
  useSop: z.boolean().default(true),
  rpo: z.string().default('1 hour'),
  rto: z.string().default('4 hours'),
  /** How many sources are queried at once. */
  concurrency: z.number().int().positive().max(32).default(6),
  /** Minutes between background refreshes in the cockpit. */
  refreshMinutes: z.number().positive().max(1440).default(5),
  listingCache: z
    .boolean()
    .default(true)
    .describe('reuse the last `restic snapshots --json` of a local restic repo while its snapshots/, keys/ and config, the password and restic are unchanged (skips ~0.8 s of key derivation per repo); false: always run restic'),
});
export type BackupsConfig = z.infer<typeof BackupsSchema>;
