// `opsdeck deploy ENV VERSION [--yes] [--dry-run] [--skip-checks --reason R] [--push] [--json]`
// (issue 4, SOP §2.1-2.2): checks, confirmation, then the detached run, followed to the end.
// Exit 0 success, 1 failure, 2 usage/config, 3 lock held.
import type { Command } from 'commander';
import { z } from 'zod';
import { loadConfigCached } from '../src/config/config-cache.js';
import { commitOf, commitsSince, isGitRepo, listVersions, remotes } from '../src/deploy/git.js';
import { confirmOnTty, launchAndFollow, needsQuestion, readDeployRuns } from '../src/deploy/headless.js';
import type { HeadlessIo } from '../src/deploy/headless.js';
import { draftReleaseNotes } from '../src/deploy/release-notes.js';
import { saveReleaseNotes } from '../src/deploy/release-notes-file.js';
import { buildDeployPlan, findEnvironment, formatPlan } from '../src/deploy/plan.js';
import { deployedVersion } from '../src/deploy/deployed.js';
import { runChecks } from '../src/deploy/run-checks.js';
import { checkVersion } from '../src/deploy/template.js';
import { EXIT_FAILURE, UserError } from '../src/errors.js';
import { appendCommandLog } from '../src/runs/command-log.js';
import { newRunId, whoAmI } from '../src/runs/run-ids.js';
import type { ICliContext, RegisterCommand } from './cli-context.js';

const OptionsSchema = z.strictObject({
  yes: z.boolean().optional(),
  dryRun: z.boolean().optional(),
  skipChecks: z.boolean().optional(),
  reason: z.string().trim().min(1, '--reason needs text').max(500).optional(),
  push: z.boolean().optional(),
  json: z.boolean().optional(),
});

export function parseOptions<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new UserError(`${issue?.path.length ? `--${issue.path.join('.')}: ` : ''}${issue?.message ?? 'invalid options'}`);
}

export function headlessIo(ctx: ICliContext): HeadlessIo {
  return { out: ctx.out, err: ctx.err, write: (text) => process.stdout.write(text), isTty: process.stdout.isTTY === true };
}

async function deploy(ctx: ICliContext, envName: string, versionArg: string, options: z.infer<typeof OptionsSchema>): Promise<void> {
  const version = checkVersion(versionArg);
  if (options.skipChecks && !options.reason) throw new UserError('--skip-checks needs --reason "why" (it is recorded in the journal)');
  const root = await ctx.resolveRoot();
  const config = await loadConfigCached(root);
  const env = findEnvironment(config, envName);
  if (options.reason && env.production && !config.deploy.allowProductionOverride) {
    throw new UserError(`${env.name} is a production environment: checks cannot be skipped or overridden (set deploy.allowProductionOverride: true to allow it)`);
  }
  if (!options.dryRun && ctx.globals().readonly) throw new UserError('read-only mode: deploy is disabled');
  const [versions, remoteList, repo, { runs }] = await Promise.all([listVersions(root), remotes(root), isGitRepo(root), readDeployRuns(root)]);
  const createTag = !versions.includes(version);
  if (createTag && !repo) throw new UserError(`${root} is not a git repository: cannot create tag ${version}`);
  const remote = remoteList.includes(config.deploy.remote) ? config.deploy.remote : null;
  const who = whoAmI();
  const runId = newRunId('deploy');
  const plan = (override: { reason: string; failedChecks: string[] } | null) =>
    buildDeployPlan(config, env.name, version, {
      root, runId, who, createTag, push: options.push === true, remote, override,
      previousVersion: deployedVersion(runs, env.name)?.version ?? null,
      commit: null,
    });
  const planOptions = { createTag, push: options.push === true, remote };
  if (options.dryRun) {
    const spec = plan(options.skipChecks ? { reason: options.reason ?? '', failedChecks: config.checks.map((c) => `skipped:${c.name}`) } : null);
    if (options.json) ctx.out(JSON.stringify({ dryRun: true, plan: spec, lines: formatPlan(config, spec, planOptions) }, null, 2));
    else ctx.out(['dry run: nothing is executed', ...formatPlan(config, spec, planOptions)].join('\n'));
    return;
  }
  const ask = needsQuestion(config, env.name, options.yes === true);
  let override: { reason: string; failedChecks: string[] } | null = null;
  if (options.skipChecks) {
    override = { reason: options.reason ?? '', failedChecks: config.checks.map((c) => `skipped:${c.name}`) };
  } else if (config.checks.length > 0) {
    if (!options.json) ctx.out(`[opsdeck] running ${config.checks.length} checks: ${config.checks.map((c) => c.name).join(', ')}`);
    const results = await runChecks(root, config.checks, {
      tag: runId,
      record: (entry) => appendCommandLog(root, { ...entry, source: 'check', cwd: root, who }),
    });
    for (const r of results) if (!options.json) ctx.out(`[opsdeck] ${r.status === 'passed' ? '✓' : '✗'} check ${r.name}${r.detail ? `: ${r.detail}` : ''} (log ${r.logPath})`);
    const failed = results.filter((r) => r.status !== 'passed').map((r) => r.name);
    if (failed.length > 0) {
      if (!options.reason) {
        const hint = env.production && !config.deploy.allowProductionOverride ? 'production: no override' : 'override with --reason "why"';
        throw new UserError(`checks failed: ${failed.join(', ')} (${hint})`, EXIT_FAILURE);
      }
      override = { reason: options.reason, failedChecks: failed };
    }
  }
  const spec = plan(override);
  if (createTag) {
    const notes = draftReleaseNotes({ version, previous: versions[0] ?? null, date: new Date().toISOString().slice(0, 10), commits: await commitsSince(root, versions[0] ?? null) });
    const saved = await saveReleaseNotes(root, version, notes);
    if (!options.json) ctx.out(`[opsdeck] release notes drafted: ${saved}`);
  }
  spec.commit = (await commitOf(root, createTag ? 'HEAD' : version)) ?? null;
  if (ask && !(await confirmOnTty(config, env.name, formatPlan(config, spec, planOptions).join('\n')))) {
    ctx.err('opsdeck: cancelled; nothing was run');
    ctx.setExitCode(EXIT_FAILURE);
    return;
  }
  ctx.setExitCode(await launchAndFollow(spec, headlessIo(ctx), options.json === true));
}

export const registerDeploy: RegisterCommand = (program, ctx) => {
  program
    .command('deploy')
    .description('deploy VERSION to ENV: checks, confirmation, tag, deploy script, health, smoke, status (SOP §2.1-2.2)')
    .argument('<env>', 'an environment from config `environments`')
    .argument('<version>', 'a release version, vMAJOR.MINOR.PATCH (tagged from HEAD when the tag does not exist)')
    .option('-y, --yes', 'do not ask for confirmation (needed for production without a terminal)')
    .option('--dry-run', 'print the exact commands and run nothing')
    .option('--skip-checks', 'skip the automated checks (needs --reason; never on production unless config allows)')
    .option('--reason <text>', 'why failed or skipped checks are overridden (recorded in the journal)')
    .option('--push', 'push a new tag to the configured remote when it exists')
    .option('--json', 'print the result as JSON')
    .exitOverride()
    .action(async (env: string, version: string, _opts: unknown, cmd: Command) => {
      await deploy(ctx, env, version, parseOptions(OptionsSchema, cmd.opts()));
    });
};
