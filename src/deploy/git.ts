// The git adapter of the deploy flow: release tags, commits since a tag, remotes, commits.
// Every call is a real `git` child process (no shell) in the repo root.
import { execa } from 'execa';
import { parseConventionalCommit, sortVersionTags } from './versions.js';
import type { ConventionalCommit } from './versions.js';

async function git(root: string, args: string[]): Promise<{ ok: boolean; stdout: string }> {
  const result = await execa('git', args, { cwd: root, reject: false, stripFinalNewline: true, timeout: 30_000 });
  return { ok: result.exitCode === 0, stdout: String(result.stdout) };
}

export async function isGitRepo(root: string): Promise<boolean> {
  return (await git(root, ['rev-parse', '--is-inside-work-tree'])).ok;
}

/** Release tags (vX.Y.Z), newest semver first; [] outside a git repo. */
export async function listVersions(root: string): Promise<string[]> {
  const { ok, stdout } = await git(root, ['tag', '--list']);
  return ok ? sortVersionTags(stdout.split('\n').map((t) => t.trim())) : [];
}

/** The commits after `since` (a tag; null: the whole history) up to HEAD, newest first. */
export async function commitsSince(root: string, since: string | null): Promise<ConventionalCommit[]> {
  const range = since ? [`${since}..HEAD`] : ['HEAD'];
  const { ok, stdout } = await git(root, ['log', '--format=%H%x1f%B%x1e', ...range, '--']);
  if (!ok) return [];
  return stdout
    .split('\x1e')
    .map((entry) => entry.replace(/^\n/, ''))
    .filter((entry) => entry.includes('\x1f'))
    .map((entry) => {
      const [sha = '', message = ''] = entry.split('\x1f');
      return parseConventionalCommit(sha, message.trim());
    });
}

/** The commit a rev (tag, HEAD) points at, or null. */
export async function commitOf(root: string, rev: string): Promise<string | null> {
  const { ok, stdout } = await git(root, ['rev-list', '-n', '1', rev, '--']);
  return ok && /^[0-9a-f]{40}$/.test(stdout.trim()) ? stdout.trim() : null;
}

export async function remotes(root: string): Promise<string[]> {
  const { ok, stdout } = await git(root, ['remote']);
  return ok ? stdout.split('\n').map((r) => r.trim()).filter(Boolean) : [];
}

export type VersionInfo = { versions: string[]; latest: string | null; commits: ConventionalCommit[]; head: string | null; remotes: string[] };

/** Everything the version step needs, in parallel. */
export async function versionInfo(root: string): Promise<VersionInfo> {
  const versions = await listVersions(root);
  const latest = versions[0] ?? null;
  const [commits, head, remoteList] = await Promise.all([commitsSince(root, latest), commitOf(root, 'HEAD'), remotes(root)]);
  return { versions, latest, commits, head, remotes: remoteList };
}
