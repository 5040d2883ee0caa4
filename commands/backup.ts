// `opsdeck backup [status] [--json]`, `opsdeck backup verify [COMPONENT]` and
// `opsdeck backup restore-plan [--json]` (issue 5, SOP §4). Status exits 0 when all is well,
// 1 on anything overdue or failed, an RPO breach or a retention shortfall, 2 on a config error.
// `status` starts the source queries as soon as the config is read: the policy (sop.md, cron
// schedules) is built while restic derives its keys, so those run in parallel.
// zod and the YAML config loader load on first use too: neither is needed to start restic.
import type { Command } from 'commander';
import type { z as Zod } from 'zod';
import { EXIT_FAILURE, UserError } from '../src/errors.js';
import type { ICliContext, RegisterCommand } from './cli-context.js';

type ZodApi = typeof Zod;
const statusOptions = (z: ZodApi) => z.strictObject({ json: z.boolean().optional() });
const verifyOptions = (z: ZodApi) => z.strictObject({ json: z.boolean().optional() });
const planOptions = (z: ZodApi) => z.strictObject({ json: z.boolean().optional(), dryRun: z.boolean().optional() });

async function parseOptions<T>(schema: (z: ZodApi) => Zod.ZodType<T>, value: unknown): Promise<T> {
  const { z } = await import('zod');
  const result = schema(z).safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new UserError(`${issue?.path.length ? `--${issue.path.join('.')}: ` : ''}${issue?.message ?? 'invalid options'}`);
}

async function context(ctx: ICliContext) {
  const root = await ctx.resolveRoot();
  const { loadConfigCached } = await import('../src/config/config-cache.js');
  const config = await loadConfigCached(root);
  const { loadPolicy } = await import('../src/backup/load.js');
  const policy = await loadPolicy(root, config.backups);
  return { root, config, policy };
}

async function status(ctx: ICliContext, options: unknown): Promise<void> {
  const root = await ctx.resolveRoot();
  // a config that validated before under this build comes from the cache: no YAML parser, no zod
  const { loadConfigCached } = await import('../src/config/config-cache.js');
  const config = await loadConfigCached(root);
  const { queryComponents } = await import('../src/backup/query.js');
  const controller = new AbortController();
  const { concurrency, listingCache } = config.backups;
  // sources come only from backups.components, so the queries need no policy yet
  let onStarted = (): void => undefined;
  const allStarted = new Promise<void>((resolve) => (onStarted = resolve));
  const started = queryComponents(config.backups.components, { root, concurrency, listingCache, signal: controller.signal, onStarted });
  try {
    // nothing else loads until every restic has started: module loading would only delay them
    await Promise.race([allStarted, started]);
    const { json } = await parseOptions(statusOptions, options);
    const [{ loadPolicy, collectReport }, { formatReport }] = await Promise.all([import('../src/backup/load.js'), import('../src/backup/format.js')]);
    const policy = await loadPolicy(root, config.backups);
    const report = await collectReport(root, policy, concurrency, { started });
    if (json) ctx.out(JSON.stringify(report, null, 2));
    else ctx.out(formatReport(report).join('\n'));
    ctx.setExitCode(report.alert ? EXIT_FAILURE : 0);
  } finally {
    controller.abort();
  }
}

async function restorePlan(ctx: ICliContext, json: boolean): Promise<void> {
  const { root, policy } = await context(ctx);
  const [{ formatPlan, planSteps }, { readBackupJournal, recoveryRunsByStep }] = await Promise.all([import('../src/backup/format.js'), import('../src/backup/journal.js')]);
  const steps = planSteps(policy, recoveryRunsByStep(await readBackupJournal(root)));
  if (json) ctx.out(JSON.stringify({ dryRun: true, rtoMs: policy.rtoMs, rpoMs: policy.rpoMs, rto: policy.rtoText, rpo: policy.rpoText, steps }, null, 2));
  else ctx.out(formatPlan(policy, steps).join('\n'));
}

/** Launches the verify run and follows it to the end (Ctrl-C detaches; the run goes on). */
async function verify(ctx: ICliContext, component: string | undefined, json: boolean): Promise<void> {
  const { root, config, policy } = await context(ctx);
  const [{ verifySpec }, { launchRun, newRunId, whoAmI }, { followRun }, { logPrinter, runSummary }] = await Promise.all([
    import('../src/backup/runbook.js'),
    import('../src/runs/index.js'),
    import('../src/deploy/follow.js'),
    import('../src/deploy/headless.js'),
  ]);
  const spec = verifySpec({ root, who: whoAmI(), runId: newRunId('verify') }, policy, config.scripts.verifyBackup, component);
  const io = { out: ctx.out, err: ctx.err, write: (text: string) => process.stdout.write(text), isTty: process.stdout.isTTY === true };
  await launchRun(spec);
  if (!json) ctx.out(`[opsdeck] verify ${component ?? 'all'}: run ${spec.id} (${spec.steps.map((s) => s.title).join(', ')}); Ctrl-C detaches, the run goes on`);
  const printer = logPrinter(io);
  const detach = (): void => {
    ctx.err(`opsdeck: detached; the run goes on. Follow it with: opsdeck runs follow ${spec.id}`);
    process.exit(130);
  };
  process.once('SIGINT', detach);
  try {
    const run = await followRun(root, spec.id, { journal: spec.journal, onOutput: json ? undefined : (text) => printer.push(text) });
    printer.flush();
    const result = run?.finished?.result ?? 'interrupted';
    if (json) ctx.out(JSON.stringify(runSummary(run, spec.id), null, 2));
    else ctx.out(`[opsdeck] verify ${component ?? 'all'}: ${result}${run?.finished?.failedStep ? ` (failed step: ${run.finished.failedStep})` : ''}`);
    ctx.setExitCode(result === 'success' ? 0 : EXIT_FAILURE);
  } finally {
    process.off('SIGINT', detach);
  }
}

export const registerBackup: RegisterCommand = (program, ctx) => {
  const backup = program
    .command('backup')
    .description('backup status, verification and the recovery runbook (SOP §4)')
    .option('--json', 'print JSON')
    .exitOverride()
    .action(async (_opts: unknown, cmd: Command) => {
      await status(ctx, cmd.opts());
    });
  backup
    .command('status')
    .description('per component: last backup, next expected, state, retention, verification; the RPO gauge (exit 1 when anything needs attention)')
    .option('--json', 'print JSON')
    .exitOverride()
    .action(async (_opts: unknown, cmd: Command) => {
      await status(ctx, { ...cmd.parent?.opts(), ...cmd.opts() });
    });
  backup
    .command('verify')
    .description('verify backups (scripts.verifyBackup and restic check) as a detached run recorded in .orchestration/backups.jsonl')
    .argument('[component]', 'only this component')
    .option('--json', 'print the result as JSON')
    .exitOverride()
    .action(async (component: string | undefined, _opts: unknown, cmd: Command) => {
      await verify(ctx, component, (await parseOptions(verifyOptions, { ...cmd.parent?.opts(), ...cmd.opts() })).json === true);
    });
  backup
    .command('restore-plan')
    .description('the SOP §4.3 recovery runbook with RTO/RPO and each exact command (runs nothing)')
    .option('--json', 'print JSON')
    .option('--dry-run', 'the default: show the plan, run nothing')
    .exitOverride()
    .action(async (_opts: unknown, cmd: Command) => {
      await restorePlan(ctx, (await parseOptions(planOptions, { ...cmd.parent?.opts(), ...cmd.opts() })).json === true);
    });
};
