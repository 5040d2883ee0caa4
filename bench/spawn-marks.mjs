// Loaded with `--import` (NODE_OPTIONS) into a command under measurement (bench/backups.mjs): notes when
// each child process starts and exits, and prints the marks as one JSON line on stderr at exit.
// Times are ms since the process started (performance.now()); `boot` is when Node's own
// bootstrap finished, before the first line of the program ran; `cpu` is the process's own CPU
// time (user + system, children not counted); `children` pairs each child's start and exit;
// `origin` is performance.timeOrigin (ms since the epoch), so a parent can tell how long the
// process took to reach Node's clock and how long it took to go after its exit event.
import cp from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import { performance } from 'node:perf_hooks';

const spawns = [];
const exits = [];
const children = [];
const spawn = cp.spawn;
cp.spawn = function spawnMarked(...args) {
  const mark = { start: performance.now(), exit: NaN };
  spawns.push(mark.start);
  children.push(mark);
  const child = spawn.apply(this, args);
  child.once('exit', () => exits.push((mark.exit = performance.now())));
  return child;
};
syncBuiltinESMExports();
process.once('exit', () => {
  const { user, system } = process.cpuUsage();
  const marks = { origin: performance.timeOrigin, boot: performance.nodeTiming.bootstrapComplete, spawns, exits, children, end: performance.now(), cpu: (user + system) / 1000 };
  process.stderr.write(`\nSPAWN-MARKS ${JSON.stringify(marks)}\n`);
});
