// Turns what Ink's useInput reports (input text + key flags) into key names as the keymap
// uses them ("j", "G", "down", "shift+tab", "ctrl+c", "escape", "return", "space").
// Pure: no Ink import; InkKeyLike is the subset of Ink's Key that we read.

export type InkKeyLike = {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  home?: boolean;
  end?: boolean;
  return?: boolean;
  escape?: boolean;
  ctrl?: boolean;
  shift?: boolean;
  tab?: boolean;
  backspace?: boolean;
  delete?: boolean;
  meta?: boolean;
};

const FLAG_NAMES: Array<[keyof InkKeyLike, string]> = [
  ['upArrow', 'up'],
  ['downArrow', 'down'],
  ['leftArrow', 'left'],
  ['rightArrow', 'right'],
  ['pageUp', 'pageup'],
  ['pageDown', 'pagedown'],
  ['home', 'home'],
  ['end', 'end'],
  ['return', 'return'],
  ['escape', 'escape'],
  ['backspace', 'backspace'],
  ['delete', 'delete'],
];

/** The key name of one character of typed or pasted text, or undefined for other control bytes. */
export function keyForChar(ch: string): string | undefined {
  if (ch === ' ') return 'space';
  if (ch === '\r' || ch === '\n') return 'return';
  if (ch === '\t') return 'tab';
  if (ch === '\x7f' || ch === '\b') return 'backspace';
  if (ch === '\x1b') return 'escape';
  if (/^[\p{C}\s]$/u.test(ch)) return undefined;
  return ch;
}

/** One key name for one Ink key event, or undefined when it means nothing to us. */
export function resolveKey(input: string, key: InkKeyLike): string | undefined {
  if (key.tab) return key.shift ? 'shift+tab' : 'tab';
  for (const [flag, name] of FLAG_NAMES) if (key[flag]) return name;
  if (key.ctrl && /^[a-z]$/i.test(input)) return `ctrl+${input.toLowerCase()}`;
  if (key.ctrl || key.meta) return undefined;
  if ([...input].length !== 1) return undefined;
  return keyForChar(input);
}

/**
 * Every key name in one Ink input event. Ink delivers a burst of plain characters (a paste,
 * `tmux send-keys jjj`, key repeat over SSH) as one event; we split it so each key counts.
 */
export function resolveKeys(input: string, key: InkKeyLike): string[] {
  const chars = [...input];
  const flagged = FLAG_NAMES.some(([flag]) => key[flag]) || key.tab || key.ctrl;
  // Esc then a key in one read (fast typing over SSH, tmux send-keys) arrives as Alt+key.
  // Nothing is bound to Alt, so take it as the two keys it almost always was.
  if (key.meta && !flagged && chars.length > 0) return ['escape', ...resolveKeys(input, { ...key, meta: false })];
  const special = flagged || key.meta;
  if (chars.length <= 1 || special) {
    const name = resolveKey(input, key);
    return name === undefined ? [] : [name];
  }
  return chars.map(keyForChar).filter((name): name is string => name !== undefined);
}

/** How a key name is shown to people: "esc", "enter", "S-tab", "^C", "PgDn". */
export function displayKey(name: string): string {
  const ctrl = /^ctrl\+([a-z])$/.exec(name);
  if (ctrl) return `^${(ctrl[1] ?? '').toUpperCase()}`;
  return DISPLAY[name] ?? name;
}

const DISPLAY: Record<string, string> = {
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  pageup: 'PgUp',
  pagedown: 'PgDn',
  home: 'Home',
  end: 'End',
  return: 'enter',
  escape: 'esc',
  tab: 'tab',
  'shift+tab': 'S-tab',
  space: 'space',
  backspace: 'bksp',
  delete: 'del',
};
