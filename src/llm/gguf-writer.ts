// A small GGUF v3 writer (header, key/values, tensor infos, 32-byte aligned F32 data) and the
// tiny llama-architecture models built with it: the demo model and the test models.
// Layout facts: ../../../shared/notes/tiny-gguf.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const GGUF_TYPE = {
  u8: 0,
  i8: 1,
  u16: 2,
  i16: 3,
  u32: 4,
  i32: 5,
  f32: 6,
  bool: 7,
  str: 8,
  arr: 9,
  u64: 10,
  i64: 11,
  f64: 12,
} as const;
type ScalarType = Exclude<keyof typeof GGUF_TYPE, 'arr'>;

export type GgufKv =
  | { key: string; type: ScalarType; value: number | bigint | boolean | string }
  | { key: string; type: 'arr'; itemType: ScalarType; value: readonly (number | bigint | boolean | string)[] };

export type GgufTensor = { name: string; dims: readonly number[]; data: Float32Array };

const ALIGNMENT = 32;

class ByteSink {
  private chunks: Buffer[] = [];
  length = 0;
  push(buf: Buffer): void {
    this.chunks.push(buf);
    this.length += buf.length;
  }
  u32(v: number): void {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(v);
    this.push(b);
  }
  u64(v: number | bigint): void {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(v));
    this.push(b);
  }
  str(s: string): void {
    const bytes = Buffer.from(s, 'utf8');
    this.u64(bytes.length);
    this.push(bytes);
  }
  pad(to: number): void {
    const rem = this.length % to;
    if (rem) this.push(Buffer.alloc(to - rem));
  }
  scalar(type: ScalarType, v: number | bigint | boolean | string): void {
    const b = Buffer.alloc(8);
    switch (type) {
      case 'u8': return this.push(Buffer.from([Number(v) & 0xff]));
      case 'i8': b.writeInt8(Number(v)); return this.push(b.subarray(0, 1));
      case 'u16': b.writeUInt16LE(Number(v)); return this.push(b.subarray(0, 2));
      case 'i16': b.writeInt16LE(Number(v)); return this.push(b.subarray(0, 2));
      case 'u32': b.writeUInt32LE(Number(v)); return this.push(b.subarray(0, 4));
      case 'i32': b.writeInt32LE(Number(v)); return this.push(b.subarray(0, 4));
      case 'f32': b.writeFloatLE(Number(v)); return this.push(b.subarray(0, 4));
      case 'bool': return this.push(Buffer.from([v ? 1 : 0]));
      case 'str': return this.str(String(v));
      case 'u64': return this.u64(BigInt(v));
      case 'i64': b.writeBigInt64LE(BigInt(v)); return this.push(b);
      case 'f64': b.writeDoubleLE(Number(v)); return this.push(b);
    }
  }
  concat(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

/** Encodes a GGUF v3 file in memory. */
export function encodeGguf(kv: readonly GgufKv[], tensors: readonly GgufTensor[]): Buffer {
  const s = new ByteSink();
  s.push(Buffer.from('GGUF', 'ascii'));
  s.u32(3);
  s.u64(tensors.length);
  s.u64(kv.length);
  for (const e of kv) {
    s.str(e.key);
    s.u32(GGUF_TYPE[e.type]);
    if (e.type === 'arr') {
      s.u32(GGUF_TYPE[e.itemType]);
      s.u64(e.value.length);
      for (const v of e.value) s.scalar(e.itemType, v);
    } else {
      s.scalar(e.type, e.value);
    }
  }
  let offset = 0;
  const offsets: number[] = [];
  for (const t of tensors) {
    offsets.push(offset);
    offset += Math.ceil((t.data.length * 4) / ALIGNMENT) * ALIGNMENT;
  }
  tensors.forEach((t, i) => {
    s.str(t.name);
    s.u32(t.dims.length);
    for (const d of t.dims) s.u64(d);
    s.u32(0); // GGML_TYPE_F32
    s.u64(offsets[i] ?? 0);
  });
  s.pad(ALIGNMENT);
  for (const t of tensors) {
    s.push(Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength));
    s.pad(ALIGNMENT);
  }
  return s.concat();
}

export function writeGguf(path: string, kv: readonly GgufKv[], tensors: readonly GgufTensor[]): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, encodeGguf(kv, tensors));
}

export const DEFAULT_TINY_SENTENCE = ['Hello', ' from', ' the', ' tiny', ' model', '!'];
export const DEMO_SENTENCE = [
  'This', ' is', ' the', ' opsdeck', ' demo', ' model:', ' a', ' generated', ' tiny', ' model', ' with', ' scripted',
  ' replies.', ' Put', ' real', ' GGUF', ' files', ' in', ' ~/.local/share/opsdeck/models', ' (see', ' README).',
];

