// The `:` command palette: its commands, Tab completion and parsing. Pure.
import { PANE_IDS } from '../../models/panes.js';
import type { PaneId } from '../../models/config.js';

export type PaletteCommand = { name: string; pane?: PaneId; run?: 'quit' | 'help' | 'home' };

export const PALETTE_COMMANDS: PaletteCommand[] = [
  ...PANE_IDS.map((pane): PaletteCommand => ({ name: pane, pane })),
  { name: 'home', run: 'home' },
  { name: 'help', run: 'help' },
  { name: 'quit', run: 'quit' },
];

function strip(buffer: string): string {
  return buffer.trim().replace(/^:/, '').toLowerCase();
}

/** Names that start with what was typed. */
export function paletteCandidates(buffer: string): string[] {
  const typed = strip(buffer);
  return PALETTE_COMMANDS.map((c) => c.name).filter((name) => name.startsWith(typed));
}

/** Tab completion: the unique match, else the longest common prefix of the matches. */
export function completePalette(buffer: string): string {
  const candidates = paletteCandidates(buffer);
  const first = candidates[0];
  if (first === undefined) return buffer;
  let prefix = first;
  for (const c of candidates) while (!c.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix.length >= strip(buffer).length ? prefix : buffer;
}

/** The command Enter runs: an exact name or a unique prefix; undefined when unknown. */
export function parsePalette(buffer: string): PaletteCommand | undefined {
  const typed = strip(buffer);
  if (typed === '') return undefined;
  const exact = PALETTE_COMMANDS.find((c) => c.name === typed);
  if (exact) return exact;
  const matches = PALETTE_COMMANDS.filter((c) => c.name.startsWith(typed));
  return matches.length === 1 ? matches[0] : undefined;
}
