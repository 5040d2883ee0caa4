// The git adapter of the DORA lead time: ONE `git for-each-ref` mapping tags and branches to
// commits (skipped when every deploy records its full sha) and ONE `git log` over the window's
// deploys, however many deploys there are.
import { execa } from 'execa';
import { errorMessage } from '../errors.js';
import { sanitizeLine } from '../sanitize/sanitize.js';
import { CommitGraph } from './commit-graph.js';

export type GraphResult = { graph: CommitGraph | undefined; warning?: string };

const FULL_SHA = /^[0-9a-f]{40}$/i;
/** A revision git may read from --stdin: no options, no whitespace. */
const SAFE_REV = /^[^\s-][^\s]*$/;

function firstLine(error: unknown): string {
  const stderr = (error as { stderr?: unknown }).stderr;
  return (typeof stderr === 'string' && stderr.trim() ? stderr.trim().split('\n')[0]! : errorMessage(error)).trim();
}

export type RefList = { refs: string } | { failed: GraphResult };

const OPTIONS = { reject: false, maxBuffer: 1024 * 1024 * 1024, stripFinalNewline: false } as const;

/** ONE `git for-each-ref` over tags and branches; start it early, it runs while the journal parses. */
export async function listRefs(root: string): Promise<RefList> {
  const listed = await execa('git', ['for-each-ref', '--format=%(refname) %(objectname) %(*objectname)', 'refs/tags', 'refs/heads'], { ...OPTIONS, cwd: root, stdin: 'ignore' });
  return listed.failed ? { failed: failure(listed) } : { refs: String(listed.stdout) };
}

/** Loads the commits reachable from `include` and not from `exclude` (tags, branches or shas). */
export async function loadCommitGraph(root: string, revs: { include: readonly string[]; exclude: readonly string[] }, refList?: Promise<RefList>): Promise<GraphResult> {
  const wanted = [...revs.include, ...revs.exclude].filter((r) => SAFE_REV.test(r));
  // Names are resolved here from the for-each-ref: git resolving 10,000 tag names itself costs
  // more than the whole log.
  let refs = '';
  if (wanted.some((r) => !FULL_SHA.test(r))) {
    const listed = await (refList ?? listRefs(root));
    if ('failed' in listed) return listed.failed;
    refs = listed.refs;
  }
  const names = new CommitGraph('', refs);
  const resolve = (rev: string): string => names.resolve(rev) ?? rev;
  const include = [...new Set(revs.include.filter((r) => SAFE_REV.test(r)).map(resolve))];
  const exclude = [...new Set(revs.exclude.filter((r) => SAFE_REV.test(r)).map(resolve))];
  if (include.length === 0) return { graph: names };
  const input = [...include, ...exclude.map((r) => `^${r}`)].join('\n') + '\n';
  // --ignore-missing: a deleted tag or an unknown sha drops that deploy, not the whole log.
  const log = await execa('git', ['log', '--ignore-missing', '--format=%H %at %P', '--stdin'], { ...OPTIONS, cwd: root, input });
  if (log.failed) return failure(log);
  return { graph: new CommitGraph(String(log.stdout), refs) };
}

function failure(result: { code?: string; stderr?: unknown; message?: string }): GraphResult {
  if (result.code === 'ENOENT') return { graph: undefined, warning: 'lead time needs git: apt-get install -y git' };
  return { graph: undefined, warning: sanitizeLine(`lead time: git: ${firstLine(result)}`) };
}
