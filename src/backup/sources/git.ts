// git: configs are backed up by committing them. The commits touching the configured paths are
// the backups; uncommitted changes there are "not backed up" (pending).
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { GitSourceConfig } from '../../../models/backup-config.js';
import type { BackupListing } from '../../../models/backup-status.js';
import { capture, firstLine } from './capture.js';
import type { IBackupSource, SourceContext } from './types.js';

const HISTORY = 200;

export class GitSource implements IBackupSource {
  constructor(
    private readonly config: GitSourceConfig,
    private readonly context: SourceContext,
  ) {}

  private async git(args: string[], signal: AbortSignal): Promise<string> {
    const result = await capture(['git', ...args], { cwd: this.context.root, env: { ...this.context.env, GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' }, signal, nice: this.context.nice, onSpawn: this.context.onSpawn });
    if (result.exitCode !== 0) throw new Error(`git ${args[0]} failed: ${firstLine(result.stderr) || `exit ${result.exitCode}`}`);
    return result.stdout;
  }

  async list(signal: AbortSignal): Promise<BackupListing> {
    const paths = this.config.paths;
    const [log, status] = await Promise.all([
      this.git(['log', `-n${HISTORY}`, '--format=%H%x09%cI', '--', ...paths], signal),
      this.git(['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', ...paths], signal),
    ]);
    const entries = log
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [hash, time] = line.split('\t');
        return { time: new Date(Date.parse(time!)).toISOString(), ok: true, id: hash!.slice(0, 8), type: 'version' };
      });
    const changed = status
      .split('\0')
      .filter((item) => item.length > 3)
      .map((item) => item.slice(3));
    let oldest: number | null = null;
    for (const path of changed.slice(0, 100)) {
      const info = await stat(join(this.context.root, path)).catch(() => undefined);
      const mtime = info ? info.mtimeMs : Date.now();
      oldest = oldest === null ? mtime : Math.min(oldest, mtime);
    }
    return { entries, pending: { count: changed.length, oldest: oldest === null ? null : new Date(oldest).toISOString(), paths: changed.slice(0, 20) } };
  }
}
