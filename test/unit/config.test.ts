import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../models/config.js';
import { formatKeyPath, knownKeysAt } from '../../src/config/config-issues.js';
import { defaultConfig, displayPath, loadConfig, parseConfigText } from '../../src/config/load-config.js';
import { ConfigError } from '../../src/errors.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'config');
const FILE = '.orchestration/opsdeck.yaml';

async function fixture(name: string): Promise<string> {
  return readFile(join(FIXTURES, name), 'utf8');
}

function errorOf(text: string): ConfigError {
  try {
    parseConfigText(text, FILE);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfigText: valid input', () => {
  it('an empty file, or only comments, means the defaults', () => {
    expect(parseConfigText('', FILE)).toEqual(defaultConfig());
    expect(parseConfigText('# nothing here\n#ui:\n#  color: false\n', FILE)).toEqual(defaultConfig());
  });

  it('defaults follow the SOP', () => {
    const config = defaultConfig();
    expect(config.environments.map((e) => e.name)).toEqual(['staging', 'production']);
    expect(config.scripts.deploy).toBe('./scripts/deploy.sh {env} {version}');
    expect(config.scripts.rollback.split(' ')[0]).toBe('./scripts/rollback.sh');
    expect(config.backups.rpo).toBe('1 hour');
    expect(config.backups.rto).toBe('4 hours');
  });

  it('parses a realistic file, filling in defaults for the rest', async () => {
    const config = parseConfigText(await fixture('valid.yaml'), FILE);
    expect(config.environments[1]).toEqual({ name: 'production', healthUrl: 'https://api.example.com/health', production: true });
    expect(config.environments[0]?.production).toBe(false);
    expect(config.kpis.windowDays).toBe(90);
    expect(config.incidents.sla).toEqual({ P1: '10 minutes' });
    expect(config.llm.gpuLayers).toBe(20);
    expect(config.keys).toEqual({ quit: ['q', 'ctrl+c'] });
    expect(config.scripts.smoke).toBe(defaultConfig().scripts.smoke);
  });

  it('accepts a byte order mark and CRLF line endings', () => {
    const config = parseConfigText('\uFEFFui:\r\n  clock: false\r\n', FILE);
    expect(config.ui.clock).toBe(false);
  });
});

describe('parseConfigText: errors name the file, the line and the key path', () => {
  it('a YAML syntax error', async () => {
    const error = errorOf(await fixture('syntax-error.yaml'));
    expect(error.file).toBe(FILE);
    expect(error.line).toBe(4);
    expect(error.message).toMatch(/^\.orchestration\/opsdeck\.yaml:4: scripts(\.deploy)?: YAML syntax error: /);
    expect(error.exitCode).toBe(2);
    expect(error.message).not.toContain('\n');
  });

  it('a duplicate key', () => {
    const error = errorOf('ui:\n  color: true\n  color: false\n');
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/unique/i);
  });

  it('a wrong type', async () => {
    const error = errorOf(await fixture('wrong-type.yaml'));
    expect(error.message).toBe('.orchestration/opsdeck.yaml:3: ui.clock: Invalid input: expected boolean, received string');
    expect(error.keyPath).toBe('ui.clock');
  });

  it('an unknown key, with a suggestion', async () => {
    const error = errorOf(await fixture('unknown-key.yaml'));
    expect(error.message).toBe('.orchestration/opsdeck.yaml:3: environments[0].healthURL: unknown key (did you mean healthUrl?)');
  });

  it('an unknown top-level key lists the known ones', () => {
    const error = errorOf('ui:\n  color: true\nfrobnicate: 1\n');
    expect(error.line).toBe(3);
    expect(error.keyPath).toBe('frobnicate');
    expect(error.detail).toContain('expected one of: environments, scripts');
  });

  it('a bad URL in the second array item', async () => {
    const error = errorOf(await fixture('bad-url.yaml'));
    expect(error.message).toBe('.orchestration/opsdeck.yaml:7: environments[1].healthUrl: Invalid URL');
  });

  it('a non-http URL is rejected too', () => {
    expect(errorOf('kpis:\n  prometheusUrl: ftp://metrics\n').message).toBe('.orchestration/opsdeck.yaml:2: kpis.prometheusUrl: Invalid URL');
  });

  it('a nested array item field', async () => {
    const error = errorOf(await fixture('nested-item.yaml'));
    expect(error.line).toBe(8);
    expect(error.keyPath).toBe('checks[2].timeoutSec');
    expect(error.detail).toMatch(/too small/i);
  });

  it('a missing required key points at its item', () => {
    const error = errorOf('environments:\n  - name: staging\n  - production: true\n');
    expect(error.line).toBe(3);
    expect(error.keyPath).toBe('environments[1].name');
    expect(error.detail).toBe('required key missing (expected string)');
  });

  it('a union explains what it accepts', () => {
    const error = errorOf('llm:\n  gpuLayers: lots\n');
    expect(error.message).toBe('.orchestration/opsdeck.yaml:2: llm.gpuLayers: Invalid input: expected number or "auto"');
  });

  it('reports the first problem in file order and counts the rest', () => {
    const error = errorOf('ui:\n  clock: 3\nkpis:\n  windowDays: 7\nzzz: 1\n');
    expect(error.line).toBe(2);
    expect(error.message).toMatch(/ui\.clock: .* \(and 2 more problems\)$/);
  });

  it('a top level that is not a mapping', () => {
    const error = errorOf('- just\n- a list\n');
    expect(error.line).toBe(1);
    expect(error.message).toContain('expected object');
  });

  it('escape sequences in keys never reach the message', () => {
    const error = errorOf('ui:\n  "\u001b]0;pwned\u0007x": 1\n');
    // eslint-disable-next-line no-control-regex
    expect(error.message).not.toMatch(/[\u0000-\u001f]/);
  });
});

