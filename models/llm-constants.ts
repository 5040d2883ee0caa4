// LLM constants without zod: src/llm/token-buffer.ts reads the default on the chat path, where
// the config comes from the validated-config cache and zod need not load.

/** How often streamed text reaches the screen by default, in ms (about 30 frames a second). */
export const DEFAULT_STREAM_FLUSH_MS = 33;
