// Only the detached run survives quitting the cockpit, checked from the process table (issue 4,
// "No orphans"): a deploy to staging is started from the cockpit in a real terminal (tmux), the
// cockpit quits while the deploy script runs, and then /proc must show the cockpit gone, the
// run-worker alive in its own session and process group (not in the tmux pane's session), and
// no other process the cockpit started. The deploy script waits for a gate file, so the run is
// still going for as long as the test looks; then the gate opens, the run journals `succeeded`
// with no cockpit watching, and a cockpit opened again shows it finished.
// Every process of this test is found by a marker in its environment (the cockpit gets it and
// everything it starts inherits it), so other tests' processes on the box never count.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GATED_CONFIG, makeDeployRepo } from '../fixtures/deploy/make-repo.js';
import { OPSDECK_BIN as BIN, sleep } from '../helpers/e2e-scope.js';
import { TmuxSession } from '../helpers/tmux-session.js';



const sessions: TmuxSession[] = [];
const roots: string[] = [];
const marks: string[] = [];

afterEach(async () => {
  for (const s of sessions.splice(0)) await s.kill();
  // a gated runner never waits out its 120 s: open the gate and let it end before removing its root
  for (const root of roots) openGate(root);
  for (const mark of marks.splice(0)) await pollUntil(() => marked(mark), (l) => l.length === 0, 15_000);
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
});


function openGate(root: string): void {
  if (!existsSync(root)) return;
  mkdirSync(join(root, '.state'), { recursive: true });
  writeFileSync(join(root, '.state', 'go'), '');
}

type Proc = { pid: number; ppid: number; pgid: number; sid: number; state: string; args: string };

/** One process from /proc (the comm field may hold spaces and parens); undefined when gone. */
function procOf(pid: number): Proc | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state = '?', ppid, pgid, sid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
    return { pid, ppid: Number(ppid), pgid: Number(pgid), sid: Number(sid), state, args };
  } catch {
    return undefined;
  }
}

/** Live (not zombie) processes whose environment carries `mark`. */
function marked(mark: string): Proc[] {
  const found: Proc[] = [];
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    let environ: string;
    try {
      environ = readFileSync(`/proc/${pid}/environ`, 'utf8');
    } catch {
      continue;
    }
    if (!environ.split('\0').includes(`OPSDECK_E2E_MARK=${mark}`)) continue;
    const proc = procOf(pid);
    if (proc && proc.state !== 'Z' && proc.state !== 'X') found.push(proc);
  }
  return found;
}

function isAlive(pid: number): boolean {
  const proc = procOf(pid);
  return proc !== undefined && proc.state !== 'Z' && proc.state !== 'X';
}

/** `ps -o pid,ppid,pgid,sid,args` of these processes, for failure messages. */
function table(procs: Proc[]): string {
  return ['  PID  PPID  PGID   SID STAT ARGS', ...procs.map((p) => `${[p.pid, p.ppid, p.pgid, p.sid].map((n) => String(n).padStart(5)).join(' ')} ${p.state.padEnd(4)} ${p.args}`)].join('\n');
}

/** Polls `read` every 100 ms until `done` holds; returns the last value (the caller asserts on it). */
async function pollUntil<T>(read: () => T, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = read();
  while (!done(value) && Date.now() < deadline) {
    await sleep(100);
    value = read();
  }
  return value;
}

