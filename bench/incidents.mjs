// Incident benchmarks (issue 6). Ratios against baselines measured in the same run:
//   idle:    what the header badge's SLA countdown costs: bytes/s and CPU of the cockpit at 80x24
//            with one open P1 vs the same cockpit with no incident (only the clock ticking)
//   live:    how fast a note appended by another process shows in a cockpit (target <= 1000 ms)
//   journal: `opsdeck incidents --open` over 10,000 incidents (40,000 events) vs a bare node
//            process that reads and JSON.parses the same file
//   node bench/incidents.mjs [idle|live|journal] [--runs N] [--idle-seconds S]
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuTicks, programPid, startInPty, stop, waitForOutput } from './pty.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'opsdeck');
const args = process.argv.slice(2);
const which = args.find((a) => !a.startsWith('--')) ?? 'all';
const runs = Number(args[args.indexOf('--runs') + 1]) || 5;
const idleSeconds = Number(args[args.indexOf('--idle-seconds') + 1]) || 10;
const work = mkdtempSync(join(tmpdir(), 'opsdeck-bench-incidents-'));
const DASHBOARD_DONE = /\? help/;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (n, d = 2) => n.toFixed(d);

function workspace(name) {
  const dir = join(work, name);
  mkdirSync(join(dir, '.orchestration'), { recursive: true });
  writeFileSync(join(dir, '.orchestration', 'current.todo'), 'On-call:\n  ☐ rotate the pager key\n');
  copyFileSync(join(ROOT, 'examples', 'demo', '.orchestration', 'sop.md'), join(dir, '.orchestration', 'sop.md'));
  return dir;
}

const event = (id, at, rest) => `${JSON.stringify({ v: 1, incidentId: id, at, who: 'bench@box', ...rest })}\n`;

async function idleCost(root) {
  const state = startInPty(`${BIN} --root ${root}`);
  await waitForOutput(state, DASHBOARD_DONE);
  await new Promise((r) => setTimeout(r, 1500));
  const pid = programPid(state.proc.pid);
  const hz = Number(execFileSync('getconf', ['CLK_TCK']).toString()) || 100;
  const bytes0 = state.bytes;
  const ticks0 = cpuTicks(pid);
  const t0 = Date.now();
  await new Promise((r) => setTimeout(r, idleSeconds * 1000));
  const seconds = (Date.now() - t0) / 1000;
  const result = { bps: (state.bytes - bytes0) / seconds, cpu: ((cpuTicks(pid) - ticks0) / hz / seconds) * 100 };
  await stop(state);
  return result;
}

async function benchIdle() {
  const none = workspace('idle-none');
  const open = workspace('idle-open');
  writeFileSync(join(open, '.orchestration', 'incidents.jsonl'), event('INC-20261126-000000-beef', new Date().toISOString(), { event: 'opened', priority: 'P1', title: 'bench incident' }));
  // within two minutes of its deadline the badge shows seconds: the worst case
  const near = workspace('idle-near');
  writeFileSync(join(near, '.orchestration', 'incidents.jsonl'), event('INC-20261126-000000-f00d', new Date(Date.now() - 14 * 60_000).toISOString(), { event: 'opened', priority: 'P1', title: 'bench incident' }));
  const base = await idleCost(none);
  const withBadge = await idleCost(open);
  const nearDeadline = await idleCost(near);
  console.log(`idle ${idleSeconds} s at 80x24: no incident ${fmt(base.bps, 1)} B/s, ${fmt(base.cpu)} % CPU`);
  for (const [label, r] of [['one open P1, 15 min left (minutes shown)', withBadge], ['one open P1 at its deadline (seconds shown)', nearDeadline]]) {
    console.log(`  ${label}: ${fmt(r.bps, 1)} B/s (+${fmt(r.bps - base.bps, 1)}, ratio ${fmt(r.bps / Math.max(1, base.bps))}x), ${fmt(r.cpu)} % CPU (+${fmt(r.cpu - base.cpu)})`);
  }
}

async function benchLive() {
  const root = workspace('live');
  const id = 'INC-20261126-000000-cafe';
  const file = join(root, '.orchestration', 'incidents.jsonl');
  // behind a history of 10,000 resolved incidents, so a reload that re-read everything would show
  writeFileSync(file, historyLines(10_000, true).join('') + event(id, new Date().toISOString(), { event: 'opened', priority: 'P4', title: 'live bench' }));
  const state = startInPty(`${BIN} --root ${root}`);
  const latencies = [];
  try {
    await waitForOutput(state, DASHBOARD_DONE);
    state.proc.stdin.write('5');
    await waitForOutput(state, /── INC-20261126-000000-cafe/);
    for (let i = 0; i < runs; i += 1) {
      const t0 = Date.now();
      appendFileSync(file, event(id, new Date().toISOString(), { event: 'note', text: `bench note number ${i}` }));
      await waitForOutput(state, new RegExp(`bench note number ${i}\\b`), 5000);
      latencies.push(Date.now() - t0);
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await stop(state);
  }
  const m = median(latencies);
  console.log(`live: a note appended by another process (behind 10,000 incidents) shows in the cockpit after ${m} ms (median of ${runs}; ${fmt(m / 1000)}x of the 1000 ms target)`);
}

function historyLines(count, allResolved = false) {
  const lines = [];
  const t0 = Date.parse('2025-01-01T00:00:00Z');
  for (let i = 0; i < count; i += 1) {
    const id = `INC-20250101-000000-${i.toString(16).padStart(4, '0')}`;
    const at = (m) => new Date(t0 + i * 3_600_000 + m * 60_000).toISOString();
    lines.push(event(id, at(0), { event: 'opened', priority: `P${(i % 4) + 1}`, title: `incident ${i}` }));
    lines.push(event(id, at(3), { event: 'acknowledged' }));
    lines.push(event(id, at(5), { event: 'note', text: `looking at incident ${i}` }));
    if (i % 100 !== 0 || allResolved) lines.push(event(id, at(30), { event: 'resolved', cause: null }));
  }
  return lines;
}

function benchJournal() {
  const root = workspace('journal');
  const lines = historyLines(10_000);
  const file = join(root, '.orchestration', 'incidents.jsonl');
  writeFileSync(file, lines.join(''));
  const baseline = `const t=require('fs').readFileSync(${JSON.stringify(file)},'utf8');let n=0;for(const l of t.split('\\n'))if(l)n+=JSON.parse(l).v;`;
  const t = { base: [], app: [] };
  for (let i = 0; i < runs; i += 1) {
    let s = Date.now();
    execFileSync('node', ['-e', baseline]);
    t.base.push(Date.now() - s);
    s = Date.now();
    execFileSync(BIN, ['--root', root, 'incidents', '--open'], { stdio: 'ignore' });
    t.app.push(Date.now() - s);
  }
  const [b, a] = [median(t.base), median(t.app)];
  console.log(`journal: 10,000 incidents (${lines.length} events): node read+JSON.parse ${b} ms, opsdeck incidents --open ${a} ms (median of ${runs}; ratio ${fmt(a / b)}x)`);
}

try {
  if (which === 'all' || which === 'journal') benchJournal();
  if (which === 'all' || which === 'live') await benchLive();
  if (which === 'all' || which === 'idle') await benchIdle();
} finally {
  rmSync(work, { recursive: true, force: true });
}
