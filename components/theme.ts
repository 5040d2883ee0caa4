// Text styles by meaning. With colour off (NO_COLOR, --no-color, ui.color: false) every style
// is empty: no colour, no SGR at all. Meaning then rests on text markers (">", "[crit]").
import type { TextProps } from 'ink';
import type { Priority } from '../models/todo.js';
import { sanitize } from '../src/sanitize/sanitize.js';

type Style = Pick<TextProps, 'color' | 'bold' | 'dimColor' | 'inverse'>;

export type Theme = {
  color: boolean;
  accent: Style;
  heading: Style;
  dim: Style;
  cursor: Style;
  error: Style;
  warn: Style;
  info: Style;
  priority: Record<Priority, Style>;
  /** Border colour of the focused tile (undefined without colour). */
  focusBorder: string | undefined;
};

const PLAIN: Style = {};

export function makeTheme(color: boolean): Theme {
  if (!color) {
    return {
      color,
      accent: PLAIN,
      heading: PLAIN,
      dim: PLAIN,
      cursor: PLAIN,
      error: PLAIN,
      warn: PLAIN,
      info: PLAIN,
      priority: { critical: PLAIN, high: PLAIN, low: PLAIN },
      focusBorder: undefined,
    };
  }
  return {
    color,
    accent: { color: 'cyan' },
    heading: { bold: true },
    dim: { dimColor: true },
    cursor: { inverse: true },
    error: { color: 'red' },
    warn: { color: 'yellow' },
    info: { color: 'green' },
    priority: { critical: { color: 'red', bold: true }, high: { color: 'yellow' }, low: { dimColor: true } },
    focusBorder: 'cyan',
  };
}

/** Untrusted text made safe for one line of <Text>: sanitized, tabs and newlines as spaces. */
export function cleanLine(text: string, color: boolean): string {
  return sanitize(text, { keepSgr: color }).replace(/[\t\n]/g, ' ');
}
