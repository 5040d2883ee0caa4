// A real Prometheus on 127.0.0.1 over backfilled history (Debian's prometheus package): write
// OpenMetrics, `promtool tsdb create-blocks-from openmetrics`, start the server, wait for
// /-/ready. Installs the package when the binaries are missing, or fails with the command.
// With a key and certificate it serves HTTPS (--web.config.file, tls_server_config).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { get } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import type { ResultPromise } from 'execa';
import { ensurePackages, PACKAGES } from './packages.js';

/** Makes sure prometheus and promtool exist; installs them with apt-get when they do not. */
export function ensurePrometheus(): void {
  ensurePackages([PACKAGES.prometheus]);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export type PrometheusServer = { url: string; stop(): Promise<void> };

export type PrometheusTls = { keyPath: string; certPath: string; cert: string };

/** Whether `url` answers 200 (over HTTPS, trusting only `ca`). */
async function ready(url: string, ca: string | undefined): Promise<boolean> {
  if (ca === undefined) return (await fetch(url)).ok;
  return new Promise((resolve, reject) => {
    get(url, { ca }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    }).on('error', reject);
  });
}

/** Starts Prometheus over the given OpenMetrics text (must end with "# EOF", timestamps in seconds). */
export async function startPrometheus(openMetrics: string, tls?: PrometheusTls): Promise<PrometheusServer> {
  ensurePrometheus();
  const dir = await mkdtemp(join(tmpdir(), 'opsdeck-prom-'));
  const data = join(dir, 'data');
  await writeFile(join(dir, 'history.om'), openMetrics);
  await writeFile(join(dir, 'prometheus.yml'), 'global:\n  scrape_interval: 1h\nscrape_configs: []\n');
  await execa('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', '--max-block-duration=168h', join(dir, 'history.om'), data]);
  const port = await freePort();
  const url = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  const web: string[] = [];
  if (tls) {
    await writeFile(join(dir, 'web.yml'), `tls_server_config:\n  cert_file: ${tls.certPath}\n  key_file: ${tls.keyPath}\n`);
    web.push(`--web.config.file=${join(dir, 'web.yml')}`);
  }
  const child: ResultPromise = execa(
    'prometheus',
    [`--storage.tsdb.path=${data}`, `--web.listen-address=127.0.0.1:${port}`, `--config.file=${join(dir, 'prometheus.yml')}`, '--storage.tsdb.retention.time=100y', '--log.level=error', ...web],
    { reject: false, stdin: 'ignore' },
  );
  const stop = async (): Promise<void> => {
    child.kill('SIGTERM');
    await child;
    await rm(dir, { recursive: true, force: true });
  };
  let exited = false;
  void child.then(() => {
    exited = true;
  });
  for (let i = 0; i < 200 && !exited; i += 1) {
    try {
      if (await ready(`${url}/-/ready`, tls?.cert)) return { url, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const result = await stop().then(() => child);
  throw new Error(`prometheus did not become ready: ${String(result.stderr ?? '').slice(-500)}`);
}

/**
 * Per-minute OpenMetrics history ending at `endSec`: http_requests_total{code} counters that
 * grow by `perMinute[code]` each minute, and an http_request_duration_seconds histogram whose
 * cumulative buckets grow by `buckets[le]` each minute.
 */
export function httpHistory(endSec: number, minutes: number, perMinute: Record<string, number>, buckets: Record<string, number>): string {
  const lines: string[] = ['# TYPE http_requests_total counter'];
  const start = endSec - (minutes - 1) * 60;
  for (const [code, step] of Object.entries(perMinute)) {
    for (let i = 0; i < minutes; i += 1) lines.push(`http_requests_total{code="${code}"} ${step * (i + 1)} ${start + i * 60}`);
  }
  lines.push('# TYPE http_request_duration_seconds histogram');
  for (const [le, step] of Object.entries(buckets)) {
    for (let i = 0; i < minutes; i += 1) lines.push(`http_request_duration_seconds_bucket{le="${le}"} ${step * (i + 1)} ${start + i * 60}`);
  }
  lines.push('# EOF', '');
  return lines.join('\n');
}
