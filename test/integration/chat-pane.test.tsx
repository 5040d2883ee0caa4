// The Chat pane over the real store, the real engine and the real tiny GGUF model (its greedy
// reply is known exactly), driven through ink-testing-library and the key dispatcher.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { App } from '../../components/app.js';
import { ConfigSchema } from '../../models/config.js';
import type { ChatRequest, ILlmEngine, ILoadedModel, LlmEngineOptions } from '../../src/llm/engine.js';
import { createLlmEngine } from '../../src/llm/engine.js';
import { ON_CALL_SYSTEM_PROMPT, TRUNCATION_NOTE } from '../../src/llm/redact.js';
import { writeTinyModel } from '../../src/llm/gguf-writer.js';
import { createAppStore, startBackground } from '../../src/store/app-store.js';
import type { AppStore } from '../../src/store/app-store.js';
import { createTaskRepo } from '../../src/tasks/task-repo.js';
import { TINY_REPLY, TINY_REPLY_CHUNKS } from '../fixtures/gguf/make-models.js';

const WAIT = { timeout: 30_000, interval: 20 };
let base: string;
let modelsDir: string;
const cleanups: (() => void | Promise<void>)[] = [];

type Seen = { chunks: string[][]; requests: ChatRequest[] };

/** The real engine, with each chat's chunks and request recorded (and an optional hook per chunk). */
function recordingEngine(seen: Seen, onChunk?: (index: number) => void, gpuNote?: string) {
  return (options: LlmEngineOptions): ILlmEngine => {
    const engine = createLlmEngine(options);
    cleanups.push(() => engine.dispose());
    const wrap = (model: ILoadedModel): ILoadedModel =>
      Object.assign(Object.create(model) as ILoadedModel, {
        info: model.info,
        // a GPU build that failed its check (src/llm/gpu-check.ts, tested on its own) leaves a note
        stats: gpuNote ? { ...model.stats, gpuNote } : model.stats,
        chat: (request: ChatRequest) => {
          const chunks: string[] = [];
          seen.chunks.push(chunks);
          seen.requests.push(request);
          return model.chat({
            ...request,
            onTextChunk: (c) => {
              chunks.push(c);
              request.onTextChunk?.(c);
              onChunk?.(chunks.length);
            },
          });
        },
      });
    return { ...engine, dirs: engine.dirs, load: async (n, o) => wrap(await engine.load(n, o)) };
  };
}

async function start(options: { dirs?: string[]; onChunk?: (store: AppStore, index: number) => void; llm?: Record<string, unknown>; color?: boolean; gpuNote?: string } = {}) {
  const root = mkdtempSync(join(base, 'root-'));
  mkdirSync(join(root, '.orchestration'));
  writeFileSync(join(root, '.orchestration', 'current.todo'), 'Now:\n  ☐ a task\n');
  writeFileSync(join(root, '.orchestration', 'backlog.todo'), '');
  const sessionsDir = join(root, 'sessions');
  const seen: Seen = { chunks: [], requests: [] };
  const holder: { store?: AppStore } = {};
  const store = createAppStore({
    taskRepo: createTaskRepo(root),
    config: ConfigSchema.parse({ llm: { threads: 1, ...options.llm } }),
    readonly: false,
    color: options.color ?? false,
    root,
    repoName: 'payments-api',
    services: {
      chat: {
        modelDirs: options.dirs ?? [modelsDir],
        sessionsDir,
        createEngine: recordingEngine(seen, (i) => options.onChunk?.(holder.store as AppStore, i), options.gpuNote),
      },
    },
  });
  holder.store = store;
  await store.getState().loadTasks();
  const ui = render(<App store={store} />);
  cleanups.push(() => ui.unmount());
  const keys = async (...names: string[]) => {
    for (const n of names) await store.getState().dispatch(n);
  };
  const type = (text: string) => keys(...[...text].map((ch) => (ch === ' ' ? 'space' : ch)));
  return { store, ui, seen, root, sessionsDir, keys, type };
}

/** Lets the current terminal read end (keys dispatched from later reads are typed again). */
const nextRead = () => new Promise((r) => setImmediate(r));

