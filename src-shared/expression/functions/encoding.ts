import { base64ToBytes, bytesToBase64, utf8Decode, utf8Encode } from '../base64.ts';
import { isContentEnvelope } from '../content.ts';
import type { ContentEnvelope } from '../content.ts';
import type { FunctionCall, FunctionSpec } from '../registry.ts';
import { toText } from '../values.ts';
import { quote, stringArg, wrongType } from './args.ts';

/** Percent-encodes like .NET's Uri.EscapeDataString: everything but A-Z a-z 0-9 - _ . ~. */
function escapeDataString(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function decodeBase64Text(args: unknown[], call: FunctionCall): string {
  // A binary value already holds base64: its text is what base64ToString() reads.
  if (isContentEnvelope(args[0])) return toText(args[0]);
  const text = stringArg(args, 0, call);
  const bytes = isStrictBase64(text) ? base64ToBytes(text) : undefined;
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

/**
 * True for base64 .NET's Convert.FromBase64String accepts: whitespace anywhere, the
 * standard alphabet, and padding to a multiple of four ('aa' is refused).
 */
function isStrictBase64(text: string): boolean {
  const clean = text.replace(/\s+/g, '');
  return clean.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(clean);
}

/** A data URI's media type and content as a binary value holds them (base64 kept as written). */
interface DataUri {
  type: string;
  /** The base64 `$content`: the URI's own text when it is base64, else the bytes of its decoded data. */
  content: string;
}

/**
 * Reads `data:[<media type>][;base64],<data>` (RFC 2397) the way Azure does: 'base64' must
 * end the parameters, an empty type is text/plain, non-base64 data is URL-decoded with '+'
 * as a space, and base64 data is kept as written.
 */
function parseDataUri(args: unknown[], call: FunctionCall): DataUri {
  const text = isContentEnvelope(args[0]) ? toText(args[0]) : stringArg(args, 0, call);
  const match = /^data:([^,]*),(.*)$/is.exec(text);
  const notDataUri = (why: string): never =>
    call.fail('InvalidArgument', `${call.prefix} expects a data URI such as 'data:text/plain;charset=utf-8;base64,aGVsbG8=', but '${quote(text)}' ${why}.`, 0);
  if (!match) return notDataUri("does not start with 'data:' or has no ','");
  const [, meta = '', data = ''] = match;
  const base64 = /(^|;)base64$/i.test(meta);
  const type = base64 ? meta.replace(/;?base64$/i, '') : meta;
  if (type.split(';').slice(1).some((part) => part === '') || type === ';') return notDataUri("has an empty parameter (';;')");
  const mediaType = type === '' ? 'text/plain' : type.startsWith(';') ? `text/plain${type}` : type;
  if (base64) return { type: mediaType, content: data };
  let decoded: string;
  try {
    decoded = decodeURIComponent(data.replace(/\+/g, ' '));
  } catch {
    return notDataUri("has a '%' escape that is not valid");
  }
  return { type: mediaType, content: bytesToBase64(utf8Encode(decoded)) };
}

/** The text of a data URI's content, or a clear error when its base64 is not valid. */
function dataUriText(uri: DataUri, call: FunctionCall): string {
  const bytes = isStrictBase64(uri.content) ? base64ToBytes(uri.content) : undefined;
  if (!bytes) return call.fail('InvalidArgument', `${call.prefix} was given a data URI whose base64 data '${quote(uri.content)}' is not valid.`, 0);
  return utf8Decode(bytes);
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
    fn: (args, call) => {
      const v = args[0];
      if (v === null) return wrongType(call, 0, 'a value (not null)', v);
      return isContentEnvelope(v) ? { '$content-type': 'application/octet-stream', $content: v.$content } : binaryValue(bytesOf(v));
    },
  },
  {
    name: 'base64ToBinary',
    minArgs: 1,
    maxArgs: 1,
    signature: 'base64ToBinary(base64Text)',
    // The base64 is checked as .NET checks it, then kept as written.
    fn: (args, call) => {
      if (isContentEnvelope(args[0])) return args[0];
      const text = stringArg(args, 0, call);
      if (!isStrictBase64(text)) return call.fail('InvalidConversion', `${call.prefix} was given '${quote(text)}', which is not valid base64 (A-Z, a-z, 0-9, + and /, padded with = to a multiple of 4).`, 0);
      return { '$content-type': 'application/octet-stream', $content: text };
    },
  },
  {
    name: 'dataUri',
    minArgs: 1,
    maxArgs: 1,
    signature: 'dataUri(value)',
    // Text is labelled text/plain, other values application/json (as their text: 'True'
    // for true), a binary value keeps its own media type; null is refused.
    fn: (args, call) => {
      const v = args[0];
      if (v === null) return wrongType(call, 0, 'a value (not null)', v);
      if (isContentEnvelope(v)) return `data:${v['$content-type'] ?? 'application/octet-stream'};base64,${v.$content}`;
      const type = typeof v === 'string' ? 'text/plain' : 'application/json';
      return `data:${type};charset=utf-8;base64,${bytesToBase64(utf8Encode(toText(v)))}`;
    },
  },
  {
    name: 'dataUriToBinary',
    minArgs: 1,
    maxArgs: 1,
    signature: 'dataUriToBinary(dataUri)',
    fn: (args, call) => {
      const { type, content } = parseDataUri(args, call);
      return { '$content-type': type, $content: content };
    },
  },
  {
    name: 'decodeDataUri',
    minArgs: 1,
    maxArgs: 1,
    signature: 'decodeDataUri(dataUri)',
    fn: (args, call) => {
      const { type, content } = parseDataUri(args, call);
      return { '$content-type': type, $content: content };
    },
  },
  {
    name: 'dataUriToString',
    minArgs: 1,
    maxArgs: 1,
    signature: 'dataUriToString(dataUri)',
    fn: (args, call) => dataUriText(parseDataUri(args, call), call),
  },
];

