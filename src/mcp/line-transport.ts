// A newline-delimited JSON-RPC transport over a readable and a writable stream (stdio).
// Unlike the SDK's StdioServerTransport it answers what it cannot read: a line that is not JSON
// gets a -32700 Parse error, JSON that is not a JSON-RPC message (or a batch) a -32600 Invalid
// Request, both with id null (or the message's id when it has one), and a request for a known
// method whose params do not fit a -32602 Invalid params; then it keeps reading. The
// end of the input (the client closed stdin) closes the transport.
import type { Readable } from 'node:stream';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { JSONRPCMessageSchema, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { paramsProblem } from './request-check.js';

export const PARSE_ERROR = -32700;
export const INVALID_REQUEST = -32600;
export const INVALID_PARAMS = -32602;
/** A line longer than this is dropped with an Invalid Request answer (the SDK's limit is 10 MiB). */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

/** Where protocol lines go: `write` returns false when the caller should wait for `drain`. */
export type LineSink = { write(line: string): boolean; once(event: 'drain', listener: () => void): unknown };

/** An extra check of each request: a message for a -32602 Invalid params answer, or undefined to pass it on. */
export type RequestCheck = (request: { method: string; params?: unknown }) => string | undefined;

function idOf(value: unknown): string | number | null {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const id = (value as { id?: unknown }).id;
    if (typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id))) return id;
  }
  return null;
}

function shortDetail(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

export class LineTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: <T extends JSONRPCMessage>(message: T) => void;

  private buffer: Buffer | undefined;
  private started = false;
  private closed = false;

  constructor(
    private readonly input: Readable,
    private readonly output: LineSink,
    private readonly check?: RequestCheck,
    /** Sees each message before the server does (the start cache's capture). */
    private readonly observe?: (message: JSONRPCMessage) => void,
  ) {}

  private readonly onData = (chunk: Buffer | string): void => {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    this.buffer = this.buffer ? Buffer.concat([this.buffer, bytes]) : bytes;
    this.drainLines();
    if (this.buffer && this.buffer.length > MAX_LINE_BYTES) {
      this.buffer = undefined;
      this.reject(INVALID_REQUEST, null, `Invalid Request: message longer than ${MAX_LINE_BYTES} bytes`);
    }
  };

  private readonly onEnd = (): void => {
    void this.close();
  };

  private readonly onInputError = (error: Error): void => {
    this.onerror?.(error);
  };

  async start(): Promise<void> {
    if (this.started) throw new Error('LineTransport already started');
    this.started = true;
    this.input.on('data', this.onData);
    this.input.on('end', this.onEnd);
    this.input.on('close', this.onEnd);
    this.input.on('error', this.onInputError);
    this.input.resume();
  }

  private drainLines(): void {
    while (this.buffer && !this.closed) {
      const index = this.buffer.indexOf(0x0a);
      if (index === -1) return;
      const line = this.buffer.toString('utf8', 0, index).replace(/\r$/, '');
      this.buffer = index + 1 < this.buffer.length ? this.buffer.subarray(index + 1) : undefined;
      if (line.trim()) this.handleLine(line);
    }
  }

  private handleLine(line: string): void {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      this.reject(PARSE_ERROR, null, `Parse error: ${shortDetail(error instanceof Error ? error.message : String(error))}`);
      return;
    }
    if (Array.isArray(value)) {
      this.reject(INVALID_REQUEST, null, 'Invalid Request: JSON-RPC batches are not supported');
      return;
    }
    const parsed = JSONRPCMessageSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
      this.reject(INVALID_REQUEST, idOf(value), `Invalid Request: not a JSON-RPC 2.0 message${where}`);
      return;
    }
    const request = parsed.data as { method?: unknown; id?: unknown; params?: unknown };
    const problem = paramsProblem(request) ?? (typeof request.method === 'string' && request.id !== undefined ? this.check?.({ method: request.method, params: request.params }) : undefined);
    if (problem) {
      this.reject(INVALID_PARAMS, idOf(value), problem);
      return;
    }
    try {
      this.observe?.(parsed.data);
      this.onmessage?.(parsed.data);
    } catch (error) {
      this.onerror?.(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** Answers an unreadable message with a JSON-RPC error and reports it through onerror. */
  private reject(code: number, id: string | number | null, message: string): void {
    this.onerror?.(new Error(message));
    this.writeLine(JSON.stringify({ jsonrpc: '2.0', id, error: { code, message } }));
  }

  private writeLine(json: string): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      if (this.output.write(`${json}\n`)) resolve();
      else this.output.once('drain', resolve);
    });
  }

  send(message: JSONRPCMessage): Promise<void> {
    return this.writeLine(JSON.stringify(message));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.input.off('data', this.onData);
    this.input.off('end', this.onEnd);
    this.input.off('close', this.onEnd);
    this.input.off('error', this.onInputError);
    this.input.pause();
    this.buffer = undefined;
    this.onclose?.();
  }
}
