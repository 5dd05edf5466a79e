import type { BodyCapture } from '../runs.ts';

/**
 * A message body as the exchange formats keep it: JSON as a JSON value (readable and
 * diffable in a recording), other text as text, binary as base64.
 */
export type ExchangeBody = { json: unknown } | { text: string } | { base64: string };

/** True for `application/json` and `+json` media types. */
export function isJsonContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || type.endsWith('+json');
}

/** The body of a recorded message, or undefined when it was empty. JSON stays JSON only when it parses. */
export function bodyFromCapture(capture: BodyCapture | undefined, contentType?: string): ExchangeBody | undefined {
  if (!capture || capture.size === 0) return undefined;
  if (capture.text !== undefined) {
    if (isJsonContentType(contentType ?? capture.contentType)) {
      try {
        return { json: JSON.parse(capture.text) };
      } catch {
        // A body sent as JSON that is not JSON is replayed as the text it was.
      }
    }
    return { text: capture.text };
  }
  return { base64: capture.base64 ?? '' };
}

/** The text (or base64 for binary) to send for a body. */
export function bodyText(body: ExchangeBody | undefined): { text?: string; base64?: string } {
  if (!body) return {};
  if ('json' in body) return { text: JSON.stringify(body.json) };
  if ('text' in body) return { text: body.text };
  return { base64: body.base64 };
}
