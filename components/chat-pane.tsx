// The Chat pane: a title line (model, session, GPU meter), then by phase the model picker, the
// load progress bar, the error, or the conversation; the status line and the input below.
import { Box, Text, useStdin } from 'ink';
import { useEffect } from 'react';
import { paneKey } from '../src/keys/keymap.js';
import { bodyHeight } from '../src/store/layout.js';
import { meterText, hostText } from '../src/gpu/gpu-format.js';
import { progressBar } from '../src/chat/chat-state.js';
import { isMultiLinePaste, normalizePaste } from '../src/chat/commands.js';
import { ChatHistory } from './chat-history.js';
import { ChatInput, inputHeight } from './chat-input.js';
import { ChatStatus } from './chat-status.js';
import { ModelPicker } from './model-picker.js';
import { useAppStore, useAppStoreApi, useTheme } from './store-context.js';
import { cleanLine } from './theme.js';

const ALT_RETURN = new Set(['\u001b\r', '\u001b\n']);

/**
 * Alt-Enter reaches the dispatcher as a plain "return", and a multi-line paste as characters
 * and Enters. This listener runs before the app's (prepended) and puts a newline, or the pasted
 * text, into the input; the dispatcher's keys from the same read are then ignored.
 */
function useRawInput(): void {
  const store = useAppStoreApi();
  const { internal_eventEmitter: emitter } = useStdin();
  useEffect(() => {
    const onInput = (data: string): void => {
      const chat = store.getState().chat;
      if (!chat.focused || chat.phase !== 'ready' || store.getState().overlay.kind !== 'none' || store.getState().view !== 'chat') return;
      if (ALT_RETURN.has(data)) store.getState().chatInsert('\n');
      else if (isMultiLinePaste(data)) store.getState().chatInsert(normalizePaste(data));
    };
    emitter.prependListener('input', onInput);
    return () => {
      emitter.removeListener('input', onInput);
    };
  }, [emitter, store]);
}

function GpuBrief() {
  const theme = useTheme();
  // a string: this re-renders only when the text shown changes
  const text = useAppStore((s) => meterText(s.gpu) || (s.gpu?.status.kind === 'none' ? `CPU inference · ${hostText(s.gpu)}` : ''));
  return text ? <Text {...theme.dim}>{` ${text}`}</Text> : null;
}

function Body({ height, width }: { height: number; width: number }) {
  const theme = useTheme();
  const phase = useAppStore((s) => s.chat.phase);
  const error = useAppStore((s) => s.chat.error);
  const progress = useAppStore((s) => s.chat.progress);
  const loadingName = useAppStore((s) => s.chat.loadingName);
  const loadingNote = useAppStore((s) => s.chat.loadingNote);
  if (phase === 'picking') return <ModelPicker height={height} />;
  if (phase === 'closed' || phase === 'scanning') {
    return (
      <Box height={height} flexShrink={0}>
        <Text {...theme.dim}>looking for models…</Text>
      </Box>
    );
  }
  if (phase === 'loading') {
    return (
      <Box height={height} flexShrink={0} flexDirection="column">
        <Text wrap="truncate-end">{`loading ${cleanLine(loadingName ?? 'model', false)}`}</Text>
        <Text {...theme.accent}>{progressBar(progress, Math.max(10, Math.min(40, width - 8)))}</Text>
        {loadingNote ? (
          <Text {...theme.dim} wrap="truncate-end">
            {loadingNote}
          </Text>
        ) : null}
      </Box>
    );
  }
  if (phase === 'error') {
    return (
      <Box height={height} flexShrink={0} flexDirection="column">
        <Text {...theme.error} wrap="wrap">
          {cleanLine(error ?? 'unknown error', false)}
        </Text>
        <Text {...theme.dim} wrap="wrap">
          Put GGUF models (*.gguf) in the folder above or set llm.modelsDir in .orchestration/opsdeck.yaml, then press Enter to look again.
        </Text>
      </Box>
    );
  }
  return <ChatHistory width={width} height={height} />;
}

export function ChatPane() {
  const theme = useTheme();
  const store = useAppStoreApi();
  const keymap = useAppStore((s) => s.keymap);
  const rows = useAppStore((s) => s.size.rows);
  const width = useAppStore((s) => s.size.columns);
  const label = useAppStore((s) => s.chat.model?.label ?? null);
  const demo = useAppStore((s) => s.chat.model?.demo ?? false);
  const gpuNote = useAppStore((s) => s.chat.model?.gpuNote ?? null);
  const session = useAppStore((s) => s.chat.session);
  const input = useAppStore((s) => s.chat.input);
  const ready = useAppStore((s) => s.chat.phase === 'ready');
  useRawInput();
  useEffect(() => {
    void store.getState().chatOpened();
  }, [store]);

  const height = bodyHeight(rows);
  const below = ready ? 1 + inputHeight(input) : 0;
  const noteLines = (demo ? 1 : 0) + (gpuNote ? 1 : 0);
  const historyHeight = Math.max(1, height - 1 - noteLines - below);
  return (
    <Box flexDirection="column" height={height} flexShrink={0}>
      <Box height={1} flexShrink={0} justifyContent="space-between">
        <Text wrap="truncate-end">
          <Text {...theme.heading}>{`${paneKey(keymap, 'chat')} Chat`}</Text>
          {label ? ` · ${cleanLine(label, false)}` : ''}
          {` · ${cleanLine(session, false)}`}
        </Text>
        <Box flexShrink={0}>
          <GpuBrief />
        </Box>
      </Box>
      {demo ? (
        <Text {...theme.warn} wrap="truncate-end">
          Demo model: generated, scripted replies. Add real *.gguf files to llm.modelsDir, then m.
        </Text>
      ) : null}
      {gpuNote ? (
        <Text {...theme.warn} wrap="truncate-end">
          {cleanLine(`GPU not used: ${gpuNote}`, false)}
        </Text>
      ) : null}
      <Body height={historyHeight} width={width} />
      {ready ? <ChatStatus /> : null}
      {ready ? <ChatInput width={width} /> : null}
    </Box>
  );
}
