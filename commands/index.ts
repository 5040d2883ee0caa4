// Every subcommand, in the order `opsdeck --help` lists them. Each module is imported only
// when its command runs (or for the full help listing), so the cockpit and every headless
// command pay only for their own code.
import type { GlobalOptions, RegisterCommand } from './cli-context.js';

export type CommandEntry = {
  /** The command names the module registers (e.g. `incident` and `incidents`). */
  names: string[];
  load: () => Promise<RegisterCommand>;
};

export const COMMANDS: CommandEntry[] = [
  { names: ['tasks'], load: async () => (await import('./tasks.js')).registerTasks },
  { names: ['deploy'], load: async () => (await import('./deploy.js')).registerDeploy },
  { names: ['rollback'], load: async () => (await import('./rollback.js')).registerRollback },
  { names: ['runs'], load: async () => (await import('./runs.js')).registerRuns },
  { names: ['deploys'], load: async () => (await import('./deploys.js')).registerDeploys },
  { names: ['backup'], load: async () => (await import('./backup.js')).registerBackup },
  { names: ['kpi'], load: async () => (await import('./kpi.js')).registerKpi },
  { names: ['incident', 'incidents'], load: async () => (await import('./incident.js')).registerIncident },
  { names: ['init'], load: async () => (await import('./init.js')).registerInit },
  { names: ['doctor'], load: async () => (await import('./doctor.js')).registerDoctor },
  { names: ['config'], load: async () => (await import('./config.js')).registerConfig },
  { names: ['gpu'], load: async () => (await import('./gpu.js')).registerGpu },
  { names: ['chat'], load: async () => (await import('./chat.js')).registerChat },
  { names: ['models'], load: async () => (await import('./models.js')).registerModels },
  { names: ['bench'], load: async () => (await import('./bench-model.js')).registerBench },
  { names: ['mcp'], load: async () => (await import('./mcp.js')).registerMcp },
];

/** Global options that take a value (their value is not a command name). */
const VALUE_OPTIONS = new Set(['-r', '--root']);

/** The first operand of argv, skipping global options and their values; undefined for none. */
export function firstOperand(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--') return argv[i + 1];
    if (VALUE_OPTIONS.has(arg)) {
      i += 1;
      continue;
    }
    if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

/**
 * The command modules argv needs: none for the cockpit, the one named, or all of them for
 * `--help`, `help` and unknown names (so help lists everything and typos get suggestions).
 */
export function commandsFor(argv: readonly string[]): CommandEntry[] {
  const operand = firstOperand(argv);
  if (operand === undefined) return argv.includes('--help') || argv.includes('-h') ? COMMANDS : [];
  const entry = COMMANDS.find((c) => c.names.includes(operand));
  return entry ? [entry] : COMMANDS;
}

/**
 * The global options when argv holds nothing else (`opsdeck`, `opsdeck --demo`, `opsdeck -r DIR
 * --readonly`): the cockpit then starts without loading commander. Anything else (a command,
 * --help, an unknown or malformed option) returns undefined and goes through commander.
 */
export function cockpitOnlyOptions(argv: readonly string[]): GlobalOptions | undefined {
  const opts: GlobalOptions = { color: true, readonly: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const next = argv[i + 1];
    if (arg === '--demo') opts.demo = true;
    else if (arg === '--no-color') opts.color = false;
    else if (arg === '--readonly') opts.readonly = true;
    else if ((arg === '-r' || arg === '--root') && next !== undefined && next !== '' && !next.startsWith('-')) {
      opts.root = next;
      i += 1;
    } else if (arg.startsWith('--root=') && arg.length > 7) opts.root = arg.slice(7);
    else return undefined;
  }
  return opts;
}
