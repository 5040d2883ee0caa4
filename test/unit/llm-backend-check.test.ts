import { describe, expect, it } from 'vitest';
import { CUDA_INSTALL, detectLlmBackend } from '../../src/llm/backend-check.js';
import { runDoctorChecks } from '../../src/cli/doctor-checks.js';

describe('the llm backend check', () => {
  it('names the active node-llama-cpp backend', async () => {
    const r = await detectLlmBackend();
    expect(r.ok).toBe(true);
    expect(['cpu', 'cuda', 'vulkan']).toContain(r.backend);
    if (r.backend === 'cpu') expect(r.detail).toContain(CUDA_INSTALL);
    else expect(r.detail.startsWith(r.backend)).toBe(true);
  });

  it('is one of the doctor checks', async () => {
    const checks = await runDoctorChecks('/nonexistent-opsdeck-root');
    const check = checks.find((c) => c.name === 'llm backend');
    expect(check).toMatchObject({ group: 'tools', status: 'ok', required: false });
    expect(check?.detail).toMatch(/^(cpu|cuda|vulkan)/);
  });
});
