// The deploy pane's actions over the store (get() only, never a render closure): opening the
// wizard, each step's Enter, the checks, the confirmation and the launch. Heavy modules (git,
// execa, the runner launcher) are imported when an action needs them.
import type { RunSpec } from '../../models/run.js';
import type { GetState } from '../store/types.js';
import { checklistVerdict, initialChecks, initialManual } from './checklist.js';
import { confirmKey, openConfirm } from './confirm.js';
import { envStatuses } from './deployed.js';
import type { EnvStatus } from './deployed.js';
import { newWizard } from './wizard.js';
import type { Wizard, WizardLock } from './wizard.js';
import { followLog, stopFollow } from './wizard-log.js';

export function statusesOf(get: GetState): EnvStatus[] {
  const s = get();
  return envStatuses(s.deployConfig.environments, s.deployRuns, (r) => s.deployLive.includes(r.id), s.deployConfig.deploy.historyLimit);
}

export function openWizard(get: GetState, kind: Wizard['kind'], planOnly = false): void {
  const s = get();
  if (s.deployConfig.environments.length === 0) {
    s.showMessage('no environments configured (config `environments`)', 'error');
    return;
  }
  s.setDeploy({ deployMode: 'wizard', deployWizard: { ...newWizard(kind, planOnly), cursor: Math.min(s.deployCursor, s.deployConfig.environments.length - 1) } });
}

export function closeWizard(get: GetState): void {
  stopFollow();
  get().setDeploy({ deployMode: 'list', deployWizard: null, deployLog: null });
}

async function chooseEnv(get: GetState, w: Wizard): Promise<void> {
  const s = get();
  const env = s.deployConfig.environments[w.cursor];
  if (!env) return;
  s.updateWizard((x) => ({ ...x, env: env.name, production: env.production, step: 'version', cursor: 0, loading: true, error: null }));
  if (w.kind === 'rollback') {
    const { versionHistory } = await import('./deployed.js');
    const { rollbackOptions } = await import('./wizard.js');
    const status = statusesOf(get).find((x) => x.env === env.name);
    get().updateWizard((x) => ({ ...x, loading: false, rollbacks: rollbackOptions(status, versionHistory(get().deployRuns, env.name)) }));
    return;
  }
  const [{ versionInfo }, { suggestNextVersion }, { versionOptions }] = await Promise.all([import('./git.js'), import('./versions.js'), import('./wizard.js')]);
  const info = await versionInfo(s.deployRoot);
  const suggested = suggestNextVersion(info.latest, info.commits);
  const remote = info.remotes.includes(s.deployConfig.deploy.remote) ? s.deployConfig.deploy.remote : null;
  get().updateWizard((x) => ({ ...x, loading: false, versions: versionOptions(info.versions, suggested, info.commits.length), commits: info.commits, previousTag: info.latest, remote }));
}

/** Builds the spec of the wizard's choice (throws UserError on bad input). */
async function buildSpec(get: GetState, w: Wizard): Promise<{ spec: RunSpec; lines: string[] }> {
  const s = get();
  const [{ buildDeployPlan, buildRollbackPlan, formatPlan }, { newRunId, whoAmI }, { deployedVersion }] = await Promise.all([
    import('./plan.js'),
    import('../runs/run-ids.js'),
    import('./deployed.js'),
  ]);
  const env = w.env ?? '';
  const base = { root: s.deployRoot, who: whoAmI(), previousVersion: deployedVersion(s.deployRuns, env)?.version ?? null, commit: null };
  if (w.kind === 'deploy' && w.choice) {
    const failed = w.checks.filter((c) => c.status === 'failed').map((c) => c.name);
    const override = w.overrideReason && failed.length > 0 ? { reason: w.overrideReason, failedChecks: failed } : null;
    const options = { createTag: w.choice.createTag, push: w.push, remote: w.remote };
    const spec = buildDeployPlan(s.deployConfig, env, w.choice.version, { ...base, runId: newRunId('deploy'), override, ...options });
    return { spec, lines: formatPlan(s.deployConfig, spec, options) };
  }
  const target = w.rollback?.target;
  if (!target) throw new Error('choose a rollback target first');
  const spec = buildRollbackPlan(s.deployConfig, env, target, { ...base, runId: newRunId('rollback'), targetVersion: w.rollback?.version ?? null });
  return { spec, lines: formatPlan(s.deployConfig, spec) };
}

