// Reads SOP §4.1 (the backup schedule table) and §4.3 (RTO, RPO and the recovery steps) from
// the markdown of .orchestration/sop.md. The table is parsed, not hard-coded: an edited table
// is a changed policy. Rows that cannot be read are reported with their line, never dropped.
import type { PolicyIssue, RecoveryStep, SopRow } from '../../models/backup-policy.js';

export type SopBackupSection = {
  /** undefined: no §4.1 table found. */
  rows: SopRow[] | undefined;
  issues: PolicyIssue[];
  rto: string | undefined;
  rpo: string | undefined;
  steps: RecoveryStep[];
};

type Section = { start: number; lines: string[] };

/** The lines of the section headed `4.1 …` (by number), or by its title when unnumbered. */
function findSection(lines: readonly string[], number: string, title: RegExp): Section | undefined {
  const byNumber = new RegExp(`^#{2,5}\\s+${number.replace('.', '\\.')}\\.?\\s`);
  let index = lines.findIndex((line) => byNumber.test(line));
  if (index < 0) index = lines.findIndex((line) => /^#{2,5}\s/.test(line) && title.test(line));
  if (index < 0) return undefined;
  const level = /^#+/.exec(lines[index]!)![0].length;
  let end = index + 1;
  let fenced = false;
  while (end < lines.length) {
    if (/^\s*```/.test(lines[end]!)) fenced = !fenced;
    const heading = fenced ? null : /^(#+)\s/.exec(lines[end]!);
    if (heading && heading[1]!.length <= level) break;
    end += 1;
  }
  return { start: index + 1, lines: lines.slice(index + 1, end) };
}

function cellsOf(line: string): string[] {
  let body = line.trim();
  if (body.startsWith('|')) body = body.slice(1);
  if (body.endsWith('|')) body = body.slice(0, -1);
  return body.split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, '|'));
}

const COLUMNS: Array<[keyof Omit<SopRow, 'line'>, RegExp]> = [
  ['component', /component|what/i],
  ['schedule', /frequency|schedule|when/i],
  ['type', /type|kind/i],
  ['retention', /retention|keep/i],
  ['location', /location|where|target/i],
];

function parseTable(section: Section, file: string): { rows: SopRow[] | undefined; issues: PolicyIssue[] } {
  const issues: PolicyIssue[] = [];
  const first = section.lines.findIndex((line) => line.trim().startsWith('|'));
  if (first < 0) return { rows: undefined, issues };
  const header = cellsOf(section.lines[first]!);
  const columns = new Map<keyof Omit<SopRow, 'line'>, number>();
  for (const [key, pattern] of COLUMNS) {
    const index = header.findIndex((cell, i) => pattern.test(cell) && ![...columns.values()].includes(i));
    if (index >= 0) columns.set(key, index);
  }
  const missing = (['component', 'schedule'] as const).filter((key) => !columns.has(key));
  if (missing.length > 0) {
    issues.push({ where: `${file}:${section.start + first + 1}`, message: `the §4.1 table has no ${missing.join(' or ')} column` });
    return { rows: undefined, issues };
  }
  const rows: SopRow[] = [];
  for (let i = first + 1; i < section.lines.length; i += 1) {
    const line = section.lines[i]!;
    if (!line.trim().startsWith('|')) break;
    const lineNo = section.start + i + 1;
    const cells = cellsOf(line);
    if (cells.every((cell) => /^:?-{2,}:?$/.test(cell))) continue;
    if (cells.length !== header.length) {
      issues.push({ where: `${file}:${lineNo}`, message: `row has ${cells.length} cells, the header has ${header.length}: ${line.trim()}` });
      continue;
    }
    const cell = (key: keyof Omit<SopRow, 'line'>): string => (columns.has(key) ? cells[columns.get(key)!]! : '');
    if (cell('component') === '' || cell('schedule') === '') {
      issues.push({ where: `${file}:${lineNo}`, message: `row needs a component and a schedule: ${line.trim()}` });
      continue;
    }
    rows.push({ line: lineNo, component: cell('component'), schedule: cell('schedule'), type: cell('type') || 'full', retention: cell('retention') || 'forever', location: cell('location') });
  }
  return { rows, issues };
}

function objective(lines: readonly string[], name: 'RTO' | 'RPO'): string | undefined {
  for (const line of lines) {
    const match = new RegExp(`\\b${name}\\b[^:\\n]*:\\s*\\**\\s*([^*\\n|]+)`).exec(line);
    if (match) return match[1]!.trim().replace(/[.)]+$/, '');
  }
  return undefined;
}

export function stepId(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'step'
  );
}

/** `# 1. Stop application` followed by its command lines, inside the first code block. */
function recoverySteps(lines: readonly string[]): RecoveryStep[] {
  const open = lines.findIndex((line) => /^\s*```/.test(line));
  if (open < 0) return [];
  const steps: RecoveryStep[] = [];
  let current: { title: string; commands: string[] } | undefined;
  const flush = (): void => {
    if (current && current.commands.length > 0) {
      let id = stepId(current.title);
      while (steps.some((step) => step.id === id)) id += '-2';
      steps.push({ id, title: current.title, command: current.commands.join(' && ') });
    }
  };
  for (const line of lines.slice(open + 1)) {
    if (/^\s*```/.test(line)) break;
    const heading = /^\s*#\s*(?:\d+[.)]\s*)?(.+?)\s*$/.exec(line);
    if (heading) {
      flush();
      current = { title: heading[1]!, commands: [] };
    } else if (line.trim() !== '' && current) {
      current.commands.push(line.trim());
    }
  }
  flush();
  return steps;
}

/** Everything issue 5 reads from the SOP's backup section. `file` names the file in issues. */
export function parseSopBackups(markdown: string, file = 'sop.md'): SopBackupSection {
  const lines = markdown.split(/\r?\n/);
  const schedule = findSection(lines, '4.1', /backup schedule/i);
  const recovery = findSection(lines, '4.3', /recovery/i);
  const table = schedule ? parseTable(schedule, file) : { rows: undefined, issues: [] };
  return {
    rows: table.rows,
    issues: table.issues,
    rto: recovery ? objective(recovery.lines, 'RTO') : undefined,
    rpo: recovery ? objective(recovery.lines, 'RPO') : undefined,
    steps: recovery ? recoverySteps(recovery.lines) : [],
  };
}

/** The issue's table: the policy when no sop.md has one. */
export const BUILTIN_SOP_ROWS: SopRow[] = [
  { line: 0, component: 'Database', schedule: 'Daily 02:00 UTC', type: 'Full', retention: '30 days', location: 'S3' },
  { line: 0, component: 'Database', schedule: 'Hourly', type: 'Incremental', retention: '7 days', location: 'S3' },
  { line: 0, component: 'Files', schedule: 'Daily 03:00 UTC', type: 'Incremental', retention: '30 days', location: 'S3' },
  { line: 0, component: 'Files', schedule: 'Weekly Sunday', type: 'Full', retention: '90 days', location: 'S3' },
  { line: 0, component: 'Configs', schedule: 'On change', type: 'Version', retention: 'Forever', location: 'Git' },
];

export const BUILTIN_RECOVERY_STEPS: RecoveryStep[] = [
  { id: 'stop-application', title: 'Stop application', command: 'kubectl scale deployment api --replicas=0' },
  { id: 'restore-database', title: 'Restore database', command: './scripts/restore-db.sh --backup s3://backups/db/backup.sql' },
  { id: 'verify-data-integrity', title: 'Verify data integrity', command: './scripts/verify-db.sh' },
  { id: 'restart-application', title: 'Restart application', command: 'kubectl scale deployment api --replicas=3' },
];
