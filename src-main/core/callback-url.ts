import type { KeyType } from '../../src-shared/contract.ts';
import { API_VERSIONS, standardTriggerPath } from '../../src-shared/workflow/routes.ts';
import type { AccessKeys } from '../auth/access-keys.ts';
import { sasQuery } from '../auth/sas.ts';

/** A Standard-shape callback URL (docs/auth.md, "SAS") signed with one access key. */
export function buildCallbackUrl(baseUrl: string, workflow: string, trigger: string, keys: AccessKeys, keyType: KeyType, notAfter?: Date): string {
  const query = new URLSearchParams({ 'api-version': API_VERSIONS.standard });
  for (const [key, value] of sasQuery({ workflow, trigger, keys, keyType, notAfter })) query.append(key, value);
  return `${baseUrl}${standardTriggerPath(workflow, trigger)}?${query.toString()}`;
}
