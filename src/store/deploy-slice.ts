// The Deploy pane's part of the app store (issue 4): the deploy journal's runs (watched live,
// so a deploy started on another terminal shows up and is followed), the environment cursor,
// the wizard, the log view and the command log. I/O adapters are imported lazily (dynamic
// import) so the cockpit's first frame never pays for them.
import type { Config } from '../../models/config.js';
import type { CommandLogEntry } from '../../models/run-command-log.js';
import type { RunRecord, RunSpec } from '../../models/run.js';
import type { LogViewState } from '../runs/log-view-types.js';
import type { Wizard } from '../deploy/wizard.js';
import { isRunLive } from '../runs/run-live.js';
import type { AppStore, SliceCreator } from './types.js';

/** Adapters tests may inject instead of the real ones. */
export type DeployDeps = {
  /** Starts a detached run (default: src/runs launchRun). */
  launch?: (spec: RunSpec) => Promise<{ runId: string; pid: number; logPath: string; recoveredStaleLock?: string }>;
};

export type DeployMode = 'list' | 'wizard' | 'log' | 'commands' | 'abort';

export type DeployLogView = {
  runId: string;
  logPath: string;
  lines: string[];
  /** Index of the first shown line when not following. */
  top: number;
  follow: boolean;
  search: string | null;
};

export type DeploySlice = {
  /** The repo root, config and adapters, for the handlers (they only get get()). */
  deployRoot: string;
  deployConfig: Config;
  deployServices: DeployDeps;
  deployRuns: RunRecord[];
  /** Ids of runs that are still going (runner alive), computed when the runs are read. */
  deployLive: string[];
  deployProblems: string[];
  deployLoaded: boolean;
  deployCursor: number;
  deployMode: DeployMode;
  /** Where Esc goes back to from the log view. */
  deployReturnMode: DeployMode;
  deployWizard: Wizard | null;
  deployLog: DeployLogView | null;
  deployCommands: CommandLogEntry[] | null;
  /** How many entries the command log is scrolled up from the newest (0: the newest are shown). */
  deployCommandsScroll: number;
  /** The full log view (`Enter`): the run machinery's log view model (xterm-rendered window). */
  deployViewer: { runId: string; title: string; state: LogViewState } | null;
  deployAbortRunId: string | null;
  /** Runs this cockpit launched and still counts as running flows. */
  deployOwnRuns: string[];
  setDeployRuns(runs: RunRecord[], problems: string[]): void;
  setDeploy(patch: Partial<Pick<DeploySlice, 'deployCursor' | 'deployMode' | 'deployReturnMode' | 'deployWizard' | 'deployLog' | 'deployCommands' | 'deployCommandsScroll' | 'deployViewer' | 'deployAbortRunId' | 'deployOwnRuns'>>): void;
  updateWizard(update: (w: Wizard) => Wizard): void;
  /** Reloads the journal now (the watcher does it on every change). */
  reloadDeployRuns(): Promise<void>;
};

export const createDeploySlice: SliceCreator<DeploySlice> = (set, get, deps) => ({
  deployRoot: deps.root,
  deployConfig: deps.config,
  deployServices: deps.services.deploy ?? {},
  deployRuns: [],
  deployLive: [],
  deployProblems: [],
  deployLoaded: false,
  deployCursor: 0,
  deployMode: 'list',
  deployReturnMode: 'list',
  deployWizard: null,
  deployLog: null,
  deployCommands: null,
  deployCommandsScroll: 0,
  deployViewer: null,
  deployAbortRunId: null,
  deployOwnRuns: [],

  setDeployRuns: (runs, problems) => {
    const live = runs.filter((r) => isRunLive(r)).map((r) => r.id);
    set({ deployRuns: runs, deployLive: live, deployProblems: problems, deployLoaded: true });
    // a run this cockpit launched ended: it no longer holds the quit question
    const own = get().deployOwnRuns;
    const done = own.filter((id) => runs.find((r) => r.id === id)?.finished);
    if (done.length > 0) {
      set({ deployOwnRuns: own.filter((id) => !done.includes(id)) });
      for (const _ of done) get().flowEnded();
    }
  },

  setDeploy: (patch) => set(patch),

  updateWizard: (update) => {
    const w = get().deployWizard;
    if (w) set({ deployWizard: update(w) });
  },

  reloadDeployRuns: async () => {
    const { readDeployRuns } = await import('../deploy/headless.js');
    const { runs, problems } = await readDeployRuns(deps.root);
    get().setDeployRuns(runs, problems);
  },
});

/**
 * Loads the journal after the first frame and watches it (fs.watch on .orchestration/, no
 * polling) so runs started anywhere show up and live runs are followed; returns stop.
 */
export function startDeploy(store: AppStore): () => Promise<void> {
  let stopped = false;
  let stopWatch: (() => void) | undefined;
  const ready = (async () => {
    const [{ watchDeployJournal }, { reconcileRuns }] = await Promise.all([import('../deploy/watch.js'), import('../runs/reconcile.js')]);
    if (stopped) return;
    // runs whose runner died without recording an end (a reboot) become `interrupted`
    await reconcileRuns(store.getState().deployRoot, '.orchestration/deploys.jsonl').catch(() => undefined);
    if (stopped) return;
    await store.getState().reloadDeployRuns().catch(() => undefined);
    if (stopped) return;
    stopWatch = watchDeployJournal(store.getState().deployRoot, () => {
      void store.getState().reloadDeployRuns().catch(() => undefined);
    });
  })().catch(() => undefined);
  return async () => {
    stopped = true;
    stopWatch?.();
    // the log watchers, if a log was open (modules already loaded then; cheap otherwise)
    const [viewer, wizardLog] = await Promise.all([import('../deploy/log-viewer.js'), import('../deploy/wizard-log.js'), ready]);
    viewer.closeViewer();
    wizardLog.stopFollow();
  };
}
