// command: any command printing JSON lines `{time, type?, size?, ok?, id?}` (pgBackRest,
// WAL-G, Velero wrappers). Each line is validated; a bad line is an error naming its number.
import type { CommandSourceConfig } from '../../../models/backup-config.js';
import { CommandLineSchema } from '../../../models/backup-status.js';
import type { BackupEntry, BackupListing } from '../../../models/backup-status.js';
import { capture, firstLine } from './capture.js';
import type { IBackupSource, SourceContext } from './types.js';
import { jsonLines } from '../../json-lines.js';

export function parseCommandLines(stdout: string): BackupListing {
  const entries: BackupEntry[] = [];
  for (const { line, value: raw, json, text } of jsonLines(stdout)) {
    if (!json) throw new Error(`line ${line}: not JSON: ${firstLine(text, 60)}`);
    const parsed = CommandLineSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`line ${line}: ${issue?.path.join('.') || 'line'}: ${issue?.message ?? 'invalid'}`);
    }
    const value = parsed.data;
    const ms = typeof value.time === 'number' ? value.time * 1000 : Date.parse(value.time);
    if (!Number.isFinite(ms)) throw new Error(`line ${line}: time: not a date: ${String(value.time)}`);
    entries.push({ time: new Date(ms).toISOString(), ok: value.ok ?? true, type: value.type, size: value.size, id: value.id === undefined ? undefined : String(value.id) });
  }
  return { entries };
}

export class CommandSource implements IBackupSource {
  constructor(
    private readonly config: CommandSourceConfig,
    private readonly context: SourceContext,
  ) {}

  async list(signal: AbortSignal): Promise<BackupListing> {
    const result = await capture(['/bin/sh', '-c', this.config.command], { cwd: this.context.root, env: this.context.env, signal, maxBytes: 16 * 1024 * 1024, nice: this.context.nice, onSpawn: this.context.onSpawn });
    if (result.exitCode !== 0) {
      const line = firstLine(result.stderr);
      throw new Error(`command exited ${result.exitCode ?? 'killed'}${line ? `: ${line}` : ''}`);
    }
    try {
      return parseCommandLines(result.stdout);
    } catch (error) {
      throw new Error(`command printed bad output: ${(error as Error).message}`);
    }
  }
}
