import { isAppUrl } from './app-origin.ts';

/** What the IPC binding knows about the frame that sent a call. */
export interface SenderFacts {
  /** `event.sender.id`. */
  webContentsId: number;
  /** `event.senderFrame?.url` (undefined when the frame is gone). */
  frameUrl: string | undefined;
  /** True when the sender frame is its window's top frame (`senderFrame === sender.mainFrame`). */
  isMainFrame: boolean;
}

/**
 * Electron checklist #17 (validate the sender of all IPC messages): a call is accepted
 * only from the top frame of the main window, showing a page of the app:// origin.
 * Anything else (a subframe, another window, a page that navigated away) is refused.
 */
export function isTrustedSender(sender: SenderFacts, mainWebContentsId: number | undefined): boolean {
  if (mainWebContentsId === undefined || sender.webContentsId !== mainWebContentsId) return false;
  if (!sender.isMainFrame || !sender.frameUrl) return false;
  return isAppUrl(sender.frameUrl);
}

/** The refusal returned to a sender that failed the check (it never reaches the dispatcher). */
export const FORBIDDEN_SENDER = {
  code: 'ForbiddenSender',
  message: 'Refused: API calls are accepted only from the Triggerbench console page.',
} as const;
