// The `?` overlay, generated from the keybinding data: the keys live in the current view plus
// the typing keys, in as many columns as the screen needs.
import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { helpSections } from '../src/keys/keymap.js';
import { bodyHeight } from '../src/store/layout.js';
import { viewScopes } from '../src/store/dispatch.js';
import type { KeyScope } from '../models/keys.js';
import { useAppStore, useTheme } from './store-context.js';

type Line = { text: string; heading: boolean; disabled: boolean };

export function HelpOverlay() {
  const theme = useTheme();
  const keymap = useAppStore((s) => s.keymap);
  const scopesKey = useAppStore((s) => viewScopes(s).join(','));
  const readonly = useAppStore((s) => s.readonly);
  const { columns, rows } = useAppStore((s) => s.size);
  const height = Math.max(1, bodyHeight(rows) - 1);

  const columnsOfLines = useMemo(() => {
    const sections = helpSections(keymap, [...(scopesKey.split(',') as KeyScope[]), 'input'], { readonly });
    const keysWidth = Math.min(12, Math.max(...sections.flatMap((s) => s.entries.map((e) => e.keys.length))));
    const lines: Line[] = [];
    for (const section of sections) {
      lines.push({ text: `${section.title}:`, heading: true, disabled: false });
      for (const e of section.entries) {
        lines.push({ text: `${e.disabled ? '✗' : ' '}${e.keys.padEnd(keysWidth)} ${e.label}`, heading: false, disabled: e.disabled });
      }
    }
    const columnCount = Math.max(1, Math.ceil(lines.length / height));
    const perColumn = Math.ceil(lines.length / columnCount);
    const out: Line[][] = [];
    for (let i = 0; i < lines.length; i += perColumn) out.push(lines.slice(i, i + perColumn));
    return out;
  }, [keymap, scopesKey, readonly, height]);

  const width = Math.max(10, Math.floor(columns / Math.max(1, columnsOfLines.length)));
  return (
    <Box flexDirection="column" flexGrow={1} flexShrink={0}>
      <Text wrap="truncate-end">
        <Text {...theme.heading}>Keys</Text>
        {readonly ? ' · ✗ = disabled (read-only)' : ''} · Esc closes
      </Text>
      <Box flexDirection="row" height={height} flexShrink={0} overflow="hidden">
        {columnsOfLines.map((column, c) => (
          <Box key={c} flexDirection="column" width={width} flexShrink={0} paddingRight={2}>
            {column.map((line, i) => (
              <Text
                key={i}
                wrap="truncate-end"
                {...(line.heading ? theme.accent : line.disabled ? theme.dim : {})}
              >
                {line.text}
              </Text>
            ))}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
