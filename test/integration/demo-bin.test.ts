// `opsdeck --demo` through the built bundle: the bundle finds examples/demo from dist/.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/opsdeck', import.meta.url));
let stateHome: string;

beforeAll(async () => {
  stateHome = await mkdtemp(join(tmpdir(), 'opsdeck-demo-bin-'));
});

afterAll(async () => {
  await rm(stateHome, { recursive: true, force: true });
});

describe('opsdeck --demo (built bin)', () => {
  it('creates a demo repo under $XDG_STATE_HOME and runs the command there', async () => {
    const result = await execa(BIN, ['--demo', 'config'], { env: { XDG_STATE_HOME: stateHome }, reject: false });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain('./scripts/check.sh tests');
    const copies = await readdir(join(stateHome, 'opsdeck', 'demo'));
    expect(copies).toHaveLength(1);
    const demo = join(stateHome, 'opsdeck', 'demo', copies[0]!, 'payments-api');
    expect((await execa('git', ['describe', '--tags'], { cwd: demo })).stdout).toMatch(/^v1\.2\.3-\d+-g/);
  });
});
