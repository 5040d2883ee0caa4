// `opsdeck models [--json]`: the GGUF models found; `opsdeck models validate FILE`: structure,
// metadata and a trial load in a child process (exit 0 valid, 1 invalid, 2 usage).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ModelInfo } from '../models/llm.js';
import type { RegisterCommand } from './cli-context.js';
import { loadLlmSettings } from './chat.js';
import { UserError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from '../src/errors.js';
import { expandHome } from '../src/paths.js';
import { sanitizeLine } from '../src/sanitize/sanitize.js';

export function formatCount(n: number | undefined): string {
  if (n === undefined) return '-';
  const units: [number, string][] = [[1e12, 'T'], [1e9, 'B'], [1e6, 'M'], [1e3, 'K']];
  for (const [size, unit] of units) if (n >= size) return `${(n / size).toFixed(n >= size * 100 ? 0 : 1)}${unit}`;
  return String(n);
}

export function formatBytes(n: number): string {
  const units: [number, string][] = [[2 ** 30, 'GiB'], [2 ** 20, 'MiB'], [2 ** 10, 'KiB']];
  for (const [size, unit] of units) if (n >= size) return `${(n / size).toFixed(1)} ${unit}`;
  return `${n} B`;
}

/** The models table, at most `width` columns wide. */
export function renderModelsTable(models: readonly ModelInfo[], width = 80): string {
  const header = ['NAME', 'ARCH', 'PARAMS', 'QUANT', 'SIZE', 'CTX', 'VOCAB'];
  const rows = models.map((m) =>
    m.error
      ? [m.name, 'error', '', sanitizeLine(m.error, 40), formatBytes(m.sizeBytes), '', '']
      : [m.name, m.architecture ?? '-', formatCount(m.parameters), (m.quantization ?? '-').replace(/^MOSTLY_/, ''), formatBytes(m.sizeBytes), m.contextLength ? String(m.contextLength) : '-', m.vocabOnly ? 'yes' : ''],
  );
  const fixed = [0, 10, 7, 10, 10, 7, 5];
  const nameWidth = Math.max(8, Math.min(40, width - fixed.reduce((a, b) => a + b + 1, 0)));
  const widths = [nameWidth, ...fixed.slice(1)];
  const line = (cells: string[]): string =>
    cells.map((c, i) => sanitizeLine(c, widths[i]).padEnd(widths[i] ?? 0)).join(' ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

export const registerModels: RegisterCommand = (program, ctx) => {
  const models = program
    .command('models')
    .description('list the local GGUF models (llm.modelsDir and ~/.node-llama-cpp/models)')
    .option('--json', 'print the models as a JSON array')
    .action(async (options: { json?: boolean }) => {
      const llm = await loadLlmSettings(ctx);
      const { modelDirs, scanModels } = await import('../src/llm/scan-models.js');
      const dirs = modelDirs(llm);
      const list = await scanModels(dirs);
      if (options.json) return ctx.out(JSON.stringify(list, null, 2));
      if (!list.length) return ctx.out(`no GGUF models found: put *.gguf files in ${dirs[0] ?? ''} (or set llm.modelsDir)`);
      const width = process.stdout.isTTY && process.stdout.columns ? Math.min(process.stdout.columns, 120) : 80;
      ctx.out(renderModelsTable(list, width));
    });

  models
    .command('validate')
    .description('check a GGUF file: structure, required metadata, trial load in a child process')
    .argument('<file>', 'the .gguf file')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, options: { json?: boolean }) => {
      const path = resolve(expandHome(file));
      if (!existsSync(path)) throw new UserError(`${file}: no such file`, EXIT_USAGE);
      const { validateModel } = await import('../src/llm/validate-model.js');
      const r = await validateModel(path);
      if (options.json) ctx.out(JSON.stringify(r, null, 2));
      else if (r.valid) ctx.out(`${sanitizeLine(file)}: valid${r.info?.vocabOnly ? ' (vocabulary only)' : ''}`);
      else ctx.out(`${sanitizeLine(file)}: invalid: ${sanitizeLine(r.reason ?? 'unknown problem')}`);
      ctx.setExitCode(r.valid ? EXIT_OK : EXIT_FAILURE);
    });
};
