// Which node-llama-cpp backend is active (cpu, cuda, vulkan), for `opsdeck doctor`. Imported
// lazily by the doctor check, so nothing else loads node-llama-cpp for it.
import { errorMessage } from '../errors.js';
import { backendOf, getSharedLlama } from './llama.js';

export const CUDA_INSTALL = 'npm install @node-llama-cpp/linux-x64-cuda@3.21.1';

export type BackendReport = { ok: boolean; backend: string; detail: string; fix?: string };

export async function detectLlmBackend(): Promise<BackendReport> {
  try {
    const llama = await getSharedLlama();
    const backend = backendOf(llama);
    const names = await llama.getGpuDeviceNames().catch(() => [] as string[]);
    const devices = names.length > 0 ? ` (${names.join(', ')})` : '';
    return backend === 'cpu'
      ? { ok: true, backend, detail: `cpu (no GPU backend; for NVIDIA GPUs: ${CUDA_INSTALL})` }
      : { ok: true, backend, detail: `${backend}${devices}` };
  } catch (error) {
    return { ok: false, backend: 'none', detail: `node-llama-cpp could not start: ${errorMessage(error).split('\n')[0] ?? ''}`, fix: 'npm install @node-llama-cpp/linux-x64@3.21.1' };
  }
}
