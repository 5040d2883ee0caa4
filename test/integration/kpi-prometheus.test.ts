// Availability, error rate and p95 latency from a real Prometheus over backfilled history,
// queried at a fixed time so the answers are exact; and the command source; errors per KPI.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KpisSchema } from '../../models/kpi-config.js';
import type { KpiInput } from '../../models/kpi-config.js';
import { computeKpiReport } from '../../src/kpi/compute.js';
import { readMetric } from '../../src/kpi/metrics.js';
import { httpHistory, startPrometheus } from '../helpers/prometheus.js';
import type { PrometheusServer } from '../helpers/prometheus.js';

const NOW = new Date('2026-11-20T12:00:00Z');
const END = NOW.getTime() / 1000;
const SOP = ['### 6.2 KPIs', '- **Availability**: 99.95% (target: 99.99%)', '- **Response Time (p95)**: 150ms (target: <100ms)', '- **Error Rate**: 0.1% (target: <0.05%)', ''].join('\n');

let prom: PrometheusServer;
let root: string;

beforeAll(async () => {
  // 3 days, per minute: 999 ok + 1 server error per minute (0.1 % errors, 99.9 % available);
  // latency buckets: 50 under 50 ms, 90 under 100 ms, 100 under 200 ms, so p95 interpolates to
  // 0.1 + 0.1 * (95 - 90) / (100 - 90) = 0.15 s.
  prom = await startPrometheus(httpHistory(END, 3 * 24 * 60, { '200': 999, '500': 1 }, { '0.05': 50, '0.1': 90, '0.2': 100, '+Inf': 100 }));
  root = await mkdtemp(join(tmpdir(), 'opsdeck-kpi-prom-'));
  await mkdir(join(root, '.orchestration'));
  await writeFile(join(root, '.orchestration', 'sop.md'), SOP);
}, 60_000);

afterAll(async () => {
  await prom?.stop();
  await rm(root, { recursive: true, force: true });
});

const kpis = (input: KpiInput) => KpisSchema.parse(input);
const row = (report: Awaited<ReturnType<typeof computeKpiReport>>, name: string) => report.kpis.find((k) => k.name === name)!;

describe('metrics from Prometheus', () => {
  it('measures availability, error rate and p95 latency with the default queries', async () => {
    const report = await computeKpiReport({ root, kpis: kpis({ prometheusUrl: prom.url }), now: NOW });
    expect(row(report, 'Availability')).toMatchObject({ source: 'prometheus', status: 'miss', measuredDisplay: '99.9 %' });
    expect(row(report, 'Availability').measured).toBeCloseTo(99.9, 9);
    expect(row(report, 'Error Rate').measured).toBeCloseTo(0.1, 9);
    expect(row(report, 'Error Rate').status).toBe('miss');
    expect(row(report, 'Response Time (p95)').measured).toBeCloseTo(0.15, 9);
    expect(row(report, 'Response Time (p95)')).toMatchObject({ measuredDisplay: '150 ms', status: 'miss' });
    // Daily points over 30 days: Prometheus has the last 3 days only.
    const trend = row(report, 'Error Rate').trend;
    expect(trend).toHaveLength(30);
    expect(trend.slice(0, 27).every((v) => v === null)).toBe(true);
    for (const v of trend.slice(28)) expect(v).toBeCloseTo(0.1, 9);
  });

  it('keeps the other KPIs working when one query fails, one command times out and one prints JSON', async () => {
    const report = await computeKpiReport({
      root,
      kpis: kpis({
        prometheusUrl: prom.url,
        timeoutMs: 400,
        metrics: {
          latencyP95: { type: 'prometheus', query: 'histogram_quantile(0.95, ' },
          availability: { type: 'command', command: [process.execPath, '-e', 'setTimeout(() => {}, 5000)'] },
          errorRate: { type: 'command', command: [process.execPath, '-e', 'console.log(JSON.stringify({ value: 0.01, series: [0.02, null, 0.01] }))'], timeoutMs: 20_000 },
        },
      }),
      now: NOW,
    });
    expect(row(report, 'Response Time (p95)')).toMatchObject({ status: 'error', source: 'prometheus' });
    expect(row(report, 'Response Time (p95)').error).toMatch(/^prometheus: .*parse error/);
    expect(row(report, 'Availability')).toMatchObject({ status: 'error', source: 'command' });
    expect(row(report, 'Availability').error).toMatch(/no answer in 400 ms$/);
    expect(row(report, 'Error Rate')).toMatchObject({ status: 'ok', measured: 0.01, source: 'command', trend: [0.02, null, 0.01] });
  });

  it('reports a server that does not answer, and a command that prints no JSON', async () => {
    const ctx = { prometheusUrl: 'http://127.0.0.1:9', windowDays: 30, now: NOW, timeoutMs: 2000, cwd: root };
    const down = await readMetric('availability', { type: 'prometheus' }, ctx);
    expect(down).toMatchObject({ value: null, source: 'prometheus' });
    expect(down.error).toMatch(/^prometheus: /);
    const noData = await readMetric('availability', { type: 'prometheus', query: 'nothing_here' }, { ...ctx, prometheusUrl: prom.url });
    expect(noData.error).toBe('prometheus: the query returned no data');
    const text = await readMetric('errorRate', { type: 'command', command: ['echo', 'hello'] }, ctx);
    expect(text.error).toBe('echo hello: did not print JSON');
    const bad = await readMetric('errorRate', { type: 'command', command: ['sh', '-c', 'echo oops >&2; exit 3'] }, ctx);
    expect(bad.error).toBe('sh -c echo oops >&2; exit 3: exit 3: oops');
  });
});
