/**
 * Callback URL shapes (docs/logic-apps-behaviour.md §3):
 * Standard     `/api/<workflow>/triggers/<trigger>/invoke[/<relative path>]`
 * Consumption  `/workflows/<workflow>/triggers/<trigger>/paths/invoke[/<relative path>]`
 * (Consumption's `<id>` is the workflow's name here: a local workflow has no ARM id.)
 */

/** A parsed trigger route. */
export interface TriggerRoute {
  shape: 'standard' | 'consumption';
  workflow: string;
  trigger: string;
  /** The path after `/invoke`, without its leading slash, still percent-encoded ('' when none). */
  relativePath: string;
}

const STANDARD = /^\/api\/([^/]+)\/triggers\/([^/]+)\/invoke(?:\/(.*))?$/i;
const CONSUMPTION = /^\/workflows\/([^/]+)\/triggers\/([^/]+)\/paths\/invoke(?:\/(.*))?$/i;

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** Matches a request path (no query) to a trigger route, or returns undefined. */
export function matchTriggerRoute(pathname: string): TriggerRoute | undefined {
  for (const [shape, pattern] of [['standard', STANDARD], ['consumption', CONSUMPTION]] as const) {
    const match = pattern.exec(pathname);
    if (!match) continue;
    const workflow = decode(match[1]!);
    const trigger = decode(match[2]!);
    if (workflow === undefined || trigger === undefined) return undefined;
    return { shape, workflow, trigger, relativePath: match[3] ?? '' };
  }
  return undefined;
}

/** The callback URL's path for a workflow's trigger, Standard shape. */
export function standardTriggerPath(workflow: string, trigger: string): string {
  return `/api/${encodeURIComponent(workflow)}/triggers/${encodeURIComponent(trigger)}/invoke`;
}

/** The `api-version` each URL shape carries. */
export const API_VERSIONS = { standard: '2022-05-01', consumption: '2016-10-01' } as const;
