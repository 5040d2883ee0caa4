// Loaded with `node --import` into a command under measurement (bench/backups.mjs): notes when
// each child process starts and exits, and prints the marks as one JSON line on stderr at exit.
// Times are ms since the process started (performance.now()); `boot` is when Node's own
// bootstrap finished, before the first line of the program ran; `cpu` is the process's own CPU
// time (user + system, children not counted).
import cp from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import { performance } from 'node:perf_hooks';

const spawns = [];
const exits = [];
const spawn = cp.spawn;
cp.spawn = function spawnMarked(...args) {
  spawns.push(performance.now());
  const child = spawn.apply(this, args);
  child.once('exit', () => exits.push(performance.now()));
  return child;
};
syncBuiltinESMExports();
process.once('exit', () => {
  const { user, system } = process.cpuUsage();
  const marks = { boot: performance.nodeTiming.bootstrapComplete, spawns, exits, end: performance.now(), cpu: (user + system) / 1000 };
  process.stderr.write(`\nSPAWN-MARKS ${JSON.stringify(marks)}\n`);
});
