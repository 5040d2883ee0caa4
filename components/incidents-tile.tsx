// The incidents tile's body on the dashboard (issue 6).
import { paneKey } from '../src/keys/keymap.js';
import { useAppStore, useTheme } from './store-context.js';
import { NotBuilt } from './tile.js';

export function IncidentsTileBody({ lines: _lines }: { lines: number }) {
  const theme = useTheme();
  const keymap = useAppStore((s) => s.keymap);
  return <NotBuilt theme={theme} keyHint={`Press ${paneKey(keymap, 'incidents')} to open.`} />;
}
