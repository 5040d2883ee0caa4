// What the Deploy pane's keys do (issue 4), and its key scopes per mode. Every handler reads
// state through get(); the flows live in src/deploy/wizard-flow.ts.
import type { DEPLOY_ACTION_IDS } from '../../models/deploy-keys.js';
import type { KeyScope } from '../../models/keys.js';
import { closeWizard, confirmInput, openRunLog, openWizard, statusesOf, wizardBack, wizardNext } from '../deploy/wizard-flow.js';
import { closeViewer, withViewer } from '../deploy/log-viewer.js';
import { stopFollow } from '../deploy/wizard-log.js';
import { moveCursor, toggleManual } from '../deploy/wizard.js';
import { listHeight } from './layout.js';
import type { Handler, PaneKeys } from './pane-keys.js';
import type { AppState, GetState } from './types.js';

function envCount(get: GetState): number {
  return get().deployConfig.environments.length;
}

/** The selected environment's live run, else its latest run. */
function selectedRun(get: GetState) {
  const status = statusesOf(get)[get().deployCursor];
  return status?.live ?? status?.history[0] ?? null;
}

function viewer(get: GetState, action: Parameters<typeof withViewer>[1]): void {
  withViewer(get, action);
}

function askAbort(get: GetState): void {
  const w = get().deployWizard;
  const run = w?.step === 'running' ? get().deployRuns.find((r) => r.id === w.runId) : selectedRun(get);
  if (!run || run.finished) {
    get().showMessage('no live run to abort');
    return;
  }
  get().setDeploy({ deployAbortRunId: run.id, deployReturnMode: get().deployMode, deployMode: 'abort' });
}

async function abortNow(get: GetState): Promise<void> {
  const runId = get().deployAbortRunId;
  const run = get().deployRuns.find((r) => r.id === runId);
  get().setDeploy({ deployMode: get().deployReturnMode === 'abort' ? 'list' : get().deployReturnMode, deployAbortRunId: null });
  if (!run) return;
  const { abortDeployRun } = await import('../deploy/abort.js');
  get().showMessage(`aborting ${run.id}: SIGTERM, then SIGKILL after the grace period`, 'warn');
  try {
    await abortDeployRun(get().deployRoot, run);
    await get().reloadDeployRuns();
  } catch (error) {
    get().showMessage(error instanceof Error ? error.message : String(error), 'error');
  }
}

async function rollbackNow(get: GetState): Promise<void> {
  const w = get().deployWizard;
  const run = get().deployRuns.find((r) => r.id === w?.runId);
  if (!w || !run?.finished || run.finished.result === 'success' || run.started.kind !== 'deploy') {
    get().showMessage('roll back now is offered when a deploy failed');
    return;
  }
  const target = run.started.previousVersion;
  const { newWizard } = await import('../deploy/wizard.js');
  stopFollow();
  const rollback = target
    ? { label: `to ${target}`, target: { kind: 'version' as const, version: target }, version: target }
    : { label: 'immediate', target: { kind: 'immediate' as const }, version: null };
  const next = { ...newWizard('rollback'), env: w.env, production: w.production, step: 'version' as const, rollbacks: [rollback] };
  get().setDeploy({ deployWizard: next, deployLog: null });
  await wizardNext(get);
}

/** Scrolls the command log by `step` entries (up = older), within what there is to show. */
function scrollCommands(get: GetState, step: number): void {
  const { deployCommands, deployCommandsScroll, size } = get();
  const visible = Math.max(1, listHeight(size.rows) - 1);
  const max = Math.max(0, (deployCommands?.length ?? 0) - visible);
  get().setDeploy({ deployCommandsScroll: Math.min(max, Math.max(0, deployCommandsScroll + step)) });
}

