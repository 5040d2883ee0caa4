// restic: `restic snapshots --json` lists the snapshots carrying the component's tags;
// verification is the exit code of `restic check`. The password comes from an env var (passed
// to restic through --password-command, so it never lands in a run spec) or a file.
import type { ResticSourceConfig } from '../../../models/backup-config.js';
import type { BackupListing } from '../../../models/backup-status.js';
import { capture, firstLine } from './capture.js';
import { extraEnv, resticGlobalArgs } from './restic-args.js';
import { cachedListing, type ResticAnswer } from './restic-cache.js';
import type { IBackupSource, SourceContext } from './types.js';

function explain(stderr: string, exitCode: number | null, config: ResticSourceConfig): string {
  const text = stderr.toLowerCase();
  if (text.includes('wrong password')) return `wrong password for restic repo ${config.repo}`;
  if (text.includes('x509') || text.includes('certificate')) return `TLS certificate of restic repo ${config.repo} is not trusted (set source.cacert)`;
  if (text.includes('connection refused') || text.includes('no such host')) return `cannot reach restic repo ${config.repo}: ${firstLine(stderr.replace(/^Fatal:\s*/m, ''), 100)}`;
  if (text.includes('does not exist') || text.includes('unable to open config file')) return `no restic repo at ${config.repo}`;
  if (text.includes('resolving password') || text.includes('empty password') || text.includes('password is empty'))
    return `no password for restic repo ${config.repo} (set ${config.passwordEnv ?? 'passwordEnv or passwordFile'})`;
  const line = firstLine(stderr.replace(/^Fatal:\s*/m, ''));
  return `restic snapshots failed (exit ${exitCode ?? 'killed'})${line ? `: ${line}` : ''}`;
}

export class ResticSource implements IBackupSource {
  constructor(
    private readonly config: ResticSourceConfig,
    private readonly context: SourceContext,
  ) {}

  async list(signal: AbortSignal): Promise<BackupListing> {
    const config = this.config;
    if (!config.passwordFile && !config.passwordEnv && !this.context.env.RESTIC_PASSWORD && !this.context.env.RESTIC_PASSWORD_FILE && !this.context.env.RESTIC_PASSWORD_COMMAND) {
      throw new Error(`no password for restic repo ${config.repo}: set source.passwordEnv or source.passwordFile`);
    }
    if (config.passwordEnv && !this.context.env[config.passwordEnv]) throw new Error(`no password for restic repo ${config.repo}: $${config.passwordEnv} is not set`);
    // Every component on the same repo shares one listing (each restic call costs ~0.8 s of key derivation).
    const args = ['restic', ...resticGlobalArgs(config, this.context.root), '--no-lock', 'snapshots', '--json'];
    const env = { ...this.context.env, ...extraEnv(config, this.context.env), RESTIC_PROGRESS_FPS: '0' };
    const key = `restic\0${args.join('\0')}\0${JSON.stringify(config.env ?? {})}`;
    const memo = this.context.memo;
    let pending = memo?.get(key) as Promise<ResticAnswer> | undefined;
    if (!pending) {
      const run = (): Promise<string> =>
        capture(args, { cwd: this.context.root, env, signal, nice: this.context.nice, onSpawn: this.context.onSpawn }).then((result) => {
          if (result.exitCode !== 0) throw new Error(explain(result.stderr, result.exitCode, config));
          return result.stdout;
        });
      pending = this.context.listingCache ? cachedListing(config, this.context, args, run) : run().then((stdout) => ({ stdout, cached: false }));
      memo?.set(key, pending);
    } else this.context.onSpawn?.();
    const { stdout, cached, snapshots } = await pending;
    // the parser (and zod) load while restic runs, not before it starts
    const { readSnapshots, snapshotListing } = await import('./restic-parse.js');
    const listing = snapshotListing(snapshots ?? readSnapshots(stdout), config.tags);
    return cached ? { ...listing, cached } : listing;
  }
}
