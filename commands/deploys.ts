// `opsdeck deploys [--json] [--env E] [--limit N]`: deploy and rollback history from
// `.orchestration/deploys.jsonl`, newest first.
import { z } from 'zod';
import { sanitizeLine } from '../src/sanitize/sanitize.js';
import type { RegisterCommand } from './cli-context.js';
import { parseCliOptions, reconcile, reportProblems } from './runs.js';

const OptionsSchema = z.strictObject({
  json: z.boolean().optional(),
  env: z.string().trim().min(1, '--env needs an environment name').optional(),
  limit: z.coerce.number({ message: '--limit must be a number' }).int('--limit must be a whole number').positive('--limit must be at least 1').optional(),
});

export const registerDeploys: RegisterCommand = (program, ctx) => {
  program
    .command('deploys')
    .description('deploy and rollback history from .orchestration/deploys.jsonl, newest first')
    .option('--json', 'print JSON')
    .option('-e, --env <env>', 'only this environment')
    .option('-n, --limit <n>', 'show at most N entries (default 20)')
    .exitOverride()
    .action(async (raw: unknown) => {
      const options = parseCliOptions(OptionsSchema, raw);
      const root = await ctx.resolveRoot();
      const { DEPLOYS_JOURNAL, readRuns, reconcileRuns, runSummary } = await import('../src/runs/index.js');
      const { formatDeploysTable } = await import('../src/runs/run-table.js');
      if (!ctx.globals().readonly) await reconcile(ctx, () => reconcileRuns(root, DEPLOYS_JOURNAL));
      const { runs, problems } = await readRuns(root, DEPLOYS_JOURNAL);
      reportProblems(ctx, problems);
      const shown = runs
        .filter((r) => (r.started.kind === 'deploy' || r.started.kind === 'rollback') && (!options.env || r.started.env === options.env))
        .reverse()
        .slice(0, options.limit ?? 20)
        .map((r) => runSummary(r));
      if (options.json) ctx.out(JSON.stringify(shown, null, 2));
      else if (shown.length === 0 && options.env) ctx.out(`no deploys to ${sanitizeLine(options.env, 40)} yet`);
      else ctx.out(formatDeploysTable(shown).join('\n'));
    });
};
