// Release notes drafted from the conventional commits since the previous tag, grouped by type
// (SOP §2.1 "Release notes prepared"). Pure; release-notes-file.ts saves them.
import { sanitize } from '../sanitize/sanitize.js';
import type { CommitType, ConventionalCommit } from './versions.js';

const GROUPS: Array<[CommitType, string]> = [
  ['feat', 'Features'],
  ['fix', 'Bug fixes'],
  ['perf', 'Performance'],
  ['revert', 'Reverts'],
  ['refactor', 'Refactoring'],
  ['docs', 'Documentation'],
  ['test', 'Tests'],
  ['build', 'Build'],
  ['ci', 'CI'],
  ['style', 'Style'],
  ['chore', 'Chores'],
  ['other', 'Other changes'],
];

export type ReleaseNotesInput = {
  version: string;
  previous: string | null;
  /** YYYY-MM-DD */
  date: string;
  commits: readonly ConventionalCommit[];
};

function clean(text: string): string {
  return sanitize(text, { keepSgr: false }).replace(/\s+/g, ' ').trim();
}

function item(commit: ConventionalCommit): string {
  const scope = commit.scope ? `**${clean(commit.scope)}:** ` : '';
  return `- ${scope}${clean(commit.subject)} (${commit.sha.slice(0, 7)})`;
}

/** Markdown: a title, what it covers, breaking changes first, then one section per type. */
export function draftReleaseNotes(input: ReleaseNotesInput): string {
  const lines = [`# ${input.version} (${input.date})`, ''];
  lines.push(input.previous ? `Changes since ${input.previous}.` : 'First release.', '');
  if (input.commits.length === 0) {
    lines.push('No commits since the previous release.', '');
    return lines.join('\n');
  }
  const breaking = input.commits.filter((c) => c.breaking);
  if (breaking.length > 0) lines.push('## ⚠ Breaking changes', '', ...breaking.map(item), '');
  for (const [type, title] of GROUPS) {
    const group = input.commits.filter((c) => c.type === type);
    if (group.length > 0) lines.push(`## ${title}`, '', ...group.map(item), '');
  }
  return lines.join('\n');
}
