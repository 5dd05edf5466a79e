import type { TriggerbenchApi } from '../../src-shared/contract.ts';

/** The clipboard as the stores use it (navigator.clipboard in the app, a fake in tests). */
export interface ClipboardLike {
  writeText(text: string): Promise<void>;
}

/** What every store may depend on: injected so unit tests can pass fakes. */
export interface StoreDeps {
  api: TriggerbenchApi;
  clipboard: ClipboardLike;
}
