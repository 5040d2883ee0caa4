// `opsdeck --demo`: a fresh copy of the bundled demo workspace (examples/demo) under
// `<stateDir>/demo/<UTC yyyyMMdd-HHmmss>-<4 hex>/<service>` (the service's folder name is what
// the header shows, as for any checkout), made a real git repo with a backdated
// conventional-commit history and release tags. The shipped copy is only read. The whole
// history is written by one `git fast-import` run; `git reset --hard` then materialises the
// tree, so the working tree is exactly HEAD.
import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { execa } from 'execa';
import { EXIT_FAILURE, UserError, errorMessage } from '../errors.js';
import { packageRoot, stateDir } from '../paths.js';
import { createDemoBackups } from './demo-backups.js';
import { writeDemoIncidents } from './demo-incidents.js';
import { DEMO_JOURNAL, writeDemoJournal } from './demo-journal.js';
import { DEMO_AUTHORS, DEMO_COMMITS, DEMO_USER } from './demo-history.js';
import type { DemoCommit } from './demo-history.js';
import { fastImportStream, planHistory } from './history-plan.js';
import type { PlannedHistory, ShippedFile } from './history-plan.js';
import { shiftTodoDates, todoDateShift } from './todo-dates.js';

export const DEMO_KEEP = 5;
export const DEMO_NAME_PATTERN = /^\d{8}-\d{6}-[0-9a-f]{4}$/;
export const GIT_MISSING_MESSAGE = 'git is required for the demo: apt-get install -y git';
/** Never copied from examples/demo, should they exist there. */
const SKIPPED = new Set(['.git', '.demo-state', 'node_modules']);

export type CreateDemoOptions = {
  /** the shipped workspace (default `<packageRoot>/examples/demo`) */
  source?: string;
  /** where `demo/` lives (default stateDir(), which reads XDG_STATE_HOME at call time) */
  stateRoot?: string;
  /** the clock the history and task dates are relative to */
  now?: Date;
  /** how many demo copies to keep, the new one included */
  keep?: number;
  /** extra environment for the git processes (e.g. PATH) */
  env?: NodeJS.ProcessEnv;
  /** the commit plan (default DEMO_COMMITS) */
  plan?: readonly DemoCommit[];
};

/** Every regular file under `root`, keyed by its `/`-separated relative path. */
export async function readWorkspace(root: string): Promise<Map<string, ShippedFile>> {
  const files = new Map<string, ShippedFile>();
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      if (SKIPPED.has(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) {
        const [content, info] = await Promise.all([readFile(path), stat(path)]);
        const rel = relative(root, path).split(sep).join('/');
        // Scripts stay executable even if an archive dropped the mode bits.
        const executable = (info.mode & 0o111) !== 0 || (rel.startsWith('scripts/') && rel.endsWith('.sh') && rel !== 'scripts/lib.sh');
        files.set(rel, { content, executable });
      }
    }
  };
  await walk(root);
  return files;
}

/** `yyyyMMdd-HHmmss` in UTC. */
export function utcStamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/** The demo's history for `files` at `now`, .todo dates moved next to `now`. */
export function demoHistory(files: ReadonlyMap<string, ShippedFile>, now: Date, plan: readonly DemoCommit[] = DEMO_COMMITS): PlannedHistory {
  const todos = [...files].filter(([path]) => path.endsWith('.todo')).map(([, file]) => file.content.toString('utf8'));
  const shift = todoDateShift(todos, now);
  return planHistory(plan, files, {
    now,
    authors: DEMO_AUTHORS,
    transform: (path, content) => (path.endsWith('.todo') && shift !== 0 ? Buffer.from(shiftTodoDates(content.toString('utf8'), shift), 'utf8') : content),
  });
}

function gitEnv(extra: NodeJS.ProcessEnv | undefined): NodeJS.ProcessEnv {
  return {
    // The user's git config must neither be needed nor change the result (autocrlf, hooks, …).
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: DEMO_USER.name,
    GIT_AUTHOR_EMAIL: DEMO_USER.email,
    GIT_COMMITTER_NAME: DEMO_USER.name,
    GIT_COMMITTER_EMAIL: DEMO_USER.email,
    GIT_TERMINAL_PROMPT: '0',
    GIT_DIR: undefined,
    GIT_WORK_TREE: undefined,
    GIT_INDEX_FILE: undefined,
    LC_ALL: 'C',
    ...extra,
  };
}

