// The executable entry: parses global options, registers subcommands and maps errors to
// one-line messages and exit codes. The cockpit (Ink/React) is imported lazily so that
// headless commands never pay for it.
import { Command, CommanderError } from 'commander';
import pkg from '../package.json' with { type: 'json' };
import { COMMANDS } from '../commands/index.js';
import type { GlobalOptions, ICliContext } from '../commands/cli-context.js';
import { findRepoRoot } from '../src/cli/find-root.js';
import { createDemoWorkspace } from '../src/demo/create-demo.js';
import { EXIT_FAILURE, EXIT_USAGE, UserError, errorMessage } from '../src/errors.js';

async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  let demoRoot: string | undefined;
  const program = new Command('opsdeck');
  const ctx: ICliContext = {
    globals: () => program.opts<GlobalOptions>(),
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    setExitCode: (code) => {
      exitCode = code;
    },
    resolveRoot: async () => {
      const opts = program.opts<GlobalOptions>();
      if (opts.demo) {
        demoRoot ??= await createDemoWorkspace();
        return demoRoot;
      }
      return findRepoRoot(process.cwd(), opts.root);
    },
  };

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
      const { runCockpit } = await import('../commands/cockpit.js');
      exitCode = await runCockpit(ctx);
    });

  for (const register of COMMANDS) register(program, ctx);
  for (const sub of program.commands) sub.exitOverride();

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') {
        return 0;
      }
      return EXIT_USAGE;
    }
    if (error instanceof UserError) {
      process.stderr.write(`opsdeck: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`opsdeck: ${errorMessage(error)}\n`);
    if (process.env.OPSDECK_DEBUG && error instanceof Error) process.stderr.write(`${error.stack ?? ''}\n`);
    return EXIT_FAILURE;
  }
  return exitCode;
}

process.exitCode = await main(process.argv.slice(2));
