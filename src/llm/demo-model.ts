// The demo workspace's model: a generated tiny GGUF with a scripted reply, so `npm start` shows a
// working chat without downloading anything.
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_SENTENCE, writeTinyModel } from './gguf-writer.js';

export const DEMO_MODEL_FILE = 'opsdeck-demo-tiny.gguf';
export const DEMO_MODEL_LABEL = 'opsdeck demo model (generated, scripted replies; not a real LLM)';
/** What the demo model always answers. */
export const DEMO_MODEL_REPLY = DEMO_SENTENCE.join('');

/** Writes `dir/opsdeck-demo-tiny.gguf` (~0.5 MB) if missing; returns its path. */
export function ensureDemoModel(dir: string): string {
  const path = join(dir, DEMO_MODEL_FILE);
  if (!existsSync(path)) {
    const tmp = `${path}.tmp-${process.pid}`;
    writeTinyModel(tmp, { sentence: DEMO_SENTENCE, name: DEMO_MODEL_LABEL });
    // rename is atomic: a concurrent start never sees a half-written model
    renameSync(tmp, path);
  }
  return path;
}

