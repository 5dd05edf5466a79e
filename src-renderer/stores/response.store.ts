import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConsoleFailure, ConsoleRequest, ConsoleResponse, TriggerbenchApi } from '../../src-shared/contract.ts';
import { toUiError, type UiError } from '../lib/api-error.ts';

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
}

function isFailure(result: ConsoleResponse | ConsoleFailure): result is ConsoleFailure {
  return 'error' in result;
}

/** Creates the response store. */
export function createResponseStore(api: TriggerbenchApi): StoreApi<ResponseState> {
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
  }));
}
