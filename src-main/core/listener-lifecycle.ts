import type { ListenerStatus, Settings } from '../../src-shared/contract.ts';
import type { LocalIssuer } from '../auth/local-issuer.ts';
import type { RunningListener } from '../listener/server.ts';
import type { TriggerHost } from '../listener/trigger-host.ts';
import type { TlsMaterial } from '../tls/certificate-authority.ts';
import { listenerStatusOf, startTriggerListener } from './listener-start.ts';

/** What the listener is started with, read again at each (re)start. */
export interface ListenerInputs {
  settings: () => Settings;
  tls: () => TlsMaterial;
  triggers: () => TriggerHost;
  issuer: LocalIssuer;
}

/**
 * The trigger listener of one workbench: started, restarted on a new address or new
 * certificates, stopped; and its status, including why it could not start.
 */
export class ListenerLifecycle {
  private listener?: RunningListener;
  private error?: { code: string; message: string };
  /** start() was called once: settings changes then restart the listener. */
  started = false;

  private readonly inputs: ListenerInputs;

  constructor(inputs: ListenerInputs) {
    this.inputs = inputs;
  }

  /** True while a listener is up. */
  get running(): boolean {
    return this.listener !== undefined;
  }

  /** True when the last start failed (a port in use, a remote address not confirmed). */
  get failed(): boolean {
    return this.error !== undefined;
  }

  /** Closes the listener that runs, if any, and starts one; a listen failure is kept in the status. */
  async restart(): Promise<ListenerStatus> {
    this.started = true;
    await this.listener?.close();
    this.listener = undefined;
    this.error = undefined;
    const started = await startTriggerListener({ settings: this.inputs.settings(), tls: this.inputs.tls(), triggers: this.inputs.triggers(), issuer: this.inputs.issuer });
    this.listener = started.listener;
    this.error = started.error;
    return this.status();
  }

  /** The status the console and the CLI show. */
  status(): ListenerStatus {
    return listenerStatusOf(this.inputs.settings(), this.listener, this.error);
  }

  /** The base URL callback URLs use (the running listener's, else the configured one). */
  baseUrl(): string {
    return this.listener?.baseUrl ?? this.status().baseUrl;
  }

  /** Stops the listener, dropping its connections. */
  async close(): Promise<void> {
    await this.listener?.close();
    this.listener = undefined;
  }
}
