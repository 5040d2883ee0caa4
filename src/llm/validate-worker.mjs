// Trial-loads one GGUF file in a child process (spawned by validate-model.ts). Some malformed
// files make llama.cpp abort the whole process (GGML_ASSERT, exit 134), so this never runs in
// the caller. Protocol: every llama.cpp log line goes to stderr at once as `LOG\t<level>\t<text>`
// (so it survives an abort); the result is one JSON line on stdout: {"ok":true} or {"ok":false,"error":"..."}.
const file = process.argv[2];
const vocabOnly = process.argv[3] === '--vocab-only';

function log(level, message) {
  process.stderr.write(`LOG\t${String(level)}\t${String(message).replace(/\n/g, ' ')}\n`);
}

function finish(result) {
  process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(result.ok ? 0 : 1));
}

try {
  const { getLlama, LlamaLogLevel } = await import('node-llama-cpp');
  const llama = await getLlama({
    build: 'never',
    gpu: false,
    maxThreads: 1,
    logLevel: LlamaLogLevel.warn,
    logger: log,
    progressLogs: false,
  });
  const model = await llama.loadModel({ modelPath: file, gpuLayers: 0, vocabOnly });
  await model.dispose();
  finish({ ok: true });
} catch (error) {
  finish({ ok: false, error: error instanceof Error ? error.message : String(error) });
}
