// How KPI values read (pure): durations, percentages, frequencies, and a value in its unit.
import type { Unit } from '../../models/kpi-report.js';

const trim = (n: number, digits: number): string => {
  const text = n.toFixed(digits);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
};

/** 45 s, 12 min, 2.5 h, 3.1 d. */
export function formatDuration(seconds: number): string {
  if (seconds < 1) return `${trim(seconds * 1000, 0)} ms`;
  if (seconds < 60) return `${trim(seconds, 1)} s`;
  if (seconds < 3600) return `${trim(seconds / 60, 0)} min`;
  if (seconds < 48 * 3600) return `${trim(seconds / 3600, 1)} h`;
  return `${trim(seconds / 86_400, 1)} d`;
}

/** 16.7 %, 99.95 %, 0.08 %. */
export function formatPercent(value: number): string {
  const digits = Math.abs(value) >= 10 && Math.abs(value) < 99 ? 1 : Math.abs(value) >= 99 ? 3 : 2;
  return `${trim(value, digits)} %`;
}

/** 0.2/day · 1.4/wk. */
export function formatFrequency(perDay: number): string {
  return `${trim(perDay, 2)}/day · ${trim(perDay * 7, 1)}/wk`;
}

export function formatValue(value: number, unit: Unit): string {
  switch (unit) {
    case 'seconds':
      return formatDuration(value);
    case 'percent':
      return formatPercent(value);
    case 'perDay':
      return `${trim(value, 2)}/day`;
    case 'score':
      return trim(value, 2);
    default:
      return trim(value, 3);
  }
}
