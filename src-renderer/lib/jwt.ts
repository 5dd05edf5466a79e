/** The readable parts of a JWT (no signature check: the listener verifies, this is for display). */
export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

function decodePart(part: string): Record<string, unknown> {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const value = JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
  return value as Record<string, unknown>;
}

/** Decodes a compact JWT's header and claims; undefined when the text is not one. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.trim().split('.');
  if (parts.length !== 3) return undefined;
  try {
    return { header: decodePart(parts[0]!), claims: decodePart(parts[1]!) };
  } catch {
    return undefined;
  }
}
