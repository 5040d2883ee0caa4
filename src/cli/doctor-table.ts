// Renders doctor's checks as a table that fits the terminal (80 columns by default):
//   ✓ name  detail
//   ✗ name  detail
//           → what to do
// All text is sanitized (it holds paths and config errors); colour only when asked.
import { sanitizeLine } from '../sanitize/sanitize.js';
import { displayWidth, truncateToWidth } from '../sanitize/text-width.js';
import type { Paint } from './color.js';
import { DOCTOR_GROUP_TITLES } from './doctor-checks.js';
import type { DoctorCheck, DoctorGroup } from './doctor-checks.js';

const INDENT = '  ';
const MAX_NAME_WIDTH = 30;
const MIN_DETAIL_WIDTH = 24;

/** Splits plain text into lines of at most `width` columns at spaces (long words are cut). */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ').filter((w) => w !== '')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (displayWidth(candidate) <= width) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line);
    line = displayWidth(word) <= width ? word : truncateToWidth(word, width);
  }
  if (line !== '') lines.push(line);
  return lines.length > 0 ? lines : [''];
}

function padTo(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

function symbol(check: DoctorCheck, paint: Paint): string {
  if (check.status === 'ok') return paint.green('✓');
  if (check.status === 'fail') return paint.red('✗');
  return paint.yellow('!');
}

/** The table, a summary line last. */
export function renderDoctorTable(root: string, checks: readonly DoctorCheck[], paint: Paint, columns = 80): string {
  const width = Math.max(columns, INDENT.length + 2 + 8 + 2 + MIN_DETAIL_WIDTH);
  const names = checks.map((c) => sanitizeLine(c.name));
  const nameWidth = Math.min(MAX_NAME_WIDTH, Math.max(0, ...names.map(displayWidth)));
  const detailColumn = INDENT.length + 2 + nameWidth + 2;
  const detailWidth = width - detailColumn;
  const lines = [truncateToWidth(`opsdeck doctor: ${sanitizeLine(root)}`, width)];
  let group: DoctorGroup | undefined;
  checks.forEach((check, index) => {
    if (check.group !== group) {
      group = check.group;
      lines.push('', paint.bold(DOCTOR_GROUP_TITLES[group]));
    }
    const name = padTo(truncateToWidth(names[index] ?? '', nameWidth), nameWidth);
    const [first = '', ...rest] = wrapText(sanitizeLine(check.detail), detailWidth);
    lines.push(`${INDENT}${symbol(check, paint)} ${name}  ${first}`);
    const pad = ' '.repeat(detailColumn);
    for (const line of rest) lines.push(`${pad}${line}`);
    if (check.status !== 'ok' && check.fix) {
      for (const [i, line] of wrapText(sanitizeLine(check.fix), detailWidth - 2).entries()) {
        lines.push(`${pad}${i === 0 ? paint.dim('→ ') : '  '}${line}`);
      }
    }
  });
  const failed = checks.filter((c) => c.status === 'fail').length;
  const warned = checks.filter((c) => c.status === 'warn').length;
  const summary =
    failed > 0
      ? paint.red(`${failed} required check${failed === 1 ? '' : 's'} failed`)
      : paint.green('all required checks passed');
  const warnings = warned > 0 ? `, ${warned} optional warning${warned === 1 ? '' : 's'}` : '';
  lines.push('', `${summary}${warnings}.`);
  return `${lines.join('\n')}\n`;
}