async function openReady(h: Awaited<ReturnType<typeof start>>) {
  await h.keys('6');
  await vi.waitFor(() => expect(h.store.getState().chat.phase).toBe('ready'), WAIT);
}

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'opsdeck-chat-pane-'));
  modelsDir = join(base, 'models');
  writeTinyModel(join(modelsDir, 'tiny.gguf'));
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('the chat pane with the tiny model', () => {
  it('loads the only model, streams the exact reply in chunk order and shows the stats', async () => {
    const h = await start();
    await openReady(h);
    expect(h.store.getState().chat.focused).toBe(true);
    const flushed: string[] = [];
    const unsub = h.store.subscribe((s, prev) => {
      if (s.chat.live && s.chat.live.text !== prev.chat.live?.text) flushed.push(s.chat.live.text);
    });
    await h.type('hi there');
    await h.keys('return');
    await vi.waitFor(() => expect(h.store.getState().chat.entries).toHaveLength(2), WAIT);
    unsub();
    const [user, reply] = h.store.getState().chat.entries;
    expect(user).toMatchObject({ role: 'user', content: 'hi there' });
    expect(reply).toMatchObject({ role: 'assistant', content: TINY_REPLY, model: 'tiny' });
    expect(h.seen.chunks[0]).toEqual(TINY_REPLY_CHUNKS);
    // every flush extends the previous one: the text arrives in order, batched
    for (const [i, text] of flushed.entries()) {
      expect(TINY_REPLY.startsWith(text)).toBe(true);
      if (i > 0) expect(text.length).toBeGreaterThan((flushed[i - 1] as string).length);
    }
    expect(flushed.length).toBeLessThanOrEqual(TINY_REPLY_CHUNKS.length);
    expect(reply?.stats?.tokensPerSecond).toBeGreaterThan(0);
    expect(reply?.stats?.completionTokens).toBeGreaterThan(0);
    await vi.waitFor(() => expect(h.ui.lastFrame()).toContain(TINY_REPLY), WAIT);
    const frame = h.ui.lastFrame() ?? '';
    expect(frame).toMatch(/tiny · \d+\.\d tok\/s · prompt \d+ · gen \d+ · ctx \d+% · cpu · 0 GPU layers/);
    expect(frame).toContain('› you');
  });

  it('says why an installed GPU build is not used, on one line', async () => {
    const h = await start({ gpuNote: 'the cuda build failed its check on NVIDIA H200: aborted (SIGABRT): ggml-cuda.cu:108: CUDA error; running on the CPU' });
    await openReady(h);
    const frame = h.ui.lastFrame() ?? '';
    const line = frame.split('\n').find((l) => l.startsWith('GPU not used: the cuda build failed its check on NVIDIA H200'));
    expect(line).toBeDefined();
    expect(line?.length).toBeLessThanOrEqual(h.store.getState().size.columns);
    expect(line).toMatch(/…$/);
    expect(frame).toMatch(/cpu · 0 GPU layers/);
  });

  it('Esc mid-stream stops the reply and keeps the partial text', async () => {
    const h = await start({ onChunk: (store, i) => (i === 2 ? void store.getState().dispatch('escape') : undefined) });
    await openReady(h);
    await h.type('tell me');
    await h.keys('return');
    await vi.waitFor(() => expect(h.store.getState().chat.entries).toHaveLength(2), WAIT);
    const reply = h.store.getState().chat.entries[1];
    const partial = (h.seen.chunks[0] ?? []).join('');
    expect(partial.startsWith(TINY_REPLY_CHUNKS.slice(0, 2).join(''))).toBe(true);
    expect(partial.length).toBeLessThan(TINY_REPLY.length);
    expect(reply?.content).toBe(partial);
    expect(reply?.stats?.stopped).toBe(true);
    // Esc while streaming stops; it does not leave the input
    expect(h.store.getState().chat.focused).toBe(true);
    await vi.waitFor(() => expect(h.ui.lastFrame()).toContain('stopped'), WAIT);
  });

  it('types q, digits and ? while the input has focus; Esc gives the global keys back', async () => {
    const h = await start();
    await openReady(h);
    expect(h.store.getState().activeScopes()).not.toContain('global');
    await h.type('q1?');
    expect(h.store.getState().chat.input).toBe('q1?');
    expect(h.store.getState().exitRequested).toBe(false);
    expect(h.store.getState().view).toBe('chat');
    await h.keys('backspace', 'escape');
    expect(h.store.getState().chat.focused).toBe(false);
    expect(h.store.getState().activeScopes()).toContain('global');
    await h.keys('?');
    expect(h.store.getState().overlay.kind).toBe('help');
    await h.keys('escape', 'i');
    expect(h.store.getState().chat.focused).toBe(true);
    expect(h.store.getState().chat.input).toBe('q1');
  });

  it('sends multi-line input with """ or Alt-Enter and recalls earlier prompts with ↑/↓', async () => {
    const h = await start();
    await openReady(h);
    await h.type('"""');
    await h.keys('return');
    await h.type('line one');
    await h.keys('return');
    await h.type('line two"""');
    await h.keys('return');
    await vi.waitFor(() => expect(h.store.getState().chat.entries).toHaveLength(2), WAIT);
    expect(h.store.getState().chat.entries[0]?.content).toBe('line one\nline two');

    await h.type('first');
    h.ui.stdin.write('\u001b\r');
    await vi.waitFor(() => expect(h.store.getState().chat.input).toBe('first\n'), WAIT);
    await nextRead(); // the keys of that read were ignored; the next read is typed normally
    expect(h.store.getState().chat.entries).toHaveLength(2);
    await h.type('second');
    await h.keys('return');
    await vi.waitFor(() => expect(h.store.getState().chat.entries).toHaveLength(4), WAIT);
    expect(h.store.getState().chat.entries[2]?.content).toBe('first\nsecond');

    // a multi-line paste goes into the input; it is not sent line by line
    h.ui.stdin.write('paste one\r\npaste two\nthree');
    await vi.waitFor(() => expect(h.store.getState().chat.input).toBe('paste one\npaste two\nthree'), WAIT);
    await nextRead();
    expect(h.store.getState().chat.entries).toHaveLength(4);
    await h.keys('return');
    await vi.waitFor(() => expect(h.store.getState().chat.entries).toHaveLength(6), WAIT);
    expect(h.store.getState().chat.entries[4]?.content).toBe('paste one\npaste two\nthree');

    await h.type('draft');
    await h.keys('up');
    expect(h.store.getState().chat.input).toBe('paste one\npaste two\nthree');
    await h.keys('up');
    expect(h.store.getState().chat.input).toBe('first\nsecond');
    await h.keys('up');
    expect(h.store.getState().chat.input).toBe('"""\nline one\nline two"""');
    await h.keys('down', 'down', 'down');
    expect(h.store.getState().chat.input).toBe('draft');
  });
});

