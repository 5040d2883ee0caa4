// The cockpit's panes and dashboard tiles as plain constants, without zod: the first frame
// needs these, and importing them from the zod models would load zod (~190 KB) before it.
// models/config.ts builds PaneIdSchema from PANE_IDS.

export const PANE_IDS = ['tasks', 'deploy', 'backups', 'kpi', 'incidents', 'chat', 'gpu'] as const;
export type PaneId = (typeof PANE_IDS)[number];

/** Dashboard tiles, in grid order (3 columns). The last tile summarises two panes. */
export const TILE_IDS = ['tasks', 'deploy', 'backups', 'kpi', 'incidents', 'chat'] as const;
export type TileId = (typeof TILE_IDS)[number];
export const TILE_COLUMNS = 3;

export const PANE_TITLES: Record<PaneId, string> = {
  tasks: 'Tasks',
  deploy: 'Deploy',
  backups: 'Backups',
  kpi: 'KPIs',
  incidents: 'Incidents',
  chat: 'Chat',
  gpu: 'GPU',
};
