// NODE_EXTRA_CA_CERTS deferred by bin/opsdeck (src/net/ca-env.ts, ca-trust.ts), run as a
// command like users do: the launcher parks the variable, children still see it as set, and
// in-process TLS (fetch to a real Prometheus over HTTPS, the AWS SDK to s3rver over HTTPS)
// trusts a private CA only through it.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3_CREDENTIALS, selfSignedCert, startS3 } from '../helpers/backup-services.js';
import type { S3Server } from '../helpers/backup-services.js';
import { httpHistory, startPrometheus } from '../helpers/prometheus.js';
import type { PrometheusServer } from '../helpers/prometheus.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'opsdeck');
const SOP = ['### 6.2 KPIs', '- **Availability**: 99.95% (target: 99.9%)', '- **Error Rate**: 0.1% (target: <0.05%)', ''].join('\n');

let dir: string;
let certPath: string;
let prom: PrometheusServer;
let s3: S3Server;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'opsdeck-extra-ca-'));
  const cert = await selfSignedCert(dir);
  certPath = cert.certPath;
  // the last hour, per minute: 999 ok and 1 server error (99.9 % available)
  prom = await startPrometheus(httpHistory(Math.floor(Date.now() / 1000) - 60, 60, { '200': 999, '500': 1 }, { '0.1': 1000, '+Inf': 1000 }), cert);
  mkdirSync(join(dir, 's3'));
  s3 = await startS3(join(dir, 's3'), ['backups'], cert);
  const root = join(dir, 'repo');
  mkdirSync(join(root, '.orchestration'), { recursive: true });
  writeFileSync(join(root, '.orchestration', 'sop.md'), SOP);
  // the error-rate "metric" is a child process that reports what environment it was given
  const childEnv = `[ "$NODE_EXTRA_CA_CERTS" = "${certPath}" ] && [ -z "\${OPSDECK_NODE_EXTRA_CA_CERTS+set}" ] && echo '{"value": 0.01}' || echo '{"value": 99}'`;
  writeFileSync(
    join(root, '.orchestration', 'opsdeck.yaml'),
    [
      'kpis:',
      `  prometheusUrl: ${prom.url}`,
      '  timeoutMs: 10000',
      '  metrics:',
      `    errorRate: { type: command, command: [sh, -c, ${JSON.stringify(childEnv)}] }`,
      'scripts:',
      `  verifyBackup: ${JSON.stringify(childEnv.replace(/ && echo .*/, ''))}`,
      'backups:',
      '  useSop: false',
      '  components:',
      '    - name: files',
      '      schedule: Hourly',
      `      source: { kind: s3, bucket: backups, prefix: "", endpoint: "${s3.endpoint}", forcePathStyle: true }`,
      '',
    ].join('\n'),
  );
}, 90_000);

afterAll(async () => {
  await prom?.stop();
  await s3?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** bin/opsdeck run as a command (sh first), with only the given CA variable. */
const opsdeck = (extraCa: string | undefined, ...args: string[]) =>
  execa(BIN, ['--root', join(dir, 'repo'), ...args], {
    reject: false,
    extendEnv: false,
    env: { PATH: process.env.PATH ?? '', HOME: dir, XDG_STATE_HOME: join(dir, 'state'), NO_COLOR: '1', ...S3_CREDENTIALS, ...(extraCa === undefined ? {} : { NODE_EXTRA_CA_CERTS: extraCa }) },
  });

type KpiRow = { name: string; source?: string; status: string; measured?: number; error?: string };
const kpis = (stdout: string) => (JSON.parse(stdout) as { kpis: KpiRow[] }).kpis;
const kpi = (rows: KpiRow[], name: string) => rows.find((row) => row.name === name);

describe('bin/opsdeck as a command', () => {
  it('starts Node without NODE_EXTRA_CA_CERTS, parks it, and passes every argument through', async () => {
    const fake = join(dir, 'fake-bin');
    mkdirSync(fake, { recursive: true });
    writeFileSync(join(fake, 'node'), '#!/bin/sh\nprintf "%s\\n" "NODE_EXTRA_CA_CERTS=${NODE_EXTRA_CA_CERTS-unset}" "OPSDECK_NODE_EXTRA_CA_CERTS=${OPSDECK_NODE_EXTRA_CA_CERTS-unset}" "$@"\n');
    chmodSync(join(fake, 'node'), 0o755);
    const run = (env: Record<string, string>) => execa(BIN, ['two words', '--root', '/x y', ''], { extendEnv: false, env: { PATH: `${fake}:/usr/bin:/bin`, ...env } });
    expect((await run({ NODE_EXTRA_CA_CERTS: '/etc/ca dir/ca.pem' })).stdout.split('\n')).toEqual([
      'NODE_EXTRA_CA_CERTS=unset',
      'OPSDECK_NODE_EXTRA_CA_CERTS=/etc/ca dir/ca.pem',
      BIN,
      'two words',
      '--root',
      '/x y',
      '',
    ]);
    expect((await run({})).stdout.split('\n').slice(0, 2)).toEqual(['NODE_EXTRA_CA_CERTS=unset', 'OPSDECK_NODE_EXTRA_CA_CERTS=unset']);
    expect((await run({ NODE_EXTRA_CA_CERTS: '' })).stdout.split('\n').slice(0, 2)).toEqual(['NODE_EXTRA_CA_CERTS=', 'OPSDECK_NODE_EXTRA_CA_CERTS=unset']);
  });

  it('trusts the extra CA for fetch (Prometheus over HTTPS), and children see the variable as the user set it', async () => {
    const result = await opsdeck(certPath, 'kpi', '--json');
    expect(result.stderr).toBe('');
    const rows = kpis(result.stdout);
    expect(kpi(rows, 'Availability')).toMatchObject({ source: 'prometheus', status: 'ok' });
    expect(kpi(rows, 'Availability')?.measured).toBeCloseTo(99.9, 6);
    expect(kpi(rows, 'Error Rate')).toMatchObject({ source: 'command', measured: 0.01 });
  });

  it('trusts the extra CA for the AWS SDK (s3rver over HTTPS)', async () => {
    const result = await opsdeck(certPath, 'backup', 'status', '--json');
    const [files] = (JSON.parse(result.stdout) as { components: { name: string; error?: string }[] }).components;
    expect(files).toMatchObject({ name: 'files' });
    expect(files?.error ?? null).toBeNull();
  });

  it('hands it to the steps of a run as the user set it (the run worker starts with it parked)', async () => {
    const verify = await opsdeck(certPath, 'backup', 'verify', '--json');
    expect(verify.exitCode, verify.stdout + verify.stderr).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ result: 'success' });
  });

  it('without it, the same servers are not trusted', async () => {
    const rows = kpis((await opsdeck(undefined, 'kpi', '--json')).stdout);
    expect(kpi(rows, 'Availability')).toMatchObject({ status: 'error' });
    expect(kpi(rows, 'Availability')?.error).toMatch(/certificate/);
    const status = JSON.parse((await opsdeck(undefined, 'backup', 'status', '--json')).stdout) as { components: { error?: string }[] };
    expect(status.components[0]?.error).toMatch(/certificate/);
  });

  it('warns once, as Node would, when the file cannot be read', async () => {
    const missing = join(dir, 'no-such-ca.pem');
    const result = await opsdeck(missing, 'kpi', '--json');
    expect(result.stderr.match(/Ignoring extra certs from `[^`]+`/g)).toEqual([`Ignoring extra certs from \`${missing}\``]);
    expect(kpi(kpis(result.stdout), 'Availability')).toMatchObject({ status: 'error' });
  });
});
