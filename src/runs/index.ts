// The run machinery's public API (issue 4): launching detached runs, locks, reading and
// watching the journals, reconciling dead runs, aborting, the log view model, secret redaction
// and the command log. Light to import: the xterm emulator is loaded lazily by createLogView.
export type { LaunchResult } from './launch-run.js';
export { launchRun, runWorkerPath } from './launch-run.js';
export { newRunId, runLogPath, runLogRelPath, runSpecPath, lockPath, whoAmI, DEPLOYS_JOURNAL, BACKUPS_JOURNAL, RUNS_DIR, COMMAND_LOG } from './run-ids.js';
export { LockHeldError, EXIT_LOCK_HELD, readLock, isLockStale } from './run-lock.js';
export { readRuns, watchRuns, isRunLive } from './read-runs.js';
export { reconcileRuns } from './reconcile.js';
export { abortRun } from './abort-run.js';
export type { ILogView, LogViewOptions, LogViewState, LogSearch } from './log-view-types.js';
export { createLogView } from './log-view.js';
export { redactSecrets, REDACTION_MASK } from '../sanitize/redact-secrets.js';
export { appendCommandLog, readCommandLog } from './command-log.js';
export { appendJournalEvent, readJournal, foldRuns } from './journal.js';
export { runSummary, formatDuration } from './run-summary.js';
export type { RunSummary } from './run-summary.js';
export type { CommandLogEntry } from '../../models/run-command-log.js';
export type { RunLock } from '../../models/run-lock.js';
