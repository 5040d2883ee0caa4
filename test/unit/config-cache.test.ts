import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Config } from '../../models/config.js';
import { loadConfig } from '../../src/config/load-config.js';
import { ConfigError } from '../../src/errors.js';
import { configPath } from '../../src/paths.js';
import { loadConfigCached } from '../../src/config/config-cache.js';

const DEMO_CONFIG = join(import.meta.dirname, '..', '..', 'examples', 'demo', '.orchestration', 'opsdeck.yaml');

describe('the cockpit config cache', () => {
  let root: string;
  let dir: string;
  let loads: number;
  const load = async (r: string): Promise<Config> => {
    loads += 1;
    return loadConfig(r);
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'opsdeck-cfgcache-'));
    dir = join(root, 'cache');
    mkdirSync(join(root, '.orchestration'));
    loads = 0;
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const write = (text: string): void => writeFileSync(configPath(root), text);

  it('validates once, then returns the same config from the cache for the same text and build', async () => {
    write(readFileSync(DEMO_CONFIG, 'utf8'));
    const first = await loadConfigCached(root, { buildId: 'b1', dir, load });
    const second = await loadConfigCached(root, { buildId: 'b1', dir, load });
    expect(loads).toBe(1);
    expect(second).toEqual(first);
    expect(second).toEqual(await loadConfig(root));
    expect(readdirSync(dir).filter((f) => f.endsWith('.json'))).toHaveLength(1);
  });

  it('validates again when the text or the build changes', async () => {
    write('ui:\n  clock: false\n');
    await loadConfigCached(root, { buildId: 'b1', dir, load });
    write('ui:\n  clock: true\n');
    expect((await loadConfigCached(root, { buildId: 'b1', dir, load })).ui.clock).toBe(true);
    expect(loads).toBe(2);
    await loadConfigCached(root, { buildId: 'b2', dir, load });
    expect(loads).toBe(3);
  });

  it('never caches a config that fails validation: the error comes every time', async () => {
    write('ui:\n  colour: true\n');
    await expect(loadConfigCached(root, { buildId: 'b1', dir, load })).rejects.toBeInstanceOf(ConfigError);
    await expect(loadConfigCached(root, { buildId: 'b1', dir, load })).rejects.toBeInstanceOf(ConfigError);
    expect(loads).toBe(2);
  });

  it('ignores a broken entry and rewrites it', async () => {
    write('ui:\n  clock: false\n');
    await loadConfigCached(root, { buildId: 'b1', dir, load });
    const [entry = ''] = readdirSync(dir);
    writeFileSync(join(dir, entry), '{not json');
    expect((await loadConfigCached(root, { buildId: 'b1', dir, load })).ui.clock).toBe(false);
    expect((await loadConfigCached(root, { buildId: 'b1', dir, load })).ui.clock).toBe(false);
    expect(loads).toBe(2);
  });

  it('loads directly without a build id (sources) or without a config file (defaults)', async () => {
    write('ui:\n  clock: false\n');
    await loadConfigCached(root, { dir, load });
    expect(loads).toBe(1);
    rmSync(configPath(root));
    expect(await loadConfigCached(root, { buildId: 'b1', dir, load })).toEqual(await loadConfig(root));
    expect(loads).toBe(2);
    expect(() => readdirSync(dir)).toThrow();
  });

  it('still answers when the cache folder cannot be written', async () => {
    write('ui:\n  clock: false\n');
    const blocked = join(root, 'blocked');
    writeFileSync(blocked, 'a file where the folder would be');
    expect((await loadConfigCached(root, { buildId: 'b1', dir: join(blocked, 'cache'), load })).ui.clock).toBe(false);
    expect((await loadConfigCached(root, { buildId: 'b1', dir: join(blocked, 'cache') })).ui.clock).toBe(false);
  });
});
