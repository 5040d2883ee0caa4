// Incident mode in real terminals (tmux), from the shipped bundle: declare a P1 with `i`, see
// the SLA countdown in the header and (with a 2-second SLA from the config) the breach; a second
// cockpit on the same repo adds a note that the first one shows live.
import { mkdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { e2eScope, OPSDECK_BIN as BIN } from '../helpers/e2e-scope.js';
import type { TmuxSession } from '../helpers/tmux-session.js';

const SOP = fileURLToPath(new URL('../../examples/demo/.orchestration/sop.md', import.meta.url));

describe('incidents in tmux', () => {
  const scope = e2eScope();
  let repo: string;
  let first: TmuxSession;
  let second: TmuxSession;

  beforeEach(() => {
    repo = scope.tempDir('opsdeck-e2e-incidents-');
    mkdirSync(join(repo, '.orchestration'));
    writeFileSync(join(repo, '.orchestration', 'current.todo'), 'On-call:\n  ☐ rotate the pager key\n');
    copyFileSync(SOP, join(repo, '.orchestration', 'sop.md'));
    writeFileSync(join(repo, '.orchestration', 'opsdeck.yaml'), 'incidents:\n  sla:\n    P1: 2 seconds\n');
    first = scope.session();
    second = scope.session();
  });


  it('declares a P1, counts down, breaches, and shows a note from a second cockpit live', async () => {
    await first.start(`${BIN} --root ${repo}`, { cols: 80, rows: 24 });
    await first.waitFor('UTC');
    await first.sendKeys('i');
    await first.waitFor('Declare incident: priority P1-P4');
    await first.sendText('P1');
    await first.sendKeys('Enter');
    await first.waitFor('Declare P1 incident: title');
    await first.sendText('payments down');
    await first.sendKeys('Enter');

    const counting = await first.waitFor(/\[P1 unacked 00:0[12] left\]/, 5000);
    const headerLine = counting.split('\n')[0] ?? '';
    expect(headerLine).toMatch(/\d\d:\d\d:\d\d UTC$/);
    expect(counting.split('\n').length).toBeLessThanOrEqual(24);
    const breached = await first.waitFor('[P1 unacked SLA BREACHED', 5000);
    expect(breached.split('\n')[0]).toMatch(/SLA BREACHED \+00:0\d\] \d\d:\d\d:\d\d UTC$/);

    const journal = readFileSync(join(repo, '.orchestration', 'incidents.jsonl'), 'utf8').trim().split('\n');
    const id = (JSON.parse(journal[0] ?? '{}') as { incidentId: string }).incidentId;
    expect(id).toMatch(/^INC-\d{8}-\d{6}-[0-9a-f]{4}$/);

    // the first cockpit watches the Incidents pane
    await first.sendKeys('5');
    await first.waitFor(`── ${id}`);

    // a second cockpit on the same box and repo sees the incident and adds a note
    await second.start(`${BIN} --root ${repo}`, { cols: 80, rows: 24 });
    await second.waitFor('SLA BREACHED');
    await second.sendKeys('5');
    await second.waitFor(`── ${id}`);
    await second.sendKeys('n');
    await second.waitFor(`Note on ${id}`);
    await second.sendText('db failover started');
    await second.sendKeys('Enter');
    await second.waitFor('note added');

    const seen = await first.waitFor('db failover started', 1500);
    expect(seen).toMatch(/✎ \S+: db failover started/);

    // acknowledging in the second shows in the first's badge
    await second.sendKeys('a');
    await first.waitFor(/\[P1 SLA BREACHED \+\d\d:\d\d\]/, 1500);

    await first.sendKeys('q');
    expect(await first.exitCode()).toBe(0);
    await second.sendKeys('q');
    expect(await second.exitCode()).toBe(0);
  });
});