export const DEPLOY_HANDLERS: Record<(typeof DEPLOY_ACTION_IDS)[number], Handler> = {
  'deploy-start': (get) => openWizard(get, 'deploy'),
  'deploy-rollback': (get) => openWizard(get, 'rollback'),
  'deploy-plan': (get) => openWizard(get, 'deploy', true),
  'deploy-open-log': (get) => openRunLog(get, selectedRun(get)?.id ?? null, 'list'),
  'deploy-command-log': async (get) => {
    const { readCommandLog } = await import('../runs/command-log.js');
    const entries = await readCommandLog(get().deployRoot, 200);
    get().setDeploy({ deployCommands: entries, deployCommandsScroll: 0, deployMode: 'commands', deployLog: null });
  },
  'deploy-commands-up': (get) => scrollCommands(get, 1),
  'deploy-commands-down': (get) => scrollCommands(get, -1),
  'deploy-commands-top': (get) => scrollCommands(get, Infinity),
  'deploy-commands-bottom': (get) => scrollCommands(get, -Infinity),
  'deploy-abort': askAbort,
  'deploy-down': (get) => get().setDeploy({ deployCursor: Math.min(envCount(get) - 1, get().deployCursor + 1) }),
  'deploy-up': (get) => get().setDeploy({ deployCursor: Math.max(0, get().deployCursor - 1) }),

  'deploy-wiz-down': (get) => get().updateWizard((w) => moveCursor(w, 1, envCount(get))),
  'deploy-wiz-up': (get) => get().updateWizard((w) => moveCursor(w, -1, envCount(get))),
  'deploy-wiz-next': wizardNext,
  'deploy-wiz-back': wizardBack,
  'deploy-wiz-toggle': (get) => get().updateWizard((w) => toggleManual(w)),
  'deploy-wiz-tick-all': (get) => get().updateWizard((w) => toggleManual(w, true)),
  'deploy-wiz-override': (get) => {
    const w = get().deployWizard;
    if (w?.step !== 'checklist') return;
    if (!w.checks.some((c) => c.status === 'failed')) {
      get().showMessage('no failed check to override');
      return;
    }
    if (w.production && !get().deployConfig.deploy.allowProductionOverride) {
      get().showMessage(`${w.env ?? ''} is production: failed checks cannot be overridden (deploy.allowProductionOverride)`, 'error');
      return;
    }
    get().openOverlay({ kind: 'prompt', prompt: { purpose: 'pane', pane: 'deploy', id: 'override-reason', label: 'Override reason (recorded)' } });
  },
  'deploy-wiz-push': (get) => get().updateWizard((w) => (w.step === 'version' || w.step === 'checklist' ? { ...w, push: !w.push } : w)),
  'deploy-wiz-new-version': (get) => {
    const w = get().deployWizard;
    if (w?.step === 'version' && w.kind === 'deploy') get().openOverlay({ kind: 'prompt', prompt: { purpose: 'pane', pane: 'deploy', id: 'custom-version', label: 'Version (vX.Y.Z)' } });
  },
  'deploy-wiz-log': (get) => {
    const w = get().deployWizard;
    if (w?.step === 'running') return openRunLog(get, w.runId, 'wizard');
  },
  'deploy-wiz-rollback-now': rollbackNow,

  'deploy-confirm-submit': (get) => confirmInput(get, 'return'),
  'deploy-confirm-cancel': (get) => confirmInput(get, 'escape'),
  'deploy-confirm-erase': (get) => confirmInput(get, 'backspace'),

  'deploy-log-top': (get) => viewer(get, (v) => v.top()),
  'deploy-log-bottom': (get) => viewer(get, (v) => v.bottom()),
  'deploy-log-next': (get) => viewer(get, (v) => v.nextMatch()),
  'deploy-log-prev': (get) => viewer(get, (v) => v.prevMatch()),
  'deploy-log-follow': (get) => viewer(get, (v) => v.setFollow(!v.state().follow)),
  'deploy-log-search': (get) => get().openOverlay({ kind: 'prompt', prompt: { purpose: 'pane', pane: 'deploy', id: 'log-search', label: 'Search the log' } }),
  'deploy-log-close': (get) => {
    closeViewer(get);
    const back = get().deployReturnMode;
    if (get().deployMode === 'commands' || back !== 'wizard' || !get().deployWizard) {
      stopFollow();
      get().setDeploy({ deployMode: 'list', deployLog: null, deployCommands: null });
      if (get().deployWizard) closeWizard(get);
      return;
    }
    get().setDeploy({ deployMode: 'wizard' });
  },
  'deploy-log-down': (get) => {
    if (get().deployMode === 'log') viewer(get, (v) => v.scroll(1));
  },
  'deploy-log-up': (get) => {
    if (get().deployMode === 'log') viewer(get, (v) => v.scroll(-1));
  },
  'deploy-log-page-down': (get) => viewer(get, (v) => v.page(1)),
  'deploy-log-page-up': (get) => viewer(get, (v) => v.page(-1)),

  'deploy-abort-yes': abortNow,
  'deploy-abort-no': (get) => {
    get().setDeploy({ deployMode: get().deployReturnMode === 'abort' ? 'list' : get().deployReturnMode, deployAbortRunId: null });
    get().showMessage('not aborted; the run goes on');
  },
};

