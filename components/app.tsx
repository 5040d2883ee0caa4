// The cockpit's root: header, body (dashboard, a pane or the help overlay), the status line
// and the footer, in a frame rows-1 high. Every key goes to the store's dispatcher.
import { Box, Text, useApp, useInput, useStdout } from 'ink';
import type { Key } from 'ink';
import { useCallback, useEffect } from 'react';
import { errorMessage } from '../src/errors.js';
import { resolveKeys } from '../src/keys/resolve-key.js';
import type { AppStore } from '../src/store/app-store.js';
import { frameHeight, screenSize } from '../src/store/layout.js';
import { Dashboard } from './dashboard.js';
import { Footer } from './footer.js';
import { Header } from './header.js';
import { HelpOverlay } from './help-overlay.js';
import { StatusLine } from './status-line.js';
import { StoreProvider, useAppStore } from './store-context.js';
import { TasksPane } from './tasks-pane.js';
import type { PaneId } from '../models/config.js';
import { Suspense, lazy } from 'react';
import type { ComponentType } from 'react';

// Panes other than Tasks (and what they render: markdown, log views, tables) load when first
// opened, so the first frame never pays for them.
const PANES: Record<PaneId, ComponentType> = {
  tasks: TasksPane,
  deploy: lazy(async () => ({ default: (await import('./deploy-pane.js')).DeployPane })),
  backups: lazy(async () => ({ default: (await import('./backups-pane.js')).BackupsPane })),
  kpi: lazy(async () => ({ default: (await import('./kpi-pane.js')).KpiPane })),
  incidents: lazy(async () => ({ default: (await import('./incidents-pane.js')).IncidentsPane })),
  chat: lazy(async () => ({ default: (await import('./chat-pane.js')).ChatPane })),
  gpu: lazy(async () => ({ default: (await import('./gpu-pane.js')).GpuPane })),
};

/** How often the minute counter (elapsed times) is checked. */
const MINUTE_CHECK_MS = 10_000;

function Body() {
  const view = useAppStore((s) => s.view);
  const help = useAppStore((s) => s.overlay.kind === 'help');
  if (help) return <HelpOverlay />;
  if (view === 'dashboard') return <Dashboard />;
  const Pane = PANES[view];
  return (
    <Suspense fallback={<Text dimColor>loading…</Text>}>
      <Pane />
    </Suspense>
  );
}

function Shell({ store, onExit }: { store: AppStore; onExit?: () => void }) {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const exitRequested = useAppStore((s) => s.exitRequested);
  const { columns, rows } = useAppStore((s) => s.size);

  // A stable handler: it never closes over render state, so no key hits a stale closure.
  const onInput = useCallback(
    (input: string, key: Key) => {
      for (const name of resolveKeys(input, key)) {
        store
          .getState()
          .dispatch(name)
          .catch((error: unknown) => store.getState().showMessage(errorMessage(error), 'error'));
      }
    },
    [store],
  );
  useInput(onInput);

  useEffect(() => {
    const update = () => store.getState().setSize(screenSize(stdout.columns, stdout.rows));
    update();
    stdout.on('resize', update);
    return () => {
      stdout.off('resize', update);
    };
  }, [stdout, store]);

  useEffect(() => {
    const timer = setInterval(() => store.getState().tick(), MINUTE_CHECK_MS);
    return () => clearInterval(timer);
  }, [store]);

  useEffect(() => {
    if (!exitRequested) return;
    onExit?.();
    exit();
  }, [exitRequested, exit, onExit]);

  return (
    <Box flexDirection="column" width={columns} height={frameHeight(rows)} overflow="hidden">
      <Header />
      <Box flexDirection="column" flexGrow={1} flexShrink={1} overflow="hidden">
        <Body />
      </Box>
      <StatusLine />
      <Footer />
    </Box>
  );
}

export function App({ store, onExit }: { store: AppStore; onExit?: () => void }) {
  return (
    <StoreProvider store={store}>
      <Shell store={store} onExit={onExit} />
    </StoreProvider>
  );
}
