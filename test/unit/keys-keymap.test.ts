// Keybindings as data: key resolution, lookup by scope, config remaps, help and footer.
import { describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../models/key-ids.js';
import { KeymapSchema } from '../../models/keys.js';
import { ConfigError } from '../../src/errors.js';
import { DEFAULT_KEYMAP } from '../../src/keys/default-keymap.js';
import { actionFor, applyKeyOverrides, fitHints, footerHints, helpSections, paneKey } from '../../src/keys/keymap.js';
import { displayKey, resolveKey, resolveKeys } from '../../src/keys/resolve-key.js';

describe('resolveKey', () => {
  it('names printable keys by their character, keeping case', () => {
    expect(resolveKey('j', {})).toBe('j');
    expect(resolveKey('G', { shift: true })).toBe('G');
    expect(resolveKey('?', {})).toBe('?');
    expect(resolveKey('1', {})).toBe('1');
    expect(resolveKey(' ', {})).toBe('space');
  });

  it('names special keys from Ink flags', () => {
    expect(resolveKey('', { downArrow: true })).toBe('down');
    expect(resolveKey('', { upArrow: true })).toBe('up');
    expect(resolveKey('', { pageDown: true })).toBe('pagedown');
    expect(resolveKey('', { pageUp: true })).toBe('pageup');
    expect(resolveKey('', { return: true })).toBe('return');
    expect(resolveKey('', { escape: true, meta: true })).toBe('escape');
    expect(resolveKey('', { tab: true })).toBe('tab');
    expect(resolveKey('', { tab: true, shift: true })).toBe('shift+tab');
    expect(resolveKey('', { delete: true })).toBe('delete');
    expect(resolveKey('', { home: true })).toBe('home');
  });

  it('names ctrl combinations and ignores alt combinations and control bytes', () => {
    expect(resolveKey('c', { ctrl: true })).toBe('ctrl+c');
    expect(resolveKey('x', { meta: true })).toBeUndefined();
    expect(resolveKey('\x07', {})).toBeUndefined();
  });

  it('splits a burst of plain characters into one key per character', () => {
    expect(resolveKeys('jjd', {})).toEqual(['j', 'j', 'd']);
    expect(resolveKeys('a b\r', {})).toEqual(['a', 'space', 'b', 'return']);
    expect(resolveKeys('x\x7f', {})).toEqual(['x', 'backspace']);
    expect(resolveKeys('', { downArrow: true })).toEqual(['down']);
    expect(resolveKeys('\x01', {})).toEqual([]);
    expect(resolveKeys('a', { meta: true })).toEqual(['escape', 'a']);
    expect(resolveKeys('', { escape: true, meta: true })).toEqual(['escape']);
    expect(resolveKeys('', { upArrow: true, meta: true })).toEqual(['up']);
  });

  it('shows keys the way people read them', () => {
    expect(displayKey('ctrl+c')).toBe('^C');
    expect(displayKey('escape')).toBe('esc');
    expect(displayKey('down')).toBe('↓');
    expect(displayKey('j')).toBe('j');
  });
});

describe('the default keymap', () => {
  it('is valid data, covers every action, and has no key twice in one scope', () => {
    expect(KeymapSchema.safeParse(DEFAULT_KEYMAP).success).toBe(true);
    expect(new Set(DEFAULT_KEYMAP.map((b) => b.action))).toEqual(new Set(ACTION_IDS));
    for (const b of DEFAULT_KEYMAP) {
      for (const other of DEFAULT_KEYMAP) {
        if (other === b || other.scope !== b.scope) continue;
        expect(other.keys.filter((k) => b.keys.includes(k)), `${b.action} vs ${other.action}`).toEqual([]);
      }
    }
  });

  it('marks exactly the actions that change files or start runs as mutating (--readonly disables them)', () => {
    const mutating = [...new Set(DEFAULT_KEYMAP.filter((b) => b.mutates).map((b) => b.action))].sort();
    expect(mutating).toEqual([
      'backup-step-run',
      'deploy-abort',
      'deploy-abort-yes',
      'deploy-rollback',
      'deploy-start',
      'deploy-wiz-override',
      'deploy-wiz-rollback-now',
      'incident-ack',
      'incident-declare',
      'incident-export',
      'incident-note',
      'incident-priority',
      'incident-resolve',
      'task-add',
      'task-cancel',
      'task-done',
      'task-edit',
      'task-move',
      'task-priority',
      'task-reopen',
      'task-start',
    ]);
    // navigation, help, search and the log view never are
    for (const action of ['open-deploy', 'cursor-down', 'filter', 'help', 'quit']) expect(DEFAULT_KEYMAP.find((b) => b.action === action)?.mutates).toBe(false);
  });
});

describe('actionFor', () => {
  it('tries scopes in order, so the pane wins over global', () => {
    expect(actionFor(DEFAULT_KEYMAP, ['app', 'dashboard', 'global'], 'tab')?.action).toBe('tile-next');
    expect(actionFor(DEFAULT_KEYMAP, ['app', 'tasks', 'list', 'global'], 'tab')?.action).toBe('next-pane');
    expect(actionFor(DEFAULT_KEYMAP, ['app', 'tasks', 'list', 'global'], 'j')?.action).toBe('cursor-down');
    expect(actionFor(DEFAULT_KEYMAP, 'list', 'G')?.action).toBe('cursor-bottom');
    expect(actionFor(DEFAULT_KEYMAP, ['app', 'input'], 'j')).toBeUndefined();
    expect(actionFor(DEFAULT_KEYMAP, ['app', 'input'], 'ctrl+c')?.action).toBe('force-quit');
  });
});

describe('applyKeyOverrides', () => {
  it('replaces the keys of an action, from a string or a list', () => {
    const map = applyKeyOverrides(DEFAULT_KEYMAP, { 'cursor-down': ['n', 'down'], 'task-done': 'D' }, 'opsdeck.yaml');
    expect(actionFor(map, 'list', 'n')?.action).toBe('cursor-down');
    expect(actionFor(map, 'list', 'j')).toBeUndefined();
    expect(actionFor(map, 'tasks', 'D')?.action).toBe('task-done');
    expect(actionFor(map, 'tasks', 'd')).toBeUndefined();
    expect(actionFor(DEFAULT_KEYMAP, 'tasks', 'd')?.action).toBe('task-done');
  });

  it('rejects an unknown action id naming keys.<id>, the file and the line', () => {
    const run = () => applyKeyOverrides(DEFAULT_KEYMAP, { 'fly-away': 'f' }, '.orchestration/opsdeck.yaml', (p) => (p === 'keys.fly-away' ? 7 : undefined));
    expect(run).toThrow(ConfigError);
    expect(run).toThrow('.orchestration/opsdeck.yaml:7: keys.fly-away: unknown action "fly-away"');
  });

  it('rejects a bad key name and a clash inside one scope', () => {
    expect(() => applyKeyOverrides(DEFAULT_KEYMAP, { quit: 'hyper+q' }, 'f.yaml')).toThrow(/keys\.quit: "hyper\+q" is not a key name/);
    expect(() => applyKeyOverrides(DEFAULT_KEYMAP, { 'task-start': 'd' }, 'f.yaml')).toThrow(/keys\.task-start: key "d" is already bound to "task-done"/);
    expect(() => applyKeyOverrides(DEFAULT_KEYMAP, { 'task-start': 'd', 'task-done': 'D' }, 'f.yaml')).not.toThrow();
  });
});

describe('help and footer generation', () => {
  it('builds help sections per scope from the keymap, marking mutating ones disabled when read-only', () => {
    const sections = helpSections(DEFAULT_KEYMAP, ['tasks', 'list'], { readonly: true });
    expect(sections.map((s) => s.title)).toEqual(['Tasks', 'Lists']);
    const done = sections[0]?.entries.find((e) => e.action === 'task-done');
    expect(done).toMatchObject({ keys: 'd/space', label: 'done', disabled: true });
    expect(sections[1]?.entries.find((e) => e.action === 'cursor-down')).toMatchObject({ keys: 'j/↓', disabled: false });
    const remapped = applyKeyOverrides(DEFAULT_KEYMAP, { 'task-done': 'D' }, 'f');
    expect(helpSections(remapped, ['tasks'], { readonly: false })[0]?.entries.find((e) => e.action === 'task-done')?.keys).toBe('D');
  });

  it('lists footer hints most specific first, without repeating a key', () => {
    const hints = footerHints(DEFAULT_KEYMAP, ['dashboard', 'global'], { readonly: false });
    expect(hints.map((h) => `${h.key} ${h.label}`)).toEqual(['enter open', 'tab next tile', '? help', 'q quit', ': command']);
    const ro = footerHints(DEFAULT_KEYMAP, ['tasks', 'list', 'global'], { readonly: true });
    expect(ro.filter((h) => h.disabled).map((h) => h.key)).toEqual(['s', 'd', 'x', 'a', 'e', 'p']);
  });

  it('fits hints in the width, always keeping the tail', () => {
    const hints = [{ key: 'a', label: 'aaaa' }, { key: 'b', label: 'bbbb' }, { key: '?', label: 'help' }];
    expect(fitHints(hints, 100, 1)).toHaveLength(3);
    expect(fitHints(hints, 16, 1).map((h) => h.key)).toEqual(['a', '?']);
    expect(fitHints(hints, 5, 1).map((h) => h.key)).toEqual(['?']);
  });

  it('names the key that opens a pane', () => {
    expect(paneKey(DEFAULT_KEYMAP, 'backups')).toBe('3');
    expect(paneKey(applyKeyOverrides(DEFAULT_KEYMAP, { 'open-backups': 'b' }, 'f'), 'backups')).toBe('b');
  });
});
