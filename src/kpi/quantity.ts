// Reads the values and targets the SOP writes ("2x per week", "<100ms", "99.95%", "4.2/5",
// "daily", "<1 hour", "Zero critical vulnerabilities") into numbers in canonical units (pure).
import type { Measure } from '../../models/kpi-config.js';
import type { Comparator, Quantity, Unit } from '../../models/kpi-report.js';

const NUM = String.raw`(\d+(?:[.,]\d+)?)`;
const DURATION_UNITS: Array<[RegExp, number]> = [
  [/^(ms|msec|millis(?:econds?)?)$/, 0.001],
  [/^(s|sec|secs|seconds?)$/, 1],
  [/^(m|min|mins|minutes?)$/, 60],
  [/^(h|hr|hrs|hours?)$/, 3600],
  [/^(d|days?)$/, 86_400],
  [/^(w|wk|wks|weeks?)$/, 604_800],
  [/^(months?)$/, 2_592_000],
];
const PERIOD_DAYS: Record<string, number> = { hour: 1 / 24, day: 1, week: 7, month: 30, quarter: 91, year: 365 };
const WORD_FREQUENCY: Record<string, number> = { hourly: 24, daily: 1, weekly: 1 / 7, monthly: 1 / 30, quarterly: 1 / 91 };

const num = (text: string): number => Number(text.replace(',', '.'));

/** The first quantity in `text`, or null. */
export function parseQuantity(text: string): Quantity | null {
  const t = text.toLowerCase();
  const freq = new RegExp(String.raw`${NUM}\s*(?:x|times)?\s*(?:per|/|a|an|every)\s*(hour|day|week|month|quarter|year)\b`).exec(t);
  if (freq) return { value: num(freq[1]!) / PERIOD_DAYS[freq[2]!]!, unit: 'perDay' };
  const word = /\b(hourly|daily|weekly|monthly|quarterly)\b/.exec(t);
  if (word) return { value: WORD_FREQUENCY[word[1]!]!, unit: 'perDay' };
  const score = new RegExp(String.raw`${NUM}\s*/\s*(\d+)`).exec(t);
  if (score) return { value: num(score[1]!), unit: 'score' };
  const percent = new RegExp(String.raw`${NUM}\s*%`).exec(t);
  if (percent) return { value: num(percent[1]!), unit: 'percent' };
  const duration = new RegExp(String.raw`${NUM}\s*([a-z]+)`).exec(t);
  if (duration) {
    const factor = DURATION_UNITS.find(([re]) => re.test(duration[2]!))?.[1];
    if (factor !== undefined) return { value: num(duration[1]!) * factor, unit: 'seconds' };
  }
  if (/\b(zero|none|no)\b/.test(t)) return { value: 0, unit: 'count' };
  const plain = new RegExp(String.raw`^\s*[<>=≤≥]*\s*${NUM}\s*$`).exec(t);
  if (plain) return { value: num(plain[1]!), unit: 'none' };
  return null;
}

const COMPARATOR_OF: Record<string, Comparator> = { '<': '<', '<=': '<=', '≤': '<=', '>': '>', '>=': '>=', '≥': '>=', '=': '=' };

/** Lower-is-better measures take "<=" when the target has no comparator. */
const LOWER_IS_BETTER = new Set<Measure>(['leadTime', 'timeToRestore', 'changeFailureRate', 'latencyP95', 'errorRate']);

export type Target = { comparator: Comparator; value: number; unit: Unit };

/** "<100ms", "99.99%", "daily", "Zero critical vulnerabilities" into a target, or null. */
export function parseTarget(text: string, measure: Measure | null): Target | null {
  const quantity = parseQuantity(text);
  if (!quantity) return null;
  const explicit = /(<=|>=|≤|≥|<|>|=)\s*\d/.exec(text)?.[1];
  let comparator: Comparator;
  if (explicit) comparator = COMPARATOR_OF[explicit]!;
  else if (quantity.unit === 'count') comparator = '<=';
  else if (measure) comparator = LOWER_IS_BETTER.has(measure) ? '<=' : '>=';
  else comparator = quantity.unit === 'seconds' ? '<=' : '>=';
  return { comparator, value: quantity.value, unit: quantity.unit };
}

const MEASURE_PATTERNS: Array<[RegExp, Measure]> = [
  [/deploy(ment)?s?\s*freq/i, 'deployFrequency'],
  [/lead\s*time/i, 'leadTime'],
  [/\bmttr\b|time\s+to\s+(restore|recover)|mean\s+time\s+to/i, 'timeToRestore'],
  [/change\s*failure/i, 'changeFailureRate'],
  [/availability|uptime/i, 'availability'],
  [/response\s*time|latency|\bp95\b/i, 'latencyP95'],
  [/error\s*rate/i, 'errorRate'],
];

export function measureOf(text: string): Measure | null {
  return MEASURE_PATTERNS.find(([re]) => re.test(text))?.[1] ?? null;
}

export const MEASURE_UNITS: Record<Measure, Unit> = {
  deployFrequency: 'perDay',
  leadTime: 'seconds',
  timeToRestore: 'seconds',
  changeFailureRate: 'percent',
  availability: 'percent',
  latencyP95: 'seconds',
  errorRate: 'percent',
};

/** Whether `measured` meets the target. */
export function meets(measured: number, target: Target): boolean {
  const eps = 1e-9 * Math.max(1, Math.abs(target.value));
  switch (target.comparator) {
    case '<':
      return measured < target.value - eps;
    case '<=':
      return measured <= target.value + eps;
    case '>':
      return measured > target.value + eps;
    case '>=':
      return measured >= target.value - eps;
    case '=':
      return Math.abs(measured - target.value) <= eps;
  }
}

/** ok when it meets the target; warn when it misses by at most warnPercent of the target; else miss. */
export function statusOf(measured: number, target: Target, warnPercent: number): 'ok' | 'warn' | 'miss' {
  if (meets(measured, target)) return 'ok';
  // A ">= 99.9 %" target leaves a 0.1 % budget: the slack is a share of that budget, not of 99.9.
  const budget = target.unit === 'percent' && (target.comparator === '>' || target.comparator === '>=') ? 100 - target.value : target.value;
  const slack = (Math.abs(budget) * warnPercent) / 100;
  const loosened: Target =
    target.comparator === '<' || target.comparator === '<='
      ? { ...target, comparator: '<=', value: target.value + slack }
      : target.comparator === '>' || target.comparator === '>='
        ? { ...target, comparator: '>=', value: target.value - slack }
        : target;
  return meets(measured, loosened) && target.comparator !== '=' ? 'warn' : 'miss';
}
