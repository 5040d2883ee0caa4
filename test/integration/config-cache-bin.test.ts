// Headless commands through the built bundle read a config that validated before from the
// validated-config cache (src/config/config-cache.ts); an edit that breaks it is still the
// one-line error naming file:line with exit 2, every time, and the fixed text is used again.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/opsdeck', import.meta.url));
let base: string;
let root: string;
let env: Record<string, string>;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'opsdeck-cfgcache-bin-'));
  root = join(base, 'repo');
  mkdirSync(join(root, '.orchestration'), { recursive: true });
  env = { XDG_STATE_HOME: join(base, 'state'), TZ: 'UTC' };
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

const writeConfig = (text: string): void => writeFileSync(join(root, '.orchestration', 'opsdeck.yaml'), text);
const run = (...args: string[]) => execa(BIN, ['--root', root, ...args], { env, reject: false });
const entries = (): string[] => readdirSync(join(base, 'state', 'opsdeck', 'config-cache')).filter((f) => f.endsWith('.json'));

describe('headless commands and the validated-config cache (built bin)', () => {
  it('validate once, answer from the cache, and still reject a broken edit with file:line', async () => {
    writeConfig('ui:\n  clock: false\nincidents:\n  sla:\n    P2: { response: 1 hour, resolve: 4 hours }\n');
    const first = await run('incidents', '--json');
    expect(first.exitCode, first.stderr).toBe(0);
    expect(entries()).toHaveLength(1);
    const again = await run('kpi', '--json');
    expect(again.stderr).not.toMatch(/opsdeck\.yaml/);
    expect(entries()).toHaveLength(1);

    writeConfig('ui:\n  clock: maybe\n');
    for (const args of [['incidents', '--json'], ['kpi', '--json'], ['backup', 'restore-plan'], ['rollback', 'v1.0.0', '--env', 'staging', '--dry-run'], ['deploy', 'staging', 'v1.0.0', '--dry-run']]) {
      const broken = await run(...args);
      expect(broken.exitCode, `${args.join(' ')}: ${broken.stderr}`).toBe(2);
      expect(broken.stderr.trim()).toMatch(/^opsdeck: \S*opsdeck\.yaml:2: ui\.clock: Invalid input: expected boolean, received string$/);
    }
    expect(entries()).toHaveLength(1);

    writeConfig('ui:\n  clock: false\nincidents:\n  sla:\n    P2: { response: 1 hour, resolve: 4 hours }\n');
    const fixed = await run('incidents', '--json');
    expect(fixed.exitCode, fixed.stderr).toBe(0);
    expect(JSON.parse(fixed.stdout).sla).toBeDefined();
  });
});
