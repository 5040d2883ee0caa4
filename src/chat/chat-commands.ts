// The chat's slash commands: /save, /load, /clear, /model, /system, /stats, /help.
import type { ChatEntry, SessionLine } from '../../models/chat-session.js';
import { errorMessage } from '../errors.js';
import type { GetState, ResolvedDeps } from '../store/types.js';
import type { ChatRuntime } from './chat-controller.js';
import type { ChatState } from './chat-state.js';
import { SLASH_HELP } from './commands.js';
import type { SlashCommand } from './commands.js';

export type CommandContext = {
  get: GetState;
  patch: (p: Partial<ChatState> | ((c: ChatState) => Partial<ChatState>)) => void;
  note: (text: string) => void;
  runtime: ChatRuntime;
  loadModel: (nameOrPath: string | undefined) => Promise<void>;
  showPicker: () => Promise<void>;
  deps: ResolvedDeps;
  newSession: () => string;
};

/** The session as lines: meta, then every message (notes are not saved). */
function sessionLines(chat: ChatState, createdAt: number): SessionLine[] {
  return [
    { type: 'meta', version: 1, createdAt, ...(chat.system !== undefined ? { system: chat.system } : {}), ...(chat.model ? { model: chat.model.name } : {}) },
    ...chat.entries.filter((e) => e.role !== 'system').map((message): SessionLine => ({ type: 'message', message })),
  ];
}

function ago(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes}m ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours}h ago` : `${Math.round(hours / 24)}d ago`;
}

export async function runCommand(command: SlashCommand, ctx: CommandContext): Promise<void> {
  const { get, patch, note, runtime } = ctx;
  const chat = get().chat;
  const now = ctx.deps.now().getTime();
  try {
    switch (command.kind) {
      case 'save': {
        const sessions = await runtime.sessions();
        const name = command.name === undefined ? chat.session : (await import('./sessions.js')).checkSessionName(command.name);
        await sessions.write(name, sessionLines(chat, now));
        runtime.sessionWritten = true;
        patch({ session: name });
        note(`saved ${chat.entries.filter((e) => e.role !== 'system').length} messages as "${name}" (${sessions.pathOf(name)})`);
        return;
      }
      case 'load': {
        const sessions = await runtime.sessions();
        if (command.name === undefined) {
          const list = await sessions.list();
          if (list.length === 0) note(`no saved sessions in ${sessions.dir}`);
          else note(['sessions (/load NAME):', ...list.slice(0, 20).map((s) => `  ${s.name}  ${ago(now - s.modifiedAt)}`)].join('\n'));
          return;
        }
        const loaded = await sessions.load(command.name);
        runtime.sessionWritten = true;
        patch({ entries: loaded.entries, system: loaded.system, session: loaded.name, scroll: 0, lastStats: null });
        note(`loaded "${loaded.name}": ${loaded.entries.length} messages`);
        return;
      }
      case 'clear': {
        const session = ctx.newSession();
        runtime.sessionWritten = false;
        patch({ entries: [], session, scroll: 0, lastStats: null });
        return;
      }
      case 'model': {
        if (command.name !== undefined) {
          await ctx.loadModel(command.name);
          return;
        }
        await ctx.showPicker();
        return;
      }
      case 'system': {
        if (command.text === undefined) {
          note(chat.system === undefined ? 'system prompt: (default) — /system TEXT sets one' : `system prompt: ${chat.system}`);
          return;
        }
        patch({ system: command.text });
        if (runtime.sessionWritten) await (await runtime.sessions()).append(chat.session, { type: 'system', system: command.text });
        note('system prompt set for the next messages');
        return;
      }
      case 'stats': {
        const m = chat.model;
        const s = chat.lastStats;
        const lines = [
          m ? `model ${m.name} · ${m.backend}${m.gpuLayers ? ` · ${m.gpuLayers} GPU layers` : ''} · ${m.threads} threads · context ${m.contextSize} · "${m.label}"` : 'no model loaded',
          s ? `last reply: ${s.tokensPerSecond.toFixed(1)} tok/s · prompt ${s.promptTokens} · generated ${s.completionTokens} · context ${s.contextPercent.toFixed(1)}%` : 'no reply yet',
          `session "${chat.session}" · ${chat.entries.filter((e: ChatEntry) => e.role !== 'system').length} messages · ${(await runtime.sessions()).dir}`,
        ];
        note(lines.join('\n'));
        return;
      }
      case 'help':
        note(`commands: ${SLASH_HELP}. Enter sends; Alt-Enter or """…""" for several lines; ↑/↓ earlier prompts; Esc stops a reply or leaves the input.`);
        return;
      case 'unknown':
        note(`unknown command /${command.word}: ${SLASH_HELP}`);
        return;
    }
  } catch (error) {
    note(errorMessage(error));
  }
}
