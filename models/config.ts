// The opsdeck config file, `.orchestration/opsdeck.yaml`. Every key is optional;
// defaults follow the SOP (../shared/sop.md). Later issues extend their sections.
import { z } from 'zod';

export const PANE_IDS = ['tasks', 'deploy', 'backups', 'kpi', 'incidents', 'chat', 'gpu'] as const;
export const PaneIdSchema = z.enum(PANE_IDS);
export type PaneId = z.infer<typeof PaneIdSchema>;

export const EnvironmentSchema = z.strictObject({
  name: z.string().min(1).regex(/^[a-z0-9][a-z0-9_-]*$/, 'use lowercase letters, digits, - and _'),
  healthUrl: z.url({ protocol: /^https?$/ }).optional().describe('HTTP GET target of the health check; 2xx is healthy'),
  production: z.boolean().default(false).describe('production needs the typed confirmation and forbids check overrides'),
});
export type Environment = z.infer<typeof EnvironmentSchema>;

export const ScriptsSchema = z.strictObject({
  deploy: z.string().default('./scripts/deploy.sh {env} {version}'),
  rollback: z.string().default('./scripts/rollback.sh {target}'),
  dbRollback: z.string().default('./scripts/db-rollback.sh {migration}'),
  verifyBackup: z.string().default('./scripts/verify-backup.sh --date yesterday'),
  smoke: z.string().default('./scripts/smoke.sh {env}'),
  status: z.string().default('./scripts/update-status.sh {message}'),
});

export const CheckSchema = z.strictObject({
  name: z.string().min(1),
  command: z.string().min(1),
  timeoutSec: z.number().int().positive().default(600),
});

export const DEFAULT_CHECKS = [
  { name: 'tests', command: 'npm test', timeoutSec: 600 },
  { name: 'lint', command: 'npm run lint', timeoutSec: 600 },
  { name: 'security', command: 'npm audit --audit-level=high', timeoutSec: 600 },
  { name: 'coverage', command: 'npm run coverage', timeoutSec: 600 },
];

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

export const KpisSchema = z.strictObject({
  windowDays: z.literal([30, 90]).default(30),
  environment: z.string().default('production'),
  prometheusUrl: z.url({ protocol: /^https?$/ }).optional(),
});

export const IncidentsSchema = z.strictObject({
  sla: z.partialRecord(z.enum(['P1', 'P2', 'P3', 'P4']), z.string()).optional().describe('override SLA per priority, e.g. {P1: "15 minutes"}'),
});

export const LlmSchema = z.strictObject({
  modelsDir: z.union([z.string(), z.array(z.string())]).default('~/.local/share/opsdeck/models'),
  model: z.string().optional(),
  threads: z.number().int().positive().optional(),
  contextSize: z.number().int().positive().default(4096),
  gpuLayers: z.union([z.number().int().nonnegative(), z.literal('auto')]).default('auto'),
});

export const McpSchema = z.strictObject({
  allowWrite: z.boolean().default(false),
  keepModels: z.number().int().positive().default(1),
});

export const UiSchema = z.strictObject({
  color: z.boolean().default(true),
  clock: z.boolean().default(true),
  defaultEnvironment: z.string().optional(),
});

/** action id -> list of key names ("j", "down", "ctrl+c", "shift+tab"). */
export const KeysSchema = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

export const ConfigSchema = z.strictObject({
  environments: z.array(EnvironmentSchema).default([
    { name: 'staging', production: false },
    { name: 'production', production: true },
  ]),
  scripts: ScriptsSchema.default(ScriptsSchema.parse({})),
  checks: z.array(CheckSchema).default(DEFAULT_CHECKS),
  backups: BackupsSchema.default(BackupsSchema.parse({})),
  kpis: KpisSchema.default(KpisSchema.parse({})),
  incidents: IncidentsSchema.default({}),
  llm: LlmSchema.default(LlmSchema.parse({})),
  mcp: McpSchema.default(McpSchema.parse({})),
  keys: KeysSchema.default({}),
  ui: UiSchema.default(UiSchema.parse({})),
});
export type Config = z.infer<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;
