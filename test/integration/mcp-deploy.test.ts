// deploy / rollback through MCP (mcp.allowWrite) in a real temp git repo with the deploy test
// scripts and the real detached runner: non-production only, checks must pass, and explain_run
// follows the run it started (log redacted and stripped of escapes).
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { createOpsdeckMcpServer, type OpsdeckMcpServer } from '../../src/mcp/server.js';
import { DEFAULT_CONFIG, makeDeployRepo } from '../fixtures/deploy/make-repo.js';

let root: string;
let server: OpsdeckMcpServer;
let client: Client;

async function call(name: string, args: Record<string, unknown> = {}): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

function data(r: CallToolResult): Record<string, unknown> {
  expect(r.isError, JSON.stringify(r.content)).toBeFalsy();
  return r.structuredContent as Record<string, unknown>;
}

async function finished(runId: string): Promise<Record<string, unknown>> {
  let run: Record<string, unknown> = {};
  await vi.waitFor(
    async () => {
      run = data(await call('explain_run', { run_id: runId }));
      expect(run.result).not.toMatch(/running|unfinished/);
    },
    { timeout: 20_000, interval: 100 },
  );
  return run;
}

async function withEnv<T>(vars: Record<string, string>, body: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return await body();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

beforeAll(async () => {
  root = await makeDeployRepo({ config: `${DEFAULT_CONFIG}mcp:\n  allowWrite: true\n` });
  server = createOpsdeckMcpServer({ root, cwd: root, config: await loadConfig(root), version: '0.0.0', readonly: false, log: () => undefined });
  const [a, b] = InMemoryTransport.createLinkedPair();
  client = new Client({ name: 'deploy-test', version: '1' });
  await Promise.all([server.server.connect(a), client.connect(b)]);
});

afterAll(async () => {
  await client?.close();
  await server?.dispose();
  rmSync(root, { recursive: true, force: true });
});

describe('deploy and rollback tools', () => {
  it('offer only the non-production environments', async () => {
    const tools = (await client.listTools()).tools;
    for (const name of ['deploy', 'rollback']) {
      const env = (tools.find((t) => t.name === name)!.inputSchema.properties as Record<string, { enum?: string[] }>).env;
      expect(env?.enum).toEqual(['staging']);
    }
    const refused = await call('deploy', { env: 'production', version: 'v1.2.0' });
    expect(refused.isError).toBe(true);
    expect(JSON.stringify(refused.content)).toMatch(/env/);
    expect(await call('rollback', { env: 'production' })).toMatchObject({ isError: true });
  });

  it('are not there at all when every environment is production', async () => {
    const config = await loadConfig(root);
    const prodOnly = createOpsdeckMcpServer({ root, cwd: root, config: { ...config, environments: [{ name: 'production', production: true }] }, version: '0', readonly: false, log: () => undefined });
    const [a, b] = InMemoryTransport.createLinkedPair();
    const c = new Client({ name: 'prod-only', version: '1' });
    await Promise.all([prodOnly.server.connect(a), c.connect(b)]);
    try {
      const names = (await c.listTools()).tools.map((t) => t.name);
      expect(names).toContain('add_task');
      expect(names).not.toContain('deploy');
      expect(names).not.toContain('rollback');
    } finally {
      await c.close();
      await prodOnly.dispose();
    }
  });

  it('shows the plan on a dry run and runs nothing', async () => {
    const d = data(await call('deploy', { env: 'staging', version: 'v1.2.0', dry_run: true }));
    expect(d).toMatchObject({ dry_run: true, run_id: null, env: 'staging', version: 'v1.2.0' });
    expect((d.plan as string[]).join('\n')).toMatch(/deploy\.sh staging v1\.2\.0/);
    expect(data(await call('deploy_history')).total).toBe(0);
  });

  it('refuses to deploy when a check fails', async () => {
    const r = await withEnv({ FAIL_CHECK: 'lint' }, () => call('deploy', { env: 'staging', version: 'v1.2.0' }));
    expect(r.isError).toBe(true);
    expect(JSON.stringify(r.content)).toMatch(/checks failed: lint.*nothing was deployed/);
    expect(data(await call('deploy_history')).total).toBe(0);
  });

  it('deploys, then explain_run follows the run with a clean, redacted log', async () => {
    const started = await withEnv({ ESCAPES: '1' }, async () => data(await call('deploy', { env: 'staging', version: 'v1.2.0' })));
    expect(started.run_id).toMatch(/-deploy-/);
    const run = await finished(String(started.run_id));
    expect(run).toMatchObject({ result: 'success', env: 'staging', version: 'v1.2.0' });
    const tail = (run.log_tail as string[]).join('\n');
    expect(tail).toContain('deployed v1.2.0 to staging');
    expect(tail).toContain('progress 100%');
    expect(tail).not.toContain('supersecretvalue123');
    expect(tail).not.toContain('\u001b');
    expect(tail).not.toContain('\u0007');
    expect(readFileSync(join(root, '.state', 'deployed-staging'), 'utf8').trim()).toBe('v1.2.0');
  });

  it('deploys a new version (tag and release notes), then rolls back to the previous one', async () => {
    const next = data(await call('deploy', { env: 'staging', version: 'v1.3.0' }));
    expect((await finished(String(next.run_id))).result).toBe('success');
    expect(readFileSync(join(root, '.orchestration', 'releases', 'v1.3.0.md'), 'utf8')).toMatch(/v1\.3\.0/);
    const back = data(await call('rollback', { env: 'staging' }));
    expect(back.version).toBe('v1.2.0');
    expect((await finished(String(back.run_id))).kind).toBe('rollback');
    const history = data(await call('deploy_history', { env: 'staging' }));
    expect((history.runs as { kind: string; result: string }[]).map((r) => `${r.kind}:${r.result}`)).toEqual(['rollback:success', 'deploy:success', 'deploy:success']);
  });
});
