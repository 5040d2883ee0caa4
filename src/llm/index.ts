// The local LLM engine's public surface. Nothing here imports React or Ink, and node-llama-cpp
// itself is only imported (lazily) when a model is scanned, validated or loaded.
export { createLlmEngine, benchmarkModel, noModelsMessage } from './engine.js';
export type { ILlmEngine, ILoadedModel, LlmEngineOptions, LoadOptions, ChatRequest, BenchOptions } from './engine.js';
export { DEFAULT_SYSTEM_PROMPT } from './loaded-model.js';
export { scanModels, readModelInfo, modelDirs, chatCapable, nodeLlamaCppModelsDir } from './scan-models.js';
export { validateModel, trialLoad, checkBeforeLoad } from './validate-model.js';
export { createTokenBuffer, TOKEN_FLUSH_MS } from './token-buffer.js';
export type { TokenBuffer } from './token-buffer.js';
export { redactSecrets, fitToContext, askAboutThisPrompt, approxTokens, ON_CALL_SYSTEM_PROMPT, TRUNCATION_NOTE } from './redact.js';
export { ensureDemoModel, DEMO_MODEL_FILE, DEMO_MODEL_LABEL, DEMO_MODEL_REPLY } from './demo-model.js';
export { writeTinyModel, writeVocabOnlyModel, encodeTinyModel, DEFAULT_TINY_SENTENCE } from './gguf-writer.js';
export { resolveThreads, backendOf, getSharedLlama } from './llama.js';