describe('parseConfigText: key remaps are checked against the keymap', () => {
  it('accepts a valid remap', () => {
    expect(parseConfigText('keys:\n  quit: [Q]\n', FILE).keys).toEqual({ quit: ['Q'] });
  });

  it('an unknown action names its line', () => {
    const error = errorOf('ui:\n  clock: true\nkeys:\n  quit: Q\n  warp-drive: w\n');
    expect(error.message).toBe('.orchestration/opsdeck.yaml:5: keys.warp-drive: unknown action "warp-drive"');
  });

  it('a key another action of the same scope uses is a clash', () => {
    const error = errorOf('keys:\n  help: q\n');
    expect(error.line).toBe(2);
    expect(error.detail).toContain('already bound to "quit"');
  });

  it('a key name that is no key', () => {
    expect(errorOf('keys:\n  quit: "ctrl+shift+meta+x"\n').detail).toContain('is not a key name');
  });
});

describe('key paths and schema keys', () => {
  it('formats key paths', () => {
    expect(formatKeyPath(['environments', 1, 'healthUrl'])).toBe('environments[1].healthUrl');
    expect(formatKeyPath(['keys', 'a b'])).toBe('keys["a b"]');
    expect(formatKeyPath([])).toBe('');
  });

  it('knows the keys the schema allows', () => {
    expect(knownKeysAt(['environments', 0])).toEqual(['name', 'healthUrl', 'production']);
    expect(knownKeysAt(['incidents', 'sla'])).toEqual(['P1', 'P2', 'P3', 'P4']);
    expect(knownKeysAt(['keys'])).toEqual([]);
  });
});

describe('loadConfig', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'opsdeck-config-'));
    await mkdir(join(root, '.orchestration'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('returns the defaults when the file is missing', async () => {
    expect(await loadConfig(root)).toEqual(ConfigSchema.parse({}));
  });

  it('reads the file', async () => {
    await writeFile(join(root, '.orchestration', 'opsdeck.yaml'), 'ui:\n  clock: false\n');
    expect((await loadConfig(root)).ui.clock).toBe(false);
  });

  it('names the file (absolute outside the cwd) in errors', async () => {
    await writeFile(join(root, '.orchestration', 'opsdeck.yaml'), 'ui:\n  clock: 5\n');
    await expect(loadConfig(root)).rejects.toThrow(`${join(root, '.orchestration', 'opsdeck.yaml')}:2: ui.clock: `);
  });

  it('reports an unreadable file as a ConfigError', async () => {
    await mkdir(join(root, '.orchestration', 'opsdeck.yaml'));
    await expect(loadConfig(root)).rejects.toBeInstanceOf(ConfigError);
  });

  it('displayPath is relative inside the cwd only', () => {
    expect(displayPath('/a/b/.orchestration/opsdeck.yaml', '/a/b')).toBe('.orchestration/opsdeck.yaml');
    expect(displayPath('/x/opsdeck.yaml', '/a/b')).toBe('/x/opsdeck.yaml');
    expect(displayPath('rel.yaml', '/a')).toBe('rel.yaml');
  });
});