describe('slash commands and sessions', () => {
  it('saves, clears, lists and loads a session; sets the system prompt; shows stats', async () => {
    const h = await start();
    await openReady(h);
    await h.type('remember this');
    await h.keys('return');
    await vi.waitFor(() => expect(h.store.getState().chat.entries).toHaveLength(2), WAIT);
    const auto = h.store.getState().chat.session;
    // every finished message was appended to the session file as it finished
    await vi.waitFor(() => expect(readFileSync(join(h.sessionsDir, `${auto}.jsonl`), 'utf8').trim().split('\n')).toHaveLength(3), WAIT);

    await h.type('/system be terse');
    await h.keys('return');
    expect(h.store.getState().chat.system).toBe('be terse');
    await h.type('/save incident-42');
    await h.keys('return');
    const file = join(h.sessionsDir, 'incident-42.jsonl');
    await vi.waitFor(() => expect(existsSync(file)).toBe(true), WAIT);
    const before = h.store.getState().chat.entries.filter((e) => e.role !== 'system');

    await h.type('/clear');
    await h.keys('return');
    expect(h.store.getState().chat.entries).toEqual([]);
    await h.type('/load');
    await h.keys('return');
    await vi.waitFor(() => expect(h.store.getState().chat.entries.at(-1)?.content).toMatch(/sessions \(\/load NAME\):[\s\S]*incident-42/), WAIT);
    await h.type('/load incident-42');
    await h.keys('return');
    await vi.waitFor(() => expect(h.store.getState().chat.session).toBe('incident-42'), WAIT);
    expect(h.store.getState().chat.entries.filter((e) => e.role !== 'system')).toEqual(before);
    expect(h.store.getState().chat.system).toBe('be terse');

    await h.type('/stats');
    await h.keys('return');
    expect(h.store.getState().chat.entries.at(-1)?.content).toMatch(/model tiny · cpu/);
    await h.type('/bogus');
    await h.keys('return');
    expect(h.store.getState().chat.entries.at(-1)?.content).toMatch(/unknown command \/bogus/);
    await h.type('/load ../etc');
    await h.keys('return');
    expect(h.store.getState().chat.entries.at(-1)?.content).toMatch(/bad session name/);
  });

  it('names the file and line of a bad session line', async () => {
    const h = await start();
    await openReady(h);
    mkdirSync(h.sessionsDir, { recursive: true });
    writeFileSync(join(h.sessionsDir, 'broken.jsonl'), '{"type":"meta","version":1,"createdAt":1}\n{"type":"message","message":{"role":"boss"}}\n');
    await h.type('/load broken');
    await h.keys('return');
    await vi.waitFor(() => expect(h.store.getState().chat.entries.at(-1)?.content).toMatch(/broken\.jsonl:2: message\.role/), WAIT);
  });

  it('/model with no name shows the picker; Down Down Enter in one burst picks the right model', async () => {
    const dir = join(base, 'three');
    for (const name of ['a-model', 'b-model', 'c-model']) writeTinyModel(join(dir, `${name}.gguf`));
    const h = await start({ dirs: [dir] });
    await h.keys('6');
    await vi.waitFor(() => expect(h.store.getState().chat.phase).toBe('picking'), WAIT);
    await vi.waitFor(() => expect(h.ui.lastFrame()).toContain('a-model'), WAIT);
    h.ui.stdin.write('\u001b[B\u001b[B\r');
    await vi.waitFor(() => expect(h.store.getState().chat.model?.name).toBe('c-model'), WAIT);
    await h.type('/model');
    await h.keys('return');
    await vi.waitFor(() => expect(h.store.getState().chat.phase).toBe('picking'), WAIT);
    expect(h.store.getState().chat.pickIndex).toBe(2);
    await h.keys('k', 'escape');
    expect(h.store.getState().chat.phase).toBe('ready');
    expect(h.store.getState().chat.model?.name).toBe('c-model');
  });
});

