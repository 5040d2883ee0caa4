// A first, cheap look at the deploy journal (pure): the revisions windowRevisions() will most
// likely ask git for, read from the run-started and run-finished lines alone, without parsing
// or validating the rest. compute.ts starts the one `git log` from this guess, so git walks the
// history while the journal is parsed and validated here; it keeps that log only when
// guessCovers() says it holds exactly what the exact revisions need, else it runs git again.
import type { Revisions, WindowDeploy } from './deploy-view.js';
import { windowRevisions } from './deploy-view.js';

const QUOTE = 34;
const BACKSLASH = 92;
/** How the runner (JSON.stringify) writes the event field of run-started/run-finished lines. */
const RUN_EVENT = '"event":"run-';
const FULL_SHA = /^[0-9a-f]{40}$/i;

/** The string (or null) value of the first `"key":` in `line`; undefined when absent or not a string. */
export function stringField(line: string, key: string): string | null | undefined {
  const pattern = `"${key}":`;
  const at = line.indexOf(pattern);
  return at < 0 ? undefined : valueAt(line, at + pattern.length);
}

const FIELDS = { runId: '"runId":', kind: '"kind":', env: '"env":', version: '"version":', previousVersion: '"previousVersion":', commit: '"commit":', at: '"at":', result: '"result":' };

/** stringField() for one of the FIELDS. */
function field(line: string, key: keyof typeof FIELDS): string | null | undefined {
  const pattern = FIELDS[key];
  const at = line.indexOf(pattern);
  return at < 0 ? undefined : valueAt(line, at + pattern.length);
}

function valueAt(line: string, start: number): string | null | undefined {
  let i = start;
  while (line[i] === ' ') i += 1;
  if (line.startsWith('null', i)) return null;
  if (line.charCodeAt(i) !== QUOTE) return undefined;
  let escaped = false;
  for (let j = i + 1; j < line.length; j += 1) {
    const c = line.charCodeAt(j);
    if (c === BACKSLASH) {
      escaped = true;
      j += 1;
    } else if (c === QUOTE) {
      if (!escaped) return line.slice(i + 1, j);
      try {
        return JSON.parse(line.slice(i, j + 1)) as string;
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

type Guessed = WindowDeploy & { deploy: boolean; result: string | null | undefined };

type RunLine = {
  started: boolean;
  runId: string | null | undefined;
  kind?: string | null;
  env?: string | null;
  version?: string | null;
  previousVersion?: string | null;
  commit?: string | null;
  at?: string | null;
  result?: string | null;
};

// The run lines as JSON.stringify writes them ({v, runId, [at,] event, ...} in the runner's key
// order), read with sticky regexes in place; any other layout, or an escaped string, is read
// field by field.
const S = '"([^"\\\\\\n]*)"';
const SN = `(?:${S}|null)`;
const HEAD = new RegExp(`\\{"v":1,"runId":${S}(?:,"at":${S})?,"event":"run-(started|finished)"`, 'y');
const STARTED = new RegExp(`(?:,"at":${S})?,"kind":${S},"env":${SN},"version":${SN},"previousVersion":${SN},"commit":${SN}`, 'y');
const FINISHED = new RegExp(`(?:,"at":${S})?,"result":${S}`, 'y');

/** The fields of the run line text[from, to) whose event name starts at `name`. */
function runLine(text: string, from: number, to: number, name: number): RunLine | null {
  HEAD.lastIndex = from;
  const head = HEAD.exec(text);
  if (head && head.index + head[0].length <= to) {
    const started = head[3] === 'started';
    const tail = started ? STARTED : FINISHED;
    tail.lastIndex = head.index + head[0].length;
    const m = tail.exec(text);
    if (m && m.index + m[0].length <= to) {
      if (started) return { started, runId: head[1], kind: m[2], env: m[3] ?? null, version: m[4] ?? null, previousVersion: m[5] ?? null, commit: m[6] ?? null };
      return { started, runId: head[1], at: head[2] ?? m[1] ?? field(text.slice(from, to), 'at'), result: m[2] };
    }
  }
  const line = text.slice(from, to);
  const started = text.startsWith('started"', name);
  if (!started && !text.startsWith('finished"', name)) return null;
  const runId = field(line, 'runId');
  if (!started) return { started, runId, at: field(line, 'at'), result: field(line, 'result') };
  return { started, runId, kind: field(line, 'kind'), env: field(line, 'env'), version: field(line, 'version'), previousVersion: field(line, 'previousVersion'), commit: field(line, 'commit') };
}

/**
 * windowRevisions() of the journal's `environment` deploys as the run lines alone tell them: a
 * deploy counts as succeeded when its result is success or rolled_back (the full fold also
 * checks its steps, so the guess may include more).
 */
export function guessWindowRevisions(text: string, environment: string, start: number, end: number): Revisions {
  const runs = new Map<string, Guessed>();
  for (let hit = text.indexOf(RUN_EVENT); hit >= 0; hit = text.indexOf(RUN_EVENT, hit)) {
    const from = text.lastIndexOf('\n', hit) + 1;
    let to = text.indexOf('\n', hit);
    if (to < 0) to = text.length;
    const line = runLine(text, from, to, hit + RUN_EVENT.length);
    hit = to;
    if (!line?.runId) continue;
    if (line.started) {
      if (runs.has(line.runId)) continue;
      runs.set(line.runId, {
        deploy: line.kind === 'deploy' && line.env === environment,
        ref: line.commit ?? line.version ?? null,
        run: { started: { previousVersion: line.previousVersion ?? null } },
        at: Number.NaN,
        succeeded: false,
        result: undefined,
      });
      continue;
    }
    const run = runs.get(line.runId);
    if (!run) continue;
    // The first finish dates the run; a later one (rolled_back) only changes its result.
    if (run.result === undefined) run.at = Date.parse(line.at ?? '');
    run.result = line.result;
    run.succeeded = run.result === 'success' || run.result === 'rolled_back';
  }
  const deploys = [...runs.values()].filter((r) => r.deploy && r.result !== undefined && Number.isFinite(r.at)).sort((a, b) => a.at - b.at);
  return windowRevisions(deploys, start, end);
}

/**
 * Whether the newest run-started line names its version without a full commit sha: then git's
 * tag and branch names will be needed, and their listing can start before the guess is made.
 */
export function newestRunNamesVersion(text: string): boolean {
  const at = text.lastIndexOf(`${RUN_EVENT}started"`);
  if (at < 0) return false;
  let to = text.indexOf('\n', at);
  if (to < 0) to = text.length;
  const commit = stringField(text.slice(text.lastIndexOf('\n', at) + 1, to), 'commit');
  return !(typeof commit === 'string' && FULL_SHA.test(commit));
}

/**
 * Whether the log of `guess` answers every range the exact revisions ask for exactly as their
 * own log would: the same `^rev`s (they decide which commits count as shipped before) and at
 * least every tip (more tips only add commits no range reaches).
 */
export function guessCovers(guess: Revisions, exact: Revisions): boolean {
  const tips = new Set(guess.include);
  const below = new Set(guess.exclude);
  const exactBelow = new Set(exact.exclude);
  return exact.include.every((r) => tips.has(r)) && below.size === exactBelow.size && [...below].every((r) => exactBelow.has(r));
}
