// Captures the SDK server's own answers to `initialize` and `tools/list` on the wire, for the
// start cache (start-cache.ts): the next start with the same key gives exactly these bytes
// before the SDK loads. Only requests the front door would answer itself are captured
// (fast-request.ts), and only successful results.
import { fastRequest } from './fast-request.js';
import type { LineSink } from './line-transport.js';
import type { StartEntry } from './start-cache.js';

type Kind = 'initialize' | 'tools/list';

export type StartCapture = {
  /** Sees each incoming message the transport hands to the server. */
  observe(message: unknown): void;
  /** The protocol sink, watched for the answers. */
  wrap(inner: LineSink): LineSink;
};

export type StartCaptureOptions = Pick<StartEntry, 'build' | 'key' | 'protocol' | 'writeEnabled'> & {
  /** Called once, with both answers. */
  save(entry: Omit<StartEntry, 'v'>): void;
};

export function createStartCapture(options: StartCaptureOptions): StartCapture {
  const pending = new Map<string, Kind>();
  let initialize: Record<string, unknown> | undefined;
  let tools: Record<string, unknown> | undefined;
  let done = false;

  const seeAnswer = (line: string): void => {
    let message: { id?: unknown; result?: unknown };
    try {
      message = JSON.parse(line) as { id?: unknown; result?: unknown };
    } catch {
      return;
    }
    const id = JSON.stringify(message.id ?? null);
    const kind = pending.get(id);
    if (kind === undefined) return;
    pending.delete(id);
    const result = message.result;
    if (typeof result !== 'object' || result === null || Array.isArray(result)) return;
    if (kind === 'initialize') {
      const { protocolVersion: _negotiated, ...rest } = result as Record<string, unknown>;
      initialize = rest;
    } else {
      tools = result as Record<string, unknown>;
    }
    if (initialize && tools) {
      done = true;
      options.save({ build: options.build, key: options.key, protocol: options.protocol, writeEnabled: options.writeEnabled, initialize, tools });
    }
  };

  return {
    observe(message) {
      if (done) return;
      const request = fastRequest(message);
      if (request?.kind === 'initialize' || request?.kind === 'tools/list') pending.set(JSON.stringify(request.id), request.kind);
    },
    wrap(inner) {
      return {
        write: (line) => {
          const written = inner.write(line); // the answer goes out first
          if (!done && pending.size > 0 && line.startsWith('{"result":')) seeAnswer(line);
          return written;
        },
        once: (event, listener) => inner.once(event, listener),
      };
    },
  };
}
