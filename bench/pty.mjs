// Runs a command in a real pseudo-terminal (util-linux script(1)) of a given size and
// exposes what it writes to the terminal, plus the pid of the program itself.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export function startInPty(command, { cols = 80, rows = 24, env = process.env, cwd } = {}) {
  const childEnv = { ...env, TERM: 'xterm-256color' };
  delete childEnv.CI; // Ink draws nothing while CI is set
  const proc = spawn('script', ['-qfec', `stty cols ${cols} rows ${rows}; exec ${command}`, '/dev/null'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: childEnv,
    cwd,
  });
  const state = { bytes: 0, text: '', proc };
  proc.stdout.on('data', (chunk) => {
    state.bytes += chunk.length;
    state.text += chunk.toString('utf8');
  });
  return state;
}

export function stripAnsi(text) {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[@-_]/g, '');
}

/** Resolves when `match` appears in the terminal output; rejects after timeoutMs. */
export function waitForOutput(state, match, timeoutMs = 15_000) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = () => {
      if (match.test(stripAnsi(state.text))) return resolve(Date.now() - started);
      if (Date.now() - started > timeoutMs) return reject(new Error(`no ${match} after ${timeoutMs} ms; got: ${stripAnsi(state.text).slice(-400)}`));
      setTimeout(check, 2);
    };
    check();
  });
}

/** The pid of the program script(1) started: the deepest descendant of the script process. */
export function programPid(scriptPid) {
  let pid = scriptPid;
  for (let i = 0; i < 4; i += 1) {
    let children = '';
    try {
      children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    } catch {
      return pid;
    }
    if (!children) return pid;
    pid = Number(children.split(' ')[0]);
  }
  return pid;
}

export function cpuTicks(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime
}

export function rssMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

export async function stop(state) {
  state.proc.kill('SIGTERM');
  await new Promise((r) => (state.proc.exitCode !== null ? r() : state.proc.on('exit', r)));
}
