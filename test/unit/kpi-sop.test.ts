// SOP §6.1/§6.2 parsing: the shared SOP, the demo's SOP, and edited and malformed variants.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { parseQuantity, parseTarget, statusOf } from '../../src/kpi/quantity.js';
import { applyConfigTargets, parseSopKpis, sopDate } from '../../src/kpi/sop-kpis.js';

// the team's own SOP (a copy of the one our users work under), as well as the demo's
const SHARED_SOP = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'sop', 'team-sop.md'), 'utf8');
const DEMO_SOP = readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'demo', '.orchestration', 'sop.md'), 'utf8');

const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('SOP §6 KPIs', () => {
  it('reads the shared SOP: four objectives and eight KPIs, nothing unparsed', () => {
    const sop = parseSopKpis(SHARED_SOP);
    expect(sop.unparsed).toEqual([]);
    expect(sop.kpis.map((k) => k.name)).toEqual([
      'Improve Performance',
      'Increase Reliability',
      'Enhance Security',
      'Reduce Tech Debt',
      'Deployment Frequency',
      'Lead Time',
      'MTTR',
      'Change Failure Rate',
      'Availability',
      'Response Time (p95)',
      'Error Rate',
      'Customer Satisfaction',
    ]);
    const byName = Object.fromEntries(sop.kpis.map((k) => [k.name, k]));
    expect(byName['Deployment Frequency']).toMatchObject({ section: '6.2', stated: '2x per week', statedValue: { value: 2 / 7, unit: 'perDay' }, target: 'daily', comparator: '>=', targetValue: 1, unit: 'perDay', measure: 'deployFrequency' });
    expect(byName['Response Time (p95)']).toMatchObject({ stated: '150ms', statedValue: { value: 0.15, unit: 'seconds' }, target: '<100ms', comparator: '<', targetValue: 0.1, unit: 'seconds', measure: 'latencyP95' });
    expect(byName['Improve Performance']).toMatchObject({ section: '6.1', stated: '🟡 85ms avg', statedValue: { value: 0.085, unit: 'seconds' }, target: '<100ms API response time', comparator: '<', targetValue: 0.1, measure: 'latencyP95' });
    expect(byName['Increase Reliability']).toMatchObject({ target: '99.9% uptime', comparator: '>=', targetValue: 99.9, unit: 'percent', measure: 'availability' });
    expect(byName['Enhance Security']).toMatchObject({ stated: '🟢 Achieved', statedValue: null, comparator: '<=', targetValue: 0, unit: 'count', measure: null });
    expect(byName.MTTR).toMatchObject({ target: '<1 hour', targetValue: 3600, measure: 'timeToRestore', line: lineOf(SHARED_SOP, '**MTTR**') });
    expect(byName.Availability).toMatchObject({ comparator: '>=', targetValue: 99.99, measure: 'availability' });
    expect(byName['Customer Satisfaction']).toMatchObject({ statedValue: { value: 4.2, unit: 'score' }, targetValue: 4.5, comparator: '>=', unit: 'score', measure: null });
    expect(sop.date).toBe('2025-01-10');
  });

  it("reads the demo's SOP with its own objectives and date", () => {
    const sop = parseSopKpis(DEMO_SOP);
    expect(sop.unparsed).toEqual([]);
    expect(sop.kpis).toHaveLength(12);
    expect(sop.kpis.find((k) => k.name === 'Safer Releases')).toMatchObject({ stated: '🔴 6%', targetValue: 3, comparator: '<', measure: 'changeFailureRate' });
    expect(sop.date).toBe('2026-11-02');
  });

  it('lists malformed lines by number instead of dropping them', () => {
    const edited = SHARED_SOP.replace('- **Error Rate**: 0.1% (target: <0.05%)', '- **Error Rate**: 0.1% (goal: lower)')
      .replace('| Reduce Tech Debt     | <20% debt ratio               | 🔴 25%      |', '| Reduce Tech Debt     | as low as possible            | 🔴 25%      |')
      .replace('- **MTTR**: 2 hours (target: <1 hour)', '- **MTTR**: 2 hours (target: <1 hour)\nMTTR is measured from page to resolve.')
      .replace('- **Customer Satisfaction**: 4.2/5 (target: 4.5/5)', '- **Customer Satisfaction**: great (target: better)');
    const sop = parseSopKpis(edited);
    expect(sop.unparsed).toEqual([
      { line: lineOf(edited, 'as low as possible'), text: '| Reduce Tech Debt     | as low as possible            | 🔴 25%      |', reason: 'no target value in "as low as possible"' },
      { line: lineOf(edited, 'MTTR is measured'), text: 'MTTR is measured from page to resolve.', reason: 'expected "- **Name**: value (target: …)"' },
      { line: lineOf(edited, '(goal: lower)'), text: '- **Error Rate**: 0.1% (goal: lower)', reason: 'expected "- **Name**: value (target: …)"' },
      { line: lineOf(edited, 'great (target: better)'), text: '- **Customer Satisfaction**: great (target: better)', reason: 'cannot read the target "better"' },
    ]);
    expect(sop.kpis).toHaveLength(9);
  });

  it('finds nothing in a document without §6, and knows sections end at the next heading', () => {
    expect(parseSopKpis('# SOP\n\n## 1. Other\n- **Lead Time**: 1 day (target: <1 hour)\n')).toMatchObject({ kpis: [], unparsed: [], found: { objectives: false, kpis: false } });
    const sop = parseSopKpis('### 6.2 KPIs\n- **Lead Time**: 1 day (target: <1 hour)\n### 6.3 Alerts\n- P1: whatever\n```\n### 6.1 not a heading\n```\n');
    expect(sop.kpis.map((k) => k.name)).toEqual(['Lead Time']);
    expect(sop.unparsed).toEqual([]);
    expect(sop.date).toBeNull();
    expect(sopDate('| 1.0.0 | 2026-03-02 |\n| 1.3.0 | 2026-11-02 |')).toBe('2026-11-02');
  });

  it('lets the config override a KPI or add one, and names the key of a bad target', () => {
    const sop = parseSopKpis(SHARED_SOP);
    const kpis = applyConfigTargets(sop.kpis, [
      { name: 'lead time', target: '<2 days' },
      { name: 'Checkout p99', target: '<300ms', measure: 'latencyP95' },
    ]);
    expect(kpis.find((k) => k.name === 'lead time')).toMatchObject({ section: '6.2', stated: '3 days', targetValue: 2 * 86_400, comparator: '<', measure: 'leadTime' });
    expect(kpis.at(-1)).toMatchObject({ name: 'Checkout p99', section: 'config', line: 0, targetValue: 0.3, measure: 'latencyP95', stated: null });
    expect(() => applyConfigTargets([], [{ name: 'Joy' }])).toThrow(ConfigError);
    expect(() => applyConfigTargets([], [{ name: 'Joy', target: 'lots' }])).toThrow('.orchestration/opsdeck.yaml: kpis.targets.0.target: cannot read "lots"');
  });
});

