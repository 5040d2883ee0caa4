// One tiny React context that holds only the app store; components read it through selectors.
import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import type { AppState, AppStore } from '../src/store/app-store.js';
import { makeTheme } from './theme.js';
import type { Theme } from './theme.js';

const StoreContext = createContext<AppStore | null>(null);

export function StoreProvider({ store, children }: { store: AppStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useAppStoreApi(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('StoreProvider is missing');
  return store;
}

/** Reads one slice of state; re-renders only when the selected value changes (Object.is). */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(useAppStoreApi(), selector);
}

const THEMES = { on: makeTheme(true), off: makeTheme(false) };

/** The colour theme, or the plain one when colour is off. */
export function useTheme(): Theme {
  return useAppStore((s) => (s.color ? THEMES.on : THEMES.off));
}
