// get_system_info: CPU, memory, live GPUs (one nvidia-smi reading through the GPU monitor),
// the llama.cpp backend and versions, the models directories and what is loaded.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, platform, arch, release } from 'node:os';
import { dirname, join } from 'node:path';
import type { GpuSnapshot } from '../../models/gpu.js';
import { errorMessage } from '../errors.js';
import type { McpContext } from './tool-kit.js';

const GPU_READING_TIMEOUT_MS = 3000;

/** node-llama-cpp's installed version (its package.json), or null. */
export function nodeLlamaCppVersion(): string | null {
  try {
    const require = createRequire(import.meta.url);
    let dir = dirname(require.resolve('node-llama-cpp'));
    for (let i = 0; i < 5; i++) {
      try {
        const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
        if (pkg.name === 'node-llama-cpp') return pkg.version ?? null;
      } catch {
        // keep walking up
      }
      dir = dirname(dir);
    }
  } catch {
    // not installed
  }
  return null;
}

export function gpuSummary(snapshot: GpuSnapshot): Record<string, unknown> {
  const { status } = snapshot;
  return {
    status: status.kind === 'none' || status.kind === 'lost' ? `${status.kind}: ${status.message}` : status.kind,
    gpus: snapshot.gpus.map((g) => ({
      index: g.index,
      name: g.name,
      present: g.present,
      utilization_pct: g.latest.utilizationPct,
      memory_used_mib: g.latest.memoryUsedMiB,
      memory_total_mib: g.latest.memoryTotalMiB,
      temperature_c: g.latest.temperatureC,
      power_draw_w: g.latest.powerDrawW,
      power_limit_w: g.latest.powerLimitW,
    })),
  };
}

async function readGpus(ctx: McpContext): Promise<{ host: GpuSnapshot['host']; gpu: Record<string, unknown> }> {
  const { createGpuMonitor } = await import('../gpu/gpu-monitor.js');
  const { firstReading } = await import('../gpu/first-reading.js');
  const monitor = createGpuMonitor({ ...ctx.gpu, processPolling: false });
  monitor.start();
  const unsubscribe = monitor.subscribe(() => undefined);
  try {
    const snapshot = await firstReading(monitor, { timeoutMs: GPU_READING_TIMEOUT_MS, withProcesses: false });
    return { host: snapshot.host, gpu: gpuSummary(snapshot) };
  } finally {
    unsubscribe();
    await monitor.stop();
  }
}

async function readBackend(ctx: McpContext): Promise<Record<string, unknown>> {
  try {
    const { getSharedLlama, backendOf, llamaGpuNote } = await import('../llm/llama.js');
    const llama = await getSharedLlama({ threads: ctx.config.llm.threads, gpu: ctx.config.llm.gpu });
    const vram = await llama.getVramState();
    const note = llamaGpuNote();
    return {
      backend: backendOf(llama),
      ...(note ? { gpu_fallback: note } : {}),
      llama_cpp_release: llama.llamaCppRelease.release,
      build: llama.buildType,
      max_threads: llama.maxThreads,
      vram: { total_bytes: vram.total, used_bytes: vram.used, free_bytes: vram.free },
    };
  } catch (error) {
    return { backend: null, backend_error: errorMessage(error).split('\n')[0] };
  }
}

export async function collectSystemInfo(ctx: McpContext): Promise<Record<string, unknown>> {
  const [gpus, backend] = await Promise.all([readGpus(ctx), readBackend(ctx)]);
  const host = gpus.host;
  const list = cpus();
  return {
    versions: { opsdeck: ctx.version, node: process.version, node_llama_cpp: nodeLlamaCppVersion(), llama_cpp: backend.llama_cpp_release ?? null },
    os: { platform: platform(), arch: arch(), release: release() },
    cpu: { model: list[0]?.model.trim() ?? 'unknown', cores: list.length, busy_pct: host?.cpuPercent ?? null },
    memory: host ? { total_bytes: host.memTotalBytes, used_bytes: host.memUsedBytes, available_bytes: host.memAvailableBytes } : null,
    gpu: gpus.gpu,
    llm: {
      ...backend,
      threads: ctx.config.llm.threads ?? null,
      context_size: ctx.config.llm.contextSize,
      gpu_layers: ctx.config.llm.gpuLayers,
      keep_models: ctx.llm.keepModels,
      loaded_models: ctx.llm.loadedModels(),
      models_dirs: ctx.llm.dirs,
    },
    root: ctx.root ?? null,
  };
}
