import { createStore, type StoreApi } from 'zustand/vanilla';
import type { KeyType, RuntimeLimits, Settings } from '../../src-shared/contract.ts';
import { runtimeLimitProblem } from '../../src-shared/runtime-limits.ts';
import { toUiError, type UiError } from '../lib/api-error.ts';
import type { AppState } from './app.store.ts';
import type { StoreDeps } from './deps.ts';

/** A trusted JWKS as the settings list shows it. */
export interface TrustedJwks {
  name: string;
  kids: string[];
  addedAt: string;
}

/** The settings sections; each shows its own error where it happened. */
export type SettingsSection = 'listener' | 'timeout' | 'retention' | 'limits' | 'ca' | 'keys' | 'jwks';

/** Settings, keys, CA and trusted JWKS. The settings themselves live in AppInfo (app store). */
export interface SettingsState {
  jwks: TrustedJwks[];
  caPem: string | null;
  busy: Partial<Record<SettingsSection, boolean>>;
  errors: Partial<Record<SettingsSection, UiError>>;
  /** The last key regenerated (so the page can say "URLs signed with it no longer work"). */
  regenerated: KeyType | null;
  /** Set once the CA was regenerated in this session: the page reminds to trust the new one. */
  caRegenerated: boolean;
  load(): Promise<void>;
  /** `allowRemote`: the user confirmed listening beyond this machine (required for a host that is not loopback). */
  updateListener(host: string, port: number, allowRemote?: boolean): Promise<boolean>;
  setTimeoutSeconds(seconds: number): Promise<boolean>;
  setRetention(maxRuns: number, maxAgeDays: number | undefined): Promise<boolean>;
  /** Sets the global limits (docs/runtime.md, Limits); each value is checked against its bounds first. */
  setLimits(limits: RuntimeLimits): Promise<boolean>;
  regenerateKey(which: KeyType): Promise<boolean>;
  loadCaPem(): Promise<string | null>;
  /** Replaces the local CA with a new name-constrained one (clients must trust it again). */
  regenerateCa(): Promise<boolean>;
  copyCaPem(): Promise<boolean>;
  addJwks(name: string, text: string): Promise<boolean>;
  removeJwks(name: string): Promise<boolean>;
}

/** Creates the settings store. */
export function createSettingsStore(deps: StoreDeps, app: StoreApi<AppState>): StoreApi<SettingsState> {
  const { api, clipboard } = deps;
  return createStore<SettingsState>()((set, get) => {
    /** Runs one section's call with its busy flag and its own error slot. */
    async function guarded<T>(section: SettingsSection, work: () => Promise<T>): Promise<T | undefined> {
      set({ busy: { ...get().busy, [section]: true }, errors: { ...get().errors, [section]: undefined } });
      try {
        const result = await work();
        set({ busy: { ...get().busy, [section]: false } });
        return result;
      } catch (error) {
        set({ busy: { ...get().busy, [section]: false }, errors: { ...get().errors, [section]: toUiError(error) } });
        return undefined;
      }
    }

    async function update(section: SettingsSection, patch: Partial<Settings>): Promise<boolean> {
      const info = await guarded(section, () => api.invoke('settings:update', patch));
      if (!info) return false;
      app.getState().setInfo(info);
      return true;
    }

    return {
      jwks: [],
      caPem: null,
      busy: {},
      errors: {},
      regenerated: null,
      caRegenerated: false,
      load: async () => {
        const list = await guarded('jwks', () => api.invoke('jwks:list', {}));
        if (list) set({ jwks: list });
      },
      updateListener: (host, port, allowRemote) => {
        if (host.trim() === '') {
          set({ errors: { ...get().errors, listener: { code: 'InvalidHost', message: 'Enter a host, such as 127.0.0.1.' } } });
          return Promise.resolve(false);
        }
        if (!Number.isInteger(port) || port < 0 || port > 65535) {
          set({ errors: { ...get().errors, listener: { code: 'InvalidPort', message: 'The port must be a whole number from 0 to 65535 (0 picks a free port).' } } });
          return Promise.resolve(false);
        }
        return update('listener', { host: host.trim(), port, ...(allowRemote ? { allowRemote: true } : {}) });
      },
      setTimeoutSeconds: (seconds) => {
        if (!Number.isInteger(seconds) || seconds < 1 || seconds > 3600) {
          set({ errors: { ...get().errors, timeout: { code: 'InvalidTimeout', message: 'The timeout must be a whole number of seconds from 1 to 3600.' } } });
          return Promise.resolve(false);
        }
        return update('timeout', { timeoutSeconds: seconds });
      },
      setRetention: (maxRuns, maxAgeDays) => {
        if (!Number.isInteger(maxRuns) || maxRuns < 1) {
          set({ errors: { ...get().errors, retention: { code: 'InvalidRetention', message: 'Keep at least 1 run (a whole number).' } } });
          return Promise.resolve(false);
        }
        if (maxAgeDays !== undefined && (!Number.isInteger(maxAgeDays) || maxAgeDays < 1)) {
          set({ errors: { ...get().errors, retention: { code: 'InvalidRetention', message: 'The age limit is a whole number of days, at least 1 (or empty for none).' } } });
          return Promise.resolve(false);
        }
        return update('retention', { retention: { maxRuns, ...(maxAgeDays !== undefined ? { maxAgeDays } : {}) } });
      },
      setLimits: (limits) => {
        for (const name of Object.keys(limits) as (keyof RuntimeLimits)[]) {
          const problem = runtimeLimitProblem(name, limits[name]);
          if (problem) {
            set({ errors: { ...get().errors, limits: { code: 'InvalidLimits', message: problem } } });
            return Promise.resolve(false);
          }
        }
        return update('limits', { limits });
      },
      regenerateKey: async (which) => {
        const result = await guarded('keys', () => api.invoke('keys:regenerate', { which }));
        if (!result) return false;
        set({ regenerated: result.regenerated });
        return true;
      },
      regenerateCa: async () => {
        const info = await guarded('ca', () => api.invoke('tls:regenerateCa', {}));
        if (!info) return false;
        app.getState().setInfo(info);
        // The PEM held for Copy/Download is the old CA's.
        set({ caPem: null, caRegenerated: true });
        return true;
      },
      loadCaPem: async () => {
        const result = await guarded('ca', () => api.invoke('tls:caPem', {}));
        if (!result) return null;
        set({ caPem: result.pem });
        return result.pem;
      },
      copyCaPem: async () => {
        const pem = get().caPem ?? (await get().loadCaPem());
        if (pem === null) return false;
        const done = await guarded('ca', async () => {
          await clipboard.writeText(pem);
          return true;
        });
        return done === true;
      },
      addJwks: async (name, text) => {
        if (name.trim() === '') {
          set({ errors: { ...get().errors, jwks: { code: 'InvalidName', message: 'Give the key set a name (for example the issuer it belongs to).' } } });
          return false;
        }
        const list = await guarded('jwks', () => api.invoke('jwks:add', { name: name.trim(), text }));
        if (!list) return false;
        set({ jwks: list });
        return true;
      },
      removeJwks: async (name) => {
        const list = await guarded('jwks', () => api.invoke('jwks:remove', { name }));
        if (!list) return false;
        set({ jwks: list });
        return true;
      },
    };
  });
}
