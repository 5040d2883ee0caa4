// The git adapter of the DORA lead time: ONE `git for-each-ref` mapping tags and branches to
// commits (skipped when every deploy records its full sha) and ONE `git log` over the window's
// deploys, however many deploys there are. The log is read as git prints it (CommitLogReader),
// so the history is indexed while git walks it.
import { spawn } from 'node:child_process';
import { errorMessage } from '../errors.js';
import { sanitizeLine } from '../sanitize/sanitize.js';
import { CommitGraph, parseRefs } from './commit-graph.js';
import type { RefMap } from './commit-graph.js';
import { CommitLogReader } from './commit-log-reader.js';

export type GraphResult = { graph: CommitGraph | undefined; warning?: string };

const FULL_SHA = /^[0-9a-f]{40}$/i;
/** A revision git may read from --stdin: no options, no whitespace. */
const SAFE_REV = /^[^\s-][^\s]*$/;
/** Enough of git's stderr for its first line. */
const MAX_STDERR = 16_384;

export type RefList = { refs: string } | { failed: GraphResult };

type GitRun = { code: number | null; stderr: string; error?: NodeJS.ErrnoException };

/** Runs git in `root`, handing each stdout chunk to `onData`. */
function runGit(root: string, args: readonly string[], onData: (chunk: Buffer) => void, input?: string, signal?: AbortSignal): Promise<GitRun> {
  return new Promise((resolve) => {
    const child = spawn('git', args, { cwd: root, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'], ...(signal ? { signal } : {}) });
    let stderr = '';
    let error: NodeJS.ErrnoException | undefined;
    child.stdout!.on('data', onData);
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (text: string) => {
      if (stderr.length < MAX_STDERR) stderr += text;
    });
    child.on('error', (e) => (error = e));
    child.on('close', (code) => resolve({ code, stderr, ...(error ? { error } : {}) }));
    if (child.stdin) {
      // git stops reading when it fails early: a broken pipe is its error to report, not ours.
      child.stdin.on('error', () => undefined);
      child.stdin.end(input);
    }
  });
}

/** ONE `git for-each-ref` over tags and branches; start it early, it runs while the journal parses. */
export async function listRefs(root: string): Promise<RefList> {
  const chunks: Buffer[] = [];
  const run = await runGit(root, ['for-each-ref', '--format=%(refname) %(objectname) %(*objectname)', 'refs/tags', 'refs/heads'], (chunk) => chunks.push(chunk));
  return run.code === 0 && !run.error ? { refs: Buffer.concat(chunks).toString('utf8') } : { failed: failure(run) };
}

/**
 * Loads the commits reachable from `include` and not from `exclude` (tags, branches or shas).
 * `signal` stops git when the caller no longer needs the log.
 */
export async function loadCommitGraph(root: string, revs: { include: readonly string[]; exclude: readonly string[] }, refList?: Promise<RefList>, signal?: AbortSignal): Promise<GraphResult> {
  const wanted = [...revs.include, ...revs.exclude].filter((r) => SAFE_REV.test(r));
  // Names are resolved here from the for-each-ref: git resolving 10,000 tag names itself costs
  // more than the whole log.
  let refs: RefMap = new Map();
  if (wanted.some((r) => !FULL_SHA.test(r))) {
    const listed = await (refList ?? listRefs(root));
    if ('failed' in listed) return listed.failed;
    refs = parseRefs(listed.refs);
  }
  const resolve = (rev: string): string => refs.get(rev) ?? rev;
  const include = [...new Set(revs.include.filter((r) => SAFE_REV.test(r)).map(resolve))];
  const exclude = [...new Set(revs.exclude.filter((r) => SAFE_REV.test(r)).map(resolve))];
  if (include.length === 0) return { graph: new CommitGraph('', refs) };
  const input = [...include, ...exclude.map((r) => `^${r}`)].join('\n') + '\n';
  const reader = new CommitLogReader();
  // --ignore-missing: a deleted tag or an unknown sha drops that deploy, not the whole log.
  // No decorations or signatures, whatever the user's config says: only the fields read here.
  const log = await runGit(root, ['log', '--no-decorate', '--no-show-signature', '--ignore-missing', '--format=%H %at %P', '--stdin'], (chunk) => reader.push(chunk), input, signal);
  if (log.code !== 0 || log.error) return failure(log);
  return { graph: new CommitGraph(reader, refs) };
}

function failure(run: GitRun): GraphResult {
  if (run.error?.code === 'ENOENT') return { graph: undefined, warning: 'lead time needs git: apt-get install -y git' };
  const first = run.stderr.trim() ? run.stderr.trim().split('\n')[0]! : run.error ? errorMessage(run.error) : `git exited with ${run.code}`;
  return { graph: undefined, warning: sanitizeLine(`lead time: git: ${first.trim()}`) };
}
