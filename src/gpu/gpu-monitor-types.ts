// The GPU monitor's contract: its options and what the panes and `opsdeck gpu` call.
import type { GpuSnapshot, ModelVram } from '../../models/gpu.js';

export type GpuMonitorOptions = {
  /** nvidia-smi to run: a path, or a command name looked up on PATH (default `nvidia-smi`). */
  nvidiaSmi?: string;
  /** Sampling interval (`-lms`), default 1000. */
  intervalMs?: number;
  /** Environment for the PATH lookup and the children (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** How much history each metric keeps, default 120 000 (2 minutes). */
  historyMs?: number;
  /** Per-process VRAM poll spacing, default 60 000: never more often than this. */
  processPollMs?: number;
  /** Whether per-process VRAM is polled at all (default true); see setProcessPolling(). */
  processPolling?: boolean;
  /** Host CPU/memory reading interval while someone subscribes, default 2000. */
  hostIntervalMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** When nvidia-smi says there is no device, how long until it is asked again (default 60 000). */
  noDeviceRetryMs?: number;
  /** No sample for this long marks every GPU gone with a warning (default max(5000, 5 × interval)). */
  stallMs?: number;
  /** The pid marked as ours in the process list (default process.pid). */
  ownPid?: number;
};

export type GpuListener = (snapshot: GpuSnapshot) => void;

export interface IGpuMonitor {
  /** Starts sampling (idempotent). */
  start(): void;
  /** Kills the children and clears every timer; resolves once the children have exited. */
  stop(): Promise<void>;
  /** Listeners get at most one snapshot per sample (plus status changes). Returns unsubscribe. */
  subscribe(listener: GpuListener): () => void;
  /** The current state; the same object until something changes. Treat it as read-only. */
  snapshot(): GpuSnapshot;
  /** Per-process VRAM polling on or off (e.g. only while a pane that shows it is open). */
  setProcessPolling(on: boolean): void;
  /** The LLM engine's model VRAM (node-llama-cpp getVramState()), or null when no model is loaded. */
  setModelVram(vram: Omit<ModelVram, 'updatedAt'> | null): void;
}