const CHATML_TEMPLATE =
  "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

/** The model's size: the default is the tiny test model (64 dims, 2 layers). */
export type ModelShape = { embd: number; ff: number; layers: number; heads: number };
export const TINY_SHAPE: ModelShape = { embd: 64, ff: 128, layers: 2, heads: 4 };

export type TinyModelOptions = {
  /** Reply pieces in order; a leading space becomes `▁`. Pieces must be distinct. */
  sentence?: string[];
  name?: string;
  /** Metadata keys to leave out (to build broken test files). */
  omitKeys?: string[];
  /** Tensor names to leave out (to build broken test files). */
  omitTensors?: string[];
  /**
   * A bigger shape gives the same reply at a realistic cost per token (benchmarks). The layer
   * weights shrink with the width, so the residual stream stays the token's own embedding.
   */
  shape?: ModelShape;
};

type Vocab = { tokens: string[]; scores: number[]; types: number[] };

function buildVocab(sentence: readonly string[]): { vocab: Vocab; scriptIds: number[] } {
  const tokens = ['<unk>', '<s>', '</s>', '<|im_start|>', '<|im_end|>'];
  const types = [2, 3, 3, 3, 3];
  for (let b = 0; b < 256; b++) {
    tokens.push(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`);
    types.push(6);
  }
  const pieces = ['▁'];
  for (const c of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,!?:;\'"-()/_~') pieces.push(c, `▁${c}`);
  const scriptPieces = sentence.map((p) => p.replace(/^ /, '▁').replace(/ /g, '▁'));
  if (new Set(scriptPieces).size !== scriptPieces.length) throw new Error('tiny model sentence pieces must be distinct');
  for (const p of scriptPieces) if (!pieces.includes(p)) pieces.push(p);
  const firstPiece = tokens.length;
  for (const p of pieces) {
    tokens.push(p);
    types.push(1);
  }
  const scores = tokens.map((_, i) => (i < firstPiece ? 0 : -(i - firstPiece + 1)));
  const scriptIds = scriptPieces.map((p) => tokens.indexOf(p));
  return { vocab: { tokens, scores, types }, scriptIds };
}

/** Deterministic small pseudo-random weights (std about 0.02). */
function noise(n: number, seed: number, scale = 1): Float32Array {
  const out = new Float32Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = (((x >>> 0) / 0xffffffff) * 2 - 1) * 0.035 * scale;
  }
  return out;
}

function tinyTensors(nVocab: number, scriptIds: readonly number[], shape: ModelShape): GgufTensor[] {
  const { embd: nEmbd, ff: nFf, layers: nLayer } = shape;
  const scale = Math.sqrt(TINY_SHAPE.embd / nEmbd);
  // Token state k (the k-th reply piece) lives on basis direction k; every other token on the last one.
  const other = nEmbd - 1;
  if (scriptIds.length >= other) throw new Error(`tiny model sentence too long (max ${other - 1} pieces)`);
  const embd = new Float32Array(nEmbd * nVocab);
  const output = new Float32Array(nEmbd * nVocab);
  for (let t = 0; t < nVocab; t++) {
    const k = scriptIds.indexOf(t);
    embd[t * nEmbd + (k >= 0 ? k : other)] = 1;
  }
  const firstId = scriptIds[0] ?? 0;
  output[firstId * nEmbd + other] = 10; // after any other token: the first piece
  scriptIds.forEach((id, k) => {
    const next = k + 1 < scriptIds.length ? (scriptIds[k + 1] ?? 2) : 2; // after the last piece: </s>
    output[next * nEmbd + k] = 10;
    void id;
  });
  const ones = (n: number): Float32Array => new Float32Array(n).fill(1);
  const tensors: GgufTensor[] = [
    { name: 'token_embd.weight', dims: [nEmbd, nVocab], data: embd },
    { name: 'output_norm.weight', dims: [nEmbd], data: ones(nEmbd) },
    { name: 'output.weight', dims: [nEmbd, nVocab], data: output },
  ];
  let seed = 7;
  for (let l = 0; l < nLayer; l++) {
    const p = `blk.${l}.`;
    tensors.push(
      { name: `${p}attn_norm.weight`, dims: [nEmbd], data: ones(nEmbd) },
      { name: `${p}attn_q.weight`, dims: [nEmbd, nEmbd], data: noise(nEmbd * nEmbd, seed++, scale) },
      { name: `${p}attn_k.weight`, dims: [nEmbd, nEmbd], data: noise(nEmbd * nEmbd, seed++, scale) },
      { name: `${p}attn_v.weight`, dims: [nEmbd, nEmbd], data: noise(nEmbd * nEmbd, seed++, scale) },
      { name: `${p}attn_output.weight`, dims: [nEmbd, nEmbd], data: noise(nEmbd * nEmbd, seed++, scale) },
      { name: `${p}ffn_norm.weight`, dims: [nEmbd], data: ones(nEmbd) },
      { name: `${p}ffn_gate.weight`, dims: [nEmbd, nFf], data: noise(nEmbd * nFf, seed++, scale) },
      { name: `${p}ffn_up.weight`, dims: [nEmbd, nFf], data: noise(nEmbd * nFf, seed++, scale) },
      { name: `${p}ffn_down.weight`, dims: [nFf, nEmbd], data: noise(nEmbd * nFf, seed++, scale) },
    );
  }
  return tensors;
}

function tokenizerKv(vocab: Vocab): GgufKv[] {
  return [
    { key: 'tokenizer.ggml.model', type: 'str', value: 'llama' },
    { key: 'tokenizer.ggml.tokens', type: 'arr', itemType: 'str', value: vocab.tokens },
    { key: 'tokenizer.ggml.scores', type: 'arr', itemType: 'f32', value: vocab.scores },
    { key: 'tokenizer.ggml.token_type', type: 'arr', itemType: 'i32', value: vocab.types },
    { key: 'tokenizer.ggml.bos_token_id', type: 'u32', value: 1 },
    { key: 'tokenizer.ggml.eos_token_id', type: 'u32', value: 2 },
    { key: 'tokenizer.ggml.unknown_token_id', type: 'u32', value: 0 },
    { key: 'tokenizer.ggml.eot_token_id', type: 'u32', value: 4 },
    { key: 'tokenizer.ggml.add_bos_token', type: 'bool', value: true },
    { key: 'tokenizer.ggml.add_eos_token', type: 'bool', value: false },
    { key: 'tokenizer.ggml.add_space_prefix', type: 'bool', value: false },
    { key: 'tokenizer.chat_template', type: 'str', value: CHATML_TEMPLATE },
  ];
}

/** The GGUF bytes of the tiny model (64 dims, 2 layers, F32): greedy decoding replies with `sentence`. */
export function encodeTinyModel(opts: TinyModelOptions = {}): Buffer {
  const { vocab, scriptIds } = buildVocab(opts.sentence ?? DEFAULT_TINY_SENTENCE);
  const shape = opts.shape ?? TINY_SHAPE;
  const kv: GgufKv[] = [
    { key: 'general.architecture', type: 'str', value: 'llama' },
    { key: 'general.name', type: 'str', value: opts.name ?? 'opsdeck tiny test model' },
    { key: 'general.alignment', type: 'u32', value: ALIGNMENT },
    { key: 'general.file_type', type: 'u32', value: 0 },
    { key: 'llama.context_length', type: 'u32', value: 2048 },
    { key: 'llama.embedding_length', type: 'u32', value: shape.embd },
    { key: 'llama.block_count', type: 'u32', value: shape.layers },
    { key: 'llama.feed_forward_length', type: 'u32', value: shape.ff },
    { key: 'llama.attention.head_count', type: 'u32', value: shape.heads },
    { key: 'llama.attention.head_count_kv', type: 'u32', value: shape.heads },
    { key: 'llama.rope.dimension_count', type: 'u32', value: shape.embd / shape.heads },
    { key: 'llama.rope.freq_base', type: 'f32', value: 10000 },
    { key: 'llama.attention.layer_norm_rms_epsilon', type: 'f32', value: 1e-5 },
    { key: 'llama.vocab_size', type: 'u32', value: vocab.tokens.length },
    ...tokenizerKv(vocab),
  ].filter((e) => !opts.omitKeys?.includes(e.key)) as GgufKv[];
  const tensors = tinyTensors(vocab.tokens.length, scriptIds, shape).filter((t) => !opts.omitTensors?.includes(t.name));
  return encodeGguf(kv, tensors);
}

export function writeTinyModel(path: string, opts: TinyModelOptions = {}): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, encodeTinyModel(opts));
}

/** A vocabulary-only GGUF (like llama.cpp's `vocabulary/ggml-vocab-*.gguf`): metadata, no tensors. */
export function writeVocabOnlyModel(path: string): void {
  const { vocab } = buildVocab(DEFAULT_TINY_SENTENCE);
  writeGguf(
    path,
    [
      { key: 'general.architecture', type: 'str', value: 'llama' },
      { key: 'general.name', type: 'str', value: 'opsdeck tiny vocabulary' },
      ...tokenizerKv(vocab),
    ],
    [],
  );
}
