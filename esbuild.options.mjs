// The esbuild options of the shipped bundle, shared by esbuild.config.mjs (which writes dist/)
// and the tests that check what the cockpit's first frame loads (from the metafile).
import { createRequire } from 'node:module';
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
/**
 * Resolves `string-width` to bin/string-width-shim.ts (the same widths, faster for frame text),
 * except for the shim itself, which wraps the real one.
 */
const fastStringWidth = {
  name: 'fast-string-width',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^string-width$/ }, (args) =>
      /bin[\\/]string-width-shim\.ts$/.test(args.importer) ? undefined : { path: `${root}bin/string-width-shim.ts` },
    );
  },
};

/**
 * One luxon in the bundle: cron-parser require()s luxon's CommonJS build, while an ESM import
 * would get its ES build, a second copy with its own Settings (src/backup/schedule.ts sets one).
 */
const oneLuxon = {
  name: 'one-luxon',
  setup(pluginBuild) {
    const path = createRequire(`${root}package.json`).resolve('luxon');
    pluginBuild.onResolve({ filter: /^luxon$/ }, () => ({ path }));
  },
};

/** Options for a build into `outdir` (relative to the repo root). */
export function buildOptions(outdir) {
  return {
    absWorkingDir: root,
    entryPoints: { opsdeck: 'bin/main.ts', 'validate-worker': 'src/llm/validate-worker.mjs', 'gpu-check-worker': 'src/llm/gpu-check-worker.mjs', 'run-worker': 'src/runs/run-worker.ts' },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // OPSDECK_NO_MINIFY=1 keeps names, for reading CPU profiles
    minify: !process.env.OPSDECK_NO_MINIFY,
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
    plugins: [zodEnglishOnly, fastStringWidth, oneLuxon],
    logLevel: 'warning',
  };
}
