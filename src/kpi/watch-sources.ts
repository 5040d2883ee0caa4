// Watches the KPI sources in `.orchestration/` (deploy journal, incidents, sop.md, config)
// with one fs.watch on the folder: no polling, nothing to do while nothing changes.
import { watch } from 'node:fs';
import { join } from 'node:path';
import { ORCHESTRATION_DIR } from '../paths.js';

export const KPI_SOURCE_FILES = new Set(['deploys.jsonl', 'incidents.jsonl', 'sop.md', 'opsdeck.yaml']);

export function watchKpiSources(root: string, onChange: () => void): () => void {
  try {
    const watcher = watch(join(root, ORCHESTRATION_DIR), { persistent: false }, (_event, name) => {
      if (name === null || KPI_SOURCE_FILES.has(String(name))) onChange();
    });
    watcher.on('error', () => watcher.close());
    return () => watcher.close();
  } catch {
    return () => undefined;
  }
}
