import { base64ToBytes, bytesToBase64, utf8Decode, utf8Encode } from '../base64.ts';
import { isContentEnvelope } from '../content.ts';
import type { FunctionCall, FunctionSpec } from '../registry.ts';
import { toText } from '../values.ts';
import { quote, stringArg } from './args.ts';

/** Percent-encodes like .NET's Uri.EscapeDataString: everything but A-Z a-z 0-9 - _ . ~. */
function escapeDataString(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function decodeBase64Text(args: unknown[], call: FunctionCall): string {
  const text = stringArg(args, 0, call);
  const bytes = base64ToBytes(text);
  if (!bytes) return call.fail('InvalidConversion', `${call.prefix} was given '${quote(text)}', which is not valid base64.`, 0);
  return utf8Decode(bytes);
}

function decodeUri(args: unknown[], call: FunctionCall): string {
  const text = stringArg(args, 0, call);
  try {
    return decodeURIComponent(text);
  } catch {
    return call.fail('InvalidConversion', `${call.prefix} was given '${quote(text)}', which has a '%' escape that is not valid.`, 0);
  }
}

function encodeUri(args: unknown[]): string {
  return escapeDataString(toText(args[0]));
}

/** Encoding functions from Microsoft's "Conversion functions" table (base64 and URI components). */
export const encodingFunctions: readonly FunctionSpec[] = [
  {
    name: 'base64',
    minArgs: 1,
    maxArgs: 1,
    signature: 'base64(value)',
    // A binary body already is base64: its $content is returned as is.
    fn: (args) => (isContentEnvelope(args[0]) ? args[0].$content : bytesToBase64(utf8Encode(toText(args[0])))),
  },
  { name: 'base64ToString', minArgs: 1, maxArgs: 1, signature: 'base64ToString(base64Text)', fn: decodeBase64Text },
  { name: 'decodeBase64', minArgs: 1, maxArgs: 1, signature: 'decodeBase64(base64Text)', fn: decodeBase64Text },
  { name: 'encodeUriComponent', minArgs: 1, maxArgs: 1, signature: 'encodeUriComponent(value)', fn: encodeUri },
  { name: 'uriComponent', minArgs: 1, maxArgs: 1, signature: 'uriComponent(value)', fn: encodeUri },
  { name: 'decodeUriComponent', minArgs: 1, maxArgs: 1, signature: 'decodeUriComponent(text)', fn: decodeUri },
  { name: 'uriComponentToString', minArgs: 1, maxArgs: 1, signature: 'uriComponentToString(text)', fn: decodeUri },
];
