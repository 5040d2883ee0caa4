// The home screen: a 3x2 grid of pane summaries. Unbuilt panes say so; no fake data.
import { Box } from 'ink';
import { PANE_TITLES, TILE_COLUMNS, TILE_IDS } from '../models/panes.js';
import type { TileId } from '../models/panes.js';
import type { Keymap } from '../models/keys.js';
import { paneKey } from '../src/keys/keymap.js';
import { bodyHeight } from '../src/store/layout.js';
import { useAppStore, useTheme } from './store-context.js';
import { BackupsTileBody } from './backups-tile.js';
import { ChatTileBody } from './chat-tile.js';
import { DeployTileBody } from './deploy-tile.js';
import { IncidentsTileBody } from './incidents-tile.js';
import { KpiTileBody } from './kpi-tile.js';
import { TasksTileBody } from './tasks-tile.js';
import { Tile } from './tile.js';
import type { ComponentType } from 'react';

/** Each tile's body; every one gets the lines and columns inside the tile's border and padding. */
const TILE_BODIES: Record<TileId, ComponentType<{ lines: number; width: number }>> = {
  tasks: TasksTileBody,
  deploy: DeployTileBody,
  backups: BackupsTileBody,
  kpi: KpiTileBody,
  incidents: IncidentsTileBody,
  chat: ChatTileBody,
};

function tileTitle(keymap: Keymap, tile: TileId): string {
  if (tile === 'chat') return `${paneKey(keymap, 'chat')} Chat · ${paneKey(keymap, 'gpu')} GPU`;
  return `${paneKey(keymap, tile)} ${PANE_TITLES[tile]}`;
}

export function Dashboard() {
  const theme = useTheme();
  const focusedTile = useAppStore((s) => s.focusedTile);
  const keymap = useAppStore((s) => s.keymap);
  const columns = useAppStore((s) => s.size.columns);
  const rows = useAppStore((s) => s.size.rows);
  const height = bodyHeight(rows);
  const gridRows = Math.ceil(TILE_IDS.length / TILE_COLUMNS);
  const tileHeight = Math.max(3, Math.floor(height / gridRows));
  const tileWidth = Math.max(10, Math.floor(columns / TILE_COLUMNS));
  const innerLines = Math.max(0, tileHeight - 3);
  const lines = [];
  for (let r = 0; r < gridRows; r += 1) {
    const ids = TILE_IDS.slice(r * TILE_COLUMNS, (r + 1) * TILE_COLUMNS);
    lines.push(
      <Box key={r} flexDirection="row" height={tileHeight} flexShrink={0}>
        {ids.map((tile, c) => {
          const index = r * TILE_COLUMNS + c;
          const Body = TILE_BODIES[tile];
          return (
            <Tile key={tile} title={tileTitle(keymap, tile)} focused={index === focusedTile} width={tileWidth} height={tileHeight} theme={theme}>
              <Body lines={innerLines} width={Math.max(1, tileWidth - 4)} />
            </Tile>
          );
        })}
      </Box>,
    );
  }
  return (
    <Box flexDirection="column" height={height} flexShrink={0}>
      {lines}
    </Box>
  );
}
