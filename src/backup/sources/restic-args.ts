// restic's command-line flags for a source config: shared by the listing adapter and by the
// `restic check` verification step (without importing the adapter).
import { isAbsolute, join } from 'node:path';
import type { ResticSourceConfig } from '../../../models/backup-config.js';

export const RESTIC_BINARY = 'restic';

function resolvePath(root: string, path: string): string {
  return isAbsolute(path) || /^[a-z0-9]+:/i.test(path) ? path : join(root, path);
}

/** `$NAME` values in `env` read the named variable of the environment. */
export function extraEnv(config: ResticSourceConfig, env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(config.env ?? {})) out[key] = value.startsWith('$') ? (env[value.slice(1)] ?? '') : value;
  return out;
}

/** The repository and password flags shared by every restic call of this source. */
export function resticGlobalArgs(config: ResticSourceConfig, root: string): string[] {
  const args = ['-r', resolvePath(root, config.repo)];
  if (config.passwordFile) args.push('--password-file', resolvePath(root, config.passwordFile));
  else if (config.passwordEnv) args.push('--password-command', `printenv ${config.passwordEnv}`);
  if (config.cacert) args.push('--cacert', resolvePath(root, config.cacert));
  return args;
}

/** The argv of `restic check` for this source: the verification step of a verify run. */
export function resticCheckArgv(config: ResticSourceConfig, root: string): string[] {
  return [RESTIC_BINARY, ...resticGlobalArgs(config, root), 'check'];
}

export function resticEnv(config: ResticSourceConfig, env: NodeJS.ProcessEnv): Record<string, string> {
  return extraEnv(config, env);
}