async function startChecks(get: GetState, w: Wizard): Promise<void> {
  const s = get();
  const config = s.deployConfig;
  const [{ runChecks }, { appendCommandLog }, { whoAmI }, { draftReleaseNotes }] = await Promise.all([
    import('./run-checks.js'),
    import('../runs/command-log.js'),
    import('../runs/run-ids.js'),
    import('./release-notes.js'),
  ]);
  const version = w.choice?.version ?? '';
  const notes = draftReleaseNotes({ version, previous: w.previousTag, date: s.now().toISOString().slice(0, 10), commits: w.choice?.createTag ? w.commits : [] });
  get().updateWizard((x) => ({ ...x, step: 'checklist', cursor: 0, checks: initialChecks(config.checks), manual: initialManual(config.deploy.manualChecks), releaseNotes: notes.split('\n'), overrideReason: null }));
  const who = whoAmI();
  const tag = `${s.now().toISOString().replace(/[-:.TZ]/g, '').slice(0, 14)}-${w.env ?? 'env'}`;
  await runChecks(s.deployRoot, config.checks, {
    tag,
    onUpdate: (checks) => get().updateWizard((x) => (x.step === 'checklist' ? { ...x, checks } : x)),
    record: (entry) => appendCommandLog(s.deployRoot, { ...entry, source: 'check', cwd: s.deployRoot, who }),
  });
}

/**
 * The lock of `env` when a live run holds it, else null. A stale lock is recovered by the launch,
 * and the lock of a run that journalled its end is about to be freed (the launch waits for it).
 */
async function heldLock(get: GetState, env: string | null): Promise<WizardLock | null> {
  if (!env) return null;
  const [{ readLock, isLockStale }, { toWizardLock }] = await Promise.all([import('../runs/run-lock.js'), import('./lock-refusal.js')]);
  const lock = await readLock(get().deployRoot, env).catch(() => undefined);
  if (!lock || isLockStale(lock) || get().deployRuns.some((r) => r.id === lock.runId && r.finished)) return null;
  return toWizardLock(lock);
}

async function toConfirm(get: GetState, w: Wizard): Promise<void> {
  const { spec, lines } = await buildSpec(get, w);
  // another run holds the environment: say who now, not after the typed confirmation
  const held = w.planOnly ? null : await heldLock(get, w.env);
  if (held) {
    const { refused } = await import('./lock-refusal.js');
    get().updateWizard((x) => refused({ ...x, spec, planLines: lines }, held));
    return;
  }
  if (w.kind === 'deploy' && w.choice && w.releaseNotes.length > 0) {
    const { saveReleaseNotes } = await import('./release-notes-file.js');
    const notesPath = await saveReleaseNotes(get().deployRoot, w.choice.version, w.releaseNotes.join('\n'));
    get().updateWizard((x) => ({ ...x, notesPath }));
  }
  const step = w.planOnly ? 'plan' : 'confirm';
  get().updateWizard((x) => ({ ...x, step, spec, planLines: lines, refusals: 0, confirm: step === 'confirm' ? openConfirm(x.env ?? '', x.production, get().now().getTime()) : null }));
}

/** Enter in the wizard: the next step. */
export async function wizardNext(get: GetState): Promise<void> {
  const w = get().deployWizard;
  if (!w || w.loading) return;
  switch (w.step) {
    case 'env':
      return chooseEnv(get, w);
    case 'version': {
      if (w.kind === 'rollback') {
        const choice = w.rollbacks[w.cursor];
        if (!choice) return;
        if (choice.target === null) {
          get().openOverlay({ kind: 'prompt', prompt: { purpose: 'pane', pane: 'deploy', id: 'db-migration', label: 'Migration to roll back' } });
          return;
        }
        if (choice.target.kind === 'immediate' && choice.version === null) get().showMessage('no previous version in the journal: the script decides the target', 'warn');
        const next = { ...w, rollback: choice };
        get().updateWizard(() => next);
        return toConfirm(get, next);
      }
      const choice = w.versions[w.cursor];
      if (!choice) return;
      const next = { ...w, choice };
      get().updateWizard(() => next);
      return w.planOnly ? toConfirm(get, next) : startChecks(get, next);
    }
    case 'checklist': {
      const config = get().deployConfig;
      const verdict = checklistVerdict({ checks: w.checks, manual: w.manual, production: w.production, allowProductionOverride: config.deploy.allowProductionOverride, overrideReason: w.overrideReason });
      if (!verdict.ok) {
        get().showMessage(`blocked: ${verdict.reason ?? ''}`, 'warn');
        return;
      }
      return toConfirm(get, w);
    }
    case 'plan':
      closeWizard(get);
      return;
    case 'locked': {
      const { retryAfterRefusal } = await import('./wizard-retry.js');
      return retryAfterRefusal(get, w, { checks: startChecks, confirm: toConfirm });
    }
    case 'running':
      return openRunLog(get, w.runId, 'wizard');
    default:
      return;
  }
}

