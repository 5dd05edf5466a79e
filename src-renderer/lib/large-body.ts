/**
 * Above this many characters the composer edits a body in a plain text area and checks
 * it (JSON syntax, the trigger's schema) only when typing pauses: CodeMirror's
 * highlighting and a parse per keystroke made each key take ~300 ms on a 5 MB body
 * (docs/console.md, big bodies).
 */
export const LARGE_BODY_CHARS = 512 * 1024;

/** Pause in typing after which a large body is checked. */
export const LARGE_BODY_CHECK_DELAY_MS = 400;
