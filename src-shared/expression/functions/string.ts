import type { FunctionCall, FunctionSpec } from '../registry.ts';
import { toText } from '../values.ts';
import { stringArg } from './args.ts';

/**
 * .NET's ToUpperInvariant/ToLowerInvariant: one UTF-16 unit for one, so 'ß' stays 'ß', and
 * the Turkish dotless 'ı' and dotted 'İ' keep their case (JavaScript maps them to 'I' and
 * 'i̇'); the rest follows Unicode's simple case mapping.
 */
function invariantCase(text: string, upper: boolean): string {
  const mapped = upper ? text.toUpperCase() : text.toLowerCase();
  if (mapped.length === text.length && !/[\u0130\u0131]/.test(text)) return mapped;
  let out = '';
  for (const ch of text) {
    if (ch === '\u0131' || ch === '\u0130') {
      out += ch;
      continue;
    }
    const one = upper ? ch.toUpperCase() : ch.toLowerCase();
    out += one.length === ch.length ? one : ch;
  }
  return out;
}

/** Longest text concat() and join() may make (the reference's limit). */
export const MAX_RESULT_LENGTH = 104_857_600;

/** The text, or Azure's refusal when it is longer than the reference's limit. */
export function checkLength(text: string, call: FunctionCall): string {
  if (text.length > MAX_RESULT_LENGTH) {
    return call.fail(
      'InvalidArgument',
      `${call.prefix} would make a string of ${text.length.toLocaleString('en-US')} characters; the limit is 104,857,600. Work on smaller pieces, or keep the data binary.`,
    );
  }
  return text;
}

/** String functions (Microsoft's "String functions" table). */
export const stringFunctions: readonly FunctionSpec[] = [
  {
    name: 'concat',
    minArgs: 1,
    maxArgs: Infinity,
    signature: 'concat(text1, text2, ...)',
    // Non-strings are converted as string() does (booleans 'True', objects as JSON).
    keepsFloat: true,
    fn: (args, call) => checkLength(args.map(toText).join(''), call),
  },
  {
    name: 'toUpper',
    minArgs: 1,
    maxArgs: 1,
    signature: 'toUpper(text)',
    fn: (args, call) => invariantCase(stringArg(args, 0, call), true),
  },
  {
    name: 'toLower',
    minArgs: 1,
    maxArgs: 1,
    signature: 'toLower(text)',
    fn: (args, call) => invariantCase(stringArg(args, 0, call), false),
  },
  {
    name: 'guid',
    minArgs: 0,
    maxArgs: 1,
    signature: "guid(format?: 'N' | 'D' | 'B' | 'P' | 'X')",
    fn: (args, call) => {
      const format = args.length > 0 ? stringArg(args, 0, call) : 'D';
      const id = randomUuid();
      switch (format.toUpperCase()) {
        case 'N':
          return id.replace(/-/g, '');
        case 'D':
        case '':
          return id;
        case 'B':
          return `{${id}}`;
        case 'P':
          return `(${id})`;
        case 'X': {
          const hex = id.replace(/-/g, '');
          const bytes = hex.slice(16).match(/../g)!.map((b) => `0x${b}`);
          return `{0x${hex.slice(0, 8)},0x${hex.slice(8, 12)},0x${hex.slice(12, 16)},{${bytes.join(',')}}}`;
        }
        default:
          return call.fail(
            'InvalidArgument',
            `${call.prefix} expects a format of 'N', 'D', 'B', 'P' or 'X', but got '${format}'.`,
            0,
          );
      }
    },
  },
];

interface CryptoLike {
  randomUUID?: () => string;
  getRandomValues?: (bytes: Uint8Array) => Uint8Array;
}

/** A random (version 4) GUID in lower case, from the platform's crypto when present. */
function randomUuid(): string {
  const crypto = (globalThis as { crypto?: CryptoLike }).crypto;
  if (crypto?.randomUUID) return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  if (crypto?.getRandomValues) crypto.getRandomValues(bytes);
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
