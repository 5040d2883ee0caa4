// `opsdeck kpi [--json] [--window 30d|90d] [--env production]`: DORA figures and the SOP §6
// KPIs measured beside stated. Exit 1 when a measured KPI misses its target (a release
// gate), 2 on usage or config errors.
import { z } from 'zod';
import { loadConfigCached } from '../src/config/config-cache.js';
import { EXIT_FAILURE, UserError } from '../src/errors.js';
import { shouldUseColor } from '../src/cli/color.js';
import type { RegisterCommand } from './cli-context.js';

const OptionsSchema = z.strictObject({
  json: z.boolean().optional(),
  window: z
    .string()
    .regex(/^(30|90)d?$/, '--window takes 30d or 90d')
    .transform((w) => Number.parseInt(w, 10))
    .optional(),
  env: z.string().trim().min(1, '--env needs an environment name').optional(),
});

function parseOptions(value: unknown): z.infer<typeof OptionsSchema> {
  const result = OptionsSchema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new UserError(issue?.message ?? 'invalid options');
}

export const registerKpi: RegisterCommand = (program, ctx) => {
  program
    .command('kpi')
    .description('DORA metrics and SOP §6 KPIs from the deploy journal, incidents, git and metrics (exit 1 when a KPI misses its target)')
    .option('--json', 'print the report as JSON')
    .option('-w, --window <days>', '30d or 90d (default: kpis.windowDays)')
    .option('-e, --env <name>', 'environment (default: kpis.environment)')
    .exitOverride()
    .action(async (rawOptions: unknown) => {
      const options = parseOptions(rawOptions);
      const root = await ctx.resolveRoot();
      const config = await loadConfigCached(root);
      const environment = options.env ?? config.kpis.environment;
      const known = config.environments.map((e) => e.name);
      if (!known.includes(environment)) throw new UserError(`unknown environment "${environment}" (known: ${known.join(', ')})`);
      const { computeKpiReport } = await import('../src/kpi/compute.js');
      const { anyMiss } = await import('../src/kpi/kpi-rows.js');
      const report = await computeKpiReport({ root, kpis: config.kpis, windowDays: options.window, environment });
      if (!ctx.globals().readonly) try {
        const { writeKpiCache } = await import('../src/kpi/kpi-cache.js');
        await writeKpiCache(root, report);
      } catch {
        // the cache is an optimisation; a read-only checkout still gets its answer
      }
      if (options.json) ctx.out(JSON.stringify(report, null, 2));
      else {
        const { formatReport } = await import('../src/kpi/format-report.js');
        ctx.out(formatReport(report, shouldUseColor(ctx.globals().color)).join('\n'));
      }
      if (anyMiss(report.kpis)) ctx.setExitCode(EXIT_FAILURE);
    });
};
