// `opsdeck incident open|note|ack|resolve|export|show` and `opsdeck incidents` (issue 6): the
// headless side of incident mode over `.orchestration/incidents.jsonl`.
import type { Command } from 'commander';
import { z } from 'zod';
import type { Incident } from '../models/incident-view.js';
import { loadConfigCached } from '../src/config/config-cache.js';
import { EXIT_USAGE, UserError } from '../src/errors.js';
import { createIncidentActions, parsePriority } from '../src/incident/incident-actions.js';
import type { IncidentActions } from '../src/incident/incident-actions.js';
import { formatIncidentList, formatIncidentRow, formatTimelineLine } from '../src/incident/incident-format.js';
import type { IncidentSnapshot } from '../src/incident/incident-snapshot.js';
import { slaState } from '../src/incident/sla.js';
import { incidentTimeline } from '../src/incident/timeline.js';
import { sanitizeLine } from '../src/sanitize/sanitize.js';
import type { ICliContext, RegisterCommand } from './cli-context.js';

const JsonSchema = z.strictObject({ json: z.boolean().optional() });
const ListSchema = z.strictObject({ json: z.boolean().optional(), open: z.boolean().optional() });
const ResolveSchema = z.strictObject({ json: z.boolean().optional(), cause: z.string().min(1, '--cause needs a run id').optional(), summary: z.string().optional() });
const ExportSchema = z.strictObject({ json: z.boolean().optional(), force: z.boolean().optional() });
const MAX_WARNINGS = 10;

function parseOptions<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const key = issue?.path.length ? `--${issue.path.join('.')}: ` : '';
  throw new UserError(`${key}${issue?.message ?? 'invalid options'}`, EXIT_USAGE);
}

async function actionsFor(ctx: ICliContext): Promise<IncidentActions> {
  const root = await ctx.resolveRoot();
  const config = await loadConfigCached(root);
  return createIncidentActions({ root, sla: config.incidents.sla });
}

function guardReadonly(ctx: ICliContext, name: string): void {
  if (ctx.globals().readonly) throw new UserError(`read-only mode: incident ${name} is disabled`, EXIT_USAGE);
}

/** Problems in the journal and the SOP go to stderr as warnings; they never stop a command. */
function warn(ctx: ICliContext, snapshot: IncidentSnapshot): void {
  const problems = [...snapshot.problems, ...snapshot.sla.problems];
  for (const p of problems.slice(0, MAX_WARNINGS)) ctx.err(`warning: ${sanitizeLine(p.file)}:${p.line}: ${sanitizeLine(p.reason)}`);
  if (problems.length > MAX_WARNINGS) ctx.err(`warning: and ${problems.length - MAX_WARNINGS} more problems`);
}

function withSla(incident: Incident, snapshot: IncidentSnapshot, now: Date) {
  return { ...incident, sla: slaState(incident, snapshot.sla.rules, now) };
}

function printOne(ctx: ICliContext, verb: string, incident: Incident, snapshot: IncidentSnapshot, json: boolean): void {
  const now = new Date();
  if (json) ctx.out(JSON.stringify(withSla(incident, snapshot, now), null, 2));
  else ctx.out(`${verb}: ${formatIncidentRow(incident, slaState(incident, snapshot.sla.rules, now))}`);
}

function optionsOf(cmd: Command): Record<string, unknown> {
  return { ...(cmd.parent?.opts() ?? {}), ...cmd.opts() };
}

