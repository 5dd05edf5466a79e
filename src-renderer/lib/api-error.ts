/** An error as the console shows it: a stable code and a plain-words message. */
export interface UiError {
  code: string;
  message: string;
}

function isErrorLike(value: unknown): value is { code?: unknown; message?: unknown } {
  return typeof value === 'object' && value !== null;
}

/**
 * Normalises whatever a failed `invoke` rejected with into `{ code, message }`. The
 * preload and the web client reject with `{ code, message }` (or an Error carrying
 * them); Electron prefixes remote messages with "Error invoking remote method", which
 * a user should not have to read, so it is cut off.
 */
export function toUiError(error: unknown, fallbackCode = 'UnexpectedError'): UiError {
  if (isErrorLike(error)) {
    const code = typeof error.code === 'string' && error.code ? error.code : fallbackCode;
    let message = typeof error.message === 'string' ? error.message : '';
    message = message.replace(/^Error invoking remote method '[^']+': (Error: )?/, '');
    // A message that is itself a serialized `{code, message}` (some IPC bridges do this).
    if (message.startsWith('{')) {
      try {
        const parsed = JSON.parse(message) as unknown;
        if (isErrorLike(parsed) && typeof parsed.message === 'string') {
          return { code: typeof parsed.code === 'string' ? parsed.code : code, message: parsed.message };
        }
      } catch {
        // Not JSON after all: show the message as it is.
      }
    }
    return { code, message: message || 'Something went wrong, and the error carried no message.' };
  }
  if (typeof error === 'string') return { code: fallbackCode, message: error };
  return { code: fallbackCode, message: 'Something went wrong, and the error carried no message.' };
}
