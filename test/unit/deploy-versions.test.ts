// Versions from tags, conventional-commit parsing, the suggested next version, release notes.
import { describe, expect, it } from 'vitest';
import { draftReleaseNotes } from '../../src/deploy/release-notes.js';
import { bumpFor, normalizeVersion, parseConventionalCommit, sortVersionTags, suggestNextVersion } from '../../src/deploy/versions.js';

const c = (message: string, sha = 'abcdef1234567890') => parseConventionalCommit(sha, message);

describe('versions', () => {
  it('sorts release tags newest semver first and drops other tags', () => {
    expect(sortVersionTags(['v1.2.0', 'v1.10.0', 'v1.9.3', 'latest', 'v2.0.0-rc.1', 'v2.0.0', '1.5.0', 'v1.2.0'])).toEqual(['v2.0.0', 'v2.0.0-rc.1', 'v1.10.0', 'v1.9.3', 'v1.2.0']);
  });

  it('normalizes versions and refuses anything that is not one', () => {
    expect(normalizeVersion('1.2.3')).toBe('v1.2.3');
    expect(normalizeVersion(' v1.2.3 ')).toBeNull();
    expect(normalizeVersion('v1.2.3-rc.1')).toBe('v1.2.3-rc.1');
    for (const bad of ['v1.2', 'v1.2.3; rm -rf /', '$(id)', '-v1.2.3', 'v1.2.3 v1.2.4', 'v01.2.3', '', 'v1.2.3\n']) expect(normalizeVersion(bad)).toBeNull();
  });

  it('parses conventional commits, scopes and breaking markers', () => {
    expect(c('feat(auth): add 2FA')).toMatchObject({ type: 'feat', scope: 'auth', subject: 'add 2FA', breaking: false });
    expect(c('fix!: drop v1 API')).toMatchObject({ type: 'fix', breaking: true });
    expect(c('refactor(core)!: rename')).toMatchObject({ type: 'refactor', scope: 'core', breaking: true });
    expect(c('chore: bump\n\nBREAKING CHANGE: node 20 needed')).toMatchObject({ type: 'chore', breaking: true });
    expect(c('Merge branch main')).toMatchObject({ type: 'other', subject: 'Merge branch main', breaking: false });
    expect(c('wip: thing')).toMatchObject({ type: 'other', subject: 'thing' });
  });

  it('suggests major for breaking, minor for feat, patch for fix or anything else', () => {
    expect(bumpFor([c('fix: a'), c('feat: b')])).toBe('minor');
    expect(suggestNextVersion('v1.2.3', [c('fix: a')])).toBe('v1.2.4');
    expect(suggestNextVersion('v1.2.3', [c('fix: a'), c('feat: b')])).toBe('v1.3.0');
    expect(suggestNextVersion('v1.2.3', [c('feat: b'), c('feat!: c')])).toBe('v2.0.0');
    expect(suggestNextVersion('v1.2.3', [c('docs: x')])).toBe('v1.2.4');
    expect(suggestNextVersion('v1.2.3', [])).toBe('v1.2.4');
    expect(suggestNextVersion(null, [c('feat: first')])).toBe('v0.1.0');
  });
});

describe('release notes', () => {
  it('groups commits by type with breaking changes first and sanitizes subjects', () => {
    const notes = draftReleaseNotes({
      version: 'v1.3.0',
      previous: 'v1.2.3',
      date: '2026-11-26',
      commits: [c('feat(api): refunds', '1111111aaaa'), c('fix: rounding \u001b[31mred\u001b[0m', '2222222bbbb'), c('feat!: new auth', '3333333cccc'), c('tidy things', '4444444dddd')],
    });
    const lines = notes.split('\n');
    expect(lines[0]).toBe('# v1.3.0 (2026-11-26)');
    expect(notes).toContain('Changes since v1.2.3.');
    const order = ['## ⚠ Breaking changes', '## Features', '## Bug fixes', '## Other changes'].map((h) => lines.indexOf(h));
    expect(order.every((n) => n > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(notes).toContain('- **api:** refunds (1111111)');
    expect(notes).toContain('- rounding red (2222222)');
    expect(notes).not.toContain('\u001b');
  });

  it('says so when there are no commits or no previous release', () => {
    const notes = draftReleaseNotes({ version: 'v0.1.0', previous: null, date: '2026-01-01', commits: [] });
    expect(notes).toContain('First release.');
    expect(notes).toContain('No commits since the previous release.');
  });
});