describe('quantities and targets', () => {
  it.each([
    ['2x per week', 2 / 7, 'perDay'],
    ['3 per day', 3, 'perDay'],
    ['weekly', 1 / 7, 'perDay'],
    ['1.5 hours', 5400, 'seconds'],
    ['45 min', 2700, 'seconds'],
    ['2 weeks', 1_209_600, 'seconds'],
    ['99,5 %', 99.5, 'percent'],
    ['4.5/5', 4.5, 'score'],
    ['Zero critical vulnerabilities', 0, 'count'],
    ['12', 12, 'none'],
  ])('%s', (text, value, unit) => {
    expect(parseQuantity(text)).toEqual({ value, unit });
  });

  it('reads no number from words', () => {
    expect(parseQuantity('Achieved')).toBeNull();
    expect(parseQuantity('5 bananas')).toBeNull();
    expect(parseTarget('better', null)).toBeNull();
  });

  it('takes the comparator as written, else from the measure', () => {
    expect(parseTarget('≤ 5%', 'changeFailureRate')).toEqual({ comparator: '<=', value: 5, unit: 'percent' });
    expect(parseTarget('1 hour', 'timeToRestore')?.comparator).toBe('<=');
    expect(parseTarget('99.9%', 'availability')?.comparator).toBe('>=');
    expect(parseTarget('1 hour', null)?.comparator).toBe('<=');
    expect(parseTarget('>2 per day', 'deployFrequency')?.comparator).toBe('>');
  });

  it('grades ok, warn within warnPercent, miss beyond', () => {
    const lead = { comparator: '<' as const, value: 86_400, unit: 'seconds' as const };
    expect(statusOf(3600, lead, 10)).toBe('ok');
    expect(statusOf(90_000, lead, 10)).toBe('warn');
    expect(statusOf(100_000, lead, 10)).toBe('miss');
    const availability = { comparator: '>=' as const, value: 99.9, unit: 'percent' as const };
    expect(statusOf(99.95, availability, 10)).toBe('ok');
    expect(statusOf(99.895, availability, 10)).toBe('warn');
    expect(statusOf(99.5, availability, 10)).toBe('miss');
    expect(statusOf(1, { comparator: '=', value: 0, unit: 'count' }, 10)).toBe('miss');
    expect(statusOf(2, { comparator: '>', value: 1, unit: 'perDay' }, 10)).toBe('ok');
  });
});
