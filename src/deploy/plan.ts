// Deploy and rollback plans (SOP §2.2, §2.3): the RunSpec the detached runner executes, built
// from the config and validated inputs only. Pure: who, the run id, the remote and the
// previous version are given by the caller.
import type { Config, Environment } from '../../models/config.js';
import { STEP_IDS } from '../../models/run.js';
import type { RunSpec, RunStep } from '../../models/run.js';
import { UserError } from '../errors.js';
import { checkMigration, checkVersion, fillTemplate, formatArgv } from './template.js';

/** Same path as src/runs DEPLOYS_JOURNAL. */
export const DEPLOY_JOURNAL = '.orchestration/deploys.jsonl';

export type PlanBase = {
  root: string;
  runId: string;
  who: string;
  /** The version deployed there now (recorded as previousVersion). */
  previousVersion: string | null;
  commit: string | null;
};

export type DeployOptions = PlanBase & {
  /** The tag does not exist yet: create it (annotated) as the first step. */
  createTag: boolean;
  /** The user ticked push. */
  push: boolean;
  /** The configured remote when it exists in the repo, else null: no push step. */
  remote: string | null;
  override: { reason: string; failedChecks: string[] } | null;
};

export type RollbackTarget = { kind: 'immediate' } | { kind: 'version'; version: string } | { kind: 'db'; migration: string };

export function findEnvironment(config: Config, name: string): Environment {
  const env = config.environments.find((e) => e.name === name);
  if (!env) throw new UserError(`unknown environment "${name.slice(0, 40)}" (configured: ${config.environments.map((e) => e.name).join(', ') || 'none'})`);
  return env;
}

function healthStep(config: Config, env: Environment): RunStep | null {
  if (!env.healthUrl) return null;
  const h = config.deploy.health;
  return { id: STEP_IDS.health, title: 'Health check', kind: 'http', url: env.healthUrl, attempts: h.attempts, requestTimeoutMs: h.requestTimeoutMs, backoffMs: h.backoffMs };
}

function scriptStep(config: Config, id: string, title: string, template: string, key: string, values: Record<string, string>, env: string): RunStep {
  return {
    id,
    title,
    kind: 'command',
    argv: fillTemplate(template, values, key),
    timeoutSec: config.deploy.stepTimeoutSec,
    env: { DEPLOY_ENV: env, ...(values.version ? { DEPLOY_VERSION: values.version } : {}) },
  };
}

/** The steps of a deploy: tag, push, deploy script, health, smoke, status. */
export function buildDeployPlan(config: Config, envName: string, versionInput: string, options: DeployOptions): RunSpec {
  const env = findEnvironment(config, envName);
  const version = checkVersion(versionInput);
  if (options.override && env.production && !config.deploy.allowProductionOverride) {
    throw new UserError(`${env.name} is a production environment: failed checks cannot be overridden (set deploy.allowProductionOverride: true to allow it)`);
  }
  const bare = version.slice(1);
  const steps: RunStep[] = [];
  if (options.createTag) {
    steps.push({ id: STEP_IDS.tag, title: `Tag ${version}`, kind: 'command', argv: ['git', 'tag', '-a', version, '-m', `Release version ${bare}`], timeoutSec: 60 });
    if (options.push && options.remote) {
      steps.push({ id: STEP_IDS.push, title: `Push ${version} to ${options.remote}`, kind: 'command', argv: ['git', 'push', options.remote, version], timeoutSec: 300 });
    }
  }
  const values = { env: env.name, version, target: version, message: `Deployed ${version} to ${env.name}` };
  steps.push(scriptStep(config, STEP_IDS.deploy, 'Deploy script', config.scripts.deploy, 'scripts.deploy', values, env.name));
  const health = healthStep(config, env);
  if (health) steps.push(health);
  steps.push(scriptStep(config, STEP_IDS.smoke, 'Smoke tests', config.scripts.smoke, 'scripts.smoke', values, env.name));
  steps.push(scriptStep(config, STEP_IDS.status, 'Status update', config.scripts.status, 'scripts.status', values, env.name));
  return runSpec('deploy', options, env.name, version, steps, options.override);
}

