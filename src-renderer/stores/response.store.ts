import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConsoleFailure, ConsoleRequest, ConsoleResponse } from '../../src-shared/contract.ts';
import { toUiError, type UiError } from '../lib/api-error.ts';
import { buildCurl } from '../lib/curl.ts';
import type { StoreDeps } from './deps.ts';

/** Where the current call is. */
export type ResponsePhase = 'idle' | 'sending' | 'done' | 'failed';

/** The call in flight or the last one: what was sent and what came back. */
export interface ResponseState {
  phase: ResponsePhase;
  request: ConsoleRequest | null;
  response: ConsoleResponse | null;
  failure: UiError | null;
  /** `Date.now()` when the call started, for the live elapsed time. */
  startedAt: number | null;
  cancelling: boolean;
  /** Sends a request through `console:send` (the main side makes the call, trusting the local CA). */
  run(request: ConsoleRequest): Promise<void>;
  /** Asks the main side to abort the call in flight (`console:cancel`). */
  cancel(): Promise<void>;
  clear(): void;
  /** The last request as a curl command (`--cacert` with the local CA's path). */
  curl(caPath?: string): string | null;
  copyCurl(caPath?: string): Promise<boolean>;
}

function isFailure(result: ConsoleResponse | ConsoleFailure): result is ConsoleFailure {
  return 'error' in result;
}

/** Creates the response store. */
export function createResponseStore(deps: StoreDeps): StoreApi<ResponseState> {
  const { api, clipboard } = deps;
  return createStore<ResponseState>()((set, get) => ({
    phase: 'idle',
    request: null,
    response: null,
    failure: null,
    startedAt: null,
    cancelling: false,
    run: async (request) => {
      set({ phase: 'sending', request, response: null, failure: null, startedAt: Date.now(), cancelling: false });
      let result: ConsoleResponse | ConsoleFailure;
      try {
        result = await api.invoke('console:send', request);
      } catch (error) {
        result = { error: toUiError(error, 'SendFailed') };
      }
      // A newer call replaced this one: its result must not overwrite the newer state.
      if (get().request?.requestId !== request.requestId) return;
      if (isFailure(result)) set({ phase: 'failed', failure: result.error, cancelling: false });
      else set({ phase: 'done', response: result, cancelling: false });
    },
    cancel: async () => {
      const { request, phase } = get();
      if (!request || phase !== 'sending') return;
      set({ cancelling: true });
      try {
        await api.invoke('console:cancel', { requestId: request.requestId });
      } catch (error) {
        set({ cancelling: false, failure: toUiError(error, 'CancelFailed') });
      }
    },
    clear: () => set({ phase: 'idle', request: null, response: null, failure: null, startedAt: null, cancelling: false }),
    curl: (caPath) => {
      const { request } = get();
      return request ? buildCurl(request, caPath) : null;
    },
    copyCurl: async (caPath) => {
      const command = get().curl(caPath);
      if (command === null) return false;
      try {
        await clipboard.writeText(command);
        return true;
      } catch (error) {
        set({ failure: toUiError(error, 'ClipboardFailed') });
        return false;
      }
    },
  }));
}
