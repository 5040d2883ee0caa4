// `opsdeck config`: the effective config (the file plus defaults) as YAML or JSON;
// `opsdeck config schema`: its JSON Schema, for editor completion.
import { stringify } from 'yaml';
import type { RegisterCommand } from './cli-context.js';
import { configJsonSchema } from '../src/config/config-json-schema.js';
import { loadConfig } from '../src/config/load-config.js';

/** JSON with every control character escaped (JSON.stringify leaves DEL and C1 as is). */
function safeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** YAML escapes C0 controls itself but not DEL and C1; those are shown as U+FFFD. */
function safeYaml(value: unknown): string {
  return stringify(value, { lineWidth: 0 }).replace(/[\u007f-\u009f]/g, '\uFFFD');
}

export const registerConfig: RegisterCommand = (program, ctx) => {
  const config = program
    .command('config')
    .description('print the effective config; `config schema`: its JSON Schema')
    .option('--json', 'print JSON instead of YAML')
    .action(async (options: { json?: boolean }) => {
      const effective = await loadConfig(await ctx.resolveRoot());
      ctx.out(options.json ? safeJson(effective) : safeYaml(effective));
    });
  config
    .command('schema')
    .description('print the JSON Schema of opsdeck.yaml (for editor completion)')
    .action(() => {
      ctx.out(safeJson(configJsonSchema()));
    });
};
