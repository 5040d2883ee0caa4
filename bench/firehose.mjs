// Firehose benchmark (issue 4): a script writes 200,000 lines (~19 MB) as fast as it can into a
// run log while a log view follows it and Ink renders <RunLog> at 80x24. Reports, as medians:
//   drain time vs the same script with its output sent to /dev/null (target <= 1.5x),
//   RSS growth (target <= 64 MB), key latency while draining (target < 100 ms),
//   bytes/s written to the terminal (target <= 30 KB/s).
//   node bench/firehose.mjs [--runs N] [--lines N] [--profile DIR]   (DIR: unminified, a .cpuprofile per run)
import { build } from 'esbuild';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCRIPT = join(ROOT, 'test', 'fixtures', 'scripts', 'firehose.sh');
const TARGETS = { ratio: 1.5, rssMB: 64, keyMs: 100, bytesPerSec: 30 * 1024 };
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 3;
const lines = Number(args[args.indexOf('--lines') + 1]) || 200_000;
const profileDir = args.includes('--profile') ? args[args.indexOf('--profile') + 1] : undefined;
const work = mkdtempSync(join(tmpdir(), 'opsdeck-firehose-'));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const verdict = (ok) => (ok ? 'meets target' : 'MISSES target');

// The measured program: the log view + <RunLog> rendered by Ink into a counting 80x24 "terminal".
const APP = `
import { spawn } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { Writable } from 'node:stream';
import { render } from 'ink';
import { createElement } from 'react';
import { createLogView } from './src/runs/log-view.ts';
import { RunLog } from './components/run-log.tsx';
import { makeTheme } from './components/theme.ts';

const [log, script, count] = process.argv.slice(2);
let written = 0;
const stdout = Object.assign(new Writable({ write(chunk, _enc, cb) { written += chunk.length; cb(); } }), { columns: 80, rows: 24, isTTY: true });
const theme = makeTheme(true);
const ROWS = 21;
const view = createLogView(log, { cols: 80, rows: ROWS - 2, scrollback: 10000 });
const el = () => { const s = view.state(); return createElement(RunLog, { title: 'deploy production v9.9.9', status: 'running', lines: s.lines, marks: s.marks, follow: s.follow, position: { top: s.top, total: s.total }, search: s.search, height: ROWS, theme }); };
closeSync(openSync(log, 'a', 0o600));
const app = render(el(), { stdout, incrementalRendering: true, exitOnCtrlC: false, patchConsole: false });
view.subscribe(() => app.rerender(el()));
await view.idle();
await new Promise((r) => setTimeout(r, 200));
const rss0 = process.memoryUsage().rss;
let peak = rss0;
const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, 20);
const keyLatencies = [];
let keyN = 0;
const keyTimer = setInterval(() => {
  const due = performance.now();
  setImmediate(() => {
    // a key arriving now: handled when the event loop gets to it, then the view answers it
    if (keyN++ % 2) view.scroll(-3); else view.bottom();
    view.state();
    keyLatencies.push(performance.now() - due);
  });
}, 200);
const bytes0 = written;
const fd = openSync(log, 'a', 0o600);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const child = spawn(script, [count], { stdio: ['ignore', fd, fd] });
closeSync(fd);
await new Promise((r) => child.on('exit', r));
const scriptMs = performance.now() - t0;
clearInterval(keyTimer);
view.bottom();
await view.idle();
const drainMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const cpuMs = (cpu.user + cpu.system) / 1000;
await new Promise((r) => setTimeout(r, 150)); // the last frame
clearInterval(sampler); clearInterval(keyTimer);
const last = view.state().lines.at(-1);
const sorted = [...keyLatencies].sort((a, b) => a - b);
process.stdout.write(JSON.stringify({ cpuMs, drainMs, scriptMs, rssGrowthMB: (peak - rss0) / 2 ** 20, keyP50: sorted[Math.floor(sorted.length / 2)] ?? 0, keyMax: sorted.at(-1) ?? 0, keys: sorted.length, termBytes: written - bytes0, skippedMB: view.state().skippedBytes / 2 ** 20, lastLine: last }) + '\\n');
app.unmount(); view.close(); process.exit(0);
`;

async function buildApp() {
  const out = join(work, 'firehose-app.mjs');
  await build({
    stdin: { contents: APP, resolveDir: ROOT, loader: 'tsx', sourcefile: 'firehose-app.tsx' },
    outfile: out,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify: !profileDir,
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    alias: { 'react-devtools-core': join(ROOT, 'bin', 'devtools-stub.ts') },
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'warning',
  });
  return out;
}

function baselineMs(target) {
  const t0 = performance.now();
  execFileSync('sh', ['-c', `"${SCRIPT}" ${lines} > ${target}`]);
  return performance.now() - t0;
}

function measure(app, i) {
  const log = join(work, `run-${i}.log`);
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env.CI; // Ink draws nothing while CI is set
    const child = spawn(process.execPath, [...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), app, log, SCRIPT, String(lines)], { stdio: ['ignore', 'pipe', 'ignore'], env });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`bench app exited ${code}: ${out}`))));
  });
}

try {
  const app = await buildApp();
  const base = [];
  const toFile = [];
  const results = [];
  for (let i = 0; i < runs; i += 1) {
    base.push(baselineMs('/dev/null')); // interleaved with the measured runs so both see the same load
    toFile.push(baselineMs(join(work, 'plain.log')));
    results.push(await measure(app, i));
  }
  const baseMs = median(base);
  const drainMs = median(results.map((r) => r.drainMs));
  const ratio = drainMs / baseMs;
  const rss = median(results.map((r) => r.rssGrowthMB));
  const keyMax = median(results.map((r) => r.keyMax));
  const keyP50 = median(results.map((r) => r.keyP50));
  const bps = median(results.map((r) => r.termBytes / (r.drainMs / 1000)));
  console.log(`firehose: ${lines} lines, ${runs} runs (medians)`);
  console.log(`  script > /dev/null       ${baseMs.toFixed(0)} ms`);
  console.log(`  script > file, no view   ${median(toFile).toFixed(0)} ms`);
  console.log(`  script > log + view      ${drainMs.toFixed(0)} ms drained (script alone took ${median(results.map((r) => r.scriptMs)).toFixed(0)} ms)`);
  console.log(`  view CPU while draining  ${median(results.map((r) => r.cpuMs)).toFixed(0)} ms`);
  console.log(`  skipped (past scrollback) ${median(results.map((r) => r.skippedMB)).toFixed(1)} MB of ${(lines * 94 / 2 ** 20).toFixed(1)} MB`);
  console.log(`  drain ratio              ${ratio.toFixed(2)}x (target <= ${TARGETS.ratio}x): ${verdict(ratio <= TARGETS.ratio)}`);
  console.log(`  RSS growth               ${rss.toFixed(1)} MB (target <= ${TARGETS.rssMB}): ${verdict(rss <= TARGETS.rssMB)}`);
  console.log(`  key latency              p50 ${keyP50.toFixed(1)} ms, max ${keyMax.toFixed(1)} ms (target < ${TARGETS.keyMs}): ${verdict(keyMax < TARGETS.keyMs)}`);
  console.log(`  to the terminal          ${(bps / 1024).toFixed(1)} KB/s (target <= ${TARGETS.bytesPerSec / 1024}): ${verdict(bps <= TARGETS.bytesPerSec)}`);
  console.log(`  last line shown          ${JSON.stringify(results[0]?.lastLine)}`);
  writeFileSync(join(work, 'results.json'), JSON.stringify(results));
} finally {
  rmSync(work, { recursive: true, force: true });
}
