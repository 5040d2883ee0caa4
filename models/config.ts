// The opsdeck config file, `.orchestration/opsdeck.yaml`. Every key is optional;
// defaults follow the SOP (../shared/sop.md). Later issues extend their sections.
import { z } from 'zod';
import { PANE_IDS } from './panes.js';
import { BackupsSchema } from './backup-config.js';
import { CheckSchema, DEFAULT_CHECKS, DeploySettingsSchema, EnvironmentSchema, ScriptsSchema } from './deploy-config.js';
import { IncidentsSchema } from './incident-config.js';
import { KpisSchema } from './kpi-config.js';
import { LlmSchema } from './llm-config.js';
import { McpSchema } from './mcp-config.js';

export { BackupComponentSchema, BackupsSchema } from './backup-config.js';
export { CheckSchema, DEFAULT_CHECKS, DeploySettingsSchema, EnvironmentSchema, ScriptsSchema } from './deploy-config.js';
export type { Environment } from './deploy-config.js';
export { IncidentsSchema } from './incident-config.js';
export { KpisSchema } from './kpi-config.js';
export { LlmSchema } from './llm-config.js';
export { McpSchema } from './mcp-config.js';

export const PaneIdSchema = z.enum(PANE_IDS);
export type PaneId = z.infer<typeof PaneIdSchema>;

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
  deploy: DeploySettingsSchema.default(DeploySettingsSchema.parse({})),
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
