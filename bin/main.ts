// The executable entry: parses global options, registers subcommands and maps errors to
// one-line messages and exit codes. The cockpit (Ink/React) is imported lazily so that
// headless commands never pay for it.
import type { Command } from 'commander';
import pkg from '../package.json' with { type: 'json' };
import { cockpitOnlyOptions, commandsFor } from '../commands/index.js';
import type { GlobalOptions, ICliContext } from '../commands/cli-context.js';
import { findRepoRoot } from '../src/cli/find-root.js';
import { sanitizeLine } from '../src/sanitize/sanitize.js';
import { EXIT_FAILURE, EXIT_USAGE, UserError, errorMessage } from '../src/errors.js';
import { restoreCaEnv } from '../src/net/ca-env.js';

// before anything can start a child: NODE_EXTRA_CA_CERTS as the user set it (bin/opsdeck parked it)
restoreCaEnv();

/**
 * Imports a module while the global `fetch` is hidden. yoga-layout's wasm loader (inside
 * Ink) tests `typeof fetch`, and merely reading Node's lazy `fetch` global loads undici,
 * about 20-30 ms of a cold start; without it the loader decodes its inline wasm directly.
 * The original property is put back untouched afterwards.
 */
async function importWithoutFetch<T>(load: () => Promise<T>): Promise<T> {
  const original = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (!original?.configurable) return load();
  Object.defineProperty(globalThis, 'fetch', { value: undefined, configurable: true, writable: true });
  try {
    return await load();
  } finally {
    Object.defineProperty(globalThis, 'fetch', original);
  }
}

type ContextState = { exitCode: number; demoRoot?: string };

function makeContext(globals: () => GlobalOptions, state: ContextState): ICliContext {
  return {
    globals,
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    setExitCode: (code) => {
      state.exitCode = code;
    },
    resolveRoot: async () => {
      const opts = globals();
      if (opts.demo) {
        const { createDemoWorkspace } = await import('../src/demo/create-demo.js');
        state.demoRoot ??= await createDemoWorkspace();
        return state.demoRoot;
      }
      return findRepoRoot(process.cwd(), opts.root);
    },
  };
}

/** One line for an error that reached the top; UserError carries its own exit code. */
function report(error: unknown): number {
  if (error instanceof UserError) {
    process.stderr.write(`opsdeck: ${error.message}\n`);
    return error.exitCode;
  }
  process.stderr.write(`opsdeck: ${errorMessage(error)}\n`);
  if (process.env.OPSDECK_DEBUG && error instanceof Error) process.stderr.write(`${error.stack ?? ''}\n`);
  return EXIT_FAILURE;
}

async function main(argv: string[]): Promise<number> {
  const state: ContextState = { exitCode: 0 };
  const quick = cockpitOnlyOptions(argv);
  if (quick) {
    try {
      const { runCockpit } = await importWithoutFetch(() => import('../commands/cockpit.js'));
      return await runCockpit(makeContext(() => quick, state));
    } catch (error) {
      return report(error);
    }
  }
  const { Command, CommanderError } = await import('commander');
  const program = new Command('opsdeck');
  const ctx = makeContext(() => program.opts<GlobalOptions>(), state);

  program
    .description('A terminal operations cockpit: tasks, deploys, backups, KPIs, incidents and local LLM chat.')
    .version(pkg.version, '-V, --version', 'print the version')
    .option('-r, --root <dir>', 'the repo root (default: walk up to the folder that holds .orchestration/)')
    .option('--demo', 'open a fresh copy of the bundled demo workspace')
    .option('--no-color', 'disable colour (NO_COLOR is honoured too)')
    .option('--readonly', 'disable every mutating action')
    .showHelpAfterError('(run opsdeck --help for usage)')
    .exitOverride()
    .action(async () => {
      // `opsdeck typo`: the root takes no arguments, so an operand is an unknown command
      const [unknown] = program.args;
      if (unknown !== undefined) program.error(`error: unknown command '${sanitizeLine(unknown, 40)}'`, { code: 'commander.unknownCommand', exitCode: EXIT_USAGE });
      const { runCockpit } = await importWithoutFetch(() => import('../commands/cockpit.js'));
      state.exitCode = await runCockpit(ctx);
    });

  // Subcommands inherit exitOverride, showHelpAfterError and excess-argument errors from
  // `program` at creation; the root alone lets operands through to report them as unknown
  // commands (set after registering, so subcommands keep rejecting excess arguments).
  for (const register of await Promise.all(commandsFor(argv).map((c) => c.load()))) register(program, ctx);
  // commands attached with addCommand() inherit nothing: give every level exitOverride
  const overrideAll = (command: Command): void => {
    for (const sub of command.commands) overrideAll(sub.exitOverride());
  };
  overrideAll(program);
  program.allowExcessArguments(true);
  program.helpCommand(true); // `opsdeck help [command]` (commander omits it when the root has an action)

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') {
        return 0;
      }
      return EXIT_USAGE;
    }
    return report(error);
  }
  return state.exitCode;
}

process.exitCode = await main(process.argv.slice(2));
