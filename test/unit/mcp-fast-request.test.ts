// fastRequest() may only accept what the SDK's own schemas accept (the front door answers those
// messages itself, so anything doubtful must go to the SDK server): every sample and every
// mutation of the real clients' messages is checked against JSONRPCMessageSchema and the
// method's request schema.
import {
  InitializedNotificationSchema,
  InitializeRequestSchema,
  JSONRPCMessageSchema,
  ListToolsRequestSchema,
  PingRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { fastRequest } from '../../src/mcp/fast-request.js';

const SCHEMA = {
  initialize: InitializeRequestSchema,
  'tools/list': ListToolsRequestSchema,
  ping: PingRequestSchema,
  initialized: InitializedNotificationSchema,
} as const;

/** What the SDK says of the message: a JSON-RPC message, and a valid request of its method. */
function sdkAccepts(message: unknown, kind: keyof typeof SCHEMA): boolean {
  return JSONRPCMessageSchema.safeParse(message).success && SCHEMA[kind].safeParse(message).success;
}

const init = (params: Record<string, unknown>, id: unknown = 1): Record<string, unknown> => ({ jsonrpc: '2.0', id, method: 'initialize', params });
const BASE_PARAMS = { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'c', version: '1' } };

/** Messages real clients send: the SDK Client, Claude Code, the bench. */
const REAL = [
  init(BASE_PARAMS),
  init({ protocolVersion: '2025-06-18', capabilities: { roots: {}, elicitation: {} }, clientInfo: { name: 'claude-code', version: '2.0.14' } }, 0),
  init({ protocolVersion: '2024-11-05', capabilities: { sampling: {}, roots: { listChanged: true } }, clientInfo: { name: 'x', version: '1', title: 'X' } }, 'a-1'),
  { jsonrpc: '2.0', method: 'notifications/initialized' },
  { jsonrpc: '2.0', id: 2, method: 'tools/list' },
  { jsonrpc: '2.0', id: 3, method: 'tools/list', params: {} },
  { jsonrpc: '2.0', id: 4, method: 'tools/list', params: { cursor: 'x' } },
  { jsonrpc: '2.0', id: 5, method: 'ping' },
];

/** Every way the front door must step aside (the SDK decides: an answer, an error or something else). */
const DEFERRED: unknown[] = [
  null,
  [],
  'initialize',
  { jsonrpc: '1.0', id: 1, method: 'ping' },
  { jsonrpc: '2.0', id: 1.5, method: 'ping' },
  { jsonrpc: '2.0', id: null, method: 'ping' },
  { jsonrpc: '2.0', id: 2 ** 60, method: 'ping' },
  { jsonrpc: '2.0', id: 1, method: 'ping', extra: true },
  { jsonrpc: '2.0', id: 1, method: 'ping', params: { _meta: { progressToken: 1 } } },
  { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'x' } },
  { jsonrpc: '2.0', id: 1, method: 'tools/list', params: { _meta: {} } },
  { jsonrpc: '2.0', id: 1, method: 'tools/list', params: { cursor: 5 } },
  { jsonrpc: '2.0', id: 1, method: 'tools/list', params: [] },
  { jsonrpc: '2.0', method: 'notifications/initialized', params: { a: 1 } },
  { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 1 } },
  init({ ...BASE_PARAMS, _meta: {} }),
  init({ ...BASE_PARAMS, protocolVersion: 20250618 }),
  init({ ...BASE_PARAMS, capabilities: null }),
  init({ ...BASE_PARAMS, capabilities: { tasks: {} } }),
  init({ ...BASE_PARAMS, capabilities: { roots: { listChanged: 'yes' } } }),
  init({ ...BASE_PARAMS, capabilities: { roots: [] } }),
  init({ ...BASE_PARAMS, capabilities: { sampling: { tools: true } } }),
  init({ ...BASE_PARAMS, capabilities: { experimental: { a: 1 } } }),
  init({ ...BASE_PARAMS, capabilities: { extensions: [] } }),
  init({ ...BASE_PARAMS, capabilities: { elicitation: { form: { applyDefaults: 1 } } } }),
  init({ ...BASE_PARAMS, capabilities: { elicitation: { url: 'u' } } }),
  init({ ...BASE_PARAMS, capabilities: { elicitation: [] } }),
  init({ ...BASE_PARAMS, clientInfo: { name: 'c' } }),
  init({ ...BASE_PARAMS, clientInfo: { name: 'c', version: '1', icons: [] } }),
  init({ ...BASE_PARAMS, clientInfo: { name: 'c', version: '1', title: 3 } }),
  init({ protocolVersion: '2025-06-18', capabilities: {} }),
  { jsonrpc: '2.0', id: 1, method: 'initialize' },
];

/** Small changes of a valid initialize: accepted or not, whatever is accepted must be valid for the SDK. */
function mutations(): Record<string, unknown>[] {
  const values: unknown[] = [undefined, null, 0, 1, true, 'x', [], {}, { a: {} }, { listChanged: true }, { applyDefaults: true }, { form: {} }, { url: {} }];
  const out: Record<string, unknown>[] = [];
  for (const key of ['experimental', 'sampling', 'elicitation', 'roots', 'tasks', 'extensions', 'other']) {
    for (const value of values) {
      out.push(init({ ...BASE_PARAMS, capabilities: { [key]: value } }));
      for (const sub of ['listChanged', 'context', 'tools', 'form', 'url', 'a']) {
        out.push(init({ ...BASE_PARAMS, capabilities: { [key]: { [sub]: value } } }));
        out.push(init({ ...BASE_PARAMS, capabilities: { [key]: { [sub]: { applyDefaults: value } } } }));
      }
    }
  }
  for (const key of ['name', 'version', 'title', 'websiteUrl', 'description', 'icons', 'other']) {
    for (const value of values) out.push(init({ ...BASE_PARAMS, clientInfo: { name: 'c', version: '1', [key]: value } }));
  }
  for (const value of values) {
    out.push(init({ ...BASE_PARAMS, protocolVersion: value }));
    out.push(init(BASE_PARAMS, value));
    out.push({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: value });
    out.push({ jsonrpc: '2.0', id: 1, method: 'ping', params: value });
  }
  return out;
}

describe('fastRequest', () => {
  it('accepts the messages real clients send to start a session, each valid for the SDK', () => {
    for (const message of REAL) {
      const request = fastRequest(message);
      expect(request, JSON.stringify(message)).toBeDefined();
      expect(sdkAccepts(message, request!.kind), JSON.stringify(message)).toBe(true);
    }
    expect(fastRequest(REAL[1])).toEqual({ kind: 'initialize', id: 0, protocolVersion: '2025-06-18' });
    expect(fastRequest(REAL[4])).toEqual({ kind: 'tools/list', id: 2 });
  });

  it('leaves everything unusual to the SDK server', () => {
    for (const message of DEFERRED) expect(fastRequest(message), JSON.stringify(message)).toBeUndefined();
  });

  it('never accepts a message the SDK schemas reject', () => {
    let accepted = 0;
    for (const message of mutations()) {
      const request = fastRequest(message);
      if (!request) continue;
      accepted += 1;
      expect(sdkAccepts(message, request.kind), JSON.stringify(message)).toBe(true);
    }
    expect(accepted).toBeGreaterThan(20); // the check has teeth: many mutations are accepted and checked
  });
});
