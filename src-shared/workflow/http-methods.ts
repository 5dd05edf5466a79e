/**
 * Methods a Request trigger's `method` may name. The designer offers GET, PUT, POST,
 * PATCH and DELETE; HEAD and OPTIONS are accepted too because a hand-written file may
 * use them and Node's HTTP server can receive them.
 */
export const REQUEST_TRIGGER_METHODS: readonly string[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** Upper-case form of a valid trigger method, or undefined when it is not one. */
export function normalizeMethod(method: string): string | undefined {
  const upper = method.trim().toUpperCase();
  return REQUEST_TRIGGER_METHODS.includes(upper) ? upper : undefined;
}
