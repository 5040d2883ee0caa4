import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeGguf, encodeTinyModel } from '../../src/llm/gguf-writer.js';
import { DEMO_MODEL_FILE, DEMO_MODEL_LABEL, DEMO_MODEL_REPLY, ensureDemoModel } from '../../src/llm/demo-model.js';
import { readModelInfo } from '../../src/llm/scan-models.js';

const dir = mkdtempSync(join(tmpdir(), 'opsdeck-gguf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('encodeGguf', () => {
  it('writes the v3 header, key/values, tensor infos and 32-byte aligned data', () => {
    const buf = encodeGguf(
      [{ key: 'general.architecture', type: 'str', value: 'llama' }, { key: 'a.list', type: 'arr', itemType: 'u32', value: [1, 2] }],
      [{ name: 't', dims: [3], data: new Float32Array([1, 2, 3]) }],
    );
    expect(buf.subarray(0, 4).toString('latin1')).toBe('GGUF');
    expect(buf.readUInt32LE(4)).toBe(3);
    expect(buf.readBigUInt64LE(8)).toBe(1n);
    expect(buf.readBigUInt64LE(16)).toBe(2n);
    expect(buf.length % 32).toBe(0);
    const dataStart = buf.length - 32;
    expect(buf.readFloatLE(dataStart)).toBe(1);
    expect(buf.readFloatLE(dataStart + 8)).toBe(3);
  });

  it('refuses a sentence with repeated pieces', () => {
    expect(() => encodeTinyModel({ sentence: ['a', ' b', 'a'] })).toThrow(/distinct/);
  });
});

describe('ensureDemoModel', () => {
  it('writes the labelled demo model once', async () => {
    const path = ensureDemoModel(join(dir, 'models'));
    expect(path).toBe(join(dir, 'models', DEMO_MODEL_FILE));
    const first = readFileSync(path);
    expect(ensureDemoModel(join(dir, 'models'))).toBe(path);
    expect(readFileSync(path).equals(first)).toBe(true);
    const info = await readModelInfo(path);
    expect(info.displayName).toBe(DEMO_MODEL_LABEL);
    expect(info.displayName).toMatch(/generated.*scripted replies/);
    expect(DEMO_MODEL_REPLY).toMatch(/GGUF/);
  });
});