/** The RunSpec both plans end in: the run's identity from `options`, journalled with the deploys. */
function runSpec(kind: 'deploy' | 'rollback', options: PlanBase, env: string, version: string | null, steps: RunStep[], override: RunSpec['override']): RunSpec {
  return {
    id: options.runId,
    kind,
    root: options.root,
    journal: DEPLOY_JOURNAL,
    env,
    version,
    previousVersion: options.previousVersion,
    commit: options.commit,
    who: options.who,
    override,
    component: null,
    steps,
  };
}

/** Rollback plans: immediate, to a version, or a database migration; then health and status. */
export function buildRollbackPlan(config: Config, envName: string, target: RollbackTarget, options: PlanBase & { targetVersion?: string | null }): RunSpec {
  const env = findEnvironment(config, envName);
  const steps: RunStep[] = [];
  let version: string | null = null;
  if (target.kind === 'db') {
    const migration = checkMigration(target.migration);
    const values = { env: env.name, migration, message: `Rolled back migration ${migration} on ${env.name}` };
    steps.push(scriptStep(config, STEP_IDS.dbRollback, `Database rollback ${migration}`, config.scripts.dbRollback, 'scripts.dbRollback', values, env.name));
    steps.push(scriptStep(config, STEP_IDS.status, 'Status update', config.scripts.status, 'scripts.status', values, env.name));
  } else {
    version = target.kind === 'version' ? checkVersion(target.version) : (options.targetVersion ?? null);
    const label = target.kind === 'version' ? checkVersion(target.version) : 'immediate';
    const values = { env: env.name, target: label, version: version ?? label, message: `Rolled back ${env.name} to ${version ?? 'the previous version'}` };
    steps.push(scriptStep(config, STEP_IDS.rollback, target.kind === 'immediate' ? 'Immediate rollback' : `Rollback to ${label}`, config.scripts.rollback, 'scripts.rollback', values, env.name));
    const health = healthStep(config, env);
    if (health) steps.push(health);
    steps.push(scriptStep(config, STEP_IDS.status, 'Status update', config.scripts.status, 'scripts.status', values, env.name));
  }
  return runSpec('rollback', options, env.name, version, steps, null);
}

/** One step as the plan shows it: the exact command, or the HTTP check with its retries. */
export function describeStep(step: RunStep): string {
  if (step.kind === 'http') return `GET ${step.url}  (${step.attempts} attempts, ${step.requestTimeoutMs} ms timeout, backoff ${step.backoffMs} ms)`;
  const env = step.env?.DEPLOY_ENV ? `DEPLOY_ENV=${step.env.DEPLOY_ENV} ` : '';
  return `${env}${formatArgv(step.argv)}`;
}

/** Notes about what the plan leaves out, and why. */
export function planNotes(config: Config, spec: RunSpec, options: { createTag?: boolean; push?: boolean; remote?: string | null } = {}): string[] {
  const notes: string[] = [];
  const env = spec.env ? config.environments.find((e) => e.name === spec.env) : undefined;
  if (spec.kind === 'deploy' && !options.createTag) notes.push(`tag ${spec.version} exists: not tagging`);
  if (spec.kind === 'deploy' && options.createTag && !options.push) notes.push('push not ticked: the tag stays local');
  if (spec.kind === 'deploy' && options.createTag && options.push && !options.remote) notes.push(`no git remote "${config.deploy.remote}": the tag stays local`);
  if (env && !env.healthUrl && !spec.steps.some((s) => s.id === STEP_IDS.dbRollback)) notes.push(`health check skipped: environments.${env.name}.healthUrl is not set`);
  if (spec.override) notes.push(`checks overridden (${spec.override.failedChecks.join(', ')}): ${spec.override.reason}`);
  return notes;
}

/** The plan as lines: numbered steps with their exact commands, then the notes. */
export function formatPlan(config: Config, spec: RunSpec, options: Parameters<typeof planNotes>[2] = {}): string[] {
  const head = `${spec.kind === 'deploy' ? 'Deploy' : 'Rollback'} ${spec.version ?? ''} to ${spec.env ?? ''}`.replace(/\s+/g, ' ');
  const lines = [`${head} (now: ${spec.previousVersion ?? 'unknown'})`];
  spec.steps.forEach((step, i) => lines.push(`  ${i + 1}. ${step.title}: ${describeStep(step)}`));
  for (const note of planNotes(config, spec, options)) lines.push(`  note: ${note}`);
  return lines;
}
