// The shape of the one app store: the union of its slices, and what slices are built from.
import type { StoreApi } from 'zustand/vanilla';
import type { Config, PaneId } from '../../models/config.js';
import type { KeyScope, Keymap } from '../../models/keys.js';
import type { ListCursor, Message, Overlay, View } from '../../models/ui.js';
import type { Task, TodoFileId } from '../../models/todo.js';
import type { ITaskRepo, TaskSnapshot } from '../tasks/task-repo.js';
import type { TaskEdit } from '../tasks/task-edits.js';
import type { BackupDeps, BackupSlice } from './backup-slice.js';
import type { ChatDeps, ChatSlice } from './chat-slice.js';
import type { DeployDeps, DeploySlice } from './deploy-slice.js';
import type { IncidentDeps, IncidentSlice } from './incident-slice.js';
import type { KpiDeps, KpiSlice } from './kpi-slice.js';
import type { ScreenSize } from './layout.js';
import type { TaskView } from './task-rows.js';

/** Per-pane adapters that tests may inject; a pane builds its real ones lazily. */
export type StoreServices = {
  deploy?: DeployDeps;
  backups?: BackupDeps;
  kpi?: KpiDeps;
  incidents?: IncidentDeps;
  chat?: ChatDeps;
};

export type StoreDeps = {
  taskRepo: ITaskRepo;
  /** The repo root (the folder that holds .orchestration/). Default: process.cwd(). */
  root?: string;
  services?: StoreServices;
  config: Config;
  readonly: boolean;
  color: boolean;
  /** The header clock is stamped onto the terminal by the cockpit, not rendered by Ink. */
  clockOverlay?: boolean;
  /** The clock; injected so tests control time. */
  now?: () => Date;
  /** Shown in the header; usually basename(root). */
  repoName?: string;
  /** The keymap with config remaps applied (default: DEFAULT_KEYMAP + config.keys). */
  keymap?: Keymap;
  size?: ScreenSize;
};

export type ResolvedDeps = Required<Omit<StoreDeps, 'keymap' | 'size' | 'repoName'>> & { keymap: Keymap };

export type UiSlice = {
  view: View;
  focusedTile: number;
  overlay: Overlay;
  /** The text being typed in the palette, the filter or a prompt. Survives reloads. */
  input: string;
  filters: Partial<Record<PaneId, string>>;
  cursors: Partial<Record<PaneId, ListCursor>>;
  message: Message | null;
  readonly: boolean;
  color: boolean;
  runningFlows: number;
  exitRequested: boolean;
  size: ScreenSize;
  /** Minutes since the epoch; bumps once a minute so elapsed times refresh, not every second. */
  minute: number;
  repoName: string;
  environment: string;
  /** Whether the header shows the UTC clock (config ui.clock). */
  clock: boolean;
  /** The clock is drawn over the frame by the cockpit (src/cli/clock-overlay.ts); the header keeps its place blank. */
  clockOverlay: boolean;
  keymap: Keymap;
  now: () => Date;

  openView(view: View): void;
  cyclePane(step: 1 | -1): void;
  moveTile(step: number): void;
  back(): void;
  openOverlay(overlay: Overlay, input?: string): void;
  closeOverlay(): void;
  setInput(text: string): void;
  setFilter(pane: PaneId, text: string): void;
  setSize(size: ScreenSize): void;
  showMessage(text: string, tone?: Message['tone']): void;
  clearMessage(): void;
  flowStarted(): void;
  flowEnded(): void;
  requestQuit(force: boolean): void;
  tick(): void;
};

export type TasksSlice = {
  snapshot: TaskSnapshot | null;
  tasksError: string | null;
  showAll: boolean;
  loadTasks(): Promise<void>;
  setSnapshot(snapshot: TaskSnapshot): void;
  /** Subscribes to live reloads; returns the unsubscribe function. */
  watchTasks(): () => void;
  /** Queued so edits apply in key order; a refusal becomes the message. */
  applyEdit(edit: TaskEdit): Promise<void>;
  toggleShowAll(): void;
  taskView(): TaskView;
  focusedTask(): Task | undefined;
  moveTaskCursor(to: number | 'top' | 'bottom', relative: boolean): void;
  syncTaskCursor(): void;
  submitTaskPrompt(text: string, prompt: { purpose: 'add'; file: TodoFileId; project: string[] } | { purpose: 'edit'; taskId: string }): Promise<void>;
};

export type DispatchSlice = {
  /** Handles one key name (see resolveKey). Resolves when any edit it started has finished. */
  dispatch(keyName: string): Promise<void>;
  /** The key scopes live right now, most specific first. */
  activeScopes(): KeyScope[];
};

export type AppState = UiSlice & TasksSlice & DispatchSlice & DeploySlice & BackupSlice & KpiSlice & IncidentSlice & ChatSlice;
export type AppStore = StoreApi<AppState>;
export type SetState = StoreApi<AppState>['setState'];
export type GetState = StoreApi<AppState>['getState'];
export type SliceCreator<T> = (set: SetState, get: GetState, deps: ResolvedDeps) => T;
