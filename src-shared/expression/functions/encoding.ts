import { base64ToBytes, bytesToBase64, utf8Decode, utf8Encode } from '../base64.ts';
import { isContentEnvelope } from '../content.ts';
import type { ContentEnvelope } from '../content.ts';
import type { FunctionCall, FunctionSpec } from '../registry.ts';
import { toText } from '../values.ts';
import { quote, stringArg } from './args.ts';

/** Percent-encodes like .NET's Uri.EscapeDataString: everything but A-Z a-z 0-9 - _ . ~. */
function escapeDataString(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function decodeBase64Text(args: unknown[], call: FunctionCall): string {
  // A binary value already holds base64: its text is what base64ToString() reads.
  if (isContentEnvelope(args[0])) return toText(args[0]);
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

/** A binary value the way Azure holds one: base64 content with its media type. */
function binaryValue(bytes: Uint8Array, type = 'application/octet-stream'): ContentEnvelope {
  return { '$content-type': type, $content: bytesToBase64(bytes) };
}

/** The bytes of any value: a binary value's content, else the UTF-8 of its text. */
function bytesOf(value: unknown): Uint8Array {
  if (isContentEnvelope(value)) return base64ToBytes(value.$content) ?? utf8Encode(value.$content);
  return utf8Encode(toText(value));
}

/** Reads `data:[<media type>][;base64],<data>` (RFC 2397) into its media type and bytes. */
function parseDataUri(args: unknown[], call: FunctionCall): { type: string; bytes: Uint8Array } {
  const text = isContentEnvelope(args[0]) ? toText(args[0]) : stringArg(args, 0, call);
  const match = /^data:([^,]*?)(;base64)?,(.*)$/is.exec(text.trim());
  const notDataUri = (why: string): never =>
    call.fail('InvalidArgument', `${call.prefix} expects a data URI such as 'data:text/plain;charset=utf-8;base64,aGVsbG8=', but '${quote(text)}' ${why}.`, 0);
  if (!match) return notDataUri("does not start with 'data:' or has no ','");
  const [, type = '', base64Flag, data = ''] = match;
  let bytes: Uint8Array | undefined;
  if (base64Flag) {
    bytes = base64ToBytes(data);
  } else {
    try {
      bytes = utf8Encode(decodeURIComponent(data));
    } catch {
      bytes = undefined;
    }
  }
  if (!bytes) return notDataUri(base64Flag ? 'has data that is not valid base64' : "has a '%' escape that is not valid");
  // RFC 2397: no media type means text/plain;charset=US-ASCII.
  return { type: type === '' ? 'text/plain;charset=US-ASCII' : type.startsWith(';') ? `text/plain${type}` : type, bytes };
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
  {
    name: 'uriComponentToBinary',
    minArgs: 1,
    maxArgs: 1,
    signature: 'uriComponentToBinary(text)',
    fn: (args, call) => binaryValue(utf8Encode(decodeUri(args, call))),
  },
  {
    name: 'binary',
    minArgs: 1,
    maxArgs: 1,
    signature: 'binary(value)',
    // A binary value keeps its bytes and becomes application/octet-stream (binary(xml(...))
    // too, as on Azure); anything else becomes the bytes of its text.
    fn: (args) => (isContentEnvelope(args[0]) ? { '$content-type': 'application/octet-stream', $content: args[0].$content } : binaryValue(bytesOf(args[0]))),
  },
  {
    name: 'base64ToBinary',
    minArgs: 1,
    maxArgs: 1,
    signature: 'base64ToBinary(base64Text)',
    fn: (args, call) => {
      if (isContentEnvelope(args[0])) return args[0];
      const text = stringArg(args, 0, call);
      const bytes = base64ToBytes(text);
      if (!bytes) return call.fail('InvalidConversion', `${call.prefix} was given '${quote(text)}', which is not valid base64.`, 0);
      return binaryValue(bytes);
    },
  },
  {
    name: 'dataUri',
    minArgs: 1,
    maxArgs: 1,
    signature: 'dataUri(value)',
    // Text is labelled text/plain UTF-8; a binary value keeps its own media type.
    fn: (args) => {
      const v = args[0];
      if (isContentEnvelope(v)) return `data:${v['$content-type'] ?? 'application/octet-stream'};base64,${v.$content}`;
      return `data:text/plain;charset=utf-8;base64,${bytesToBase64(utf8Encode(toText(v)))}`;
    },
  },
  {
    name: 'dataUriToBinary',
    minArgs: 1,
    maxArgs: 1,
    signature: 'dataUriToBinary(dataUri)',
    fn: (args, call) => {
      const { type, bytes } = parseDataUri(args, call);
      return binaryValue(bytes, type);
    },
  },
  {
    name: 'decodeDataUri',
    minArgs: 1,
    maxArgs: 1,
    signature: 'decodeDataUri(dataUri)',
    fn: (args, call) => {
      const { type, bytes } = parseDataUri(args, call);
      return binaryValue(bytes, type);
    },
  },
  {
    name: 'dataUriToString',
    minArgs: 1,
    maxArgs: 1,
    signature: 'dataUriToString(dataUri)',
    fn: (args, call) => utf8Decode(parseDataUri(args, call).bytes),
  },
];

