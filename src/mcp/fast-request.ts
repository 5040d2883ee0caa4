// Recognises, without zod or the SDK, the few messages the start-up front door answers itself:
// `initialize`, `notifications/initialized`, `tools/list` and `ping`. It is deliberately narrow:
// it accepts only messages the SDK's own schemas (JSONRPCMessageSchema, then the method's
// request schema) certainly accept, so the answer is the one the SDK would give. Anything
// else (a `_meta`, icons, task capabilities, an odd id, an extra key) returns undefined and
// goes to the SDK server unchanged. test/unit/mcp-fast-request.test.ts checks every accepted
// sample against the SDK's schemas.

export type RequestId = string | number;

export type FastRequest =
  | { kind: 'initialize'; id: RequestId; protocolVersion: string }
  | { kind: 'tools/list'; id: RequestId }
  | { kind: 'ping'; id: RequestId }
  | { kind: 'initialized' };

type Json = Record<string, unknown>;

function isPlainObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const optional = (value: unknown, test: (v: unknown) => boolean): boolean => value === undefined || test(value);
const isString = (v: unknown): boolean => typeof v === 'string';
const isBoolean = (v: unknown): boolean => typeof v === 'boolean';
/** Every value a plain object (the SDK's record of "objects"). */
const isObjectRecord = (v: unknown): boolean => isPlainObject(v) && Object.values(v).every(isPlainObject);
const onlyKeys = (value: Json, keys: readonly string[]): boolean => Object.keys(value).every((k) => keys.includes(k));

/** ClientCapabilitiesSchema (unknown keys are stripped by the SDK, so they pass); `tasks` is left to the SDK. */
function capabilitiesFit(caps: unknown): boolean {
  if (!isPlainObject(caps) || caps.tasks !== undefined) return false;
  const { experimental, extensions, sampling, roots, elicitation } = caps;
  if (!optional(experimental, isObjectRecord) || !optional(extensions, isObjectRecord)) return false;
  if (sampling !== undefined && !(isPlainObject(sampling) && optional(sampling.context, isPlainObject) && optional(sampling.tools, isPlainObject))) return false;
  if (roots !== undefined && !(isPlainObject(roots) && optional(roots.listChanged, isBoolean))) return false;
  if (elicitation === undefined) return true;
  if (!isPlainObject(elicitation) || !optional(elicitation.url, isPlainObject)) return false;
  const form = elicitation.form;
  return optional(form, (f) => isPlainObject(f) && optional(f.applyDefaults, isBoolean));
}

/** ImplementationSchema: name and version; icons (and anything unusual) are left to the SDK. */
function clientInfoFits(info: unknown): boolean {
  if (!isPlainObject(info) || !isString(info.name) || !isString(info.version)) return false;
  if (info.icons !== undefined) return false;
  return optional(info.title, isString) && optional(info.websiteUrl, isString) && optional(info.description, isString);
}

function isRequestId(id: unknown): id is RequestId {
  return typeof id === 'string' || (typeof id === 'number' && Number.isSafeInteger(id));
}

/** The message, when it is one the front door answers exactly as the SDK would; else undefined. */
export function fastRequest(message: unknown): FastRequest | undefined {
  if (!isPlainObject(message) || message.jsonrpc !== '2.0' || !onlyKeys(message, ['jsonrpc', 'id', 'method', 'params'])) return undefined;
  const { id, method, params } = message;
  if (id === undefined) {
    // a notification: only `initialized`, with no params or empty ones
    return method === 'notifications/initialized' && optional(params, (p) => isPlainObject(p) && Object.keys(p).length === 0) ? { kind: 'initialized' } : undefined;
  }
  if (!isRequestId(id)) return undefined;
  if (method === 'initialize') {
    if (!isPlainObject(params) || !onlyKeys(params, ['protocolVersion', 'capabilities', 'clientInfo'])) return undefined;
    if (typeof params.protocolVersion !== 'string' || !capabilitiesFit(params.capabilities) || !clientInfoFits(params.clientInfo)) return undefined;
    return { kind: 'initialize', id, protocolVersion: params.protocolVersion };
  }
  if (method === 'tools/list') {
    return optional(params, (p) => isPlainObject(p) && onlyKeys(p, ['cursor']) && optional(p.cursor, isString)) ? { kind: 'tools/list', id } : undefined;
  }
  if (method === 'ping') return optional(params, (p) => isPlainObject(p) && Object.keys(p).length === 0) ? { kind: 'ping', id } : undefined;
  return undefined;
}
