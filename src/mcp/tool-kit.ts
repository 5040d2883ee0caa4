// What every tool module shares: the server context, result builders and the error wrapper that
// turns a thrown error into an MCP tool error (isError: true) instead of a dead server.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Config } from '../../models/config.js';
import { UserError, errorMessage } from '../errors.js';
import type { GpuMonitorOptions } from '../gpu/gpu-monitor-types.js';
import type { ILlmService } from './llm-service.js';

export type McpContext = {
  /** The repo (--root or found from the cwd); undefined when there is none (LLM tools still work). */
  root: string | undefined;
  cwd: string;
  config: Config;
  llm: ILlmService;
  /** opsdeck's version. */
  version: string;
  /** One line to the server log (stderr). */
  log: (line: string) => void;
  /** GPU monitor options for get_system_info (tests point nvidia-smi at a fake). */
  gpu?: GpuMonitorOptions;
};

/** The repo root, or a tool error that says how to give one. */
export function requireRoot(ctx: McpContext): string {
  if (ctx.root) return ctx.root;
  throw new UserError(`no opsdeck repo: ${ctx.cwd} has no .orchestration/ folder above it; start the server with --root DIR (opsdeck --root DIR mcp)`);
}

/** A structured result; the text block is the same data as JSON (for clients without structuredContent). */
export function jsonResult(data: Record<string, unknown>, text?: string): CallToolResult {
  return { content: [{ type: 'text', text: text ?? JSON.stringify(data, null, 2) }], structuredContent: data };
}

export function errorResult(message: string): CallToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}

/**
 * Runs a tool body; a UserError becomes its message as a tool error, anything else a tool error
 * too (logged to stderr with the tool's name). The server keeps serving either way.
 */
export async function guard(ctx: McpContext, tool: string, body: () => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await body();
  } catch (error) {
    const message = errorMessage(error).split('\n').slice(0, 12).join('\n');
    if (!(error instanceof UserError)) ctx.log(`${tool} failed: ${message.split('\n')[0] ?? ''}`);
    return errorResult(`${tool}: ${message}`);
  }
}
