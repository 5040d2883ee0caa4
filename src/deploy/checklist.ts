// The pre-deployment checklist (SOP §2.1) as data: automated check results, manual items, and
// the verdict. A failed check blocks; it can be overridden only with a reason, and on a
// production environment only when config allows it (deploy.allowProductionOverride).

export type CheckStatus = 'pending' | 'running' | 'passed' | 'failed';

export type CheckState = {
  name: string;
  command: string;
  status: CheckStatus;
  exitCode: number | null;
  durationMs: number | null;
  /** Relative to the repo root. */
  logPath: string | null;
  /** Why it failed (timeout, exit code, spawn error), one line. */
  detail: string | null;
};

export type ManualItem = { label: string; ticked: boolean };

export type Verdict = {
  /** Everything passed and every manual item is ticked, or an allowed override covers the failures. */
  ok: boolean;
  running: boolean;
  failed: string[];
  unticked: string[];
  /** Whether an override with a reason may unblock the failed checks. */
  canOverride: boolean;
  /** What blocks, one line; null when ok. */
  reason: string | null;
};

export function initialChecks(checks: ReadonlyArray<{ name: string; command: string }>): CheckState[] {
  return checks.map((c) => ({ name: c.name, command: c.command, status: 'pending', exitCode: null, durationMs: null, logPath: null, detail: null }));
}

export function initialManual(labels: readonly string[]): ManualItem[] {
  return labels.map((label) => ({ label, ticked: false }));
}

export function overrideAllowed(production: boolean, allowProductionOverride: boolean): boolean {
  return !production || allowProductionOverride;
}

export function checklistVerdict(input: {
  checks: readonly CheckState[];
  manual: readonly ManualItem[];
  production: boolean;
  allowProductionOverride: boolean;
  overrideReason: string | null;
}): Verdict {
  const running = input.checks.some((c) => c.status === 'running' || c.status === 'pending');
  const failed = input.checks.filter((c) => c.status === 'failed').map((c) => c.name);
  const unticked = input.manual.filter((m) => !m.ticked).map((m) => m.label);
  const canOverride = failed.length > 0 && overrideAllowed(input.production, input.allowProductionOverride);
  const overridden = canOverride && (input.overrideReason ?? '').trim() !== '';
  let reason: string | null = null;
  if (running) reason = 'checks are still running';
  else if (failed.length > 0 && !overridden) reason = canOverride ? `failed: ${failed.join(', ')} (o overrides with a reason)` : `failed: ${failed.join(', ')} (production: no override)`;
  else if (unticked.length > 0) reason = `${unticked.length} manual item${unticked.length === 1 ? '' : 's'} not ticked`;
  return { ok: reason === null, running, failed, unticked, canOverride, reason };
}
