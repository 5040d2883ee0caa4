// `opsdeck rollback (VERSION | --immediate | --db MIGRATION) --env ENV [--yes] [--dry-run] [--json]`
// (issue 4, SOP §2.3), with the deploy's confirmation rules. Exit codes as `opsdeck deploy`.
import type { Command } from 'commander';
import { z } from 'zod';
import { loadConfigCached } from '../src/config/config-cache.js';
import { deployedVersion, previousVersion } from '../src/deploy/deployed.js';
import { commitOf } from '../src/deploy/git.js';
import { confirmOnTty, launchAndFollow, needsQuestion, readDeployRuns } from '../src/deploy/headless.js';
import { buildRollbackPlan, findEnvironment, formatPlan } from '../src/deploy/plan.js';
import type { RollbackTarget } from '../src/deploy/plan.js';
import { EXIT_FAILURE, UserError } from '../src/errors.js';
import { newRunId, whoAmI } from '../src/runs/run-ids.js';
import type { ICliContext, RegisterCommand } from './cli-context.js';
import { headlessIo, parseOptions } from './deploy.js';

const OptionsSchema = z.strictObject({
  env: z.string().min(1, '--env needs an environment'),
  immediate: z.boolean().optional(),
  db: z.string().min(1, '--db needs a migration name').optional(),
  yes: z.boolean().optional(),
  dryRun: z.boolean().optional(),
  json: z.boolean().optional(),
});

function targetOf(version: string | undefined, options: z.infer<typeof OptionsSchema>): RollbackTarget {
  const given = [version !== undefined, options.immediate === true, options.db !== undefined].filter(Boolean).length;
  if (given !== 1) throw new UserError('give exactly one of: VERSION, --immediate, --db MIGRATION');
  if (options.immediate) return { kind: 'immediate' };
  if (options.db !== undefined) return { kind: 'db', migration: options.db };
  return { kind: 'version', version: version as string };
}

async function rollback(ctx: ICliContext, version: string | undefined, options: z.infer<typeof OptionsSchema>): Promise<void> {
  const target = targetOf(version, options);
  const root = await ctx.resolveRoot();
  const config = await loadConfigCached(root);
  const env = findEnvironment(config, options.env);
  if (!options.dryRun && ctx.globals().readonly) throw new UserError('read-only mode: rollback is disabled');
  const { runs } = await readDeployRuns(root);
  const current = deployedVersion(runs, env.name)?.version ?? null;
  const spec = buildRollbackPlan(config, env.name, target, {
    root,
    runId: newRunId('rollback'),
    who: whoAmI(),
    previousVersion: current,
    commit: null,
    targetVersion: target.kind === 'immediate' ? previousVersion(runs, env.name) : null,
  });
  if (spec.version) spec.commit = await commitOf(root, spec.version);
  const lines = formatPlan(config, spec);
  if (options.dryRun) {
    if (options.json) ctx.out(JSON.stringify({ dryRun: true, plan: spec, lines }, null, 2));
    else ctx.out(['dry run: nothing is executed', ...lines].join('\n'));
    return;
  }
  const ask = needsQuestion(config, env.name, options.yes === true);
  if (ask && !(await confirmOnTty(config, env.name, lines.join('\n')))) {
    ctx.err('opsdeck: cancelled; nothing was run');
    ctx.setExitCode(EXIT_FAILURE);
    return;
  }
  ctx.setExitCode(await launchAndFollow(spec, headlessIo(ctx), options.json === true));
}

export const registerRollback: RegisterCommand = (program, ctx) => {
  program
    .command('rollback')
    .description('roll ENV back: to VERSION, --immediate (to the previous version) or --db MIGRATION (SOP §2.3)')
    .argument('[version]', 'the release version to roll back to, e.g. v1.2.2')
    .requiredOption('-e, --env <env>', 'the environment')
    .option('--immediate', 'immediate rollback: ./scripts/rollback.sh immediate')
    .option('--db <migration>', 'database rollback of one migration: ./scripts/db-rollback.sh MIGRATION')
    .option('-y, --yes', 'do not ask for confirmation (needed for production without a terminal)')
    .option('--dry-run', 'print the exact commands and run nothing')
    .option('--json', 'print the result as JSON')
    .exitOverride()
    .action(async (version: string | undefined, _opts: unknown, cmd: Command) => {
      await rollback(ctx, version, parseOptions(OptionsSchema, cmd.opts()));
    });
};
