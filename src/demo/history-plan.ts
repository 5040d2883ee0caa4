// Turns the demo's commit plan (demo-history.ts) plus the shipped files into concrete
// commits, and those into one `git fast-import` stream. Pure: no I/O, so it is unit-tested
// without git, and the whole history is written by a single git process.
import type { DemoAuthor, DemoCommit, DemoFileVersion } from './demo-history.js';

export type ShippedFile = { content: Buffer; executable: boolean };

export type FileChange =
  | { op: 'modify'; path: string; executable: boolean; content: Buffer }
  | { op: 'delete'; path: string };

export type PlannedCommit = {
  message: string;
  author: DemoAuthor;
  /** epoch seconds */
  time: number;
  changes: FileChange[];
  tag?: string;
};

export type PlannedHistory = {
  commits: PlannedCommit[];
  /** shipped files the plan never brought to their shipped content (added to the last commit) */
  leftovers: string[];
};

export type PlanOptions = {
  now: Date;
  authors: Record<string, DemoAuthor>;
  /** applied to every version of a file (the shipped one included), e.g. the .todo date shift */
  transform?: (path: string, content: Buffer) => Buffer;
};

function derive(version: DemoFileVersion, files: ReadonlyMap<string, ShippedFile>): Buffer {
  if (version.content !== undefined) return Buffer.from(version.content, 'utf8');
  const base = version.from ?? version.path;
  const shipped = files.get(base);
  if (!shipped) throw new Error(`demo history: ${version.path} derives from ${base}, which is not in examples/demo`);
  let text = shipped.content.toString('utf8');
  for (const [shippedText, versionText] of version.replace ?? []) {
    if (!text.includes(shippedText)) throw new Error(`demo history: ${base} no longer contains ${JSON.stringify(shippedText.slice(0, 60))}`);
    text = text.replace(shippedText, versionText);
  }
  if (version.edit) text = version.edit(text);
  return Buffer.from(text, 'utf8');
}

function expand(entry: string, files: ReadonlyMap<string, ShippedFile>): string[] {
  if (!entry.endsWith('/')) {
    if (!files.has(entry)) throw new Error(`demo history: ${entry} is not in examples/demo`);
    return [entry];
  }
  const matches = [...files.keys()].filter((path) => path.startsWith(entry));
  if (matches.length === 0) throw new Error(`demo history: no file under ${entry} in examples/demo`);
  return matches;
}

/** Epoch seconds of a commit: `day` days before today at `at` UTC, before now, after `previous`. */
export function commitTime(commit: Pick<DemoCommit, 'day' | 'at'>, todaySec: number, nowSec: number, previous: number): number {
  const match = /^(\d\d):(\d\d)$/.exec(commit.at);
  if (!match) throw new Error(`demo history: "at" must be HH:mm, got ${commit.at}`);
  let time = todaySec - commit.day * 86_400 + Number(match[1]) * 3_600 + Number(match[2]) * 60;
  if (time > nowSec - 600) time = nowSec - 600;
  if (time <= previous) time = previous + 60;
  return time;
}

/**
 * Plans the history. Shipped files no commit mentions are added by the first commit (the
 * scaffold); after the last commit the tree equals the shipped tree (after `transform`).
 */
