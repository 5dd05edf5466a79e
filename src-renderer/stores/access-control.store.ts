import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ResponseOf } from '../../src-shared/contract.ts';
import type { StoreDeps } from './deps.ts';

/** A workflow's access-control.json, read and written through the core (which validates it). */
export interface AccessControlState {
  read(workflow: string): Promise<ResponseOf<'accessControl:read'>>;
  save(workflow: string, document: Record<string, unknown>): Promise<ResponseOf<'accessControl:save'>>;
}

/** Creates the access-control store. */
export function createAccessControlStore(deps: StoreDeps): StoreApi<AccessControlState> {
  return createStore<AccessControlState>()(() => ({
    read: (workflow) => deps.api.invoke('accessControl:read', { workflow }),
    save: (workflow, document) => deps.api.invoke('accessControl:save', { workflow, document }),
  }));
}
