// Queries every component's source in the background: bounded concurrency, a timeout per
// source, and one failing source never stops the others (its error is its own result).
import type { BackupSourceConfig as BackupSource } from '../../models/backup-config.js';
import { createSource } from './sources/index.js';
import type { SourceContext } from './sources/types.js';
import type { SourceResult } from './status.js';

export const DEFAULT_SOURCE_TIMEOUT_SEC = 30;

/** What a query needs of a component: the policy's components, or the config's (to start early). */
export type QueryComponent = { name: string; source?: BackupSource | null };

export type QueryOptions = {
  root: string;
  env?: NodeJS.ProcessEnv;
  concurrency: number;
  /** Aborts every query still running (the cockpit quitting, a newer refresh). */
  signal?: AbortSignal;
  /** Niceness for source commands (the cockpit passes 10). */
  nice?: number;
  /** Called as each component's result arrives. */
  onResult?: (name: string, result: SourceResult) => void;
  /** backups.listingCache: unchanged local restic repos are answered from the cache (default off here). */
  listingCache?: boolean;
  /**
   * Called once every source being queried has started its command or answered: from then on
   * the queries wait on their children, and the caller's own work no longer delays a start.
   */
  onStarted?: () => void;
};

async function queryOne(source: BackupSource, context: SourceContext, outer: AbortSignal | undefined): Promise<SourceResult> {
  const timeoutSec = source.timeoutSec ?? DEFAULT_SOURCE_TIMEOUT_SEC;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`no answer within ${timeoutSec} s (timeoutSec)`)), timeoutSec * 1000);
  const onOuter = (): void => controller.abort(new Error('cancelled'));
  outer?.addEventListener('abort', onOuter, { once: true });
  try {
    const adapter = await createSource(source, context);
    // The race makes a source that ignores the signal still time out.
    const aborted = new Promise<never>((_, reject) => {
      controller.signal.addEventListener('abort', () => reject(controller.signal.reason as Error), { once: true });
    });
    const listing = await Promise.race([adapter.list(controller.signal), aborted]);
    return { listing };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { error: message.split('\n')[0]!.trim() || 'failed' };
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onOuter);
  }
}

/** Results by component name, for the components that have a source. */
export async function queryComponents(components: readonly QueryComponent[], options: QueryOptions): Promise<Map<string, SourceResult>> {
  const context: SourceContext = { root: options.root, env: options.env ?? process.env, memo: new Map(), nice: options.nice, listingCache: options.listingCache };
  const todo = components.filter((c): c is QueryComponent & { source: BackupSource } => Boolean(c.source));
  const results = new Map<string, SourceResult>();
  const workers = Math.max(1, Math.min(options.concurrency, todo.length));
  const going = new Set<string>();
  const started = (name: string): void => {
    if (going.size >= workers || going.has(name)) return;
    going.add(name);
    if (going.size === workers) options.onStarted?.();
  };
  if (todo.length === 0) options.onStarted?.();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < todo.length) {
      const { name, source } = todo[next]!;
      next += 1;
      const result = await queryOne(source, { ...context, onSpawn: () => started(name) }, options.signal);
      started(name);
      results.set(name, result);
      options.onResult?.(name, result);
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}
