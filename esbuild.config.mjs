// Builds the shipped bundle: dist/opsdeck.js plus lazily loaded chunks.
// Unbundled Ink starts about 2.3x slower (see ../shared/notes/measured-here.md).
import { build } from 'esbuild';
import { renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildOptions } from './esbuild.options.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));

// Build into a fresh folder and swap it in, so a test spawning the bin never sees a half-built dist/.
const outdir = `dist.tmp-${process.pid}`;
rmSync(`${root}${outdir}`, { recursive: true, force: true });

const result = await build({ ...buildOptions(outdir), metafile: Boolean(process.env.OPSDECK_METAFILE) });
if (process.env.OPSDECK_METAFILE) (await import('node:fs')).writeFileSync(process.env.OPSDECK_METAFILE, JSON.stringify(result.metafile));

rmSync(`${root}dist.old-${process.pid}`, { recursive: true, force: true });
try {
  renameSync(`${root}dist`, `${root}dist.old-${process.pid}`);
} catch {
  // first build: no dist/ yet
}
renameSync(`${root}${outdir}`, `${root}dist`);
rmSync(`${root}dist.old-${process.pid}`, { recursive: true, force: true });
