// The config of the cockpit and of the headless commands that run often (backup status, kpi,
// incidents, deploy, rollback, mcp). Parsing opsdeck.yaml needs the `yaml` package and zod's
// JIT-compiled object parsers, about 15-25 ms of every start on a slow box. A config
// that validated once is kept as JSON under the state dir, keyed by the exact file text and
// the bundle's build id: the same text under the same build always validates to the same
// value, so a hit skips the YAML parser (not even imported) and the validation. Anything
// else (no build id under vitest, a missing file, a miss, an unreadable cache) loads and
// validates the file as before; only configs that validated are ever written.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../../models/config.js';
import { configPath, stateDir } from '../paths.js';

/** Set by esbuild.config.mjs for each build; absent when running from sources. */
declare const __OPSDECK_BUILD_ID__: string | undefined;
const BUILD_ID = typeof __OPSDECK_BUILD_ID__ === 'string' ? __OPSDECK_BUILD_ID__ : undefined;

type CacheEntry = { build: string; text: string; config: Config };

export type ConfigCacheOptions = {
  /** The bundle's build id; without one the cache is not used. */
  buildId?: string;
  /** Where the entries live (default `<stateDir>/config-cache`). */
  dir?: string;
  /** Loads and validates the file (default: src/config/load-config.ts, imported lazily). */
  load?: (root: string) => Promise<Config>;
};

/** FNV-1a of the text, as 8 hex digits: a cache entry's file name (the entry holds the whole key). */
export function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

async function loadAndValidate(root: string): Promise<Config> {
  const { loadConfig } = await import('./load-config.js');
  return loadConfig(root);
}

/** The validated config of `root`, from the cache when the same text validated under this build. */
export async function loadConfigCached(root: string, options: ConfigCacheOptions = {}): Promise<Config> {
  const load = options.load ?? loadAndValidate;
  const build = options.buildId ?? BUILD_ID;
  if (build === undefined) return load(root);
  let text: string;
  try {
    text = await readFile(configPath(root), 'utf8');
  } catch {
    return load(root); // no file (defaults) or unreadable: loadConfig says what is wrong
  }
  const dir = options.dir ?? join(stateDir(), 'config-cache');
  const file = join(dir, `${fnv1a(text)}.json`);
  try {
    const entry = JSON.parse(await readFile(file, 'utf8')) as Partial<CacheEntry>;
    if (entry.build === build && entry.text === text && entry.config) return entry.config;
  } catch {
    // no entry yet, or a broken one: validate and rewrite it
  }
  const config = await load(root);
  try {
    await mkdir(dir, { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify({ build, text, config } satisfies CacheEntry));
    await rename(temp, file);
  } catch {
    // a read-only state dir only costs the next start the validation
  }
  return config;
}
