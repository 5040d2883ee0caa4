// Backup status over 5 restic components (5 repositories, so 5 key derivations) against the
// slowest single `restic snapshots --json` measured in the same run. Target: <= 1.3x, which
// only holds when the sources are queried in parallel.
//   node bench/backups.mjs [--runs N]
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startInPty, stop, waitForOutput } from './pty.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'opsdeck');
const TARGET = 1.3;
const COMPONENTS = 5;
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 7;
const work = mkdtempSync(join(tmpdir(), 'opsdeck-bench-backups-'));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const time = (fn) => {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
};
const run = (cmd, argv) => new Promise((resolve, reject) => spawn(cmd, argv, { env, stdio: 'ignore' }).on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited ${code}`)))));
const env = { ...process.env, TZ: 'UTC', RESTIC_PROGRESS_FPS: '0' };

try {
  execFileSync('restic', ['version'], { stdio: 'ignore' });
} catch {
  console.error('restic is missing: apt-get install -y --no-install-recommends --no-upgrade restic');
  process.exit(2);
}

try {
  mkdirSync(join(work, '.orchestration'));
  mkdirSync(join(work, 'data'));
  writeFileSync(join(work, 'data', 'dump.sql'), 'select 1;\n'.repeat(1000));
  writeFileSync(join(work, 'pw'), 'bench\n');
  const lines = ['backups:', '  useSop: false', '  components:'];
  for (let i = 0; i < COMPONENTS; i += 1) {
    const repo = join(work, `repo-${i}`);
    execFileSync('restic', ['-r', repo, '--password-file', join(work, 'pw'), 'init'], { env, stdio: 'ignore' });
    execFileSync('restic', ['-r', repo, '--password-file', join(work, 'pw'), 'backup', '--tag', `c${i}`, join(work, 'data')], { env, stdio: 'ignore' });
    lines.push(`    - name: c${i}`, '      schedule: Hourly', `      source: { kind: restic, repo: repo-${i}, passwordFile: pw, tags: [c${i}] }`);
  }
  writeFileSync(join(work, '.orchestration', 'opsdeck.yaml'), `${lines.join('\n')}\n`);

  const singles = [];
  const statuses = [];
  const floors = [];
  for (let r = 0; r < runs; r += 1) {
    let slowest = 0;
    for (let i = 0; i < COMPONENTS; i += 1) {
      slowest = Math.max(slowest, time(() => execFileSync('restic', ['-r', join(work, `repo-${i}`), '--password-file', join(work, 'pw'), '--no-lock', 'snapshots', '--json'], { env, stdio: 'ignore' })));
    }
    singles.push(slowest);
    const t0 = process.hrtime.bigint();
    await Promise.all(Array.from({ length: COMPONENTS }, (_, i) => run('restic', ['-r', join(work, `repo-${i}`), '--password-file', join(work, 'pw'), '--no-lock', 'snapshots', '--json'])));
    floors.push(Number(process.hrtime.bigint() - t0) / 1e9);
    statuses.push(
      time(() => {
        try {
          execFileSync(process.execPath, [BIN, '--root', work, 'backup', 'status', '--json'], { env, stdio: 'ignore' });
        } catch (error) {
          if (error.status !== 1) throw error; // 1 = something needs attention; still a full answer
        }
      }),
    );
  }
  const single = median(singles);
  const status = median(statuses);
  const ratio = status / single;
  const floor = median(floors);
  console.log(`backups: slowest single restic snapshots --json  median ${single.toFixed(3)} s (${runs} runs)`);
  console.log(`backups: opsdeck backup status --json, ${COMPONENTS} restic components  median ${status.toFixed(3)} s`);
  console.log(`backups: the ${COMPONENTS} restic calls alone, in parallel (the floor on ${os.cpus().length} cores)  median ${floor.toFixed(3)} s; opsdeck over that floor ${(status / floor).toFixed(2)}x`);
  console.log(`backups: ratio ${ratio.toFixed(2)}x (target <= ${TARGET}x): ${ratio <= TARGET ? 'meets target' : 'MISSES target'}`);

  // Responsiveness: j/k in the Backups pane while the 5 sources are being queried, against the
  // same keys once every source has answered. Latency = key written -> first byte drawn.
  const keyLatency = async (state, count) => {
    const out = [];
    for (let i = 0; i < count; i += 1) {
      const before = state.bytes;
      const t0 = process.hrtime.bigint();
      state.proc.stdin.write(i % 2 === 0 ? 'j' : 'k');
      while (state.bytes === before) await new Promise((r) => setTimeout(r, 1));
      out.push(Number(process.hrtime.bigint() - t0) / 1e6);
      await new Promise((r) => setTimeout(r, 20));
    }
    return out;
  };
  const busy = [];
  const idle = [];
  let overlapped = 0;
  for (let r = 0; r < Math.min(runs, 5); r += 1) {
    const state = startInPty(`${process.execPath} ${BIN} --root ${work}`, { env });
    await waitForOutput(state, /\? help/);
    state.proc.stdin.write('3');
    await waitForOutput(state, /3 Backups/);
    const mark = state.text.length;
    busy.push(...(await keyLatency(state, 8)));
    if (/querying/.test(state.text.slice(mark))) overlapped += 1;
    await waitForOutput(state, /5\/5 ok|0\/5 ok|\d\/5 ok/, 20_000);
    await new Promise((r) => setTimeout(r, 3000));
    idle.push(...(await keyLatency(state, 8)));
    await stop(state);
  }
  console.log(`backups: key -> redraw while querying  median ${median(busy).toFixed(1)} ms, max ${Math.max(...busy).toFixed(1)} ms (${overlapped} of ${Math.min(runs, 5)} runs overlapped the query; target < 100 ms)`);
  console.log(`backups: key -> redraw when idle       median ${median(idle).toFixed(1)} ms, max ${Math.max(...idle).toFixed(1)} ms; ratio ${(median(busy) / median(idle)).toFixed(2)}x`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
