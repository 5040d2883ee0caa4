// dir: a local or mounted folder; files matching the glob are backups, timed by a stamp in the
// name, else by their mtime.
import { readdir, stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { DirSourceConfig } from '../../../models/backup-config.js';
import type { BackupEntry, BackupListing } from '../../../models/backup-status.js';
import { globRegex, timeFromName, typeFromName } from '../name-time.js';
import type { IBackupSource, SourceContext } from './types.js';

export class DirSource implements IBackupSource {
  constructor(
    private readonly config: DirSourceConfig,
    private readonly context: SourceContext,
  ) {}

  async list(signal: AbortSignal): Promise<BackupListing> {
    const dir = isAbsolute(this.config.path) ? this.config.path : join(this.context.root, this.config.path);
    const match = globRegex(this.config.glob);
    let names: string[];
    try {
      names = (await readdir(dir)).filter((name) => match.test(name));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new Error(code === 'ENOENT' ? `no folder ${this.config.path}` : code === 'EACCES' ? `cannot read ${this.config.path}: permission denied` : `cannot read ${this.config.path}: ${code ?? String(error)}`);
    }
    const entries: BackupEntry[] = [];
    for (const name of names) {
      if (signal.aborted) throw new Error(String(signal.reason instanceof Error ? signal.reason.message : signal.reason));
      const info = await stat(join(dir, name)).catch(() => undefined);
      if (!info?.isFile()) continue;
      const time = timeFromName(name, this.config.timePattern) ?? info.mtime;
      entries.push({ time: time.toISOString(), ok: true, size: info.size, type: typeFromName(name, this.config.typePatterns), id: name, where: join(this.config.path, name) });
    }
    return { entries };
  }
}
