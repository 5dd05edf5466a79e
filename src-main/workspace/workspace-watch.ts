import { watch, type FSWatcher } from 'node:fs';
import { resolve, sep } from 'node:path';
import type { WorkspaceSnapshot } from '../../src-shared/workflow/workspace-snapshot.ts';
import { createWorkspaceLoader } from './workspace-loader.ts';
import { WorkspaceError } from './workspace-error.ts';
import { isIgnoredFolder } from '../../src-shared/workflow/workflow-name.ts';
import type { WorkspaceOptions } from './workspace-options.ts';
import { LOCAL_SETTINGS_FILE, PARAMETERS_FILE } from './workspace-project.ts';
import { ACCESS_CONTROL_FILE, WORKFLOW_FILE } from './workspace-workflow.ts';

/** A running watch; `close` stops it and waits for a reload in progress. */
export interface WorkspaceWatcher {
  close(): Promise<void>;
}

/** Quiet time after the last file event before reloading: editors save in bursts. */
const DEBOUNCE_MS = 100;
/** A reload happens at least this often while events keep coming. */
const MAX_WAIT_MS = 1000;
/**
 * A light rescan (stats only; unchanged files are not re-read) this often, whatever the
 * events say: file watching can miss changes. Linux's recursive watch adds a new folder's
 * watch only after its creation event, so a file written into it at once can go
 * unreported, and changes made through a hard link or a bind mount never are.
 */
const RESCAN_MS = 2000;

/** Test seams: how often the safety rescan runs. */
export interface WatchTiming {
  rescanMs?: number;
}

/** True for a path (relative to the root) whose change can alter the snapshot. */
function isRelevant(relative: string): boolean {
  const parts = relative.split(/[\\/]/).filter(Boolean);
  if (parts.length === 0) return true;
  if (isIgnoredFolder(parts[0]!)) return false;
  if (parts.length === 1) return true; // a project file, or a workflow folder added, removed or renamed
  if (parts.length === 2) return parts[1] === WORKFLOW_FILE || parts[1] === ACCESS_CONTROL_FILE;
  return false;
}

function failureSnapshot(root: string, code: string, message: string): WorkspaceSnapshot {
  return { root, workflows: [], parameters: {}, appSettings: {}, problems: [{ code, severity: 'error', file: '', pointer: '', message }] };
}

/**
 * Watches a workspace and calls `onChange` with a fresh snapshot: once at start, then
 * after each burst of relevant changes (debounced ~100 ms; edits, new and deleted
 * workflows, parameters.json, local.settings.json, access-control.json). Reloads re-read
 * only changed files. Editors that save by writing a temp file and renaming it produce a
 * rename event for workflow.json, which is enough: the reload compares file stats, not
 * event kinds. A rescan every two seconds catches what the events missed; it reports only
 * real changes. A failure (the folder was deleted) is reported as a snapshot whose
 * project problems say what happened.
 */
export function watchWorkspace(rootPath: string, options: WorkspaceOptions, onChange: (snapshot: WorkspaceSnapshot) => void, timing: WatchTiming = {}): WorkspaceWatcher {
  const root = resolve(rootPath);
  const loader = createWorkspaceLoader(root, options);
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let firstPendingAt: number | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let first = true;

  /** The failure last reported, so the rescan does not report the same one again. */
  let lastFailure: string | undefined;

  const reload = async (): Promise<void> => {
    try {
      const { snapshot, changed } = await loader.load();
      if (!closed && (changed || first || lastFailure !== undefined)) onChange(snapshot);
      lastFailure = undefined;
    } catch (error) {
      if (closed) return;
      const code = error instanceof WorkspaceError ? error.code : 'WorkspaceLoadFailed';
      const message = (error as Error).message;
      if (lastFailure !== `${code}: ${message}`) onChange(failureSnapshot(root, code, message));
      lastFailure = `${code}: ${message}`;
    }
    first = false;
  };

  const run = (): void => {
    timer = undefined;
    firstPendingAt = undefined;
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = reload().finally(() => {
      running = undefined;
      if (again && !closed) {
        again = false;
        run();
      }
    });
  };

  const schedule = (): void => {
    if (closed) return;
    const now = Date.now();
    firstPendingAt ??= now;
    if (timer) clearTimeout(timer);
    const wait = Math.max(0, Math.min(DEBOUNCE_MS, firstPendingAt + MAX_WAIT_MS - now));
    timer = setTimeout(run, wait);
  };

  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(root, { recursive: true }, (_event, filename) => {
      if (filename === null || isRelevant(String(filename).split(sep).join('/'))) schedule();
    });
    watcher.on('error', (error) => {
      if (closed) return;
      onChange(failureSnapshot(root, 'WorkspaceWatchFailed', `Watching ${root} stopped (${error.message}); changes on disk are no longer picked up. Restart Triggerbench.`));
    });
  } catch (error) {
    // The first load below reports a missing folder with its own code; anything else is said here.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') queueMicrotask(() => onChange(failureSnapshot(root, 'WorkspaceWatchFailed', `Cannot watch ${root} (${code ?? (error as Error).message}); changes on disk will not be picked up.`)));
  }
  run();
  const rescan = setInterval(() => {
    if (!timer && !running) run();
  }, timing.rescanMs ?? RESCAN_MS);
  rescan.unref();

  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      clearInterval(rescan);
      watcher?.close();
      await running;
    },
  };
}
