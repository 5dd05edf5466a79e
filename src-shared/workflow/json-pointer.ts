/** Builds an RFC 6901 JSON pointer from path segments (`~` → `~0`, `/` → `~1`). */
export function toPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** Appends segments to an existing JSON pointer. */
export function childPointer(pointer: string, ...segments: (string | number)[]): string {
  return pointer + toPointer(segments);
}

/** Splits an RFC 6901 JSON pointer into its unescaped segments ('' → []). */
export function fromPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}
