// deploy and rollback for NON-production environments, registered only with mcp.allowWrite (and
// never under --readonly). Production environments are not in the tools' env enum and are refused
// again at call time. The same pieces as `opsdeck deploy` / `rollback`: the checks (which must
// pass: no override from an agent), the plan builder, the env lock and the detached runner. The
// tool returns once the run has started; explain_run follows it.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { Config } from '../../models/config.js';
import { DEPLOY_TOOL_NAMES } from '../../models/mcp-tools.js';
import type { RunSpec } from '../../models/run.js';
import { EXIT_FAILURE, UserError } from '../errors.js';
import { guard, jsonResult, requireRoot, type McpContext } from './tool-kit.js';

const WRITES = { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true } as const;

/** The environments an agent may deploy to: every one not marked production. */
export function agentEnvironments(config: Config): string[] {
  return config.environments.filter((e) => !e.production).map((e) => e.name);
}

function refuseProduction(config: Config, name: string): void {
  const env = config.environments.find((e) => e.name === name);
  if (!env) throw new UserError(`unknown environment "${name}"`);
  if (env.production) throw new UserError(`${name} is a production environment: deploys and rollbacks there are never run from MCP`);
}

async function launch(spec: RunSpec, config: Config, dryRun: boolean): Promise<Record<string, unknown>> {
  const { formatPlan } = await import('../deploy/plan.js');
  const plan = formatPlan(config, spec);
  if (dryRun) return { dry_run: true, run_id: null, env: spec.env, version: spec.version, plan };
  const { launchRun } = await import('../runs/launch-run.js');
  const started = await launchRun(spec);
  return { dry_run: false, run_id: started.runId, env: spec.env, version: spec.version, log_path: started.logPath, plan, next: `call explain_run with run_id ${started.runId} to follow it` };
}

/** Registers deploy and rollback when there is a non-production environment; returns the names registered. */
export function registerDeployTools(server: McpServer, ctx: McpContext): string[] {
  const envs = agentEnvironments(ctx.config);
  const [first, ...rest] = envs;
  if (first === undefined) return [];
  const EnvSchema = z.enum([first, ...rest]).describe(`a non-production environment: ${envs.join(', ')}`);

  server.registerTool(
    'deploy',
    {
      title: 'Deploy to a non-production environment',
      description: `Deploy a release version (vMAJOR.MINOR.PATCH; tagged from HEAD when new) to ${envs.join(', ')}: the configured checks must pass, then the detached run (deploy script, health, smoke, status) starts under the environment lock. Production is never available here. Returns the run id at once; follow it with explain_run. Enabled by mcp.allowWrite.`,
      inputSchema: {
        env: EnvSchema,
        version: z.string().min(1).describe('the release version, e.g. v1.4.0'),
        dry_run: z.boolean().optional().describe('only show the exact steps; run nothing'),
      },
      annotations: WRITES,
    },
    (args) =>
      guard(ctx, 'deploy', async () => {
        refuseProduction(ctx.config, args.env);
        const root = requireRoot(ctx);
        const { checkVersion } = await import('../deploy/template.js');
        const { isGitRepo, listVersions, commitOf } = await import('../deploy/git.js');
        const { readDeployRuns } = await import('../deploy/headless.js');
        const { deployedVersion } = await import('../deploy/deployed.js');
        const { buildDeployPlan } = await import('../deploy/plan.js');
        const { newRunId, whoAmI } = await import('../runs/run-ids.js');
        const version = checkVersion(args.version);
        const [versions, repo, { runs }] = await Promise.all([listVersions(root), isGitRepo(root), readDeployRuns(root)]);
        const createTag = !versions.includes(version);
        if (createTag && !repo) throw new UserError(`${root} is not a git repository: cannot create tag ${version}`);
        const runId = newRunId('deploy');
        const who = whoAmI();
        if (!args.dry_run && ctx.config.checks.length > 0) {
          const { runChecks } = await import('../deploy/run-checks.js');
          const { appendCommandLog } = await import('../runs/command-log.js');
          const results = await runChecks(root, ctx.config.checks, { tag: runId, record: (entry) => appendCommandLog(root, { ...entry, source: 'check', cwd: root, who }) });
          const failed = results.filter((r) => r.status !== 'passed');
          if (failed.length) throw new UserError(`checks failed: ${failed.map((r) => `${r.name} (${r.detail ?? 'failed'}, log ${r.logPath})`).join(', ')}; nothing was deployed`, EXIT_FAILURE);
        }
        const spec = buildDeployPlan(ctx.config, args.env, version, {
          root, runId, who, createTag, push: false, remote: null, override: null,
          previousVersion: deployedVersion(runs, args.env)?.version ?? null,
          commit: null,
        });
        if (createTag && !args.dry_run) {
          // as `opsdeck deploy` does: a new tag gets drafted release notes
          const { draftReleaseNotes } = await import('../deploy/release-notes.js');
          const { saveReleaseNotes } = await import('../deploy/release-notes-file.js');
          const { commitsSince } = await import('../deploy/git.js');
          const previous = versions[0] ?? null;
          await saveReleaseNotes(root, version, draftReleaseNotes({ version, previous, date: new Date().toISOString().slice(0, 10), commits: await commitsSince(root, previous) }));
        }
        spec.commit = (await commitOf(root, createTag ? 'HEAD' : version)) ?? null;
        return jsonResult(await launch(spec, ctx.config, args.dry_run === true));
      }),
  );

  server.registerTool(
    'rollback',
    {
      title: 'Roll back a non-production environment',
      description: `Roll ${envs.join(', ')} back to a given version, or (without version) to the previous one: rollback script, health, status, under the environment lock. Production is never available here. Returns the run id at once; follow it with explain_run. Enabled by mcp.allowWrite.`,
      inputSchema: {
        env: EnvSchema,
        version: z.string().min(1).optional().describe('the version to roll back to; default: the one deployed before the current one'),
        dry_run: z.boolean().optional().describe('only show the exact steps; run nothing'),
      },
      annotations: WRITES,
    },
    (args) =>
      guard(ctx, 'rollback', async () => {
        refuseProduction(ctx.config, args.env);
        const root = requireRoot(ctx);
        const { readDeployRuns } = await import('../deploy/headless.js');
        const { deployedVersion, previousVersion } = await import('../deploy/deployed.js');
        const { buildRollbackPlan } = await import('../deploy/plan.js');
        const { commitOf } = await import('../deploy/git.js');
        const { newRunId, whoAmI } = await import('../runs/run-ids.js');
        const { runs } = await readDeployRuns(root);
        const spec = buildRollbackPlan(ctx.config, args.env, args.version ? { kind: 'version', version: args.version } : { kind: 'immediate' }, {
          root,
          runId: newRunId('rollback'),
          who: whoAmI(),
          previousVersion: deployedVersion(runs, args.env)?.version ?? null,
          commit: null,
          targetVersion: args.version ? null : previousVersion(runs, args.env),
        });
        if (spec.version) spec.commit = await commitOf(root, spec.version);
        return jsonResult(await launch(spec, ctx.config, args.dry_run === true));
      }),
  );
  return [...DEPLOY_TOOL_NAMES];
}
