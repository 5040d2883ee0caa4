import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ceilingDirectories, findRepoRoot, searchRepoRoot } from '../../src/cli/find-root.js';
import { UserError } from '../../src/errors.js';

let base: string;
const savedCeiling = process.env.OPSDECK_CEILING_DIRECTORIES;

beforeEach(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'opsdeck-find-root-')));
  // keep the walk inside the temp folder, whatever the machine has above it
  process.env.OPSDECK_CEILING_DIRECTORIES = base;
});
afterEach(async () => {
  if (savedCeiling === undefined) delete process.env.OPSDECK_CEILING_DIRECTORIES;
  else process.env.OPSDECK_CEILING_DIRECTORIES = savedCeiling;
  await rm(base, { recursive: true, force: true });
});

describe('findRepoRoot', () => {
  it('finds .orchestration/ in the folder itself', async () => {
    await mkdir(join(base, 'repo', '.orchestration'), { recursive: true });
    expect(await findRepoRoot(join(base, 'repo'))).toBe(join(base, 'repo'));
  });

  it('walks up from a nested folder to the nearest .orchestration/', async () => {
    await mkdir(join(base, 'repo', '.orchestration'), { recursive: true });
    await mkdir(join(base, 'repo', 'src', 'api', 'v1'), { recursive: true });
    expect(await findRepoRoot(join(base, 'repo', 'src', 'api', 'v1'))).toBe(join(base, 'repo'));
  });

  it('stops at the nearest one when repos are nested', async () => {
    await mkdir(join(base, 'outer', '.orchestration'), { recursive: true });
    await mkdir(join(base, 'outer', 'inner', '.orchestration'), { recursive: true });
    await mkdir(join(base, 'outer', 'inner', 'deep'), { recursive: true });
    expect(await findRepoRoot(join(base, 'outer', 'inner', 'deep'))).toBe(join(base, 'outer', 'inner'));
  });

  it('ignores a file named .orchestration', async () => {
    await mkdir(join(base, 'repo', 'sub'), { recursive: true });
    await writeFile(join(base, 'repo', 'sub', '.orchestration'), 'not a folder');
    expect(await searchRepoRoot(join(base, 'repo', 'sub'))).toBeUndefined();
  });

  it('throws a one-line UserError (exit 2) naming the cwd when nothing is found', async () => {
    await mkdir(join(base, 'empty'));
    const error = await findRepoRoot(join(base, 'empty')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(2);
    expect((error as UserError).message).toBe(
      `no .orchestration/ found in ${join(base, 'empty')} or any parent; run \`opsdeck init\` to create one, or \`opsdeck --demo\` to try the demo`,
    );
  });

  it('uses an explicit root, relative to cwd', async () => {
    await mkdir(join(base, 'repo', '.orchestration'), { recursive: true });
    await mkdir(join(base, 'elsewhere'));
    const rel = relative(join(base, 'elsewhere'), join(base, 'repo'));
    expect(await findRepoRoot(join(base, 'elsewhere'), rel)).toBe(join(base, 'repo'));
  });

  it('does not walk up from an explicit root', async () => {
    await mkdir(join(base, 'repo', '.orchestration'), { recursive: true });
    await mkdir(join(base, 'repo', 'sub'));
    await expect(findRepoRoot(base, join(base, 'repo', 'sub'))).rejects.toThrow(/--root .*sub: no \.orchestration\/ there/);
  });

  it('rejects an explicit root that does not exist', async () => {
    await expect(findRepoRoot(base, join(base, 'nope'))).rejects.toThrow(/--root .*nope: no such folder/);
  });

  it('never walks up into a ceiling folder', async () => {
    await mkdir(join(base, '.orchestration'));
    await mkdir(join(base, 'a', 'b'), { recursive: true });
    expect(await searchRepoRoot(join(base, 'a', 'b'), [join(base, 'a')])).toBeUndefined();
    expect(await searchRepoRoot(join(base, 'a', 'b'), [])).toBe(base);
    expect(await searchRepoRoot(base, [base])).toBe(base); // cwd itself is always checked
  });

  it('reads ceilings from OPSDECK_CEILING_DIRECTORIES, absolute paths only', () => {
    expect(ceilingDirectories({ OPSDECK_CEILING_DIRECTORIES: '/a/b:relative::/c/' })).toEqual(['/a/b', '/c']);
    expect(ceilingDirectories({})).toEqual([]);
  });
});
