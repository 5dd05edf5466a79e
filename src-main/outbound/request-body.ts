import type { ConsoleFailure, ConsoleRequest } from '../../src-shared/contract.ts';
import { consoleFailure } from './outbound-errors.ts';

/** The bytes a console body becomes, and the Content-Type it implies when the user set none. */
export interface EncodedBody {
  bytes?: Buffer;
  contentType?: string;
}

// Standard or URL-safe alphabet, padding optional, whitespace tolerated (pasted base64 wraps).
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/**
 * Encodes the composer's body: text as UTF-8, form fields url-encoded
 * (`application/x-www-form-urlencoded`, WHATWG rules, as browsers submit forms), a file
 * from its base64. Bad base64 is a clear failure rather than silently dropped bytes.
 */
export function encodeConsoleBody(body: ConsoleRequest['body']): EncodedBody | ConsoleFailure {
  switch (body.kind) {
    case 'none':
      return {};
    case 'text':
      return { bytes: Buffer.from(body.text, 'utf8') };
    case 'form':
      return { bytes: Buffer.from(new URLSearchParams(body.fields).toString(), 'utf8'), contentType: 'application/x-www-form-urlencoded' };
    case 'file': {
      const compact = body.base64.replace(/\s+/g, '');
      if (!BASE64.test(compact)) {
        return consoleFailure('InvalidBody', `The file body "${body.name}" is not valid base64. Pick the file again.`);
      }
      return { bytes: Buffer.from(compact, compact.includes('-') || compact.includes('_') ? 'base64url' : 'base64'), contentType: body.contentType || 'application/octet-stream' };
    }
  }
}
