// Chat and GPU benchmarks (issue 3). Ratios against baselines measured in the same run; medians.
//   node bench/chat.mjs [stream|restore|bytes|idle] [--runs N] [--idle-seconds S]
// 1. stream: the Chat pane's tokens/s (real store + Ink render at 80x24 + 33 ms token buffer)
//    vs a bare node-llama-cpp LlamaChatSession, same generated model and prompt, interleaved
//    runs (target >= 0.97x).
// 2. restore: the first Chat frame with a restored 5,000-message session vs 10 messages (<= 2x).
// 3. bytes: bytes/s the real bundle writes to an 80x24 pty while a reply streams (target <=
//    8 KB/s; a turn under a second counts as one second), and bytes a turn against one update
//    per token (llm.streamFlushMs: 0) in the same run.
// 4. idle: the cockpit on the dashboard with the live GPU meter fed by the fake nvidia-smi:
//    bytes/s, CPU % and nvidia-smi processes spawned per minute at steady state
//    (targets <= 300 B/s, <= 1 %, <= 1/min).
import { build } from 'esbuild';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuTicks, programPid, startInPty, stop, stripAnsi, waitForOutput } from './pty.mjs';

// runs itself with --expose-gc so timings do not include a collection left over from setup
if (typeof globalThis.gc !== 'function') {
  const r = spawnSync(process.execPath, ['--expose-gc', ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'opsdeck');
const TARGETS = { streamRatio: 0.97, streamBytesPerSec: 8192, idleBytesPerSec: 300, idleCpuPercent: 1, spawnsPerMinute: 1 };
const args = process.argv.slice(2);
const which = args.find((a, i) => !a.startsWith('--') && !(args[i - 1] ?? '').startsWith('--')) ?? 'all';
const runs = Number(args[args.indexOf('--runs') + 1]) || 7;
const idleSeconds = Number(args[args.indexOf('--idle-seconds') + 1]) || 30;
const work = mkdtempSync(join(tmpdir(), 'opsdeck-bench-chat-'));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (n, d = 3) => n.toFixed(d);
const verdict = (ok) => (ok ? 'meets target' : 'MISSES target');
/** A reply of 60 distinct pieces (the writer's limit is 62): long enough to measure a steady stream. */
const SENTENCE = Array.from({ length: 60 }, (_, i) => (i % 12 === 11 ? ` word${i}.\n` : ` word${i}`));

// The in-process harness (TypeScript sources bundled here; node-llama-cpp stays external).
const HARNESS = `
import { PassThrough } from 'node:stream';
import { render } from 'ink';
import { createElement } from 'react';
import { App } from './components/app.js';
import { ConfigSchema } from './models/config.js';
import { createAppStore } from './src/store/app-store.js';
import { createTaskRepo } from './src/tasks/task-repo.js';
import { writeTinyModel } from './src/llm/gguf-writer.js';
import { getSharedLlama } from './src/llm/llama.js';
import { DEFAULT_SYSTEM_PROMPT } from './src/llm/loaded-model.js';

export { writeTinyModel };
const PROMPT = 'explain the outage';

export async function bare(path, threads) {
  const { LlamaChatSession } = await import('node-llama-cpp');
  const llama = await getSharedLlama({ threads });
  const model = await llama.loadModel({ modelPath: path, gpuLayers: 'auto' });
  const context = await model.createContext({ contextSize: 2048, threads });
  const sequence = context.getSequence();
  // one session whose history is reset each run, as the engine does (the KV cache keeps the shared prefix)
  const session = new LlamaChatSession({ contextSequence: sequence, autoDisposeSequence: false });
  return async () => {
    session.setChatHistory([{ type: 'system', text: DEFAULT_SYSTEM_PROMPT }]);
    const before = sequence.tokenMeter.getState().usedOutputTokens;
    let text = '';
    let firstAt;
    const t0 = performance.now();
    await session.prompt(PROMPT, { onTextChunk: (c) => { firstAt ??= performance.now(); text += c; } });
    const ended = performance.now();
    const tokens = sequence.tokenMeter.getState().usedOutputTokens - before;
    // the engine's formula: tokens after the first over the time after the first (llama-bench tg)
    return { tps: (tokens - 1) / ((ended - firstAt) / 1000), ms: ended - t0, tokens, ok: text.includes('word59') };
  };
}

function fakeTerminal() {
  const stdout = new PassThrough();
  Object.assign(stdout, { columns: 80, rows: 24, isTTY: true });
  const stdin = new PassThrough();
  Object.assign(stdin, { isTTY: true, setRawMode: () => stdin, ref: () => stdin, unref: () => stdin });
  return { stdout, stdin, stderr: new PassThrough() };
}

/** ms to render the Chat pane's first frame with a restored session of n messages. */
export async function restore(root, n) {
  const NL = String.fromCharCode(10);
  const fence = String.fromCharCode(96).repeat(3);
  const reply = (i) => ['Reply ' + i + ' with **bold**, *emphasis* and a list:', '', '- one', '- two', '', fence + 'sh', 'systemctl status app-' + i, fence].join(NL);
  const entries = Array.from({ length: n }, (_, i) => (i % 2 ? { role: 'assistant', content: reply(i), at: i, model: 'm' } : { role: 'user', content: 'question ' + i, at: i }));
  const store = createAppStore({ taskRepo: createTaskRepo(root), config: ConfigSchema.parse({}), readonly: false, color: true, root,
    size: { columns: 80, rows: 24 }, services: { chat: { modelDirs: [root + '/no-models'], sessionsDir: root + '/sessions' } } });
  store.setState((s) => ({ view: 'chat', chat: { ...s.chat, entries } }));
  const t = fakeTerminal();
  globalThis.gc?.();
  const t0 = performance.now();
  const ink = render(createElement(App, { store }), { ...t, incrementalRendering: true, patchConsole: false, exitOnCtrlC: false });
  const ms = performance.now() - t0;
  ink.unmount();
  return ms;
}

export async function pane(root, dir, threads) {
  const stdout = new PassThrough();
  Object.assign(stdout, { columns: 80, rows: 24, isTTY: true });
  let bytes = 0;
  stdout.on('data', (c) => { bytes += c.length; });
  const store = createAppStore({ taskRepo: createTaskRepo(root), config: ConfigSchema.parse({ llm: { threads } }), readonly: false, color: true, root,
    size: { columns: 80, rows: 24 }, services: { chat: { modelDirs: [dir], sessionsDir: root + '/sessions' } } });
  const stdin = new PassThrough();
  Object.assign(stdin, { isTTY: true, setRawMode: () => stdin, ref: () => stdin, unref: () => stdin });
  const ink = render(createElement(App, { store }), { stdout, stdin, stderr: new PassThrough(), incrementalRendering: true, patchConsole: false, exitOnCtrlC: false });
  store.getState().openView('chat');
  while (store.getState().chat.phase !== 'ready') { if (store.getState().chat.phase === 'error') throw new Error(store.getState().chat.error); await new Promise((r) => setTimeout(r, 10)); }
  return async () => {
    const t0 = performance.now();
    await store.getState().chatSend(PROMPT);
    const ms = performance.now() - t0;
    const last = store.getState().chat.entries.at(-1);
    store.setState((s) => ({ chat: { ...s.chat, entries: [] } }));
    return { tps: last.stats.tokensPerSecond, ms, tokens: last.stats.completionTokens, ok: last.content.includes('word59'), bytes };
  };
}
`;

async function harness() {
  const out = join(work, 'harness.mjs');
  await build({
    stdin: { contents: HARNESS, resolveDir: ROOT, loader: 'ts', sourcefile: 'harness.ts' },
    outfile: out,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['node-llama-cpp'],
    alias: { 'react-devtools-core': join(ROOT, 'bin', 'devtools-stub.ts') },
    define: { 'process.env.NODE_ENV': '"production"' },
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'error',
  });
  // node-llama-cpp resolves from the repo's node_modules
  const target = join(ROOT, 'node_modules', '.opsdeck-bench-chat-harness.mjs');
  writeFileSync(target, readFileSync(out));
  return import(target);
}

function workspace(name, llm = '') {
  const root = join(work, name);
  mkdirSync(join(root, '.orchestration'), { recursive: true });
  writeFileSync(join(root, '.orchestration', 'current.todo'), 'Now:\n  ☐ a task\n');
  writeFileSync(join(root, '.orchestration', 'backlog.todo'), '');
  writeFileSync(join(root, '.orchestration', 'opsdeck.yaml'), `ui:\n  clock: false\n${llm}`);
  return root;
}

async function benchStream(h, modelDir) {
  const threads = 1;
  const root = workspace('stream');
  const runBare = await h.bare(join(modelDir, 'long.gguf'), threads);
  const runPane = await h.pane(root, modelDir, threads);
  await runBare();
  await runPane(); // warm-up
  const b = [];
  const p = [];
  const bms = [];
  const pms = [];
  for (let i = 0; i < runs; i += 1) {
    globalThis.gc();
    const rb = await runBare();
    globalThis.gc();
    const rp = await runPane();
    if (!rb.ok || !rp.ok || rb.tokens !== rp.tokens) throw new Error(`the replies differ: bare ${rb.tokens} tokens, pane ${rp.tokens}`);
    b.push(rb.tps);
    p.push(rp.tps);
    bms.push(rb.ms);
    pms.push(rp.ms);
  }
  const ratio = median(p) / median(b);
  console.log(`stream (median of ${runs}, ${SENTENCE.length}-token reply, 1 thread, tokens/s from the first token on): bare LlamaChatSession ${fmt(median(b), 0)} tok/s, chat pane ${fmt(median(p), 0)} tok/s`);
  console.log(`  whole turn (send to last token): bare ${fmt(median(bms), 1)} ms, pane ${fmt(median(pms), 1)} ms: the pane adds ~${fmt(median(pms) - median(bms), 1)} ms a message (renders, session append), not per token`);
  console.log(`  ratio pane/bare = ${fmt(ratio, 3)}x (target >= ${TARGETS.streamRatio}x): ${verdict(ratio >= TARGETS.streamRatio)}`);
  return ratio;
}

async function benchRestore(h) {
  const root = workspace('restore');
  const n = Math.max(5, runs);
  const t = { small: [], large: [] };
  await h.restore(root, 10);
  for (let i = 0; i < n; i += 1) {
    t.small.push(await h.restore(root, 10));
    t.large.push(await h.restore(root, 5000));
  }
  const ratio = median(t.large) / median(t.small);
  console.log(`restored session (median of ${n}, 80x24): first Chat frame with 10 messages ${fmt(median(t.small), 1)} ms, 5,000 messages ${fmt(median(t.large), 1)} ms`);
  console.log(`  ratio = ${fmt(ratio, 2)}x (target <= 2x): ${verdict(ratio <= 2)}`);
  return ratio;
}

/** Bytes the cockpit writes for a few chat turns at 80x24, with `llm.streamFlushMs` = flushMs. */
async function streamTurns(modelDir, flushMs) {
  const root = workspace(`bytes-${flushMs}`, `llm:\n  modelsDir: ${modelDir}\n  threads: 1\n  streamFlushMs: ${flushMs}\n`);
  const env = { ...process.env, XDG_STATE_HOME: join(work, `state-${flushMs}`) };
  const results = [];
  const state = startInPty(`${BIN} --root ${root}`, { env });
  await waitForOutput(state, /\? help/);
  state.proc.stdin.write('6');
  await waitForOutput(state, /› █/, 30_000);
  for (let i = 0; i < Math.max(3, Math.ceil(runs / 2)); i += 1) {
    state.text = '';
    const bytes0 = state.bytes;
    const t0 = Date.now();
    state.proc.stdin.write(`run ${i}\r`);
    await waitForOutput(state, /word59\./, 60_000);
    const seconds = (Date.now() - t0) / 1000;
    results.push({ seconds, bytes: state.bytes - bytes0 });
    state.proc.stdin.write('/clear\r');
    await new Promise((r) => setTimeout(r, 300));
  }
  await stop(state);
  return results;
}

// Bytes while streaming. The tiny model answers its 60 tokens in well under a second (0.07 s
// once warm), too short a window to be a rate: a turn's bytes count as written in one second
// when it took less (a slow link sees them within that second). Against the same turns with
// llm.streamFlushMs: 0 (one update per token), measured in the same run.
async function benchBytes(modelDir) {
  const buffered = await streamTurns(modelDir, 33);
  const perToken = await streamTurns(modelDir, 0);
  const bps = median(buffered.map((r) => r.bytes / Math.max(r.seconds, 1)));
  const turn = (rs) => median(rs.map((r) => r.bytes));
  const show = (rs) => rs.map((r) => `${r.bytes} B in ${fmt(r.seconds, 2)} s`).join(', ');
  console.log(`bytes while streaming (80x24 pty, real bundle, 60-token replies, median of ${buffered.length}): ${fmt(bps, 0)} B/s (${show(buffered)})`);
  console.log(`  vs target: ${fmt(bps / TARGETS.streamBytesPerSec, 2)}x of ${TARGETS.streamBytesPerSec} B/s (${verdict(bps <= TARGETS.streamBytesPerSec)})`);
  console.log(`  bytes a turn: ${fmt(turn(buffered), 0)} buffered (33 ms), ${fmt(turn(perToken), 0)} with one update per token (${show(perToken)}); ratio ${fmt(turn(buffered) / turn(perToken), 2)}x`);
  return bps;
}

function opsdeckPid(scriptPid) {
  const queue = [scriptPid];
  while (queue.length) {
    const pid = queue.shift();
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    if (/^\S*node /.test(cmd) && cmd.includes('bin/opsdeck')) return pid;
    let children = '';
    try {
      children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    } catch {
      // gone
    }
    if (children) queue.push(...children.split(' ').map(Number));
  }
  return programPid(scriptPid);
}

async function idleRun(scenario) {
  const root = workspace(`idle-${scenario}`);
  const log = join(work, `spawns-${scenario}.jsonl`);
  writeFileSync(log, '');
  const PATH = [join(ROOT, 'test', 'fixtures', 'nvidia_smi', scenario), dirname(process.execPath), process.env.PATH].join(delimiter);
  const state = startInPty(`${BIN} --root ${root}`, { env: { ...process.env, PATH, FAKE_NVSMI_LOG: log } });
  await waitForOutput(state, /\? help/);
  if (scenario === 'h100') await waitForOutput(state, /GPU \d+% /, 20_000);
  await new Promise((r) => setTimeout(r, 3000)); // let start-up work settle
  const pid = opsdeckPid(state.proc.pid);
  const hz = Number(execFileSync('getconf', ['CLK_TCK']).toString()) || 100;
  const spawns = () => readFileSync(log, 'utf8').split('\n').filter(Boolean).length;
  const bytes0 = state.bytes;
  const ticks0 = cpuTicks(pid);
  const spawns0 = spawns();
  const t0 = Date.now();
  await new Promise((r) => setTimeout(r, idleSeconds * 1000));
  const seconds = (Date.now() - t0) / 1000;
  const bps = (state.bytes - bytes0) / seconds;
  const cpu = ((cpuTicks(pid) - ticks0) / hz / seconds) * 100;
  const perMinute = ((spawns() - spawns0) / seconds) * 60;
  const meter = /GPU \d+% [\d.]+\/[\d.]+G/.exec(stripAnsi(state.text).split('\n').reverse().join('\n'))?.[0];
  await stop(state);
  return { bps, cpu, perMinute, meter };
}

async function benchIdle() {
  // baseline: the same cockpit with no GPU (nvidia-smi says "No devices were found"), same run
  const base = await idleRun('nodevices');
  const { bps, cpu, perMinute, meter } = await idleRun('h100');
  console.log(`idle baseline without a GPU (${idleSeconds} s, 80x24, clock off): ${fmt(base.bps, 1)} B/s, ${fmt(base.cpu, 2)} % CPU`);
  console.log(`idle with the live GPU meter (${idleSeconds} s, 80x24, fake nvidia-smi at 1 s, meter "${meter}"): ${fmt(bps, 1)} B/s, ${fmt(cpu, 2)} % CPU, ${fmt(perMinute, 2)} nvidia-smi spawns/min`);
  console.log(`  vs targets: ${fmt(bps / TARGETS.idleBytesPerSec, 2)}x of ${TARGETS.idleBytesPerSec} B/s (${verdict(bps <= TARGETS.idleBytesPerSec)}), ` +
    `${fmt(cpu / TARGETS.idleCpuPercent, 2)}x of ${TARGETS.idleCpuPercent} % (${verdict(cpu <= TARGETS.idleCpuPercent)}), ` +
    `${fmt(perMinute, 2)} spawns/min (target <= ${TARGETS.spawnsPerMinute}: ${verdict(perMinute <= TARGETS.spawnsPerMinute)})`);
  console.log(`  the live meter adds ${fmt(bps - base.bps, 1)} B/s and ${fmt(cpu - base.cpu, 2)} % CPU over the baseline`);
  return { bps, cpu, perMinute };
}

try {
  const needsModel = which === 'all' || which === 'stream' || which === 'bytes' || which === 'restore';
  const h = needsModel ? await harness() : undefined;
  const modelDir = join(work, 'models');
  if (h) h.writeTinyModel(join(modelDir, 'long.gguf'), { sentence: SENTENCE, name: 'bench long model' });
  if (which === 'all' || which === 'stream') await benchStream(h, modelDir);
  if (which === 'all' || which === 'restore') await benchRestore(h);
  if (which === 'all' || which === 'bytes') await benchBytes(modelDir);
  if (which === 'all' || which === 'idle') await benchIdle();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
  rmSync(join(ROOT, 'node_modules', '.opsdeck-bench-chat-harness.mjs'), { force: true });
  process.exit(process.exitCode ?? 0);
}
