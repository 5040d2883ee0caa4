// `opsdeck mcp` (issue 7): a stdio MCP server with the SOP's neural-processing tools
// (chat_completion, stream_chat, benchmark_model, validate_model, get_system_info,
// list_available_models) and read-only ops tools over the repo. Register it with
// `claude mcp add neural-processing -- opsdeck mcp`. The server code is imported only here.
import { config as zodConfig } from 'zod';
import pkg from '../package.json' with { type: 'json' };
import type { ICliContext, RegisterCommand } from './cli-context.js';
import type { StdioStreams } from '../src/mcp/server.js';
import { UserError } from '../src/errors.js';

/** After the server stops, anything still holding the event loop (a native handle) gets this long. */
const EXIT_GRACE_MS = 3000;

/** Serves until the client closes stdin. No repo is fine (the LLM tools work); a bad --root or config is not. */
export async function serveMcp(ctx: ICliContext, streams?: StdioStreams): Promise<void> {
  const globals = ctx.globals();
  let root: string | undefined;
  try {
    root = await ctx.resolveRoot();
  } catch (error) {
    if (!(error instanceof UserError) || globals.root !== undefined || globals.demo) throw error;
  }
  // Start-up: zod compiles a fast parser for each object schema on its first parse; a server
  // that parses each schema a few times gains nothing from it. Set before any schema exists
  // (the config and SDK schemas are built when their modules load, below).
  zodConfig({ jitless: true });
  const { defaultConfig, loadConfig } = await import('../src/config/load-config.js');
  // the server module loads while the config is read
  const [config, { runMcpStdio }] = await Promise.all([root ? loadConfig(root) : defaultConfig(), import('../src/mcp/server.js')]);
  await runMcpStdio({ root, cwd: process.cwd(), config, version: pkg.version, readonly: globals.readonly ?? false }, streams);
}

export const registerMcp: RegisterCommand = (program, ctx) => {
  program
    .command('mcp')
    .description('serve local LLM and read-only ops tools over MCP on stdio (claude mcp add neural-processing -- opsdeck mcp)')
    .action(async () => {
      await serveMcp(ctx);
      setTimeout(() => process.exit(process.exitCode ?? 0), EXIT_GRACE_MS).unref();
    });
};
