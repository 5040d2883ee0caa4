// A pane that later issues build. It says so plainly instead of showing invented data.
import { Box, Text } from 'ink';
import type { PaneId } from '../models/config.js';
import { PANE_TITLES } from '../models/ui.js';
import { paneKey } from '../src/keys/keymap.js';
import { useAppStore, useTheme } from './store-context.js';

export function PlaceholderPane({ pane }: { pane: PaneId }) {
  const theme = useTheme();
  const keymap = useAppStore((s) => s.keymap);
  return (
    <Box flexDirection="column" flexGrow={1} flexShrink={0}>
      <Text {...theme.heading}>{`${paneKey(keymap, pane)} ${PANE_TITLES[pane]}`}</Text>
      <Text {...theme.dim}>{`The ${PANE_TITLES[pane]} pane is not built yet.`}</Text>
      <Text {...theme.dim}>Esc goes back to the dashboard; Tab goes to the next pane.</Text>
    </Box>
  );
}
