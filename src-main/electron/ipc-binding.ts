import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { EVENT_CHANNELS, IPC_EVENT_PREFIX, IPC_INVOKE } from '../../src-shared/contract.ts';
import { toApiErrorPayload } from '../console-requests/api-error.ts';
import type { Dispatch } from '../console-requests/dispatcher.ts';
import type { WorkbenchApi } from '../core/workbench-api.ts';
import { FORBIDDEN_SENDER, isTrustedSender } from './ipc-guard.ts';

function senderFacts(event: IpcMainInvokeEvent): { webContentsId: number; frameUrl: string | undefined; isMainFrame: boolean } {
  const frame = event.senderFrame;
  return { webContentsId: event.sender.id, frameUrl: frame?.url, isMainFrame: frame !== null && frame === event.sender.mainFrame };
}

/**
 * Binds the API to IPC: one `handle` for every call, which checks the sender frame
 * (checklist #17) before the dispatcher checks the channel and payload, and replies
 * `{ ok, result }` or `{ ok: false, error: { code, message } }` (never a stack).
 * Forwards the workbench's events to the main window. Returns the unbinding function.
 */
export function bindIpc(dispatch: Dispatch, workbench: WorkbenchApi, mainContents: () => WebContents | undefined): () => void {
  ipcMain.handle(IPC_INVOKE, async (event, channel: unknown, payload: unknown) => {
    if (!isTrustedSender(senderFacts(event), mainContents()?.id)) return { ok: false, error: { ...FORBIDDEN_SENDER } };
    try {
      return { ok: true, result: await dispatch(channel, payload) };
    } catch (error) {
      const payloadError = toApiErrorPayload(error);
      if (payloadError.code === 'InternalError') console.error(`triggerbench: ${String(channel)} failed:`, error);
      return { ok: false, error: payloadError };
    }
  });
  const forwards = EVENT_CHANNELS.map((channel) => {
    const forward = (payload: unknown): void => {
      const contents = mainContents();
      if (contents && !contents.isDestroyed()) contents.send(IPC_EVENT_PREFIX + channel, payload);
    };
    (workbench.events as unknown as NodeJS.EventEmitter).on(channel, forward);
    return () => (workbench.events as unknown as NodeJS.EventEmitter).off(channel, forward);
  });
  return () => {
    ipcMain.removeHandler(IPC_INVOKE);
    for (const off of forwards) off();
  };
}
