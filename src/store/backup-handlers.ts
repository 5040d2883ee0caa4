// What the Backups pane's keys do (issue 5), and its key scopes per mode. Verification and
// recovery steps go through the run machinery (detached, journalled in backups.jsonl);
// a recovery step runs only after its id is typed into the confirmation prompt.
import type { BACKUP_ACTION_IDS } from '../../models/backup-keys.js';
import type { RunSpec } from '../../models/run.js';
import type { Handler, PaneKeys } from './pane-keys.js';
import type { GetState } from './types.js';


function focused(get: GetState) {
  const report = get().backupReport;
  if (!report || report.components.length === 0) return undefined;
  return report.components[Math.min(get().backupCursor, report.components.length - 1)];
}

async function launch(get: GetState, spec: RunSpec): Promise<{ runId: string; logPath: string }> {
  const injected = get().backupServices.launch;
  if (injected) return injected(spec);
  const { launchRun } = await import('../runs/launch-run.js');
  return launchRun(spec);
}

async function base(get: GetState, kind: 'verify' | 'recovery') {
  const { newRunId, whoAmI } = await import('../runs/run-ids.js');
  return { root: get().backupRoot, who: whoAmI(), runId: newRunId(kind) };
}

/** Follows a log by re-reading its tail (when the emulator view cannot load). */
async function tailLog(get: GetState, runId: string, logPath: string): Promise<void> {
  const { readLogTail } = await import('../backup/log-tail.js');
  const rows = Math.max(4, get().size.rows - 8);
  let timer: NodeJS.Timeout | undefined;
  const tick = async (): Promise<void> => {
    const current = get().backupLog;
    if (!current || current.runId !== runId || get().backupMode !== 'log') return;
    const lines = await readLogTail(logPath, rows);
    const latest = get().backupLog;
    if (latest && latest.runId === runId) get().setBackup({ backupLog: { ...latest, lines } });
    const run = get().backupJournal?.runs.find((r) => r.runId === runId);
    if (!run || run.result === 'running') timer = setTimeout(() => void tick(), 250);
  };
  logViews.set(runId, { scroll: () => undefined, bottom: () => undefined, close: () => clearTimeout(timer) });
  await tick();
}

/** Opens the live log of a run (the run machinery's log view, loaded lazily). */
export async function openBackupLog(get: GetState, runId: string, title: string, logPath: string): Promise<void> {
  const back = get().backupMode === 'log' ? 'list' : get().backupMode;
  get().setBackup({ backupMode: 'log', backupLog: { runId, title, logPath, lines: ['(loading the log…)'], follow: true, back } });
  try {
    const { createLogView } = await import('../runs/log-view.js');
    const view = createLogView(logPath, { rows: Math.max(4, get().size.rows - 8), cols: Math.max(20, get().size.columns - 2) });
    await Promise.race([view.idle(), new Promise((resolve) => setTimeout(resolve, 1500))]);
    if (view.state().error || view.state().loading) {
      view.close();
      await tailLog(get, runId, logPath);
      return;
    }
    const update = (): void => {
      const current = get().backupLog;
      if (!current || current.runId !== runId || get().backupMode !== 'log') {
        view.close();
        return;
      }
      const state = view.state();
      get().setBackup({ backupLog: { ...current, lines: state.lines, follow: state.follow } });
    };
    view.subscribe(update);
    logViews.set(runId, view);
    update();
  } catch {
    await tailLog(get, runId, logPath);
  }
}

const logViews = new Map<string, { scroll(delta: number): void; bottom(): void; close(): void }>();

async function verify(get: GetState): Promise<void> {
  const state = get();
  const component = focused(get);
  if (!state.backupPolicy) {
    state.showMessage('backups are still loading', 'warn');
    return;
  }
  try {
    const { verifySpec } = await import('../backup/runbook.js');
    // The whole table is verified from the list; from a component's detail, only that component.
    const only = state.backupMode === 'detail' ? component?.name : undefined;
    const spec = verifySpec(await base(get, 'verify'), state.backupPolicy, state.backupVerifyScript, only);
    const launched = await launch(get, spec);
    get().showMessage(`verification started: ${launched.runId} (${spec.steps.map((s) => s.title).join(', ')})`);
    await get().reloadBackupJournal();
    await openBackupLog(get, launched.runId, `verify ${only ?? 'all'}`, launched.logPath);
  } catch (error) {
    get().showMessage(`cannot verify: ${error instanceof Error ? error.message : String(error)}`, 'error');
  }
}

function askAbout(get: GetState): void {
  const state = get();
  const report = state.backupReport;
  if (!report) {
    state.showMessage('backups are still loading', 'warn');
    return;
  }
  void import('../backup/format.js').then(({ formatReport, formatPlan, planSteps }) => {
    if (state.backupMode === 'runbook' && state.backupPolicy) {
      const text = formatPlan(state.backupPolicy, planSteps(state.backupPolicy, new Map())).join('\n');
      get().askAboutThis({ label: 'recovery runbook (SOP §4.3)', text });
      return;
    }
    const c = focused(get);
    const text = state.backupMode === 'detail' && c ? JSON.stringify(c, null, 2) : formatReport(report).join('\n');
    get().askAboutThis({ label: state.backupMode === 'detail' && c ? `backup component ${c.name}` : 'backup status', text });
  });
}

