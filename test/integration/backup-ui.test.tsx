// The Backups pane and tile over the real store: real dir/command sources in a temp repo, the
// SOP's §4.1/§4.3 from its sop.md, real detached runs for verify and a recovery step.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../components/app.js';
import { ConfigSchema } from '../../models/config.js';
import { createAppStore } from '../../src/store/app-store.js';
import type { AppStore } from '../../src/store/app-store.js';
import { startBackup } from '../../src/store/backup-slice.js';
import { createTaskRepo } from '../../src/tasks/task-repo.js';

const SOP = `# SOP
## 4. Backup & Recovery
### 4.1 Backup Schedule
| Component | Frequency       | Type        | Retention | Location |
| --------- | --------------- | ----------- | --------- | -------- |
| Database  | Hourly          | Incremental | 2 days    | S3       |
| Files     | Daily 03:00 UTC | Full        | 30 days   | S3       |
| Secrets   | Daily 04:00 UTC | Full        | 30 days   | Vault    |
| Broken    | sometimes       | Full        | 30 days   | S3       |
### 4.2 Backup Verification
### 4.3 Recovery Procedures
#### RTO (Recovery Time Objective): 2 hours
#### RPO (Recovery Point Objective): 1 hour
\`\`\`bash
# 1. Stop application
echo stopping the app
# 2. Restore database
echo restoring
\`\`\`
`;

type Harness = ReturnType<typeof render> & { store: AppStore; root: string; stop: () => Promise<void> };
const harnesses: Harness[] = [];

function stamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').slice(0, 13) + 'Z';
}

/** A fixed afternoon (UTC) today: the SOP's daily 02:00 slot is long past, so states never depend on when the test runs. */
const NOW = new Date(`${new Date().toISOString().slice(0, 10)}T14:30:00Z`);

async function start(): Promise<Harness> {
  const root = mkdtempSync(join(tmpdir(), 'opsdeck-backup-ui-'));
  mkdirSync(join(root, '.orchestration'));
  mkdirSync(join(root, 'dumps'));
  writeFileSync(join(root, '.orchestration', 'sop.md'), SOP);
  const now = NOW.getTime();
  for (let i = 0; i < 40; i += 1) writeFileSync(join(root, 'dumps', `db-wal-${stamp(new Date(now - 10 * 60_000 - i * 3_600_000))}.dump`), 'x');
  writeFileSync(join(root, 'verify.sh'), '#!/bin/sh\necho verifying all backups\n', { mode: 0o755 });
  const config = ConfigSchema.parse({
    scripts: { verifyBackup: './verify.sh' },
    backups: {
      components: [
        { name: 'database', source: { kind: 'dir', path: 'dumps', glob: 'db-wal-*.dump' } },
        { name: 'files', source: { kind: 'command', command: 'echo "bucket gone" >&2; exit 4' } },
        { name: 'secrets', source: { kind: 'command', command: 'sleep 30', timeoutSec: 3 } },
      ],
    },
  });
  const store = createAppStore({ taskRepo: createTaskRepo(root), root, config, readonly: false, color: false, repoName: 'payments-api', now: () => NOW });
  const stop = startBackup(store);
  const ui = render(<App store={store} onExit={vi.fn()} />);
  const h: Harness = { ...ui, store, root, stop };
  harnesses.push(h);
  return h;
}

afterEach(async () => {
  for (const h of harnesses.splice(0)) {
    h.unmount();
    await h.stop();
    rmSync(h.root, { recursive: true, force: true });
  }
});

const frame = (h: Harness) => h.lastFrame() ?? '';

async function press(h: Harness, keys: string, expected: string | RegExp) {
  h.stdin.write(keys);
  await vi.waitFor(() => expect(frame(h)).toMatch(expected), { timeout: 10_000 });
}

