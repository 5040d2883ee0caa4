// Plans (deploy, rollbacks), template filling into argv without injection, deployed versions
// per environment from run records, and the checklist verdict.
import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../models/config.js';
import type { RunRecord } from '../../models/run.js';
import { RunSpecSchema } from '../../models/run.js';
import { checklistVerdict, initialChecks, initialManual } from '../../src/deploy/checklist.js';
import { ageOf, deployedVersion, envStatuses, previousVersion, versionHistory } from '../../src/deploy/deployed.js';
import { DEPLOY_JOURNAL, buildDeployPlan, buildRollbackPlan, describeStep, formatPlan } from '../../src/deploy/plan.js';
import { checkMigration, fillTemplate, formatArgv, splitWords } from '../../src/deploy/template.js';
import { DEPLOYS_JOURNAL } from '../../src/runs/run-ids.js';

const config = ConfigSchema.parse({
  environments: [
    { name: 'staging', healthUrl: 'http://127.0.0.1:9/health' },
    { name: 'production', production: true },
  ],
});
const base = { root: '/repo', runId: '20260101-000000-deploy-abcd', who: 'ana@box', previousVersion: 'v1.2.2', commit: null };
const deployOpts = { ...base, createTag: true, push: true, remote: 'origin', override: null };

describe('deploy plan', () => {
  it('tags, pushes, deploys, checks health, smokes and updates status, in that order', () => {
    const spec = buildDeployPlan(config, 'staging', '1.3.0', deployOpts);
    expect(RunSpecSchema.parse(spec)).toBeTruthy();
    expect(spec.journal).toBe(DEPLOYS_JOURNAL);
    expect(DEPLOY_JOURNAL).toBe(DEPLOYS_JOURNAL);
    expect(spec.steps.map((s) => s.id)).toEqual(['tag', 'push', 'deploy', 'health', 'smoke', 'status']);
    expect(spec.version).toBe('v1.3.0');
    const [tag, push, deploy, health] = spec.steps;
    expect(tag?.kind === 'command' && tag.argv).toEqual(['git', 'tag', '-a', 'v1.3.0', '-m', 'Release version 1.3.0']);
    expect(push?.kind === 'command' && push.argv).toEqual(['git', 'push', 'origin', 'v1.3.0']);
    expect(deploy?.kind === 'command' && deploy.argv).toEqual(['./scripts/deploy.sh', 'staging', 'v1.3.0']);
    expect(health).toMatchObject({ kind: 'http', url: 'http://127.0.0.1:9/health', attempts: 5 });
    expect(formatPlan(config, spec, { createTag: true, push: true, remote: 'origin' }).join('\n')).toContain('git tag -a v1.3.0 -m \'Release version 1.3.0\'');
  });

  it('leaves out tag and push for an existing tag, push without a remote, and health without a URL', () => {
    const existing = buildDeployPlan(config, 'production', 'v1.2.3', { ...deployOpts, createTag: false });
    expect(existing.steps.map((s) => s.id)).toEqual(['deploy', 'smoke', 'status']);
    const lines = formatPlan(config, existing, { createTag: false });
    expect(lines.join('\n')).toContain('health check skipped: environments.production.healthUrl is not set');
    expect(lines.join('\n')).toContain('tag v1.2.3 exists');
    const noRemote = buildDeployPlan(config, 'staging', 'v1.3.0', { ...deployOpts, remote: null });
    expect(noRemote.steps.map((s) => s.id)).toEqual(['tag', 'deploy', 'health', 'smoke', 'status']);
    expect(formatPlan(config, noRemote, { createTag: true, push: true, remote: null }).join('\n')).toContain('no git remote "origin"');
    const notTicked = buildDeployPlan(config, 'staging', 'v1.3.0', { ...deployOpts, push: false });
    expect(notTicked.steps.map((s) => s.id)).not.toContain('push');
  });

  it('refuses bad versions, unknown environments and production overrides', () => {
    expect(() => buildDeployPlan(config, 'staging', 'v1.3.0; rm -rf ~', deployOpts)).toThrow(/not a release version/);
    expect(() => buildDeployPlan(config, 'qa', 'v1.3.0', deployOpts)).toThrow(/unknown environment "qa"/);
    const override = { reason: 'flaky lint', failedChecks: ['lint'] };
    expect(() => buildDeployPlan(config, 'production', 'v1.3.0', { ...deployOpts, override })).toThrow(/cannot be overridden/);
    expect(buildDeployPlan(config, 'staging', 'v1.3.0', { ...deployOpts, override }).override).toEqual(override);
    const allowing = ConfigSchema.parse({ ...config, deploy: { allowProductionOverride: true } });
    expect(buildDeployPlan(allowing, 'production', 'v1.3.0', { ...deployOpts, override }).override).toEqual(override);
  });
});

