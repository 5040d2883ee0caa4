// `opsdeck runs [--json] [--limit N]` lists runs (deploys, rollbacks, backup verifications and
// recoveries), newest first, after marking dead ones interrupted; `opsdeck runs follow [RUN-ID]`
// streams a run's log until it ends (exit 0 success, 1 failed or interrupted).
import type { Command } from 'commander';
import { z } from 'zod';
import { EXIT_FAILURE, UserError } from '../src/errors.js';
import { sanitizeLine } from '../src/sanitize/sanitize.js';
import type { ICliContext, RegisterCommand } from './cli-context.js';

const LimitSchema = z.coerce.number({ message: '--limit must be a number' }).int('--limit must be a whole number').positive('--limit must be at least 1');
const ListOptionsSchema = z.strictObject({ json: z.boolean().optional(), limit: LimitSchema.optional() });
const FollowOptionsSchema = z.strictObject({ json: z.boolean().optional(), limit: z.unknown().optional() });

export function parseCliOptions<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const message = issue?.message ?? 'invalid options';
  throw new UserError(message.startsWith('--') ? message : `--${issue?.path.join('.') ?? ''}: ${message}`);
}

/** Problems in the journals go to stderr, one line each; they never stop the listing. */
export function reportProblems(ctx: ICliContext, problems: readonly string[]): void {
  for (const p of problems.slice(0, 20)) ctx.err(`warning: ${sanitizeLine(p, 200)}`);
  if (problems.length > 20) ctx.err(`warning: … and ${problems.length - 20} more journal problems`);
}

/** Marks dead runs interrupted; a journal that cannot be written is a warning, not a failure. */
export async function reconcile(ctx: ICliContext, run: () => Promise<string[]>): Promise<void> {
  try {
    for (const id of await run()) ctx.err(`marked run ${sanitizeLine(id, 60)} interrupted: its runner died without recording an end`);
  } catch (error) {
    ctx.err(`warning: could not mark dead runs interrupted: ${sanitizeLine((error as Error).message, 200)}`);
  }
}

async function listRuns(ctx: ICliContext, raw: unknown): Promise<void> {
  const options = parseCliOptions(ListOptionsSchema, raw);
  const root = await ctx.resolveRoot();
  const { readRuns, reconcileRuns, runSummary } = await import('../src/runs/index.js');
  const { formatRunsTable } = await import('../src/runs/run-table.js');
  if (!ctx.globals().readonly) await reconcile(ctx, () => reconcileRuns(root));
  const { runs, problems } = await readRuns(root);
  reportProblems(ctx, problems);
  const shown = runs.reverse().slice(0, options.limit ?? 20).map((r) => runSummary(r));
  ctx.out(options.json ? JSON.stringify(shown, null, 2) : formatRunsTable(shown).join('\n'));
}

async function follow(ctx: ICliContext, runIdArg: string | undefined): Promise<void> {
  const root = await ctx.resolveRoot();
  const { readRuns, isRunLive, reconcileRuns } = await import('../src/runs/index.js');
  const { followRun } = await import('../src/runs/follow-run.js');
  const readonly = ctx.globals().readonly;
  if (!readonly) await reconcile(ctx, () => reconcileRuns(root));
  const { runs } = await readRuns(root);
  const run = runIdArg ? runs.find((r) => r.id === runIdArg) : [...runs].reverse().find((r) => isRunLive(r));
  if (!run) throw new UserError(runIdArg ? `no run ${sanitizeLine(runIdArg, 60)}; opsdeck runs lists them` : 'no run is going on; opsdeck runs lists the recent ones');
  const tty = Boolean(process.stdout.isTTY);
  const s = run.started;
  ctx.err(`following ${run.id}: ${s.kind}${s.env ? ` ${sanitizeLine(s.env, 40)}` : ''}${s.version ? ` ${sanitizeLine(s.version, 40)}` : ''} by ${sanitizeLine(s.who, 60)}`);
  const finished = await followRun(root, run.id, (text) => ctx.out(text), { keepSgr: tty && ctx.globals().color, keepCr: tty, reconcile: !readonly });
  const result = finished.finished?.result ?? 'unknown';
  ctx.err(`run ${run.id}: ${result}${finished.finished?.failedStep ? ` at step ${finished.finished.failedStep}` : ''}`);
  if (result !== 'success') ctx.setExitCode(EXIT_FAILURE);
}

export const registerRuns: RegisterCommand = (program, ctx) => {
  const runs = program
    .command('runs')
    .description('list deploy, rollback and backup runs, newest first (dead runs are marked interrupted)')
    .option('--json', 'print JSON')
    .option('-n, --limit <n>', 'show at most N runs (default 20)')
    .exitOverride()
    .action(async (raw: unknown) => listRuns(ctx, raw));

  runs
    .command('follow')
    .description('stream a run\'s log until it ends (default: the newest live run); exit 0 on success, 1 otherwise')
    .argument('[run-id]', 'the run to follow')
    .exitOverride()
    .action(async (runId: string | undefined, _opts: unknown, cmd: Command) => {
      parseCliOptions(FollowOptionsSchema, { ...(cmd.parent?.opts() ?? {}), ...cmd.opts() });
      await follow(ctx, runId);
    });
};
