// Which node-llama-cpp backend is active (cpu, cuda, vulkan), for `opsdeck doctor`. Imported
// lazily by the doctor check, so nothing else loads node-llama-cpp for it.
import type { Config } from '../../models/config.js';
import { errorMessage, UserError } from '../errors.js';
import { backendOf, getSharedLlama, llamaGpuNote } from './llama.js';

export const CUDA_INSTALL = 'npm install @node-llama-cpp/linux-x64-cuda@3.21.1';
const GPU_FIX = "update the NVIDIA driver, or set llm.gpu: cpu (README: GPU)";

export type BackendReport = { ok: boolean; backend: string; detail: string; fix?: string };

export async function detectLlmBackend(llm: Partial<Config['llm']> = {}): Promise<BackendReport> {
  try {
    const llama = await getSharedLlama({ threads: llm.threads, gpu: llm.gpu });
    const backend = backendOf(llama);
    const note = llamaGpuNote();
    if (note) return { ok: false, backend, detail: `${backend}: ${note}`, fix: GPU_FIX };
    const names = await llama.getGpuDeviceNames().catch(() => [] as string[]);
    const devices = names.length > 0 ? ` (${names.join(', ')})` : '';
    if (backend !== 'cpu') return { ok: true, backend, detail: `${backend}${devices}` };
    return { ok: true, backend, detail: llm.gpu === 'cpu' ? 'cpu (llm.gpu: cpu)' : `cpu (no GPU backend; for NVIDIA GPUs: ${CUDA_INSTALL})` };
  } catch (error) {
    const message = errorMessage(error).split('\n')[0] ?? '';
    if (error instanceof UserError) return { ok: false, backend: 'none', detail: message, fix: GPU_FIX };
    return { ok: false, backend: 'none', detail: `node-llama-cpp could not start: ${message}`, fix: 'npm install @node-llama-cpp/linux-x64@3.21.1' };
  }
}