function journalText(root: string): string {
  const file = join(root, '.orchestration', 'deploys.jsonl');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

describe('quitting the cockpit during a deploy', { timeout: 150_000 }, () => {
  it('leaves only the detached run-worker, in its own session; the run then succeeds and a new cockpit shows it', async () => {
    const root = await makeDeployRepo({ config: GATED_CONFIG });
    roots.push(root);
    const mark = `detach-${process.pid}-${Date.now()}`;
    marks.push(mark);

    const tmux = new TmuxSession();
    sessions.push(tmux);
    await tmux.start(`${BIN} --root ${root}`, { cols: 100, rows: 30, env: { OPSDECK_E2E_MARK: mark } });
    await tmux.waitFor('UTC', 20_000);
    await tmux.sendKeys('2');
    await tmux.waitFor('History of staging');
    await tmux.sendKeys('d');
    await tmux.waitFor('· env');
    await tmux.sendKeys('Enter');
    await tmux.waitFor('new tag from HEAD');
    await tmux.sendKeys('j');
    await tmux.waitFor('> v1.2.0');
    await tmux.sendKeys('Enter');
    await tmux.waitFor(/Checks \(2\/2 passed\)/, 30_000);
    await tmux.sendKeys('a');
    await tmux.waitFor('Ready');
    await tmux.sendKeys('Enter');
    await tmux.waitFor('Proceed?');
    await sleep(400); // the confirmation ignores keys right after it opens
    await tmux.sendKeys('y');
    await tmux.waitFor('waiting for the gate before deploying v1.2.0 to staging', 30_000);

    // while the cockpit runs: it is in the pane's session; the worker leads its own session and group
    const before = marked(mark);
    const cockpit = before.find((p) => p.args.includes(BIN) && p.args.includes(root));
    const worker = before.find((p) => p.args.includes('run-worker.js'));
    expect(cockpit, table(before)).toBeDefined();
    expect(worker, table(before)).toBeDefined();
    if (!cockpit || !worker) return;
    const paneSid = cockpit.sid;
    expect(worker.sid, table(before)).toBe(worker.pid);
    expect(worker.pgid, table(before)).toBe(worker.pid);
    expect(worker.sid, table(before)).not.toBe(paneSid);
    expect(worker.pgid, table(before)).not.toBe(cockpit.pgid);
    const script = before.find((p) => p.args.includes('gated-deploy.sh'));
    expect(script?.sid, table(before)).toBe(worker.pid);
    expect(journalText(root)).not.toContain('run-finished');

    // quit while the deploy runs: the cockpit asks, then detaches
    await tmux.sendKeys('q');
    await tmux.waitFor('Quit anyway?');
    await tmux.sendKeys('y');
    expect(await tmux.exitCode(20_000)).toBe(0);

    // nothing marked is left outside the run's own session (a watcher, a model, a tailer would be)
    const leftover = await pollUntil(() => marked(mark).filter((p) => p.sid !== worker.pid), (l) => l.length === 0, 15_000);
    expect(leftover, `processes left behind by the cockpit:\n${table(leftover)}`).toEqual([]);
    expect(isAlive(cockpit.pid), 'the cockpit process is still there').toBe(false);
    const after = marked(mark);
    const survivor = procOf(worker.pid);
    expect(survivor && isAlive(worker.pid), `the run-worker died with the cockpit:\n${table(after)}`).toBe(true);
    expect(survivor?.args).toContain('run-worker.js');
    expect(survivor?.sid).toBe(worker.pid);
    expect(survivor?.sid).not.toBe(paneSid);
    // of opsdeck's own processes only the worker is left; the rest of its session is the deploy script
    const opsdeck = after.filter((p) => /opsdeck|dist\/|\.js\b/.test(p.args));
    expect(opsdeck.map((p) => p.pid), table(after)).toEqual([worker.pid]);
    // the pane's session holds nothing of the cockpit any more
    const inPane = after.filter((p) => p.sid === paneSid);
    expect(inPane, table(inPane)).toEqual([]);
    expect(journalText(root)).not.toContain('run-finished');

    // the run finishes with no cockpit watching, journals success, and its worker exits
    openGate(root);
    const journal = await pollUntil(() => journalText(root), (t) => t.includes('"event":"run-finished"'), 30_000);
    const finished = journal.split('\n').filter((l) => l.includes('"event":"run-finished"')).map((l) => JSON.parse(l));
    expect(finished).toHaveLength(1);
    expect(finished[0]).toMatchObject({ result: 'success' });
    expect(readFileSync(join(root, '.state', 'deployed-staging'), 'utf8').trim()).toBe('v1.2.0');
    const remaining = await pollUntil(() => marked(mark), (l) => l.length === 0, 15_000);
    expect(remaining, `still running after the run finished:\n${table(remaining)}`).toEqual([]);

    // a cockpit opened again shows the deploy finished
    await tmux.kill();
    const again = new TmuxSession();
    sessions.push(again);
    await again.start(`${BIN} --root ${root}`, { cols: 100, rows: 30 });
    await again.waitFor('UTC', 20_000);
    await again.sendKeys('2');
    const screen = await again.waitFor(/staging\s+v1\.2\.0/, 15_000);
    expect(screen).toMatch(/deploy\s+v1\.2\.0\s+\S+@\S+ success/);
    expect(screen).not.toMatch(/▶ deploy v1\.2\.0 running/);
    await again.sendKeys('q');
    expect(await again.exitCode(20_000)).toBe(0);
  });
});