/** Deletes all but the `keep` newest demo copies under `demoRoot` (only folders named like ours). */
export async function pruneDemoCopies(demoRoot: string, keep: number = DEMO_KEEP): Promise<string[]> {
  const names = (await readdir(demoRoot, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory() && DEMO_NAME_PATTERN.test(entry.name))
    .map((entry) => entry.name)
    .sort();
  const doomed = names.slice(0, Math.max(0, names.length - keep));
  await Promise.all(doomed.map((name) => rm(join(demoRoot, name), { recursive: true, force: true })));
  return doomed.map((name) => join(demoRoot, name));
}

function isMissingBinary(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';
}

/**
 * Production deploys of the demo journal that went wrong (rolled back first, then failed),
 * newest first: the first becomes the recorded cause of the demo's P1 incident.
 */
export async function causeRunIds(journal: string): Promise<string[]> {
  const started = new Map<string, { kind?: unknown; env?: unknown }>();
  const bad: Array<{ id: string; rank: number }> = [];
  for (const line of (await readFile(journal, 'utf8')).split('\n')) {
    if (line.trim() === '') continue;
    const event = JSON.parse(line) as { event?: unknown; runId?: unknown; kind?: unknown; env?: unknown; result?: unknown };
    if (typeof event.runId !== 'string') continue;
    if (event.event === 'run-started') started.set(event.runId, event);
    const run = started.get(event.runId);
    if (event.event === 'run-finished' && run?.kind === 'deploy' && run.env === 'production' && (event.result === 'rolled_back' || event.result === 'failed')) {
      bad.push({ id: event.runId, rank: event.result === 'rolled_back' ? 0 : 1 });
    }
  }
  return bad.reverse().sort((a, b) => a.rank - b.rank).map((b) => b.id);
}

/** The demo service's name: `name` in the shipped package.json, else "demo". */
export function demoServiceName(files: ReadonlyMap<string, ShippedFile>): string {
  try {
    const name: unknown = (JSON.parse(files.get('package.json')?.content.toString('utf8') ?? '{}') as { name?: unknown }).name;
    if (typeof name === 'string' && /^[a-z0-9][a-z0-9._-]*$/.test(name)) return name;
  } catch {
    // no or unreadable package.json: the generic name
  }
  return 'demo';
}

/** Creates a fresh demo workspace and returns its path. */
export async function createDemoWorkspace(options: CreateDemoOptions = {}): Promise<string> {
  const source = options.source ?? join(packageRoot(), 'examples', 'demo');
  const now = options.now ?? new Date();
  const demoRoot = join(options.stateRoot ?? stateDir(), 'demo');
  const env = gitEnv(options.env);

  let files: Map<string, ShippedFile>;
  try {
    files = await readWorkspace(source);
  } catch (error) {
    throw new UserError(`cannot read the bundled demo workspace ${source}: ${errorMessage(error)}`, EXIT_FAILURE);
  }
  if (files.size === 0) throw new UserError(`the bundled demo workspace ${source} is empty`, EXIT_FAILURE);
  const stream = fastImportStream(demoHistory(files, now, options.plan));

  const copy = join(demoRoot, `${utcStamp(now)}-${randomBytes(2).toString('hex')}`);
  const target = join(copy, demoServiceName(files));
  await mkdir(demoRoot, { recursive: true });
  await mkdir(copy);
  await mkdir(target);
  try {
    await execa('git', ['init', '--quiet', '--initial-branch=main', target], { env });
    await execa('git', ['fast-import', '--quiet', '--done'], { cwd: target, env, input: stream });
    await execa('git', ['reset', '--hard', '--quiet'], { cwd: target, env });
    await appendFile(join(target, '.git', 'config'), `[user]\n\tname = ${DEMO_USER.name}\n\temail = ${DEMO_USER.email}\n`);
    await createDemoBackups(target, now);
    await writeDemoJournal(target, now);
    await writeDemoIncidents(target, now, await causeRunIds(join(target, DEMO_JOURNAL)));
  } catch (error) {
    await rm(copy, { recursive: true, force: true });
    if (isMissingBinary(error)) throw new UserError(GIT_MISSING_MESSAGE, EXIT_FAILURE);
    const detail = (error as { stderr?: unknown }).stderr;
    const firstLine = (typeof detail === 'string' && detail.trim() ? detail : errorMessage(error)).trim().split('\n')[0];
    throw new UserError(`cannot create the demo workspace: ${firstLine}`, EXIT_FAILURE);
  }
  await pruneDemoCopies(demoRoot, options.keep ?? DEMO_KEEP);
  return target;
}