export function planHistory(plan: readonly DemoCommit[], files: ReadonlyMap<string, ShippedFile>, options: PlanOptions): PlannedHistory {
  if (plan.length === 0) throw new Error('demo history: the plan has no commits');
  const transform = options.transform ?? ((_path: string, content: Buffer) => content);
  const nowSec = Math.floor(options.now.getTime() / 1000);
  const todaySec = Math.floor(nowSec / 86_400) * 86_400;
  const mentioned = new Set<string>();
  for (const commit of plan) {
    for (const entry of commit.files ?? []) {
      if (typeof entry === 'string') for (const path of expand(entry, files)) mentioned.add(path);
      else if (files.has(entry.path)) mentioned.add(entry.path);
    }
  }
  const tree = new Map<string, Buffer>();
  const commits: PlannedCommit[] = [];
  let previousTime = -Infinity;
  plan.forEach((commit, index) => {
    const author = options.authors[commit.author];
    if (!author) throw new Error(`demo history: unknown author ${commit.author}`);
    const time = commitTime(commit, todaySec, nowSec, previousTime);
    if (index > 0 && commit.day > plan[index - 1]!.day) throw new Error(`demo history: commit ${index + 1} is older than the one before`);
    previousTime = time;
    const versions = new Map<string, { content: Buffer; executable: boolean }>();
    const put = (path: string, content: Buffer, executable: boolean): void => {
      versions.set(path, { content: transform(path, content), executable });
    };
    if (index === 0) {
      for (const [path, file] of files) if (!mentioned.has(path)) put(path, file.content, file.executable);
    }
    for (const entry of commit.files ?? []) {
      if (typeof entry === 'string') {
        for (const path of expand(entry, files)) put(path, files.get(path)!.content, files.get(path)!.executable);
      } else {
        const shipped = files.get(entry.from ?? entry.path);
        put(entry.path, derive(entry, files), files.get(entry.path)?.executable ?? shipped?.executable ?? false);
      }
    }
    const changes: FileChange[] = [];
    for (const [path, version] of [...versions].sort(([a], [b]) => a.localeCompare(b))) {
      const current = tree.get(path);
      if (current && current.equals(version.content)) continue;
      tree.set(path, version.content);
      changes.push({ op: 'modify', path, executable: version.executable, content: version.content });
    }
    for (const path of commit.remove ?? []) {
      if (tree.delete(path)) changes.push({ op: 'delete', path });
    }
    commits.push({ message: commit.message, author, time, changes, ...(commit.tag ? { tag: commit.tag } : {}) });
  });

  const last = commits[commits.length - 1]!;
  const leftovers: string[] = [];
  for (const [path, file] of files) {
    const final = transform(path, file.content);
    if (!tree.get(path)?.equals(final)) {
      leftovers.push(path);
      last.changes.push({ op: 'modify', path, executable: file.executable, content: final });
      tree.set(path, final);
    }
  }
  for (const path of [...tree.keys()]) {
    if (!files.has(path)) {
      leftovers.push(path);
      last.changes.push({ op: 'delete', path });
      tree.delete(path);
    }
  }
  return { commits, leftovers };
}

function quotePath(path: string): string {
  const hasControl = [...path].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f);
  if (path === '' || path.startsWith('"') || path.includes('\\') || hasControl) {
    throw new Error(`demo history: unsupported file name ${JSON.stringify(path)}`);
  }
  return path;
}

const ident = (who: DemoAuthor, time: number): string => `${who.name} <${who.email}> ${time} ${who.tz}`;

/** The `git fast-import` stream: commits on `refs/heads/<branch>`, annotated tags. */
export function fastImportStream(history: PlannedHistory, branch: string = 'main'): Buffer {
  const chunks: Buffer[] = [];
  const text = (s: string): void => {
    chunks.push(Buffer.from(s, 'utf8'));
  };
  const data = (content: Buffer): void => {
    text(`data ${content.length}\n`);
    chunks.push(content);
    text('\n');
  };
  history.commits.forEach((commit, index) => {
    const mark = index + 1;
    text(`commit refs/heads/${branch}\nmark :${mark}\n`);
    text(`author ${ident(commit.author, commit.time)}\ncommitter ${ident(commit.author, commit.time)}\n`);
    data(Buffer.from(commit.message, 'utf8'));
    if (index > 0) text(`from :${mark - 1}\n`);
    for (const change of commit.changes) {
      if (change.op === 'delete') {
        text(`D ${quotePath(change.path)}\n`);
      } else {
        text(`M ${change.executable ? '100755' : '100644'} inline ${quotePath(change.path)}\n`);
        data(change.content);
      }
    }
    text('\n');
    if (commit.tag) {
      text(`tag ${commit.tag}\nfrom :${mark}\ntagger ${ident(commit.author, commit.time)}\n`);
      data(Buffer.from(`Release version ${commit.tag.replace(/^v/, '')}\n`, 'utf8'));
    }
  });
  text('done\n');
  return Buffer.concat(chunks);
}