describe('Backups pane', () => {
  it('shows each component as it answers; a failing and a hanging source do not hold the others or the keys', async () => {
    const h = await start();
    await press(h, '3', /3 Backups/);
    await vi.waitFor(() => expect(frame(h)).toMatch(/database\s+ok/), { timeout: 10_000 });
    // the hanging source is still being queried, yet keys are answered
    await vi.waitFor(() => expect(frame(h)).toMatch(/files\s+failed/), { timeout: 10_000 });
    expect(frame(h)).toContain('querying…');
    await press(h, 'j', />!files\s+failed/);
    expect(frame(h)).toContain('files: command exited 4: bucket gone');
    expect(frame(h)).toContain('warning: .orchestration/sop.md:9: Broken: not a schedule: "sometimes"');
    await vi.waitFor(() => expect(frame(h)).toMatch(/secrets\s+failed/), { timeout: 10_000 });
    await press(h, 'j', /secrets: no answer within 3 s \(timeoutSec\)/);
    expect(frame(h)).toMatch(/RPO 1 hour \[#+\.+\] 10m \(database\) ok · RTO 2 hours/);
    expect(frame(h).split('\n').length).toBeLessThanOrEqual(23);
    // Enter: the component's backups and error; Esc back
    await press(h, 'gg', /secrets/);
    h.stdin.write('k');
    h.stdin.write('k');
    await press(h, '\r', /40 backups listed, newest first/);
    expect(frame(h)).toContain('state: ok');
    // A asks the chat about what is on screen: the component here, the table and the runbook below
    const ask = vi.fn();
    h.store.setState({ askAboutThis: ask });
    h.stdin.write('A');
    await vi.waitFor(() => expect(ask).toHaveBeenCalledWith({ label: 'backup component database', text: expect.stringContaining('"state": "ok"') }));
    await press(h, '\u001b', /COMPONENT/);
    h.stdin.write('A');
    await vi.waitFor(() => expect(ask).toHaveBeenCalledWith({ label: 'backup status', text: expect.stringContaining('files') }));
    await press(h, 'R', /Recovery/);
    h.stdin.write('A');
    await vi.waitFor(() => expect(ask).toHaveBeenCalledWith({ label: 'recovery runbook (SOP §4.3)', text: expect.stringContaining('$ echo stopping the app') }));
    await press(h, '\u001b', /COMPONENT/);
    // the dashboard tile summarises
    await press(h, '\u001b', /Backups/);
    await vi.waitFor(() => expect(frame(h)).toMatch(/1\/3 ok · ALERT/));
    expect(frame(h)).toMatch(/failed +files/);
  }, 40_000);

  it('v verifies through a real run; R shows the runbook and runs a step only after its id is typed', async () => {
    const h = await start();
    await press(h, '3', /3 Backups/);
    await vi.waitFor(() => expect(frame(h)).toMatch(/database\s+ok/), { timeout: 10_000 });
    await press(h, 'v', /verify all · .*-verify-/);
    await vi.waitFor(() => expect(frame(h)).toContain('verifying all backups'), { timeout: 15_000 });
    await vi.waitFor(() => expect(frame(h)).toMatch(/verify all · \S+ · success/), { timeout: 15_000 });
    await press(h, '\u001b', /COMPONENT/);
    await vi.waitFor(() => expect(frame(h)).toMatch(/database\s+ok .*✓ \d\d-\d\d/));

    await press(h, 'R', /Recovery \(SOP §4\.3\): RTO 2 hours · RPO 1 hour/);
    expect(frame(h)).toContain('$ echo stopping the app');
    await press(h, '\r', /Type "stop-application" to run step 1/);
    await press(h, 'stop\r', /not run: type "stop-application" exactly/);
    expect(() => readFileSync(join(h.root, '.orchestration', 'backups.jsonl'), 'utf8')).not.toThrow();
    expect(readFileSync(join(h.root, '.orchestration', 'backups.jsonl'), 'utf8')).not.toContain('"recovery"');
    await press(h, '\r', /Type "stop-application"/);
    await press(h, 'stop-application\r', /step 1: Stop application · \S+-recovery-/);
    await vi.waitFor(() => expect(frame(h)).toContain('stopping the app'), { timeout: 15_000 });
    await press(h, '\u001b', /1\. Stop application {2}last: success/);
    expect(frame(h)).toMatch(/2\. Restore database {2}not run/);
    // l: the step's last log; j/k/G scroll; Esc back to the runbook
    await press(h, 'l', /Stop application · \S+-recovery-\S+ · success/);
    expect(frame(h)).toContain('stopping the app');
    h.stdin.write('k');
    h.stdin.write('j');
    h.stdin.write('G');
    await press(h, '\u001b', /Recovery \(SOP §4\.3\)/);
    await press(h, 'j', />.*2\. Restore database/);
    await press(h, 'l', /step "Restore database" has not run yet/);
    await press(h, '\u001b', /COMPONENT/);
    await press(h, 'r', /refreshing backups…/);
    await press(h, 'R', /Recovery/);
    h.store.setState({ readonly: true });
    await press(h, '\r', /read-only: "run step" is disabled/);
    const journal = readFileSync(join(h.root, '.orchestration', 'backups.jsonl'), 'utf8');
    expect(journal).toMatch(/"kind":"recovery"/);
    expect(journal).toMatch(/"component":"database"/);
  }, 60_000);
});
