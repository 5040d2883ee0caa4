// The demo's incident history and the badge's words and style.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { badgeStyle, badgeText } from '../../components/incident-badge.js';
import { badgeFor } from '../../src/incident/badge.js';
import { makeTheme } from '../../components/theme.js';
import type { Incident } from '../../models/incident-view.js';
import { writeDemoIncidents } from '../../src/demo/demo-incidents.js';
import { foldIncidents } from '../../src/incident/fold.js';
import { parseIncidentJournal } from '../../src/incident/incident-events.js';
import { DEFAULT_SLA, formatCountdownCoarse } from '../../src/incident/sla.js';

describe('writeDemoIncidents', () => {
  it('writes a few resolved incidents over the last weeks, one with the cause run, none open', async () => {
    const root = mkdtempSync(join(tmpdir(), 'opsdeck-demo-incidents-'));
    try {
      const now = new Date('2026-11-26T08:30:00Z');
      await writeDemoIncidents(root, now, ['20261109-100100-deploy-a1b2', 'other']);
      const parsed = parseIncidentJournal(readFileSync(join(root, '.orchestration', 'incidents.jsonl'), 'utf8'), 'f');
      expect(parsed.problems).toEqual([]);
      const { incidents, problems } = foldIncidents(parsed.events, 'f');
      expect(problems).toEqual([]);
      expect(incidents.length).toBeGreaterThanOrEqual(3);
      expect(incidents.every((i) => i.status === 'resolved')).toBe(true);
      expect(incidents.filter((i) => i.cause !== null).map((i) => [i.priority, i.cause])).toEqual([['P1', '20261109-100100-deploy-a1b2']]);
      for (const i of incidents) {
        const age = now.getTime() - Date.parse(i.openedAt);
        expect(age).toBeGreaterThan(0);
        expect(age).toBeLessThan(30 * 86_400_000);
        expect(Date.parse(i.resolvedAt ?? '')).toBeGreaterThan(Date.parse(i.openedAt));
      }
      await writeDemoIncidents(root, now);
      const again = foldIncidents(parseIncidentJournal(readFileSync(join(root, '.orchestration', 'incidents.jsonl'), 'utf8'), 'f').events, 'f');
      expect(again.incidents.map((i) => i.id)).toEqual(incidents.map((i) => i.id));
      expect(again.incidents.every((i) => i.cause === null)).toBe(true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('the badge', () => {
  const inc: Incident = {
    id: 'INC-20261126-100000-abcd', priority: 'P1', title: 't', status: 'open', openedAt: '2026-11-26T10:00:00.000Z', openedBy: 'a',
    acknowledgedAt: null, acknowledgedBy: null, resolvedAt: null, resolvedBy: null, cause: null, summary: null, notes: [], priorityChanges: [],
  };
  const at = (s: number) => new Date(Date.parse(inc.openedAt) + s * 1000);

  it('shows minutes far from the deadline and seconds near it, on either side', () => {
    expect(badgeText(inc, DEFAULT_SLA, at(0), 0).text).toBe('[P1 unacked 15m left]');
    expect(badgeText(inc, DEFAULT_SLA, at(60 * 12 + 30), 2).text).toBe('[P1 unacked 2m left +2]');
    expect(badgeText(inc, DEFAULT_SLA, at(60 * 14), 0).text).toBe('[P1 unacked 01:00 left]');
    expect(badgeText({ ...inc, status: 'acknowledged' }, DEFAULT_SLA, at(60 * 15 + 7), 0)).toEqual({ text: '[P1 SLA BREACHED +00:07]', breached: true, priority: 'P1' });
    expect(badgeFor([{ ...inc, status: 'resolved', resolvedAt: inc.openedAt }], DEFAULT_SLA, at(0))).toBeUndefined();
    expect(badgeFor([inc, { ...inc, id: 'x', priority: 'P3' }], DEFAULT_SLA, at(0))?.text).toBe('[P1 unacked 15m left +1]');
    expect(badgeText(inc, DEFAULT_SLA, at(60 * 25), 0).text).toBe('[P1 unacked SLA BREACHED +10m]');
    expect(formatCountdownCoarse(150_000)).toBe('2m');
  });

  it('is red and inverse on breach with colour, plain without', () => {
    const color = makeTheme(true);
    expect(badgeStyle(color, 'P1', true)).toEqual({ color: 'red', bold: true, inverse: true });
    expect(badgeStyle(color, 'P1', false)).toEqual({ color: 'red' });
    expect(badgeStyle(color, 'P3', false)).toEqual({ color: 'yellow' });
    expect(badgeStyle(makeTheme(false), 'P1', true)).toEqual({});
  });
});
