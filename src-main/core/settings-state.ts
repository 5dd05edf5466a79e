import type { Settings } from '../../src-shared/contract.ts';
import { isLoopbackHost } from '../../src-shared/loopback.ts';
import { checkSettings, saveSettings } from './settings.ts';
import { WorkbenchError } from './workbench-error.ts';

/** The start options that override the saved settings for this start only (`serve --port`...). */
export interface SettingsOverrides {
  host?: string;
  port?: number;
  timeoutSeconds?: number;
  allowRemote?: boolean;
}

/**
 * The settings in force: the saved ones (`settings.json`), with this start's explicit
 * options on top until the user changes the same setting.
 */
export class SettingsState {
  private saved: Settings;
  private readonly overrides: Partial<Settings> = {};
  private readonly dataDir: string;

  constructor(dataDir: string, saved: Settings, options: SettingsOverrides) {
    this.dataDir = dataDir;
    this.saved = saved;
    if (options.host !== undefined) this.overrides.host = options.host;
    if (options.port !== undefined) this.overrides.port = options.port;
    if (options.timeoutSeconds !== undefined) this.overrides.timeoutSeconds = options.timeoutSeconds;
    if (options.allowRemote !== undefined) this.overrides.allowRemote = options.allowRemote;
  }

  /** The settings in force now. */
  effective(): Settings {
    return { ...this.saved, ...this.overrides };
  }

  /**
   * Checks and saves a change; returns the saved settings. Listening beyond loopback
   * needs the explicit `allowRemote` (docs/hosts.md), which is cleared back on loopback.
   */
  async update(patch: Partial<Settings>): Promise<Settings> {
    checkSettings(patch, 'settings');
    const nextHost = patch.host ?? this.effective().host;
    if (!isLoopbackHost(nextHost) && patch.allowRemote !== true && !(patch.host === undefined && this.effective().allowRemote === true)) {
      throw new WorkbenchError('RemoteBindingNeedsConfirmation', `Listening on ${nextHost} would accept calls from other machines on your network. Confirm it (allowRemote: true, the confirmation in Settings), or use 127.0.0.1 to stay on this machine.`);
    }
    this.saved = { ...this.saved, ...patch, retention: { ...this.saved.retention, ...patch.retention } };
    // The choice goes with the address it was made for: back on loopback, it is cleared.
    if (isLoopbackHost(this.saved.host)) delete this.saved.allowRemote;
    if (patch.limits) this.saved.limits = { ...this.saved.limits, ...patch.limits };
    for (const key of Object.keys(patch) as (keyof Settings)[]) delete this.overrides[key];
    await saveSettings(this.dataDir, this.saved);
    return this.saved;
  }
}
