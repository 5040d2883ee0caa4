// `opsdeck mcp` from the command to the served session. With a start-cache hit (start-cache.ts)
// the front door (front-door.ts) answers initialize and tools/list before zod, the config
// schemas and the MCP SDK load; the SDK server (server.ts) then takes over. With a miss it is
// the SDK server from the start, and its answers are captured for the next start. Nothing here
// imports zod or the SDK statically: this module is on the start-up path.
import type { Readable } from 'node:stream';
import type { Config } from '../../models/config.js';
import { sanitizeLine } from '../sanitize/sanitize.js';
import { openFrontDoor } from './front-door.js';
import type { LineSink } from './line-transport.js';
import type { StdioStreams } from './server.js';
import { createStartCapture } from './start-capture.js';
import { BUILD_ID, defaultStartCacheDir, readConfigText, readStartEntry, startKey, writeStartEntry } from './start-cache.js';
import { claimStdout } from './stdout-guard.js';

export type ServeStdioOptions = {
  root: string | undefined;
  cwd: string;
  version: string;
  readonly: boolean;
  /** The validated config (loaded only on the SDK path; it throws ConfigError for a bad file). */
  loadConfig(root: string | undefined): Promise<Config>;
  streams?: StdioStreams;
  /** The start cache: the build id (default: the bundle's; undefined: no cache), its folder, eager handover. */
  start?: { buildId?: string; cacheDir?: string; eager?: boolean };
};

/** The "serving on stdio" log line. */
export function servingLine(root: string | undefined, writeEnabled: boolean): string {
  return `serving on stdio (root ${root ?? 'none'}${writeEnabled ? ', writes allowed: tasks and non-production deploys' : ', read-only'})`;
}

/** Serves until the client closes stdin (or SIGINT/SIGTERM); resolves once the server has stopped. */
export async function serveStdio(options: ServeStdioOptions): Promise<void> {
  const { root, streams = {} } = options;
  const build = options.start && 'buildId' in options.start ? options.start.buildId : BUILD_ID;
  const cacheDir = options.start?.cacheDir ?? defaultStartCacheDir();
  const configText = build === undefined ? undefined : await readConfigText(root);
  const key = startKey({ configText, hasRoot: root !== undefined, readonly: options.readonly });
  const entry = build === undefined ? undefined : await readStartEntry(cacheDir, build, key);
  const stdin = streams.stdin ?? process.stdin;
  const stderr = streams.stderr ?? process.stderr;
  const log = (line: string): void => void stderr.write(`opsdeck mcp: ${sanitizeLine(line)}\n`);

  const serveFull = async (input: Readable, sink?: LineSink): Promise<void> => {
    const config = await options.loadConfig(root);
    const { runMcpStdio, PROTOCOL_VERSIONS } = await import('./server.js');
    let saved: Promise<unknown> = Promise.resolve();
    const capture =
      build === undefined || entry
        ? undefined
        : (writeEnabled: boolean) =>
            createStartCapture({
              build,
              key,
              protocol: PROTOCOL_VERSIONS,
              writeEnabled,
              // only when the file still reads as it did when the key was made
              save: (e) => {
                saved = readConfigText(root).then((text) => (text === configText ? writeStartEntry(cacheDir, e) : false));
              },
            });
    await runMcpStdio(
      { root, cwd: options.cwd, config, version: options.version, readonly: options.readonly, log },
      { ...streams, stdin: input },
      { sink, announced: sink !== undefined, capture },
    );
    await saved;
  };

  if (!entry) return serveFull(stdin);

  const claim = claimStdout(streams.stdout ?? process.stdout, stderr);
  log(servingLine(root, entry.writeEnabled));
  const door = openFrontDoor({ entry, stdin, sink: claim.sink, startFull: serveFull, eager: options.start?.eager });
  const onSignal = (): void => door.stop();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    await door.done;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (!door.handedOver()) log('stopped');
    claim.release();
  }
}
