import { addTrustedJwks, listTrustedJwks, removeTrustedJwks } from '../auth/trusted-jwks.ts';
import type { TokenVerifier } from '../auth/token-verifier.ts';

/** A trusted JWKS as the console lists it: its name, its key ids and when it was added. */
export interface TrustedJwksEntry {
  name: string;
  kids: string[];
  addedAt: string;
}

/**
 * The JWKS trusted for Bearer calls besides the local issuer's (docs/auth.md): each change
 * is saved in the data folder and reloaded into the verifier the listener uses at once.
 */
export class TrustedJwksAdmin {
  private readonly dataDir: string;
  private readonly verifier: TokenVerifier;

  constructor(dataDir: string, verifier: TokenVerifier) {
    this.dataDir = dataDir;
    this.verifier = verifier;
  }

  /** The trusted sets, as saved. */
  async list(): Promise<TrustedJwksEntry[]> {
    return (await listTrustedJwks(this.dataDir)).map((entry) => ({ name: entry.name, kids: entry.jwks.keys.map((k) => String(k.kid ?? '')), addedAt: entry.addedAt }));
  }

  /** Trusts the JWKS `text` under `name`; returns the new list. */
  async add(name: string, text: string): Promise<TrustedJwksEntry[]> {
    await addTrustedJwks(this.dataDir, name, text);
    await this.verifier.reload();
    return this.list();
  }

  /** Stops trusting `name`; returns the new list. */
  async remove(name: string): Promise<TrustedJwksEntry[]> {
    await removeTrustedJwks(this.dataDir, name);
    await this.verifier.reload();
    return this.list();
  }
}