/** Esc in the wizard: one step back; from the first step (or a run) back to the table. */
export function wizardBack(get: GetState): void {
  const w = get().deployWizard;
  if (!w) return;
  const back: Partial<Record<Wizard['step'], Wizard['step']>> = { version: 'env', checklist: 'version', plan: 'version', confirm: w.kind === 'deploy' && !w.planOnly ? 'checklist' : 'version' };
  const to = back[w.step];
  if (!to || w.step === 'running') {
    closeWizard(get);
    // refused by a lock: the table opens on that environment, where Enter follows the holding run
    const envIndex = get().deployConfig.environments.findIndex((e) => e.name === w.env);
    if (w.step === 'locked' && envIndex >= 0) get().setDeploy({ deployCursor: envIndex });
    return;
  }
  get().updateWizard((x) => ({ ...x, step: to, cursor: 0, confirm: null, notice: null }));
}

/** A key while the typed confirmation is open. */
export async function confirmInput(get: GetState, key: string): Promise<void> {
  const w = get().deployWizard;
  if (!w?.confirm) return;
  const state = confirmKey(w.confirm, key, get().now().getTime());
  get().updateWizard((x) => ({ ...x, confirm: state }));
  if (state.outcome === 'cancelled') {
    get().showMessage('cancelled: nothing was run');
    wizardBack(get);
    return;
  }
  if (state.outcome === 'confirmed') await launch(get);
}

async function launch(get: GetState): Promise<void> {
  const w = get().deployWizard;
  if (!w?.spec) return;
  const s = get();
  const launchRun = s.deployServices.launch ?? (await import('../runs/launch-run.js')).launchRun;
  try {
    const result = await launchRun(w.spec);
    get().flowStarted();
    get().setDeploy({ deployOwnRuns: [...get().deployOwnRuns, result.runId] });
    get().updateWizard((x) => ({ ...x, step: 'running', runId: result.runId, confirm: null, lock: null, notice: null }));
    if (result.recoveredStaleLock) get().showMessage(result.recoveredStaleLock, 'warn');
    await get().reloadDeployRuns();
    followLog(get, result.runId, result.logPath);
  } catch (error) {
    const { lockOfError, refused } = await import('./lock-refusal.js');
    const lock = lockOfError(error);
    // refused by another run's lock: show who holds it; a retry re-reads and re-checks everything
    if (lock) get().updateWizard((x) => refused(x, lock));
    else get().updateWizard((x) => ({ ...x, step: 'confirm', confirm: openConfirm(x.env ?? '', x.production, get().now().getTime()) }));
    get().showMessage(error instanceof Error ? error.message : String(error), 'error');
  }
}

/** Opens a run's full log (follow mode on); Esc returns to `from`. */
export async function openRunLog(get: GetState, runId: string | null, from: 'list' | 'wizard'): Promise<void> {
  const run = get().deployRuns.find((r) => r.id === runId);
  if (!run) {
    get().showMessage('no run to show yet');
    return;
  }
  const [{ join }, { openViewer }] = await Promise.all([import('node:path'), import('./log-viewer.js')]);
  get().setDeploy({ deployMode: 'log', deployReturnMode: from });
  // the plain tail too: the running step shows it, and the log view falls back on it when the
  // terminal emulator cannot load
  followLog(get, run.id, join(get().deployRoot, run.started.logPath));
  const title = `${run.started.kind} ${run.started.env ?? ''} ${run.started.version ?? ''} · ${run.id}`.replace(/\s+/g, ' ');
  await openViewer(get, run.id, title, join(get().deployRoot, run.started.logPath));
}
