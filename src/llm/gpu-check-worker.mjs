// Runs the tiny test model once on the GPU backend, in a child process (spawned by gpu-check.ts).
// A prebuilt GPU binary can load and still abort the process at its first kernel: node-llama-cpp
// 3.21.1's CUDA build has no sm_90 code, and its PTX (ISA 9.1) needs a newer driver than 580,
// so on an H100 every decode ends in `ggml-cuda.cu: CUDA error` and SIGABRT. This child takes
// that abort instead of the cockpit. debug mode makes llama.cpp write its log lines straight to
// stderr, so the reason survives the abort.
// Usage: node gpu-check-worker.mjs MODEL.gguf GPU EXPECTED_REPLY
// It runs the model on whatever backend getLlama() picked (the CPU too): the reply must be the
// known one, so a build that computes garbage fails as well.
// Result: one JSON line on stdout: {"ok":true,"backend":"cuda","devices":[...],"reply":"..."}.
const [file, gpuArg, expected] = process.argv.slice(2);
const gpu = gpuArg === 'auto' ? 'auto' : gpuArg === 'cpu' ? false : gpuArg;

function finish(result) {
  process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(result.ok ? 0 : 1));
}

try {
  const { getLlama, LlamaChatSession } = await import('node-llama-cpp');
  const llama = await getLlama({ build: 'never', gpu, maxThreads: 1, debug: true, progressLogs: false });
  const backend = llama.gpu === false ? 'cpu' : llama.gpu;
  const devices = await llama.getGpuDeviceNames().catch(() => []);
  process.stderr.write(`CHECK\tbackend\t${backend}\t${devices.join(', ')}\n`);
  // Test seam: the abort a broken GPU build gives, for hosts without such a GPU (see gpu-check tests).
  if (process.env.OPSDECK_GPU_CHECK_FAULT === 'abort') {
    process.stderr.write('ggml-cuda.cu:96: CUDA error: the provided PTX was compiled with an unsupported toolchain.\n');
    process.abort();
  }
  const model = await llama.loadModel({ modelPath: file, gpuLayers: 'max' });
  const context = await model.createContext({ contextSize: 512 });
  const session = new LlamaChatSession({ contextSequence: context.getSequence(), systemPrompt: 'Check.' });
  const reply = await session.prompt('hi', { maxTokens: 16, temperature: 0 });
  await context.dispose();
  await model.dispose();
  if (reply === expected) finish({ ok: true, backend, devices, reply });
  else finish({ ok: false, backend, devices, reply, error: `wrong result on ${backend}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(reply.slice(0, 80))}` });
} catch (error) {
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  const message = /NoBinaryFoundError/.test(text) ? `no prebuilt ${gpuArg} build of llama.cpp is installed` : error instanceof Error ? error.message : String(error);
  finish({ ok: false, error: message });
}
