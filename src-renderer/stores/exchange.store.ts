import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CollectionView, SavedEnvironment } from '../../src-shared/collections.ts';
import type { TriggerbenchApi } from '../../src-shared/contract.ts';
import type { ExportResult, ImportReport } from '../../src-shared/exchange/exchange-types.ts';
import { toUiError, type UiError } from '../lib/api-error.ts';

/** What an export dialog exports. */
export type ExportSubject =
  | { kind: 'workflows'; names: string[] }
  | { kind: 'runs'; selectedId: string | null; listedIds: string[]; /** Runs checked in the list (exported by default when any). */ checkedIds?: string[] }
  | { kind: 'collection'; name?: string };

/** The formats of each subject (docs/exchange.md). */
export const EXPORT_FORMATS = {
  workflows: ['standard', 'arm'],
  runs: ['har', 'recording', 'curl', 'ndjson'],
  collection: ['postman'],
} as const;

/** Options the export dialog collects. */
export interface ExportChoice {
  format: string;
  /** Workflows: which ones (empty: all). Runs: which ids. Collection: its name. */
  names?: string[];
  ids?: string[];
  collection?: string;
  environment?: string;
  includeSecrets?: boolean;
}

/** Export and import in the console: the open dialog, the last import's report. */
export interface ExchangeState {
  subject: ExportSubject | null;
  busy: boolean;
  error: UiError | null;
  /** The problems of the last export (shown in the dialog after the files were saved). */
  exported: ExportResult | null;
  report: ImportReport | null;
  /** Saved-request collections and environments, for the collection export (null until loaded). */
  collections: CollectionView[] | null;
  environments: SavedEnvironment[];
  loadCollections(): Promise<void>;
  openExport(subject: ExportSubject): void;
  closeExport(): void;
  /** Runs the export; the dialog saves the files it returns. */
  runExport(choice: ExportChoice): Promise<ExportResult | null>;
  /** Imports files the user chose or dropped into the open workspace. */
  importFiles(files: { name: string; text: string }[]): Promise<ImportReport | null>;
  closeReport(): void;
}

/** Creates the exchange store. */
export function createExchangeStore(api: TriggerbenchApi): StoreApi<ExchangeState> {
  return createStore<ExchangeState>()((set, get) => ({
    subject: null,
    busy: false,
    error: null,
    exported: null,
    report: null,
    collections: null,
    environments: [],
    loadCollections: async () => {
      try {
        const [collections, environments] = await Promise.all([api.invoke('collections:list', {}), api.invoke('environments:list', {})]);
        set({ collections: collections.collections, environments: environments.environments });
      } catch (error) {
        set({ collections: [], environments: [], error: toUiError(error) });
      }
    },
    openExport: (subject) => set({ subject, error: null, exported: null }),
    closeExport: () => set({ subject: null, error: null, exported: null }),
    runExport: async (choice) => {
      const subject = get().subject;
      if (!subject) return null;
      set({ busy: true, error: null, exported: null });
      try {
        let result: ExportResult;
        if (subject.kind === 'workflows') {
          result = await api.invoke('exchange:exportWorkflows', { names: choice.names ?? [], format: choice.format as 'standard' | 'arm' });
        } else if (subject.kind === 'runs') {
          result = await api.invoke('exchange:exportRuns', { ids: choice.ids ?? [], format: choice.format as 'har' | 'recording' | 'curl' | 'ndjson', includeSecrets: choice.includeSecrets === true });
        } else {
          result = await api.invoke('exchange:exportCollection', { name: choice.collection ?? '', ...(choice.environment ? { environment: choice.environment } : {}), includeSecrets: choice.includeSecrets === true });
        }
        set({ busy: false, exported: result });
        return result;
      } catch (error) {
        set({ busy: false, error: toUiError(error) });
        return null;
      }
    },
    importFiles: async (files) => {
      if (files.length === 0) return null;
      set({ busy: true, error: null });
      try {
        const report = await api.invoke('exchange:import', { files });
        set({ busy: false, report });
        return report;
      } catch (error) {
        const failure = toUiError(error);
        // A failure of the whole call (no workspace, a file too large) is reported like a file's problem.
        const report: ImportReport = { files: files.map((f) => ({ file: f.name, imported: [], problems: [{ code: failure.code, severity: 'error', message: failure.message, file: f.name, pointer: '' }] })) };
        set({ busy: false, report });
        return report;
      }
    },
    closeReport: () => set({ report: null }),
  }));
}
