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

/** Settings of the deploy flow itself. */
export const DeploySettingsSchema = z.strictObject({});
