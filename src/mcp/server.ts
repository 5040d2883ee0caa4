// `opsdeck mcp`: the MCP server. One McpServer with the SOP's neural-processing tools, the
// read-only ops tools and (only with mcp.allowWrite and not --readonly) the task-editing tools,
// served over stdio. stdout carries only the protocol; logs go to stderr. The server ends when
// the client closes stdin (or on SIGINT/SIGTERM), after disposing the loaded models.
import type { Readable } from 'node:stream';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { LATEST_PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import type { jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation';
import type { Config } from '../../models/config.js';
import { LLM_TOOL_NAMES, OPS_TOOL_NAMES, WRITE_TOOL_NAMES } from '../../models/mcp-tools.js';
import type { GpuMonitorOptions } from '../gpu/gpu-monitor-types.js';
import { modelDirs } from '../llm/scan-models.js';
import { sanitizeLine } from '../sanitize/sanitize.js';
import { LineTransport, type LineSink } from './line-transport.js';
import { createLlmService } from './llm-service.js';
import { registerLlmTools } from './llm-tools.js';
import { registerOpsTools } from './ops-tools.js';
import type { StartCapture } from './start-capture.js';
import { servingLine } from './serve-stdio.js';
import { claimStdout } from './stdout-guard.js';
import type { McpContext } from './tool-kit.js';
import { registerDeployTools } from './deploy-tools.js';
import { registerWriteTools } from './write-tools.js';

export const SERVER_NAME = 'opsdeck';

export const SERVER_INSTRUCTIONS = [
  'opsdeck: local LLM inference over the GGUF models on this machine (the SOP neural-processing tools:',
  'chat_completion, stream_chat, benchmark_model, validate_model, get_system_info, list_available_models)',
  'and read-only views of the operations repo: tasks, deploy history, run logs, backups, KPIs and incidents.',
  'Start with list_available_models before chatting; explain_run takes a run id from deploy_history.',
].join(' ');

export type McpServerOptions = {
  /** The repo root (--root or found from the cwd); undefined: the LLM tools still work. */
  root: string | undefined;
  cwd: string;
  config: Config;
  version: string;
  /** --readonly: never register a mutating tool, whatever mcp.allowWrite says. */
  readonly: boolean;
  log?: (line: string) => void;
  gpu?: GpuMonitorOptions;
  /** Models directories instead of those from llm.modelsDir (tests). */
  dirs?: string[];
};

export type OpsdeckMcpServer = {
  server: McpServer;
  ctx: McpContext;
  writeEnabled: boolean;
  /** The tools registered, in order. */
  toolNames: string[];
  dispose(): Promise<void>;
};

/** tools/call for a tool that is not there: a -32602 protocol error naming the tools that are. */
export function unknownToolCheck(toolNames: readonly string[]) {
  const known = new Set(toolNames);
  return (request: { method: string; params?: unknown }): string | undefined => {
    if (request.method !== 'tools/call') return undefined;
    const name = (request.params as { name?: unknown } | undefined)?.name;
    if (typeof name !== 'string' || known.has(name)) return undefined;
    return `Unknown tool: ${name.slice(0, 80)} (available: ${toolNames.join(', ')})`;
  };
}

/** `llm.modelsDir` (relative entries from the repo root, as the Chat pane takes them) plus node-llama-cpp's own folder. */
export function mcpModelDirs(llm: Config['llm'], root: string | undefined): string[] {
  return modelDirs(llm, process.env, root);
}

/** The protocol versions this SDK negotiates (for the start cache). */
export const PROTOCOL_VERSIONS = { supported: [...SUPPORTED_PROTOCOL_VERSIONS], latest: LATEST_PROTOCOL_VERSION };

/**
 * The SDK's default JSON Schema validator (Ajv with formats), created on first use: the server
 * only needs one to check elicitation answers, which opsdeck never asks for; building the Ajv
 * instance at every start cost about 4 ms.
 */
export function lazyJsonSchemaValidator(): jsonSchemaValidator {
  let ajv: AjvJsonSchemaValidator | undefined;
  return { getValidator: (schema) => (ajv ??= new AjvJsonSchemaValidator()).getValidator(schema) };
}

export function createOpsdeckMcpServer(options: McpServerOptions): OpsdeckMcpServer {
  const log = options.log ?? ((line: string) => process.stderr.write(`opsdeck mcp: ${sanitizeLine(line)}\n`));
  const { llm, mcp } = options.config;
  const dirs = options.dirs ?? mcpModelDirs(llm, options.root);
  const service = createLlmService({ ...llm, keepModels: mcp.keepModels, dirs, demoModel: llm.demoModel });
  const ctx: McpContext = { root: options.root, cwd: options.cwd, config: options.config, llm: service, version: options.version, log, gpu: options.gpu };
  const server = new McpServer(
    { name: SERVER_NAME, title: 'opsdeck (neural-processing and ops tools)', version: options.version },
    { capabilities: { tools: {} }, instructions: SERVER_INSTRUCTIONS, jsonSchemaValidator: lazyJsonSchemaValidator() },
  );
  registerLlmTools(server, ctx);
  registerOpsTools(server, ctx);
  const toolNames: string[] = [...LLM_TOOL_NAMES, ...OPS_TOOL_NAMES];
  const writeEnabled = mcp.allowWrite && !options.readonly && options.root !== undefined;
  if (writeEnabled) {
    registerWriteTools(server, ctx);
    toolNames.push(...WRITE_TOOL_NAMES, ...registerDeployTools(server, ctx));
  }
  return { server, ctx, writeEnabled, toolNames, dispose: () => service.dispose() };
}

export type StdioStreams = { stdin?: Readable; stdout?: NodeJS.WriteStream; stderr?: NodeJS.WriteStream };

/** What the start-up front door (front-door.ts) hands the SDK server, or the start cache needs. */
export type StdioExtras = {
  /** Where protocol lines go, when stdout was claimed already (the front door). */
  sink?: LineSink;
  /** The "serving on stdio" line was logged already. */
  announced?: boolean;
  /** Captures the initialize and tools/list answers for the start cache (given whether write tools are on). */
  capture?: (writeEnabled: boolean) => StartCapture;
};

/** Serves over stdio until stdin ends or a SIGINT/SIGTERM; resolves once the models are disposed. */
export async function runMcpStdio(options: McpServerOptions, streams: StdioStreams = {}, extras: StdioExtras = {}): Promise<void> {
  const stdin = streams.stdin ?? process.stdin;
  const stderr = streams.stderr ?? process.stderr;
  const opsdeck = createOpsdeckMcpServer({ ...options, log: options.log ?? ((line) => stderr.write(`opsdeck mcp: ${sanitizeLine(line)}\n`)) });
  const claim = extras.sink ? undefined : claimStdout(streams.stdout ?? process.stdout, stderr);
  const sink = extras.sink ?? claim!.sink;
  const capture = extras.capture?.(opsdeck.writeEnabled);
  const transport = new LineTransport(stdin, capture ? capture.wrap(sink) : sink, unknownToolCheck(opsdeck.toolNames), capture?.observe);
  const { log } = opsdeck.ctx;
  let resolveClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => {
    resolveClosed = resolve;
  });
  opsdeck.server.server.onclose = () => resolveClosed();
  opsdeck.server.server.onerror = (error) => log(error.message);
  const onSignal = (): void => void transport.close();
  // `on`, not `once`: execa's signal-exit re-raises a signal when it sees no other listener left
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    await opsdeck.server.connect(transport);
    if (!extras.announced) log(servingLine(options.root, opsdeck.writeEnabled));
    await closed;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await opsdeck.dispose();
    log('stopped');
    claim?.release();
  }
}
