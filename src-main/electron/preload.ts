/**
 * The preload of the console window. Sandboxed (Electron checklist #4), so it is bundled
 * whole into one CommonJS file, and it imports nothing but `electron` and the API
 * contract (checked by scripts/check-layers.mjs).
 *
 * It exposes exactly two functions as `window.triggerbench` (checklist #20: no raw
 * ipcRenderer, no generic send): `invoke(channel, request)` for allowlisted request
 * channels and `on(channel, listener) -> unsubscribe` for allowlisted event channels.
 * The main side validates the sender and the payload again; this check only fails fast.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT_PREFIX, IPC_INVOKE, isEventChannel, isRequestChannel, type ApiErrorPayload, type TriggerbenchApi } from '../../src-shared/contract.ts';

type Reply = { ok: true; result: unknown } | { ok: false; error: ApiErrorPayload };

const api: TriggerbenchApi = {
  invoke(channel: unknown, request: unknown) {
    if (!isRequestChannel(channel)) {
      // A plain { code, message } survives the context bridge; an Error's extra fields would not.
      return Promise.reject({ code: 'UnknownChannel', message: `"${String(channel)}" is not an API channel.` } satisfies ApiErrorPayload);
    }
    return ipcRenderer.invoke(IPC_INVOKE, channel, request).then((reply: Reply) => (reply.ok ? reply.result : Promise.reject(reply.error)));
  },
  on(channel: unknown, listener: unknown) {
    if (!isEventChannel(channel)) throw new TypeError(`"${String(channel)}" is not an API event channel.`);
    if (typeof listener !== 'function') throw new TypeError('triggerbench.on needs a listener function.');
    // Only the payload reaches the page, never the IpcRendererEvent (it holds `sender`).
    const relay = (_event: IpcRendererEvent, payload: unknown): void => (listener as (payload: unknown) => void)(payload);
    ipcRenderer.on(IPC_EVENT_PREFIX + channel, relay);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_PREFIX + channel, relay);
    };
  },
} as TriggerbenchApi;

contextBridge.exposeInMainWorld('triggerbench', api);
