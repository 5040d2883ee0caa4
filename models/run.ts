// Runs: what the detached runner executes (a RunSpec) and what it appends to a journal
// (`.orchestration/deploys.jsonl` for deploys and rollbacks, `.orchestration/backups.jsonl`
// for backup verifications and recovery steps). The journals are data sources for the KPI,
// incident, backup and MCP code, so this file is their shared contract: add optional fields,
// never rename or remove one.
import { z } from 'zod';

export const RUN_KINDS = ['deploy', 'rollback', 'verify', 'recovery'] as const;
export const RunKindSchema = z.enum(RUN_KINDS);
export type RunKind = z.infer<typeof RunKindSchema>;

export const RUN_RESULTS = ['success', 'failed', 'rolled_back', 'interrupted'] as const;
export const RunResultSchema = z.enum(RUN_RESULTS);
export type RunResult = z.infer<typeof RunResultSchema>;

/**
 * Well-known step ids. DORA reads `health` and `smoke` failures as change failures; other
 * ids are free (a check name, a recovery step).
 */
export const STEP_IDS = { tag: 'tag', push: 'push', deploy: 'deploy', health: 'health', smoke: 'smoke', status: 'status', rollback: 'rollback', dbRollback: 'db-rollback', verify: 'verify' } as const;

const StepBase = {
  /** Stable id within the run, e.g. "deploy", "health", "restore-database". */
  id: z.string().min(1),
  /** What the log and the pane show, e.g. "Deploy script". */
  title: z.string().min(1),
  timeoutSec: z.number().int().positive().optional(),
};

export const CommandStepSchema = z.object({
  ...StepBase,
  kind: z.literal('command'),
  /** argv, run without a shell; shown to the user exactly as it will run. */
  argv: z.array(z.string()).min(1),
  cwd: z.string().optional(),
  env: z.record(z.string(), z.string()).optional(),
});

export const HttpStepSchema = z.object({
  ...StepBase,
  kind: z.literal('http'),
  /** GET; any 2xx is healthy. */
  url: z.string(),
  attempts: z.number().int().positive().default(5),
  requestTimeoutMs: z.number().int().positive().default(5000),
  backoffMs: z.number().int().nonnegative().default(1000),
});

export const RunStepSchema = z.discriminatedUnion('kind', [CommandStepSchema, HttpStepSchema]);
export type RunStep = z.infer<typeof RunStepSchema>;

export const RunSpecSchema = z.object({
  /** Unique and sortable: `YYYYMMDD-HHMMSS-<kind>-<4 hex>`. */
  id: z.string().regex(/^[A-Za-z0-9._-]+$/),
  kind: RunKindSchema,
  /** The repo root; commands run here unless a step says otherwise. */
  root: z.string(),
  /** Journal file relative to root: `.orchestration/deploys.jsonl` or `.orchestration/backups.jsonl`. */
  journal: z.string(),
  env: z.string().nullable(),
  version: z.string().nullable(),
  previousVersion: z.string().nullable(),
  /** The commit the version points at, when known. */
  commit: z.string().nullable(),
  /** `user@host` */
  who: z.string(),
  /** The check override, when failed checks were overridden; recorded in the journal. */
  override: z.object({ reason: z.string().min(1), failedChecks: z.array(z.string()) }).nullable().default(null),
  /** Backup component(s) a verify or recovery run is about. */
  component: z.string().nullable().default(null),
  steps: z.array(RunStepSchema).min(1),
});
export type RunSpec = z.infer<typeof RunSpecSchema>;

const EventBase = {
  v: z.literal(1),
  runId: z.string(),
  /** ISO 8601 UTC. */
  at: z.string(),
};

export const RunStartedSchema = z.object({
  ...EventBase,
  event: z.literal('run-started'),
  kind: RunKindSchema,
  env: z.string().nullable(),
  version: z.string().nullable(),
  previousVersion: z.string().nullable(),
  commit: z.string().nullable(),
  who: z.string(),
  /** The host the runner runs on, and its pid (the process group leader). */
  host: z.string(),
  pid: z.number().int(),
  /** Path of the raw log, relative to the repo root. */
  logPath: z.string(),
  steps: z.array(z.object({ id: z.string(), title: z.string() })),
  override: z.object({ reason: z.string(), failedChecks: z.array(z.string()) }).nullable().optional(),
  component: z.string().nullable().optional(),
});

export const StepStartedSchema = z.object({
  ...EventBase,
  event: z.literal('step-started'),
  step: z.string(),
  /** The exact command line or URL, redacted. */
  command: z.string(),
});

export const StepFinishedSchema = z.object({
  ...EventBase,
  event: z.literal('step-finished'),
  step: z.string(),
  ok: z.boolean(),
  /** Exit code of a command step; HTTP status of an http step; null when killed or timed out. */
  exitCode: z.number().int().nullable(),
  durationMs: z.number().nonnegative(),
  /** One line on why it failed, redacted. */
  detail: z.string().optional(),
});

export const RunFinishedSchema = z.object({
  ...EventBase,
  event: z.literal('run-finished'),
  result: RunResultSchema,
  /** The step that failed, when result is failed or interrupted. */
  failedStep: z.string().nullable(),
  durationMs: z.number().nonnegative(),
  /** For result rolled_back: the rollback run that undid this one. */
  rolledBackBy: z.string().optional(),
});

export const JournalEventSchema = z.discriminatedUnion('event', [RunStartedSchema, StepStartedSchema, StepFinishedSchema, RunFinishedSchema]);
export type JournalEvent = z.infer<typeof JournalEventSchema>;
export type RunStartedEvent = z.infer<typeof RunStartedSchema>;
export type StepFinishedEvent = z.infer<typeof StepFinishedSchema>;
export type RunFinishedEvent = z.infer<typeof RunFinishedSchema>;

/** A run as readers see it: the events of one runId folded together. */
export type RunRecord = {
  id: string;
  started: RunStartedEvent;
  steps: Array<{ id: string; title: string; startedAt?: string; finished?: StepFinishedEvent }>;
  finished?: RunFinishedEvent;
};