describe('rollback plans', () => {
  it('immediate, to a version and database rollbacks follow SOP §2.3', () => {
    const immediate = buildRollbackPlan(config, 'production', { kind: 'immediate' }, { ...base, targetVersion: 'v1.2.1' });
    expect(immediate.kind).toBe('rollback');
    expect(immediate.version).toBe('v1.2.1');
    const first = immediate.steps[0];
    expect(first?.kind === 'command' && first.argv).toEqual(['./scripts/rollback.sh', 'immediate']);
    expect(first?.kind === 'command' && first.env).toMatchObject({ DEPLOY_ENV: 'production' });
    const toVersion = buildRollbackPlan(config, 'staging', { kind: 'version', version: '1.2.0' }, base);
    expect(toVersion.steps.map((s) => s.id)).toEqual(['rollback', 'health', 'status']);
    expect(describeStep(toVersion.steps[0]!)).toBe('DEPLOY_ENV=staging ./scripts/rollback.sh v1.2.0');
    const db = buildRollbackPlan(config, 'production', { kind: 'db', migration: '003_ledger_index' }, base);
    expect(db.version).toBeNull();
    expect(db.steps.map((s) => s.id)).toEqual(['db-rollback', 'status']);
    expect(() => buildRollbackPlan(config, 'production', { kind: 'db', migration: '--force' }, base)).toThrow(/not a migration name/);
    expect(() => buildRollbackPlan(config, 'production', { kind: 'version', version: 'latest' }, base)).toThrow(/not a release version/);
  });
});

describe('templates', () => {
  it('fills placeholders inside words, so a value never adds a word', () => {
    expect(fillTemplate('./deploy.sh {env} --tag={version}', { env: 'a b', version: 'v1' }, 'k')).toEqual(['./deploy.sh', 'a b', '--tag=v1']);
    expect(fillTemplate(`./s.sh "two words" '{message}'`, { message: "it's $(id)" }, 'k')).toEqual(['./s.sh', 'two words', "it's $(id)"]);
    expect(() => fillTemplate('./s.sh {nope}', { env: 'x' }, 'scripts.deploy')).toThrow(/scripts.deploy: unknown placeholder \{nope\}/);
  });

  it('refuses shell operators, unclosed quotes and empty commands in a template', () => {
    expect(() => splitWords('./a.sh | tee log', 'scripts.deploy')).toThrow(/scripts.deploy: "\|" needs a shell/);
    expect(() => splitWords('./a.sh "x', 'k')).toThrow(/unclosed/);
    expect(() => splitWords('   ', 'k')).toThrow(/empty/);
    expect(splitWords('./a.sh ""', 'k')).toEqual(['./a.sh', '']);
  });

  it('validates migrations and quotes argv for display', () => {
    expect(checkMigration('003_add-index.v2')).toBe('003_add-index.v2');
    expect(() => checkMigration('a;b')).toThrow();
    expect(formatArgv(['git', 'tag', '-m', "it's here"])).toBe(`git tag -m 'it'\\''s here'`);
  });
});

function run(id: string, env: string, version: string | null, result: 'success' | 'failed' | 'rolled_back' | null, at: string, kind: 'deploy' | 'rollback' = 'deploy'): RunRecord {
  return {
    id,
    started: { v: 1, runId: id, at, event: 'run-started', kind, env, version, previousVersion: null, commit: null, who: `${id}@box`, host: 'box', pid: 1, logPath: `.orchestration/runs/${id}.log`, steps: [] },
    steps: [],
    ...(result ? { finished: { v: 1, runId: id, at, event: 'run-finished', result, failedStep: null, durationMs: 1 } } : {}),
  } as RunRecord;
}

