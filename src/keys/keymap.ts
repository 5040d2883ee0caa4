// Lookups over the keybinding table: which action a key means in a scope, config remaps,
// and the rows of the help overlay and the footer. All pure.
import { ACTION_IDS, isKeyName } from '../../models/key-ids.js';
import type { ActionId, KeyBinding, KeyScope, Keymap } from '../../models/keys.js';
import type { PaneId } from '../../models/config.js';
import { ConfigError } from '../errors.js';
import { SCOPE_TITLES } from './default-keymap.js';
import { displayKey } from './resolve-key.js';

/** The binding a key name triggers, trying the scopes in order (first match wins). */
export function actionFor(keymap: Keymap, scope: KeyScope | readonly KeyScope[], keyName: string): KeyBinding | undefined {
  const scopes: readonly KeyScope[] = typeof scope === 'string' ? [scope] : scope;
  for (const s of scopes) {
    const hit = keymap.find((b) => b.scope === s && b.keys.includes(keyName));
    if (hit) return hit;
  }
  return undefined;
}

export function bindingOf(keymap: Keymap, action: ActionId): KeyBinding | undefined {
  return keymap.find((b) => b.action === action);
}

/** The key that opens a pane, as configured ("1" for tasks by default). */
export function paneKey(keymap: Keymap, pane: PaneId): string {
  const key = bindingOf(keymap, `open-${pane}` as ActionId)?.keys[0];
  return key === undefined ? '' : displayKey(key);
}

export type KeyOverrides = Record<string, string | string[]>;

/**
 * Applies config `keys` (action id -> key or keys) to a keymap. Throws ConfigError naming
 * `keys.<id>` for an unknown action id, a bad key name, or a key that another action of the
 * same scope already uses.
 */
export function applyKeyOverrides(
  keymap: Keymap,
  overrides: KeyOverrides,
  file: string,
  lineOf: (keyPath: string) => number | undefined = () => undefined,
): Keymap {
  const fail = (id: string, detail: string): never => {
    const keyPath = `keys.${id}`;
    throw new ConfigError(file, lineOf(keyPath), keyPath, detail);
  };
  const result = keymap.map((b) => ({ ...b, keys: [...b.keys] }));
  for (const [id, value] of Object.entries(overrides)) {
    if (!(ACTION_IDS as readonly string[]).includes(id)) fail(id, `unknown action "${id}"`);
    const keys = typeof value === 'string' ? [value] : value;
    if (keys.length === 0) fail(id, 'give at least one key');
    for (const key of keys) {
      if (!isKeyName(key)) fail(id, `"${key}" is not a key name (examples: j, G, ctrl+n, down, pagedown, shift+tab, escape, space)`);
    }
    const target = result.find((b) => b.action === id);
    if (target) target.keys = [...new Set(keys)];
  }
  for (const id of Object.keys(overrides)) {
    const target = result.find((b) => b.action === id);
    if (!target) continue;
    for (const key of target.keys) {
      const clash = result.find((b) => b !== target && b.scope === target.scope && b.keys.includes(key));
      if (clash) fail(id, `key "${key}" is already bound to "${clash.action}"; remap that action too`);
    }
  }
  return result;
}

/** Keys of a binding as people read them: "j/↓". */
export function keysLabel(binding: KeyBinding): string {
  return binding.keys.map(displayKey).join('/');
}

export type HelpEntry = { keys: string; label: string; disabled: boolean; action: ActionId };
export type HelpSection = { title: string; entries: HelpEntry[] };

/** The help overlay's content for the given scopes, generated from the keymap. */
export function helpSections(keymap: Keymap, scopes: readonly KeyScope[], options: { readonly: boolean }): HelpSection[] {
  const sections: HelpSection[] = [];
  for (const scope of scopes) {
    const entries = keymap
      .filter((b) => b.scope === scope)
      .map((b) => ({ keys: keysLabel(b), label: b.label, disabled: options.readonly && b.mutates, action: b.action }));
    if (entries.length > 0) sections.push({ title: SCOPE_TITLES[scope], entries });
  }
  return sections;
}

export type FooterHint = { key: string; label: string; disabled: boolean; action: ActionId; scope: KeyScope };

/**
 * Footer hints for the given scopes: bindings marked `footer`, most specific scope first,
 * each shown with its first key. A key already claimed by an earlier scope is skipped.
 */
export function footerHints(keymap: Keymap, scopes: readonly KeyScope[], options: { readonly: boolean }): FooterHint[] {
  const hints: FooterHint[] = [];
  const seen = new Set<string>();
  for (const scope of scopes) {
    for (const b of keymap) {
      if (b.scope !== scope || !b.footer) continue;
      const key = b.keys[0];
      if (key === undefined || seen.has(key)) continue;
      seen.add(key);
      hints.push({ key: displayKey(key), label: b.label, disabled: options.readonly && b.mutates, action: b.action, scope });
    }
  }
  return hints;
}

/**
 * Keeps the hints that fit in `width` columns (each hint is "key label", two spaces apart).
 * The last `keepTail` hints (help, quit) always stay; the others fill from the start.
 */
export function fitHints<T extends { key: string; label: string }>(hints: T[], width: number, keepTail = 0): T[] {
  const size = (h: T) => h.key.length + 1 + h.label.length + 2;
  const tail = keepTail > 0 ? hints.slice(-keepTail) : [];
  const head = keepTail > 0 ? hints.slice(0, -keepTail) : hints;
  let room = width - tail.reduce((sum, h) => sum + size(h), 0);
  const kept: T[] = [];
  for (const h of head) {
    if (size(h) > room) break;
    kept.push(h);
    room -= size(h);
  }
  return [...kept, ...tail];
}
