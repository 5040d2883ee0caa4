// The answers to `initialize` and `tools/list`, kept between starts of `opsdeck mcp` so that the
// next start can give them before zod and the MCP SDK are even loaded (issue 7's start-up
// target). An entry is what the SDK server itself answered in an earlier session (captured on
// the wire by start-capture.ts, never written by hand), keyed by everything those answers depend
// on: the bundle's build id (the SDK, our zod schemas and the version are all in the bundle),
// the exact opsdeck.yaml text (allowWrite and the environments decide the tool list), whether
// there is a repo, and --readonly. Same key, same answers. A miss, a broken file or no build id
// (sources under vitest) just means the SDK answers, as before, and the entry is (re)written.
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { configPath, stateDir } from '../paths.js';
import { fnv1a } from '../config/config-cache.js';

/** Set by esbuild.config.mjs for each build; absent when running from sources. */
declare const __OPSDECK_BUILD_ID__: string | undefined;
export const BUILD_ID: string | undefined = typeof __OPSDECK_BUILD_ID__ === 'string' ? __OPSDECK_BUILD_ID__ : undefined;

/** Bump when the entry's shape changes. */
const ENTRY_VERSION = 1;
/** Entries kept (one per config text in use); the least recently written go first. */
export const MAX_START_ENTRIES = 32;

export type StartEntry = {
  v: number;
  build: string;
  key: string;
  /** The protocol versions the SDK negotiates: the requested one when supported, else the latest. */
  protocol: { supported: string[]; latest: string };
  /** The SDK's initialize result without `protocolVersion` (capabilities, serverInfo, instructions), in its key order. */
  initialize: Record<string, unknown>;
  /** The SDK's tools/list result. */
  tools: Record<string, unknown>;
  /** For the "serving on stdio" log line. */
  writeEnabled: boolean;
};

/** What the answers depend on besides the build. */
export type StartKeyInput = { configText: string | undefined; hasRoot: boolean; readonly: boolean };

export function startKey(input: StartKeyInput): string {
  return JSON.stringify([input.hasRoot, input.readonly, input.configText ?? null]);
}

export function defaultStartCacheDir(): string {
  return join(stateDir(), 'mcp-start');
}

function entryFile(dir: string, key: string): string {
  return join(dir, `${fnv1a(key)}.json`);
}

/** opsdeck.yaml's text, or undefined when there is no repo or no file (an unreadable one: undefined too; the SDK path reports it). */
export async function readConfigText(root: string | undefined): Promise<string | undefined> {
  if (root === undefined) return undefined;
  try {
    return await readFile(configPath(root), 'utf8');
  } catch {
    return undefined;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The entry's shape, checked by hand (zod is what a hit avoids loading). */
export function isStartEntry(value: unknown): value is StartEntry {
  if (!isRecord(value) || value.v !== ENTRY_VERSION || typeof value.build !== 'string' || typeof value.key !== 'string') return false;
  const { protocol, initialize, tools } = value;
  if (!isRecord(protocol) || !Array.isArray(protocol.supported) || !protocol.supported.every((p) => typeof p === 'string') || typeof protocol.latest !== 'string') return false;
  if (!isRecord(initialize) || 'protocolVersion' in initialize || !isRecord(initialize.serverInfo)) return false;
  return isRecord(tools) && Array.isArray(tools.tools) && typeof value.writeEnabled === 'boolean';
}

/** The entry for this build and key, or undefined. */
export async function readStartEntry(dir: string, build: string, key: string): Promise<StartEntry | undefined> {
  try {
    const entry: unknown = JSON.parse(await readFile(entryFile(dir, key), 'utf8'));
    return isStartEntry(entry) && entry.build === build && entry.key === key ? entry : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the entry atomically (temp file + rename); a read-only state dir only costs the next start. */
export async function writeStartEntry(dir: string, entry: Omit<StartEntry, 'v'>): Promise<boolean> {
  const file = entryFile(dir, entry.key);
  const temp = `${file}.${process.pid}.tmp`;
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(temp, JSON.stringify({ v: ENTRY_VERSION, ...entry }));
    await rename(temp, file);
  } catch {
    return false;
  }
  await pruneStartCache(dir);
  return true;
}

/** Removes the oldest entries beyond `keep` (configs no longer in use, older builds' leftovers). */
export async function pruneStartCache(dir: string, keep = MAX_START_ENTRIES): Promise<void> {
  try {
    const names = (await readdir(dir)).filter((n) => n.endsWith('.json'));
    if (names.length <= keep) return;
    const dated = await Promise.all(names.map(async (n) => ({ n, at: (await stat(join(dir, n))).mtimeMs })));
    dated.sort((a, b) => b.at - a.at);
    await Promise.all(dated.slice(keep).map(({ n }) => rm(join(dir, n), { force: true })));
  } catch {
    // another start pruned at the same time: nothing lost but a cached answer
  }
}

/** The initialize result the SDK gives for `requested`: the same version when it supports it, else its latest. */
export function initializeResult(entry: StartEntry, requested: string): Record<string, unknown> {
  const protocolVersion = entry.protocol.supported.includes(requested) ? requested : entry.protocol.latest;
  return { protocolVersion, ...entry.initialize };
}
