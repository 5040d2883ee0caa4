// Real services for the backup tests: restic and PostgreSQL from Debian (installed with apt-get
// when missing), s3rver in-process on a free 127.0.0.1 port (HTTP or HTTPS with a self-signed
// certificate made by openssl), and a throwaway PostgreSQL cluster run as the postgres user.
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect, createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { execa } from 'execa';
import { ensurePackages, PACKAGES, PG_BIN } from './packages.js';

export { PG_BIN };
const S3RVER_BIN = fileURLToPath(new URL('../../node_modules/s3rver/bin/s3rver.js', import.meta.url));

export function ensureRestic(): void {
  ensurePackages([PACKAGES.restic]);
}

export function ensurePostgres(): void {
  ensurePackages([PACKAGES.postgres]);
}

export function ensureOpenssl(): void {
  ensurePackages([PACKAGES.openssl]);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const RESTIC_ENV = { TZ: 'UTC', RESTIC_PROGRESS_FPS: '0' };

export async function resticInit(repo: string, passwordFile: string, extra: { env?: Record<string, string>; args?: string[] } = {}): Promise<void> {
  await execa('restic', ['-r', repo, '--password-file', passwordFile, ...(extra.args ?? []), 'init'], { env: { ...RESTIC_ENV, ...extra.env } });
}

/** A snapshot of `path` stamped `time` (restic backup --time) with `tags`. */
export async function resticBackupAt(repo: string, passwordFile: string, path: string, tags: string[], time: Date, extra: { env?: Record<string, string>; args?: string[] } = {}): Promise<void> {
  const stamp = time.toISOString().slice(0, 19).replace('T', ' ');
  await execa('restic', ['-r', repo, '--password-file', passwordFile, ...(extra.args ?? []), 'backup', '--time', stamp, ...tags.flatMap((t) => ['--tag', t]), path], { env: { ...RESTIC_ENV, ...extra.env } });
}

/** A self-signed certificate for 127.0.0.1 (restic talks to s3rver only over HTTPS). */
export async function selfSignedCert(dir: string): Promise<{ key: string; cert: string; certPath: string; keyPath: string }> {
  ensureOpenssl();
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  await execa('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPath, '-out', certPath, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1']);
  return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8'), certPath, keyPath };
}

export type S3Server = { endpoint: string; port: number; close(): Promise<void> };

export const S3_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1' };

/**
 * s3rver@3.7.1 on 127.0.0.1 (HTTPS when a key and certificate are given). It runs in a child
 * node with --openssl-legacy-provider: s3rver makes its ListObjectsV2 continuation tokens with
 * DES, which OpenSSL 3 only has in the legacy provider (in-process, page 2 is a 500).
 */
export async function startS3(dir: string, buckets: string[], tls?: { key: string; cert: string }): Promise<S3Server> {
  const port = await freePort();
  const args = ['--openssl-legacy-provider', S3RVER_BIN, '-d', dir, '-a', '127.0.0.1', '-p', String(port), '--silent', ...buckets.flatMap((b) => ['--configure-bucket', b])];
  if (tls) {
    writeFileSync(join(dir, '.tls-key.pem'), tls.key);
    writeFileSync(join(dir, '.tls-cert.pem'), tls.cert);
    args.push('--key', join(dir, '.tls-key.pem'), '--cert', join(dir, '.tls-cert.pem'));
  }
  const child = execa(process.execPath, args, { reject: false, stdio: 'ignore' });
  const deadline = Date.now() + 15_000;
  for (;;) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (up) break;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`s3rver did not start on 127.0.0.1:${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    endpoint: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    close: async () => {
      child.kill('SIGTERM');
      await child;
    },
  };
}

export type Postgres = { port: number; dir: string; psql(sql: string, db?: string): Promise<string>; stop(): Promise<void> };

function asPostgres(args: string[]): string[] {
  return ['runuser', '-u', 'postgres', '--', ...args];
}

/** A throwaway cluster in a fresh temp dir (owned by postgres), listening on 127.0.0.1 only. */
export async function startPostgres(): Promise<Postgres> {
  ensurePostgres();
  const dir = mkdtempSync(join(tmpdir(), 'opsdeck-pg-'));
  chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), Number(execFileSync('id', ['-g', 'postgres']).toString().trim()));
  chmodSync(dir, 0o700);
  const data = join(dir, 'data');
  const port = await freePort();
  const [cmd, ...args] = asPostgres([join(PG_BIN, 'initdb'), '-D', data, '-A', 'trust', '--no-sync', '-U', 'postgres']);
  await execa(cmd!, args, { cwd: '/tmp' });
  const opts = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off`;
  const [c2, ...a2] = asPostgres([join(PG_BIN, 'pg_ctl'), '-D', data, '-w', '-l', join(dir, 'log'), '-o', opts, 'start']);
  await execa(c2!, a2, { cwd: '/tmp' });
  return {
    port,
    dir,
    psql: async (sql, db = 'postgres') => (await execa('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', db, '-At', '-v', 'ON_ERROR_STOP=1', '-c', sql])).stdout,
    stop: async () => {
      const [c3, ...a3] = asPostgres([join(PG_BIN, 'pg_ctl'), '-D', data, '-m', 'immediate', 'stop']);
      await execa(c3!, a3, { cwd: '/tmp', reject: false });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Writes an executable script. */
export function writeScript(path: string, body: string): string {
  writeFileSync(path, body, { mode: 0o755 });
  return path;
}
