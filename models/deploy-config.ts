// Config sections of the deploy flow (issue 4): environments, scripts, pre-deploy checks and
// the deploy settings. models/config.ts puts them together.
import { z } from 'zod';

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

/** The manual items of the pre-deployment checklist (SOP §2.1), ticked by hand. */
export const DEFAULT_MANUAL_CHECKS = [
  'Release notes prepared',
  'Database migrations tested',
  'Rollback plan documented',
  'Stakeholders notified',
  'Monitoring alerts configured',
];

export const HealthSettingsSchema = z.strictObject({
  attempts: z.number().int().positive().default(5).describe('GET attempts before the health step fails'),
  requestTimeoutMs: z.number().int().positive().default(5000).describe('timeout of one health request'),
  backoffMs: z.number().int().nonnegative().default(1000).describe('pause before the first retry; doubles each retry'),
});

/** Settings of the deploy flow itself. */
export const DeploySettingsSchema = z.strictObject({
  allowProductionOverride: z.boolean().default(false).describe('allow overriding failed checks (with a reason) on production environments'),
  health: HealthSettingsSchema.default(HealthSettingsSchema.parse({})),
  stepTimeoutSec: z.number().int().positive().default(1800).describe('timeout of each deploy/rollback script step'),
  remote: z.string().min(1).default('origin').describe('git remote the release tag is pushed to (when it exists and push is ticked)'),
  manualChecks: z.array(z.string().min(1)).default(DEFAULT_MANUAL_CHECKS).describe('manual checklist items (SOP §2.1), ticked by hand'),
  historyLimit: z.number().int().positive().default(10).describe('recent runs shown per environment'),
  scrollback: z.number().int().min(100).max(1_000_000).default(10_000).describe('lines the log view keeps (a ring buffer)'),
});
export type DeploySettings = z.infer<typeof DeploySettingsSchema>;
export type Check = z.infer<typeof CheckSchema>;
export type Scripts = z.infer<typeof ScriptsSchema>;