function moveCursor(get: GetState, delta: number): void {
  const count = get().backupReport?.components.length ?? 0;
  get().setBackup({ backupCursor: Math.max(0, Math.min(count - 1, get().backupCursor + delta)) });
}

function moveStep(get: GetState, delta: number): void {
  const count = get().backupPolicy?.recoverySteps.length ?? 0;
  get().setBackup({ backupStepCursor: Math.max(0, Math.min(count - 1, get().backupStepCursor + delta)) });
}

function focusedStep(get: GetState) {
  const steps = get().backupPolicy?.recoverySteps ?? [];
  return steps[Math.min(get().backupStepCursor, steps.length - 1)];
}

function askToRunStep(get: GetState): void {
  const step = focusedStep(get);
  if (!step) {
    get().showMessage('no recovery steps (SOP §4.3)', 'warn');
    return;
  }
  const n = get().backupStepCursor + 1;
  get().openOverlay({ kind: 'prompt', prompt: { purpose: 'pane', pane: 'backups', id: `recovery:${step.id}`, label: `Type "${step.id}" to run step ${n}` } });
}

async function runStep(get: GetState, stepId: string, typed: string): Promise<void> {
  const policy = get().backupPolicy;
  const step = policy?.recoverySteps.find((s) => s.id === stepId);
  if (!policy || !step) return;
  if (typed.trim() !== step.id) {
    get().showMessage(`not run: type "${step.id}" exactly to run "${step.title}"`, 'warn');
    return;
  }
  try {
    const [{ recoverySpec }, { noteOnOpenIncidents }] = await Promise.all([import('../backup/runbook.js'), import('../backup/incident-note.js')]);
    const spec = recoverySpec(await base(get, 'recovery'), step);
    const launched = await launch(get, spec);
    const n = policy.recoverySteps.indexOf(step) + 1;
    const noted = await noteOnOpenIncidents(get().backupRoot, spec.who, `recovery step ${n} "${step.title}" started: ${step.command} (run ${launched.runId})`);
    get().showMessage(`step ${n} started: ${launched.runId}${noted > 0 ? ' (noted on the open incident)' : ''}`);
    await get().reloadBackupJournal();
    await openBackupLog(get, launched.runId, `step ${n}: ${step.title}`, launched.logPath);
  } catch (error) {
    get().showMessage(`cannot run the step: ${error instanceof Error ? error.message : String(error)}`, 'error');
  }
}

async function stepLog(get: GetState): Promise<void> {
  const step = focusedStep(get);
  const journal = get().backupJournal;
  if (!step || !journal) return;
  const { recoveryRunsByStep } = await import('../backup/journal.js');
  const run = recoveryRunsByStep(journal).get(step.id);
  if (!run?.logPath) {
    get().showMessage(`step "${step.title}" has not run yet`);
    return;
  }
  const { join } = await import('node:path');
  await openBackupLog(get, run.runId, step.title, join(get().backupRoot, run.logPath));
}

function closeMode(get: GetState): void {
  const state = get();
  if (state.backupMode === 'log') {
    const log = state.backupLog;
    if (log) logViews.get(log.runId)?.close();
    if (log) logViews.delete(log.runId);
    state.setBackup({ backupMode: log?.back ?? 'list', backupLog: null });
    return;
  }
  state.setBackup({ backupMode: 'list' });
}

function scrollLog(get: GetState, delta: number | 'end'): void {
  const log = get().backupLog;
  const view = log ? logViews.get(log.runId) : undefined;
  if (!view) return;
  if (delta === 'end') view.bottom();
  else view.scroll(delta);
}

export const BACKUP_HANDLERS: Record<(typeof BACKUP_ACTION_IDS)[number], Handler> = {
  'backup-down': (get) => moveCursor(get, 1),
  'backup-up': (get) => moveCursor(get, -1),
  'backup-open': (get) => {
    if (focused(get)) get().setBackup({ backupMode: 'detail' });
  },
  'backup-refresh': (get) => {
    get().showMessage('refreshing backups…');
    void get().refreshBackups();
  },
  'backup-verify': (get) => verify(get),
  'backup-runbook': (get) => get().setBackup({ backupMode: 'runbook' }),
  'backup-ask': askAbout,
  'backup-close': closeMode,
  'backup-step-down': (get) => moveStep(get, 1),
  'backup-step-up': (get) => moveStep(get, -1),
  'backup-step-run': askToRunStep,
  'backup-step-log': (get) => stepLog(get),
  'backup-log-down': (get) => scrollLog(get, 1),
  'backup-log-up': (get) => scrollLog(get, -1),
  'backup-log-end': (get) => scrollLog(get, 'end'),
};

export const BACKUPS_PANE_KEYS: PaneKeys = {
  scopes: (state) => {
    switch (state.backupMode) {
      case 'detail':
        return ['backups-detail', 'backups', 'global'];
      case 'runbook':
        return ['backups-runbook', 'global'];
      case 'log':
        return ['backups-log', 'global'];
      case 'list':
        return ['backups', 'global'];
    }
  },
  submitPrompt: (get, id, text) => {
    if (id.startsWith('recovery:')) return runStep(get, id.slice('recovery:'.length), text);
  },
};