async function submitPrompt(get: GetState, id: string, text: string): Promise<void> {
  const value = text.trim();
  if (id === 'log-search') {
    const matches = withViewer(get, (v) => v.search(value));
    if (value !== '' && matches === 0) get().showMessage(`"${value}" is not in the log`, 'warn');
    return;
  }
  if (id === 'override-reason') {
    if (value === '') {
      get().showMessage('an override needs a reason; nothing overridden', 'warn');
      return;
    }
    get().updateWizard((w) => ({ ...w, overrideReason: value }));
    get().showMessage(`override recorded: ${value}`, 'warn');
    return;
  }
  const { UserError } = await import('../errors.js');
  try {
    if (id === 'custom-version') {
      const { checkVersion } = await import('../deploy/template.js');
      const version = checkVersion(value);
      const w = get().deployWizard;
      const exists = w?.versions.some((v) => v.version === version && !v.createTag) ?? false;
      get().updateWizard((x) => ({ ...x, versions: [{ label: `${version}${exists ? '' : '  new tag from HEAD'}`, version, createTag: !exists }, ...x.versions.filter((v) => v.version !== version)], cursor: 0 }));
      await wizardNext(get);
    } else if (id === 'db-migration') {
      const { checkMigration } = await import('../deploy/template.js');
      const migration = checkMigration(value);
      get().updateWizard((x) => ({ ...x, rollbacks: [{ label: `database ${migration}`, target: { kind: 'db', migration }, version: null }], cursor: 0 }));
      await wizardNext(get);
    }
  } catch (error) {
    get().showMessage(error instanceof UserError ? error.message : String(error), 'error');
  }
}

export const DEPLOY_PANE_KEYS: PaneKeys = {
  scopes: (state: AppState): KeyScope[] => {
    switch (state.deployMode) {
      case 'wizard':
        switch (state.deployWizard?.step) {
          case 'confirm':
            return ['deploy-confirm'];
          case 'checklist':
            return ['deploy-checklist', 'deploy-wizard', 'global'];
          case 'running':
            return ['deploy-running', 'deploy-wizard', 'global'];
          default:
            return ['deploy-wizard', 'global'];
        }
      case 'log':
        return ['deploy-log', 'global'];
      case 'commands':
        return ['deploy-commands', 'global'];
      case 'abort':
        return ['deploy-abort'];
      default:
        return ['deploy', 'global'];
    }
  },
  typeText: (get, text) => {
    const s = get();
    if (s.deployMode !== 'wizard' || s.deployWizard?.step !== 'confirm') return false;
    void confirmInput(get, text);
    return true;
  },
  submitPrompt,
};
