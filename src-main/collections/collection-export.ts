import type { SavedEnvironment } from '../../src-shared/collections.ts';
import { toPostmanCollection, type TargetSignature } from '../../src-shared/exchange/postman.ts';
import type { Problem } from '../../src-shared/problems.ts';
import { CollectionError } from './collection-error.ts';
import { collectionStore } from './collection-store.ts';
import { environmentStore } from './environment-store.ts';

/** Returns a workflow's signed callback URL, or undefined when the workspace cannot call it. */
export type CallbackUrlSigner = (workflow: string, keyType: 'primary' | 'secondary') => string | undefined;

/** The SAS part of a signed callback URL, as the Postman export writes it (sp kept percent-encoded). */
export function signatureOf(callbackUrl: string): TargetSignature {
  const query = callbackUrl.slice(callbackUrl.indexOf('?') + 1);
  const raw = new Map(query.split('&').map((pair) => [decodeURIComponent(pair.split('=')[0]!), pair.slice(pair.indexOf('=') + 1)] as const));
  return { sp: raw.get('sp') ?? '', sv: raw.get('sv') ?? '', sig: raw.get('sig') ?? '', apiVersion: decodeURIComponent(raw.get('api-version') ?? '') };
}

/** Options of exportCollection. */
export interface CollectionExportOptions {
  /** An environment whose variables go along as collection variables. */
  environment?: string;
  includeSecrets?: boolean;
  /** The listener's base URL (the `baseUrl` collection variable). */
  baseUrl: string;
  sign: CallbackUrlSigner;
}

/** Exports one collection of saved requests as a Postman Collection v2.1 file (docs/exchange.md). */
export async function exportCollection(root: string, dataDir: string, name: string, options: CollectionExportOptions): Promise<{ files: { path: string; text: string }[]; problems: Problem[] }> {
  const listing = await collectionStore(root).list();
  const collection = listing.collections.find((c) => c.name.toLowerCase() === name.toLowerCase());
  if (!collection) throw new CollectionError('CollectionNotFound', `No collection '${name}' in ${root}/.triggerbench/collections. Collections there: ${listing.collections.map((c) => c.name).join(', ') || 'none'}.`);
  let environment: SavedEnvironment | undefined;
  if (options.environment) {
    const environments = await environmentStore(root, dataDir).list();
    environment = environments.environments.find((e) => e.name.toLowerCase() === options.environment!.toLowerCase());
    if (!environment) throw new CollectionError('EnvironmentNotFound', `No environment '${options.environment}' in ${root}. Environments there: ${environments.environments.map((e) => e.name).join(', ') || 'none'}.`);
  }
  const { collection: postman, problems } = toPostmanCollection({
    name: collection.name,
    requests: collection.requests.map((r) => r.request),
    baseUrl: options.baseUrl,
    environment,
    includeSecrets: options.includeSecrets,
    sign: (target, keyType) => {
      const url = options.sign(target.workflow, keyType);
      return url ? signatureOf(url) : undefined;
    },
  });
  return { files: [{ path: `${collection.name}.postman_collection.json`, text: `${JSON.stringify(postman, null, 2)}\n` }], problems: [...listing.problems.filter((p) => p.file.includes(`/${collection.name}/`)), ...problems] };
}
