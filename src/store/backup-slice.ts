// The Backups pane's part of the app store (issue 5): the policy, each source's result, the
// report built from them, the verification/recovery journal, and the pane's modes. Sources
// are queried in the background (src/backup/query.ts, imported lazily) and answer one by one,
// so a slow or failing source never holds the others or the keys.
import type { BackupPolicy } from '../../models/backup-policy.js';
import type { BackupReport } from '../../models/backup-status.js';
import type { RunSpec } from '../../models/run.js';
import type { BackupJournal } from '../backup/journal.js';
import type { SourceResult } from '../backup/status.js';
import type { AppStore, SliceCreator } from './types.js';

/** Adapters tests may inject instead of the real ones. */
export type BackupDeps = {
  /** Starts a detached run (default: src/runs launchRun). */
  launch?: (spec: RunSpec) => Promise<{ runId: string; logPath: string }>;
  /** The environment sources see (passwords, AWS credentials); default process.env. */
  env?: NodeJS.ProcessEnv;
};

export type BackupMode = 'list' | 'detail' | 'runbook' | 'log';

/** A run's log on screen; `back` is the mode Esc returns to. */
export type BackupLog = { runId: string; title: string; logPath: string; lines: string[]; follow: boolean; back: BackupMode };

export type BackupSlice = {
  backupRoot: string;
  backupServices: BackupDeps;
  /** backups.refreshMinutes in ms; scripts.verifyBackup. */
  backupRefreshMs: number;
  backupVerifyScript: string | undefined;
  backupPolicy: BackupPolicy | null;
  backupResults: Record<string, SourceResult>;
  backupReport: BackupReport | null;
  backupJournal: BackupJournal | null;
  backupLoading: boolean;
  /** A problem reading the policy (the config itself is validated at start). */
  backupError: string | null;
  backupCursor: number;
  backupStepCursor: number;
  backupMode: BackupMode;
  backupLog: BackupLog | null;
  setBackup(patch: Partial<Pick<BackupSlice, 'backupCursor' | 'backupStepCursor' | 'backupMode' | 'backupLog'>>): void;
  /** Re-queries every source in the background; resolves when all have answered. */
  refreshBackups(): Promise<void>;
  /** Re-reads .orchestration/backups.jsonl (verifications, recovery steps). */
  reloadBackupJournal(): Promise<void>;
  /** Rebuilds the report from the last results at the current time (ages move on). */
  recomputeBackups(): void;
};

export const createBackupSlice: SliceCreator<BackupSlice> = (set, get, deps) => {
  let inFlight: { controller: AbortController; done: Promise<void> } | undefined;

  const rebuild = async (): Promise<void> => {
    const state = get();
    if (!state.backupPolicy) return;
    const [{ buildReport }, { verificationsOf }] = await Promise.all([import('../backup/status.js'), import('../backup/journal.js')]);
    const results = new Map(Object.entries(get().backupResults));
    const journal = get().backupJournal;
    set({ backupReport: buildReport(state.backupPolicy, results, journal ? verificationsOf(journal) : [], deps.now()) });
  };

  return {
    backupRoot: deps.root,
    backupServices: deps.services.backups ?? {},
    backupRefreshMs: deps.config.backups.refreshMinutes * 60_000,
    backupVerifyScript: deps.config.scripts.verifyBackup,
    backupPolicy: null,
    backupResults: {},
    backupReport: null,
    backupJournal: null,
    backupLoading: false,
    backupError: null,
    backupCursor: 0,
    backupStepCursor: 0,
    backupMode: 'list',
    backupLog: null,

    setBackup: (patch) => set(patch),

    recomputeBackups: () => {
      void rebuild();
    },

    reloadBackupJournal: async () => {
      const { readBackupJournal } = await import('../backup/journal.js');
      set({ backupJournal: await readBackupJournal(deps.root) });
      await rebuild();
    },

    refreshBackups: async () => {
      inFlight?.controller.abort(new Error('superseded by a newer refresh'));
      const controller = new AbortController();
      const run = async (): Promise<void> => {
        set({ backupLoading: true });
        try {
          const [{ loadPolicy }, { queryComponents }, { readBackupJournal }] = await Promise.all([import('../backup/load.js'), import('../backup/query.js'), import('../backup/journal.js')]);
          const [policy, journal] = await Promise.all([loadPolicy(deps.root, deps.config.backups), readBackupJournal(deps.root)]);
          // the previous results stay on screen until each source answers again (no flicker every refresh)
          set({ backupPolicy: policy, backupJournal: journal, backupError: null });
          await rebuild();
          await queryComponents(policy.components, {
            root: deps.root,
            env: get().backupServices.env,
            concurrency: deps.config.backups.concurrency,
            signal: controller.signal,
            nice: 10,
            listingCache: deps.config.backups.listingCache,
            onResult: (name, result) => {
              if (controller.signal.aborted) return;
              set({ backupResults: { ...get().backupResults, [name]: result } });
              void rebuild();
            },
          });
        } catch (error) {
          set({ backupError: error instanceof Error ? error.message : String(error) });
        } finally {
          if (!controller.signal.aborted) set({ backupLoading: false });
        }
      };
      const done = run();
      inFlight = { controller, done };
      await done;
      if (inFlight?.controller === controller) inFlight = undefined;
    },
  };
};

/**
 * Starts the pane's background work after the first frame: the first query, a refresh every
 * `backups.refreshMinutes`, the ages re-read once a minute, and the journal watched (fs.watch).
 */
export function startBackup(store: AppStore): () => Promise<void> {
  let stopWatch: (() => void) | undefined;
  let stopped = false;
  const first = setTimeout(() => void store.getState().refreshBackups(), 0);
  const refresh = setInterval(() => void store.getState().refreshBackups(), store.getState().backupRefreshMs);
  const ages = setInterval(() => store.getState().recomputeBackups(), 60_000);
  refresh.unref();
  ages.unref();
  const ready = (async () => {
    const [{ watchRuns }, { reconcileRuns }] = await Promise.all([import('../runs/read-runs.js'), import('../runs/reconcile.js')]);
    if (stopped) return;
    // verification and recovery runs whose runner died unrecorded (a reboot) become `interrupted`
    const marked = await reconcileRuns(store.getState().backupRoot, '.orchestration/backups.jsonl').catch(() => []);
    if (stopped) return;
    if (marked.length > 0) void store.getState().reloadBackupJournal();
    stopWatch = watchRuns(store.getState().backupRoot, () => void store.getState().reloadBackupJournal(), '.orchestration/backups.jsonl');
  })().catch(() => undefined);
  return () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(refresh);
    clearInterval(ages);
    stopWatch?.();
    return ready;
  };
}
