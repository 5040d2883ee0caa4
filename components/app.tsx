// The cockpit's root: header, body (dashboard, a pane or the help overlay), the status line
// and the footer, in a frame rows-1 high. Every key goes to the store's dispatcher.
import { Box, Text, useApp, useInput, useStdout } from 'ink';
import type { Key } from 'ink';
import { useCallback, useEffect, useState } from 'react';
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
import { cleanLine } from './theme.js';
import type { PaneId } from '../models/config.js';
import type { ComponentType } from 'react';

// Panes other than Tasks (and what they render: markdown, log views, tables) load when first
// opened, so the first frame never pays for them. Not React.lazy: Suspense shows a loaded
// pane no sooner than 300 ms after its fallback (react-reconciler's FALLBACK_THROTTLE_MS), so
// the first `3` took ~310 ms to draw a pane whose module loads in a few milliseconds.
type LazyPaneId = Exclude<PaneId, 'tasks'>;
const LOADERS: Record<LazyPaneId, () => Promise<ComponentType>> = {
  deploy: async () => (await import('./deploy-pane.js')).DeployPane,
  backups: async () => (await import('./backups-pane.js')).BackupsPane,
  kpi: async () => (await import('./kpi-pane.js')).KpiPane,
  incidents: async () => (await import('./incidents-pane.js')).IncidentsPane,
  chat: async () => (await import('./chat-pane.js')).ChatPane,
  gpu: async () => (await import('./gpu-pane.js')).GpuPane,
};
const loadedPanes = new Map<PaneId, ComponentType>([['tasks', TasksPane]]);

/** The pane's component once its module has loaded (undefined until then), or why it could not. */
function usePane(view: PaneId): { Pane?: ComponentType; error?: string } {
  const [error, setError] = useState<string>();
  const [, setLoaded] = useState(0);
  useEffect(() => {
    if (loadedPanes.has(view)) return;
    let live = true;
    LOADERS[view as LazyPaneId]().then(
      (pane) => {
        loadedPanes.set(view, pane);
        if (live) setLoaded((n) => n + 1);
      },
      (failure: unknown) => {
        if (live) setError(errorMessage(failure));
      },
    );
    return () => {
      live = false;
    };
  }, [view]);
  return { Pane: loadedPanes.get(view), error };
}

/** How often the minute counter (elapsed times) is checked. */
const MINUTE_CHECK_MS = 10_000;

function PaneBody({ view }: { view: PaneId }) {
  const { Pane, error } = usePane(view);
  if (Pane) return <Pane />;
  // a broken install (a missing chunk) shows as one line, never a crash
  if (error) return <Text color="red" wrap="truncate-end">{`cannot load this pane: ${cleanLine(error, false)}`}</Text>;
  return <Text dimColor>loading…</Text>;
}

function Body() {
  const view = useAppStore((s) => s.view);
  const help = useAppStore((s) => s.overlay.kind === 'help');
  if (help) return <HelpOverlay />;
  if (view === 'dashboard') return <Dashboard />;
  return <PaneBody key={view} view={view} />;
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