export const registerIncident: RegisterCommand = (program, ctx) => {
  program
    .command('incidents')
    .description('list incidents (open first) with their SLA state')
    .option('--json', 'print JSON: incidents with SLA state, SLA rules and problems')
    .option('--open', 'only open and acknowledged incidents')
    .action(async (raw: unknown) => {
      const options = parseOptions(ListSchema, raw);
      const actions = await actionsFor(ctx);
      const snapshot = await actions.load();
      const now = new Date();
      const shown = options.open ? snapshot.incidents.filter((i) => i.status !== 'resolved') : snapshot.incidents;
      if (options.json) {
        ctx.out(
          JSON.stringify(
            { incidents: shown.map((i) => withSla(i, snapshot, now)), sla: snapshot.sla.rules, problems: [...snapshot.problems, ...snapshot.sla.problems] },
            null,
            2,
          ),
        );
        return;
      }
      warn(ctx, snapshot);
      if (shown.length === 0) ctx.out(options.open ? 'No open incidents.' : 'No incidents yet. Declare one with: opsdeck incident open P1 "title"');
      else ctx.out(formatIncidentList(shown, snapshot.sla.rules, now).join('\n'));
    });

  const incident = program.command('incident').description('declare and work an incident: open, note, ack, priority, resolve, export, show');

  incident
    .command('open')
    .description('declare an incident: opsdeck incident open P1 "payments down"')
    .argument('<priority>', 'P1, P2, P3 or P4')
    .argument('<title...>', 'what is wrong')
    .option('--json', 'print the incident as JSON')
    .action(async (priority: string, words: string[], _o: unknown, cmd: Command) => {
      const options = parseOptions(JsonSchema, optionsOf(cmd));
      guardReadonly(ctx, 'open');
      const p = parsePriority(priority);
      const { incident: opened, snapshot } = await (await actionsFor(ctx)).open(p, words.join(' '));
      printOne(ctx, 'opened', opened, snapshot, options.json ?? false);
    });

  incident
    .command('note')
    .description("add a note to an incident's timeline")
    .argument('<id>', 'an incident id or a unique fragment of it')
    .argument('<text...>', 'the note')
    .option('--json', 'print the incident as JSON')
    .action(async (ref: string, words: string[], _o: unknown, cmd: Command) => {
      const options = parseOptions(JsonSchema, optionsOf(cmd));
      guardReadonly(ctx, 'note');
      const { incident: changed, snapshot } = await (await actionsFor(ctx)).note(ref, words.join(' '));
      printOne(ctx, 'noted', changed, snapshot, options.json ?? false);
    });

  incident
    .command('ack')
    .description('acknowledge an incident (stops the response clock)')
    .argument('<id>', 'an incident id or a unique fragment of it')
    .option('--json', 'print the incident as JSON')
    .action(async (ref: string, _o: unknown, cmd: Command) => {
      const options = parseOptions(JsonSchema, optionsOf(cmd));
      guardReadonly(ctx, 'ack');
      const { incident: changed, snapshot } = await (await actionsFor(ctx)).acknowledge(ref);
      printOne(ctx, 'acknowledged', changed, snapshot, options.json ?? false);
    });

  incident
    .command('priority')
    .description('change the priority of an open incident (its SLA follows)')
    .argument('<id>', 'an incident id or a unique fragment of it')
    .argument('<priority>', 'P1, P2, P3 or P4')
    .option('--json', 'print the incident as JSON')
    .action(async (ref: string, priority: string, _o: unknown, cmd: Command) => {
      const options = parseOptions(JsonSchema, optionsOf(cmd));
      guardReadonly(ctx, 'priority');
      const p = parsePriority(priority);
      const { incident: changed, snapshot } = await (await actionsFor(ctx)).setPriority(ref, p);
      printOne(ctx, `now ${changed.priority}`, changed, snapshot, options.json ?? false);
    });

  incident
    .command('resolve')
    .description('resolve an incident, optionally naming the run that caused it')
    .argument('<id>', 'an incident id or a unique fragment of it')
    .option('--cause <run-id>', 'the deploy run id (from .orchestration/deploys.jsonl) that caused it')
    .option('--summary <text>', 'a one-line summary for the postmortem')
    .option('--json', 'print the incident as JSON')
    .action(async (ref: string, _o: unknown, cmd: Command) => {
      const options = parseOptions(ResolveSchema, optionsOf(cmd));
      guardReadonly(ctx, 'resolve');
      const { incident: changed, snapshot } = await (await actionsFor(ctx)).resolve(ref, options.cause ?? null, options.summary);
      printOne(ctx, 'resolved', changed, snapshot, options.json ?? false);
    });

  incident
    .command('export')
    .description('write the postmortem skeleton to .orchestration/incidents/ID.md')
    .argument('<id>', 'an incident id or a unique fragment of it')
    .option('--force', 'overwrite an existing postmortem file')
    .option('--json', 'print {id, path} as JSON')
    .action(async (ref: string, _o: unknown, cmd: Command) => {
      const options = parseOptions(ExportSchema, optionsOf(cmd));
      guardReadonly(ctx, 'export');
      const result = await (await actionsFor(ctx)).exportPostmortem(ref, options.force ?? false);
      ctx.out(options.json ? JSON.stringify({ id: result.incident.id, path: result.path }, null, 2) : `wrote ${result.path}`);
    });

  incident
    .command('show')
    .description('one incident with its timeline (notes, acks and the runs while it was open)')
    .argument('<id>', 'an incident id or a unique fragment of it')
    .option('--json', 'print the incident and its timeline as JSON')
    .action(async (ref: string, _o: unknown, cmd: Command) => {
      const options = parseOptions(JsonSchema, optionsOf(cmd));
      const { incident: found, snapshot } = await (await actionsFor(ctx)).find(ref);
      const now = new Date();
      const timeline = incidentTimeline(found, snapshot.runs, now);
      if (options.json) {
        ctx.out(JSON.stringify({ ...withSla(found, snapshot, now), timeline }, null, 2));
        return;
      }
      ctx.out([formatIncidentRow(found, slaState(found, snapshot.sla.rules, now)), ...timeline.map((e) => formatTimelineLine(e, now, Number.MAX_SAFE_INTEGER))].join('\n'));
    });
};
