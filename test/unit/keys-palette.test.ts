import { describe, expect, it } from 'vitest';
import { completePalette, paletteCandidates, parsePalette } from '../../src/keys/palette.js';

describe('command palette', () => {
  it('completes a unique prefix and stops at the common prefix otherwise', () => {
    expect(completePalette('ba')).toBe('backups');
    expect(completePalette(':ba')).toBe('backups');
    expect(completePalette('k')).toBe('kpi');
    expect(completePalette('h')).toBe('h');
    expect(completePalette('zz')).toBe('zz');
  });

  it('lists candidates for what is typed', () => {
    expect(paletteCandidates('h')).toEqual(['home', 'help']);
    expect(paletteCandidates('')).toContain('quit');
    expect(paletteCandidates('x')).toEqual([]);
  });

  it('parses exact names and unique prefixes, nothing else', () => {
    expect(parsePalette('tasks')).toMatchObject({ pane: 'tasks' });
    expect(parsePalette(' :Quit ')).toMatchObject({ run: 'quit' });
    expect(parsePalette('inc')).toMatchObject({ pane: 'incidents' });
    expect(parsePalette('h')).toBeUndefined();
    expect(parsePalette('nope')).toBeUndefined();
    expect(parsePalette('')).toBeUndefined();
  });
});
