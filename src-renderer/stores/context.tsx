import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { Stores } from './stores.ts';

const StoresContext = createContext<Stores | null>(null);

/** Provides the console's stores to the component tree. */
export function StoresProvider({ stores, children }: { stores: Stores; children: ReactNode }) {
  return <StoresContext.Provider value={stores}>{children}</StoresContext.Provider>;
}

/** The console's stores (throws outside `StoresProvider`, which is a programming error). */
export function useStores(): Stores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('useStores() is used outside <StoresProvider>.');
  return stores;
}

/** Selects a slice of one store and re-renders when it changes. */
export function useSlice<S, T>(store: StoreApi<S>, selector: (state: S) => T): T {
  return useStore(store, selector);
}
