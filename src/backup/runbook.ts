// Verification and recovery as run specs for the run machinery (src/runs): `v` verifies
// (scripts.verifyBackup and/or `restic check` per restic repo), and the §4.3 recovery runbook
// runs one step per run, each recorded in .orchestration/backups.jsonl.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupPolicy, PolicyComponent, RecoveryStep } from '../../models/backup-policy.js';
import type { RunSpec, RunStep } from '../../models/run.js';
import { UserError } from '../errors.js';
import { BACKUPS_JOURNAL_PATH } from './journal.js';
import { resticCheckArgv, resticEnv } from './sources/restic-args.js';

/** A command line into argv: plain words split; anything needing a shell runs under `sh -c`. */
export function commandArgv(command: string): string[] {
  if (/[|&;<>`$(){}*?~\\]/.test(command)) return ['sh', '-c', command];
  const words: string[] = [];
  const re = /'([^']*)'|"([^"]*)"|(\S+)/g;
  let match: RegExpExecArray | null;
  while ((match = re.exec(command))) words.push(match[1] ?? match[2] ?? match[3]!);
  return words.length > 0 ? words : ['true'];
}

type SpecBase = { root: string; who: string; runId: string };

function spec(base: SpecBase, kind: 'verify' | 'recovery', component: string | null, steps: RunStep[]): RunSpec {
  return { id: base.runId, kind, root: base.root, journal: BACKUPS_JOURNAL_PATH, env: null, version: null, previousVersion: null, commit: null, who: base.who, override: null, component, steps };
}

export function selectComponents(policy: BackupPolicy, name: string | undefined): PolicyComponent[] {
  if (name === undefined) return policy.components;
  const found = policy.components.filter((c) => c.name === name);
  if (found.length === 0) throw new UserError(`no backup component "${name}" (known: ${policy.components.map((c) => c.name).join(', ') || 'none'})`);
  return found;
}

/** The verify run's steps: the verify script (when it exists) and `restic check` once per repo. */
export function verifySteps(root: string, verifyScript: string | undefined, components: readonly PolicyComponent[]): RunStep[] {
  const steps: RunStep[] = [];
  if (verifyScript) {
    const argv = commandArgv(verifyScript);
    const first = argv[0] === 'sh' ? undefined : argv[0]!;
    if (first === undefined || !first.includes('/') || existsSync(join(root, first))) steps.push({ kind: 'command', id: 'verify-script', title: 'Verify script (SOP §4.2)', argv });
  }
  const seen = new Set<string>();
  for (const component of components) {
    if (component.source?.kind !== 'restic') continue;
    const argv = resticCheckArgv(component.source, root);
    const key = argv.join('\0');
    if (seen.has(key)) continue;
    seen.add(key);
    const env = resticEnv(component.source, process.env);
    steps.push({ kind: 'command', id: `restic-check-${component.name}`, title: `restic check ${component.source.repo}`, argv, ...(Object.keys(env).length ? { env } : {}), timeoutSec: 3600 });
  }
  return steps;
}

export function verifySpec(base: SpecBase, policy: BackupPolicy, verifyScript: string | undefined, componentName?: string): RunSpec {
  const components = selectComponents(policy, componentName);
  const steps = verifySteps(base.root, verifyScript, components);
  if (steps.length === 0) throw new UserError('nothing to verify: no restic source and no scripts.verifyBackup script in this repo');
  return spec(base, 'verify', componentName ?? null, steps);
}

export function findRecoveryStep(policy: BackupPolicy, ref: string): RecoveryStep {
  const byNumber = /^\d+$/.test(ref) ? policy.recoverySteps[Number(ref) - 1] : undefined;
  const step = byNumber ?? policy.recoverySteps.find((s) => s.id === ref);
  if (!step) throw new UserError(`no recovery step "${ref}" (steps: ${policy.recoverySteps.map((s, i) => `${i + 1} ${s.id}`).join(', ')})`);
  return step;
}

/** One recovery step as its own run, so each one is confirmed and journalled on its own. */
export function recoverySpec(base: SpecBase, step: RecoveryStep): RunSpec {
  return spec(base, 'recovery', 'database', [{ kind: 'command', id: step.id, title: step.title, argv: commandArgv(step.command), timeoutSec: 4 * 3600 }]);
}
