// Builds the shipped bundle: dist/opsdeck.js plus lazily loaded chunks.
// Unbundled Ink starts about 2.3x slower (see ../shared/notes/measured-here.md).
import { build } from 'esbuild';
import { renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Replaces zod's all-languages locales index with bin/zod-locales-stub.ts (English only). */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer) ? { path: `${root}bin/zod-locales-stub.ts` } : undefined,
    );
  },
};
// Build into a fresh folder and swap it in, so a test spawning the bin never sees a half-built dist/.
const outdir = `dist.tmp-${process.pid}`;
rmSync(`${root}${outdir}`, { recursive: true, force: true });

await build({
  absWorkingDir: root,
  entryPoints: { opsdeck: 'bin/main.ts', 'validate-worker': 'src/llm/validate-worker.mjs', 'run-worker': 'src/runs/run-worker.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  chunkNames: 'chunks/[name]-[hash]',
  // the build id keys the cockpit's validated-config cache (src/config/config-cache.ts)
  define: { 'process.env.NODE_ENV': '"production"', __OPSDECK_BUILD_ID__: JSON.stringify(`${Date.now().toString(36)}-${process.pid}`) },
  alias: { 'react-devtools-core': './bin/devtools-stub.ts' },
  external: ['node-llama-cpp', '@node-llama-cpp/*'],
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; import { fileURLToPath as __fu } from 'node:url'; const require = __cr(import.meta.url); const __filename = __fu(import.meta.url); const __dirname = __fu(new URL('.', import.meta.url));",
  },
  plugins: [zodEnglishOnly],
  logLevel: 'warning',
});

rmSync(`${root}dist.old-${process.pid}`, { recursive: true, force: true });
try {
  renameSync(`${root}dist`, `${root}dist.old-${process.pid}`);
} catch {
  // first build: no dist/ yet
}
renameSync(`${root}${outdir}`, `${root}dist`);
rmSync(`${root}dist.old-${process.pid}`, { recursive: true, force: true });
