// Release versions: git tags as semver (newest first) and the next version suggested from the
// conventional commits since the last tag (BREAKING or `!` -> major, feat -> minor, fix -> patch).
// Pure: the git adapter (git.ts) feeds it.
import semver from 'semver';

/** A release version as opsdeck writes it: `v` + a full semver (no build metadata). */
const VERSION_RE = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

/** `1.2.3` or `v1.2.3` -> `v1.2.3`; anything else (spaces, shell characters, `-x`) -> null. */
export function normalizeVersion(input: string): string | null {
  const text = input;
  const withV = text.startsWith('v') ? text : `v${text}`;
  return VERSION_RE.test(withV) && text.length <= 64 ? withV : null;
}

export function isVersion(text: string): boolean {
  return VERSION_RE.test(text);
}

/** Release tags (vX.Y.Z) among `tags`, newest semver first; other tags are left out. */
export function sortVersionTags(tags: readonly string[]): string[] {
  return [...new Set(tags.filter(isVersion))].sort((a, b) => semver.rcompare(a.slice(1), b.slice(1)));
}

export type CommitType = 'feat' | 'fix' | 'perf' | 'refactor' | 'docs' | 'test' | 'chore' | 'style' | 'build' | 'ci' | 'revert' | 'other';

export type ConventionalCommit = {
  sha: string;
  type: CommitType;
  scope: string | null;
  subject: string;
  breaking: boolean;
};

const KNOWN_TYPES = new Set<string>(['feat', 'fix', 'perf', 'refactor', 'docs', 'test', 'chore', 'style', 'build', 'ci', 'revert']);
const HEADER_RE = /^(\w+)(?:\(([^()\r\n]*)\))?(!)?:\s*(.+)$/;

/** Parses `type(scope)!: subject` plus a `BREAKING CHANGE:` footer; other messages are type "other". */
export function parseConventionalCommit(sha: string, message: string): ConventionalCommit {
  const [header = '', ...body] = message.replace(/\r\n/g, '\n').split('\n');
  const breakingFooter = body.some((line) => /^BREAKING[ -]CHANGE:/.test(line));
  const match = HEADER_RE.exec(header.trim());
  if (!match) return { sha, type: 'other', scope: null, subject: header.trim(), breaking: breakingFooter };
  const type = (match[1] ?? '').toLowerCase();
  return {
    sha,
    type: KNOWN_TYPES.has(type) ? (type as CommitType) : 'other',
    scope: match[2]?.trim() || null,
    subject: (match[4] ?? '').trim(),
    breaking: match[3] === '!' || breakingFooter,
  };
}

export type Bump = 'major' | 'minor' | 'patch';

/** The bump the commits call for; patch when none is a feat, fix or breaking change. */
export function bumpFor(commits: readonly ConventionalCommit[]): Bump {
  if (commits.some((c) => c.breaking)) return 'major';
  if (commits.some((c) => c.type === 'feat')) return 'minor';
  return 'patch';
}

/** The next version after `last` (a vX.Y.Z tag, or null when there is none: v0.1.0). */
export function suggestNextVersion(last: string | null, commits: readonly ConventionalCommit[]): string {
  if (last === null) return 'v0.1.0';
  const next = semver.inc(last.slice(1), bumpFor(commits));
  return next === null ? 'v0.1.0' : `v${next}`;
}
