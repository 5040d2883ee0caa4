// The text `opsdeck init` writes to `.orchestration/opsdeck.yaml`: every section of the
// defaults, commented out. It is generated from the schema's defaults, so it cannot drift.
// Prose lines start with `## `; setting lines with `# `, so uncommenting a section (or the
// whole file) with an editor's toggle-comment gives valid YAML equal to the defaults.
import { stringify } from 'yaml';
import type { Config } from '../../models/config.js';
import { defaultConfig } from './load-config.js';

/** One line of explanation per top-level section, in file order. */
export const SECTION_NOTES: Record<keyof Config, string> = {
  environments: 'Deploy targets: name, healthUrl (GET; 2xx is healthy), production flag.',
  scripts: 'The SOP scripts (§2.2, §2.3, §4.2); {env}, {version}, … are filled in.',
  checks: 'Pre-deployment checks (§2.1), run before a deploy.',
  deploy: 'The deploy flow: production overrides, health-check retries, log size.',
  backups: 'Backups (§4.1): per component schedule, type, retention, grace, source.',
  kpis: 'KPIs (§6): window, environment, DORA bands, warnPercent, targets, metrics.',
  incidents: 'Incident SLA overrides per priority, e.g. sla: {P1: 15 minutes}.',
  llm: 'Local LLM chat: where models live, which one, threads, context, GPU layers.',
  mcp: 'The MCP server: allowWrite lets tools change files; models kept loaded.',
  keys: 'Key remapping: action -> keys, e.g. quit: [q, ctrl+c].',
  ui: 'Display: colour (NO_COLOR and --no-color win), clock, default environment.',
};

const HEADER = [
  '## opsdeck config. Every key is optional; the values shown are the defaults.',
  '## Uncomment a section and edit it. `opsdeck config` prints the effective',
  '## config; `opsdeck config schema` prints a JSON Schema for editor completion.',
];

function commentOut(yamlText: string): string[] {
  return yamlText
    .trimEnd()
    .split('\n')
    .map((line) => `# ${line}`);
}

/** The commented defaults text, generated from ConfigSchema's defaults. */
export function commentedDefaultsText(defaults: Config = defaultConfig()): string {
  const lines = [...HEADER];
  for (const key of Object.keys(defaults) as (keyof Config)[]) {
    lines.push('', `## ${SECTION_NOTES[key]}`, ...commentOut(stringify({ [key]: defaults[key] }, { lineWidth: 0 })));
  }
  return `${lines.join('\n')}\n`;
}