describe('ask about this', () => {
  it('redacts, truncates with a note, uses the on-call prompt and opens the chat', async () => {
    const h = await start();
    const log = `${'noise line\n'.repeat(4000)}deploy failed: password=hunter2 token AKIAABCDEFGHIJKLMNOP\n`;
    h.store.getState().askAboutThis({ label: 'deploy log', text: log });
    expect(h.store.getState().view).toBe('chat');
    await vi.waitFor(() => expect(h.store.getState().chat.entries.filter((e) => e.role === 'assistant')).toHaveLength(1), WAIT);
    const asked = h.store.getState().chat.entries.find((e) => e.role === 'user');
    expect(asked?.title).toBe('Ask about: deploy log');
    expect(asked?.content).toContain(TRUNCATION_NOTE);
    expect(asked?.content).toContain('deploy failed: password=[REDACTED]');
    expect(asked?.content).not.toContain('hunter2');
    expect(asked?.content).not.toContain('AKIAABCDEFGHIJKLMNOP');
    expect(asked?.content.length).toBeLessThan(log.length);
    expect(h.seen.requests[0]?.system).toBe(ON_CALL_SYSTEM_PROMPT);
    await vi.waitFor(() => expect(h.ui.lastFrame()).toContain(TINY_REPLY), WAIT);
    expect(h.ui.lastFrame()).toContain('deploy failed: password=[REDACTED]');
    // scrolling up (the input left with Esc) reaches the message's title
    await h.keys('escape');
    for (let i = 0; i < 40 && !(h.ui.lastFrame() ?? '').includes('Ask about: deploy log'); i += 1) {
      await h.keys('pageup');
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(h.ui.lastFrame()).toContain('› Ask about: deploy log');
  });
});

describe('untrusted model output', () => {
  it('never lets escape sequences from a reply reach the terminal', async () => {
    const h = await start();
    await openReady(h);
    const evil = 'Look: \u001b]52;c;ZXZpbA==\u0007 **bold** \u001b[2J\u001b[H `code` \u001b]8;;http://evil\u001b\\link\u001b]8;;\u001b\\ \u009b31m end\n\n```\n\u001b[31mred\u001b[0m\n```';
    h.store.setState((s) => ({ chat: { ...s.chat, entries: [...s.chat.entries, { role: 'assistant', content: evil, at: 0, model: 'evil' }] } }));
    await vi.waitFor(() => expect(h.ui.lastFrame()).toContain('end'), WAIT);
    const frame = h.ui.lastFrame() ?? '';
    expect(frame).toContain('Look:');
    expect(frame).toContain('bold');
    expect(frame).toContain('link');
    for (const bad of ['\u001b]52', '\u001b[2J', '\u001b]8', '\u009b', '\u0007', '\u001b[H']) expect(frame).not.toContain(bad);
  });
});

describe('markdown replies', () => {
  it('are styled with colour on, from our renderer only', async () => {
    const h = await start({ color: true });
    await openReady(h);
    const md = '## Steps\n\n1. check **disk** with `df -h`\n2. read *the* [runbook](https://wiki/x)\n\n> quoted ~~old~~\n\n```\nls\n```';
    h.store.setState((s) => ({ chat: { ...s.chat, entries: [...s.chat.entries, { role: 'user', content: 'how?', at: 0 }, { role: 'assistant', content: md, at: 1, model: 'tiny' }] } }));
    await vi.waitFor(() => expect(h.ui.lastFrame()).toContain('runbook'), WAIT);
    const frame = h.ui.lastFrame() ?? '';
    // (chalk writes no SGR without a TTY here; the styles are Ink props, checked in the unit tests)
    expect(frame).toContain('Steps');
    expect(frame).toContain('│ quoted old');
    expect(frame).toMatch(/1\. .*check .*disk/);
    expect(frame).toContain('(https://wiki/x)');
  });
});

describe('the demo model', () => {
  it('is written on first open when llm.demoModel is set and the folder has no model', async () => {
    const dir = join(base, 'demo-models');
    const h = await start({ dirs: [dir], llm: { demoModel: true } });
    await openReady(h);
    expect(existsSync(join(dir, 'opsdeck-demo-tiny.gguf'))).toBe(true);
    expect(h.store.getState().chat.model?.demo).toBe(true);
    await vi.waitFor(() => expect(h.ui.lastFrame()).toContain('Demo model: generated, scripted replies'), WAIT);
  });

  it('says where to put models when there are none', async () => {
    const h = await start({ dirs: [join(base, 'empty')] });
    await h.keys('6');
    await vi.waitFor(() => expect(h.store.getState().chat.phase).toBe('error'), WAIT);
    expect(h.ui.lastFrame()).toMatch(/no GGUF models found/);
  });
});

describe('background work', () => {
  it('startBackground stops cleanly and unloads the model', async () => {
    const h = await start();
    const stop = startBackground(h.store);
    await openReady(h);
    await stop();
    expect(h.store.getState().chat.phase).toBe('ready');
  });
});

describe('stopping before the first token', () => {
  it('Enter then Esc in one read keeps an empty, stopped reply and the chat stays usable', async () => {
    const h = await start();
    await openReady(h);
    await h.type('quick');
    h.ui.stdin.write('\r\u001b');
    await vi.waitFor(() => expect(h.store.getState().chat.entries).toHaveLength(2), WAIT);
    const reply = h.store.getState().chat.entries[1];
    expect(reply?.role).toBe('assistant');
    expect(TINY_REPLY.startsWith(reply?.content ?? 'x')).toBe(true);
    expect(reply?.stats?.stopped).toBe(true);
    await h.type('again');
    await h.keys('return');
    await vi.waitFor(() => expect(h.store.getState().chat.entries.at(-1)?.content).toBe(TINY_REPLY), WAIT);
  });
});
