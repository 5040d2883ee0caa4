// Enter on the wizard's `locked` step (a launch refused because another run holds the lock):
// nothing from before the refusal is trusted. The journal and the git tags are read again, the
// choice is re-resolved against them (src/deploy/lock-refusal.ts), and a deploy goes through
// the checklist again (checks re-run, manual items asked again) before the confirmation; a
// rollback goes to the confirmation with its plan built anew. Imported lazily by wizard-flow.
import type { GetState } from '../store/types.js';
import { deployedVersion, envStatuses, versionHistory } from './deployed.js';
import { alreadyRunsNotice, deployedNotice, joinNotices, reresolveRollback, reresolveVersion } from './lock-refusal.js';
import type { Wizard } from './wizard.js';

export type RetrySteps = {
  /** The checklist with the checks re-run (wizard-flow's startChecks). */
  checks(get: GetState, w: Wizard): Promise<void>;
  /** The plan built anew, then the confirmation, or `locked` again (wizard-flow's toConfirm). */
  confirm(get: GetState, w: Wizard): Promise<void>;
};

export async function retryAfterRefusal(get: GetState, w: Wizard, steps: RetrySteps): Promise<void> {
  const env = w.env ?? '';
  get().updateWizard((x) => ({ ...x, loading: true }));
  await get().reloadDeployRuns().catch(() => undefined);
  const runs = get().deployRuns;
  const before = w.spec?.previousVersion ?? null;
  const current = deployedVersion(runs, env)?.version ?? null;
  const changed = deployedNotice(env, before, current);
  if (w.kind === 'rollback' && w.rollback) {
    const s = get();
    const status = envStatuses(s.deployConfig.environments, runs, (r) => s.deployLive.includes(r.id), s.deployConfig.deploy.historyLimit).find((e) => e.env === env);
    const { option, notice } = reresolveRollback(w.rollback, status, versionHistory(runs, env));
    const next: Wizard = { ...w, loading: false, lock: null, rollback: option, notice: joinNotices(notice, alreadyRunsNotice(env, option.version, current), changed) };
    get().updateWizard(() => next);
    return steps.confirm(get, next);
  }
  if (!w.choice) return;
  const [{ versionInfo }, { suggestNextVersion }, { versionOptions }] = await Promise.all([import('./git.js'), import('./versions.js'), import('./wizard.js')]);
  const info = await versionInfo(get().deployRoot);
  const versions = versionOptions(info.versions, suggestNextVersion(info.latest, info.commits), info.commits.length);
  const { choice, notice } = reresolveVersion(w.choice, info.versions);
  const base: Wizard = { ...w, loading: false, versions, commits: info.commits, previousTag: info.latest, lock: null };
  if (!choice) {
    get().updateWizard(() => ({ ...base, step: 'version', cursor: 0, choice: null, notice: null }));
    get().showMessage(notice ?? 'pick a version again', 'warn');
    return;
  }
  const next: Wizard = { ...base, choice, notice: joinNotices(notice, alreadyRunsNotice(env, choice.version, current), changed) };
  get().updateWizard(() => next);
  return steps.checks(get, next);
}