describe('deployed versions', () => {
  const runs = [
    run('a', 'production', 'v1.0.0', 'success', '2026-01-01T00:00:00Z'),
    run('b', 'production', 'v1.1.0', 'success', '2026-01-02T00:00:00Z'),
    run('c', 'production', 'v1.2.0', 'failed', '2026-01-03T00:00:00Z'),
    run('d', 'staging', 'v1.2.0', 'success', '2026-01-03T00:00:00Z'),
    run('e', 'production', 'v1.1.0', 'success', '2026-01-04T00:00:00Z', 'rollback'),
    run('f', 'production', 'v1.3.0', null, '2026-01-05T00:00:00Z'),
  ];

  it('is the last successful deploy or rollback per environment, with who and when', () => {
    expect(deployedVersion(runs, 'production')).toEqual({ version: 'v1.1.0', at: '2026-01-04T00:00:00Z', who: 'e@box', runId: 'e', kind: 'rollback' });
    expect(deployedVersion(runs, 'staging')?.version).toBe('v1.2.0');
    expect(deployedVersion(runs, 'qa')).toBeNull();
    expect(previousVersion(runs, 'production')).toBe('v1.0.0');
    expect(versionHistory(runs, 'production')).toEqual(['v1.1.0', 'v1.0.0']);
  });

  it('finds live runs and the recent history, newest first', () => {
    const statuses = envStatuses(config.environments, runs, (r) => r.id === 'f', 3);
    const prod = statuses.find((s) => s.env === 'production');
    expect(prod?.live?.id).toBe('f');
    expect(prod?.history.map((r) => r.id)).toEqual(['f', 'e', 'c']);
    expect(envStatuses(config.environments, runs, () => false, 3).find((s) => s.env === 'production')?.live).toBeNull();
    expect(ageOf('2026-01-01T00:00:00Z', new Date('2026-01-01T00:00:30Z'))).toBe('30s');
    expect(ageOf('2026-01-01T00:00:00Z', new Date('2026-01-01T00:05:00Z'))).toBe('5m');
    expect(ageOf('2026-01-01T00:00:00Z', new Date('2026-01-01T03:00:00Z'))).toBe('3h');
    expect(ageOf('2026-01-01T00:00:00Z', new Date('2026-01-03T00:00:00Z'))).toBe('2d');
  });
});

describe('checklist verdict', () => {
  const checks = initialChecks([{ name: 'tests', command: 'x' }, { name: 'lint', command: 'y' }]);
  const passed = checks.map((c) => ({ ...c, status: 'passed' as const }));
  const lintFailed = passed.map((c) => (c.name === 'lint' ? { ...c, status: 'failed' as const } : c));
  const manual = initialManual(['Release notes prepared']);
  const ticked = manual.map((m) => ({ ...m, ticked: true }));
  const verdict = (over: Partial<Parameters<typeof checklistVerdict>[0]>) =>
    checklistVerdict({ checks: passed, manual: ticked, production: false, allowProductionOverride: false, overrideReason: null, ...over });

  it('passes only when every check passed and every manual item is ticked', () => {
    expect(verdict({}).ok).toBe(true);
    expect(verdict({ checks }).reason).toBe('checks are still running');
    expect(verdict({ manual }).reason).toBe('1 manual item not ticked');
  });

  it('a failed check blocks; a reason overrides it except on production', () => {
    expect(verdict({ checks: lintFailed })).toMatchObject({ ok: false, failed: ['lint'], canOverride: true });
    expect(verdict({ checks: lintFailed, overrideReason: '  ' }).ok).toBe(false);
    expect(verdict({ checks: lintFailed, overrideReason: 'known flaky' }).ok).toBe(true);
    expect(verdict({ checks: lintFailed, production: true, overrideReason: 'known flaky' })).toMatchObject({ ok: false, canOverride: false });
    expect(verdict({ checks: lintFailed, production: true, allowProductionOverride: true, overrideReason: 'known flaky' }).ok).toBe(true);
  });
});
