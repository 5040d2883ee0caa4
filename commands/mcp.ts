// `opsdeck mcp` (issue 7): a stdio MCP server with the SOP's neural-processing tools
// (chat_completion, stream_chat, benchmark_model, validate_model, get_system_info,
// list_available_models) and read-only ops tools over the repo. Register it with
// `claude mcp add neural-processing -- opsdeck mcp`. The server code is imported only here, and
// zod, the config schemas and the MCP SDK only once they are needed (src/mcp/serve-stdio.ts):
// a start that finds its answers in the start cache gives tools/list before they load.
import pkg from '../package.json' with { type: 'json' };
import type { ICliContext, RegisterCommand } from './cli-context.js';
import type { Config } from '../models/config.js';
import type { StdioStreams } from '../src/mcp/server.js';
import type { ServeStdioOptions } from '../src/mcp/serve-stdio.js';
import { UserError } from '../src/errors.js';

/** After the server stops, anything still holding the event loop (a native handle) gets this long. */
const EXIT_GRACE_MS = 3000;

/** The config for the SDK server: validated once per file text and build (the cockpit's cache), defaults without a repo. */
async function loadMcpConfig(root: string | undefined): Promise<Config> {
  // zod compiles a fast parser for each object schema on its first parse; a server that parses
  // each schema a few times gains nothing from it. Set before any schema exists (the config
  // and SDK schemas are built when their modules load).
  const { config: zodConfig } = await import('zod');
  zodConfig({ jitless: true });
  if (root === undefined) return (await import('../models/config.js')).ConfigSchema.parse({});
  const { loadConfigCached } = await import('../src/config/config-cache.js');
  return loadConfigCached(root);
}

/** Serves until the client closes stdin. No repo is fine (the LLM tools work); a bad --root or config is not. */
export async function serveMcp(ctx: ICliContext, streams?: StdioStreams, start?: ServeStdioOptions['start']): Promise<void> {
  const globals = ctx.globals();
  let root: string | undefined;
  try {
    root = await ctx.resolveRoot();
  } catch (error) {
    if (!(error instanceof UserError) || globals.root !== undefined || globals.demo) throw error;
  }
  const { serveStdio } = await import('../src/mcp/serve-stdio.js');
  await serveStdio({ root, cwd: process.cwd(), version: pkg.version, readonly: globals.readonly ?? false, loadConfig: loadMcpConfig, streams, start });
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
