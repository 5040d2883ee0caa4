// `npm run bench`: every benchmark, one after another (they would disturb each other if run
// together). Each prints its medians and ratios against a baseline measured in its own run.
// A benchmark that fails is reported and the rest still run; the exit code says if any failed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BENCHES = [
  ['run.mjs', 'startup, large task files, idle cost (issue 2)'],
  ['chat.mjs', 'streaming chat and the GPU meter (issue 3)'],
  ['deploy.mjs', 'headless deploy over a 200,000-line log (issue 4)'],
  ['firehose.mjs', 'a 200,000-line deploy log in the cockpit log view (issue 4)'],
  ['incidents.mjs', 'incident badge, live notes and large journals (issue 6)'],
  ['backups.mjs', 'parallel backup status (issue 5)'],
  ['kpi.mjs', 'DORA at scale and the KPI pane from cache (issue 6)'],
  ['mcp.mjs', 'MCP round trip and start-up (issue 7)'],
];

let failed = 0;
for (const [file, what] of BENCHES) {
  const path = fileURLToPath(new URL(file, import.meta.url));
  if (!existsSync(path)) continue;
  process.stdout.write(`\n== ${file}: ${what}\n`);
  const result = spawnSync(process.execPath, [path], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed += 1;
    process.stdout.write(`!! ${file} exited with ${result.status ?? result.signal}\n`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
