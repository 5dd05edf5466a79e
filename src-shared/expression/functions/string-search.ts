import type { FunctionCall, FunctionSpec } from '../registry.ts';
import { integerArg, stringArg } from './args.ts';

/**
 * Folds a string for .NET's OrdinalIgnoreCase: each UTF-16 unit upper-cased on its own, so
 * positions in the folded text are positions in the original (a whole-string toUpperCase
 * can change the length, as 'ß' -> 'SS' does).
 */
function fold(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const up = ch.toUpperCase();
    out += up.length === 1 ? up : ch;
  }
  return out;
}

function textAndSearch(args: unknown[], call: FunctionCall): [string, string] {
  return [fold(stringArg(args, 0, call)), fold(stringArg(args, 1, call))];
}

function outOfRange(call: FunctionCall, detail: string, argIndex: number): never {
  return call.fail('IndexOutOfRange', `${call.prefix} parameters are out of range: ${detail}`, argIndex);
}

/** The index of the n-th (1-based; negative counts from the end) occurrence, or -1. */
function nthIndex(text: string, search: string, n: number): number {
  if (n > 0) {
    let at = -1;
    for (let k = 0; k < n; k++) {
      at = text.indexOf(search, at + 1);
      if (at === -1) return -1;
    }
    return at;
  }
  let at = text.length + 1;
  for (let k = 0; k < -n; k++) {
    if (at - 1 < 0) return -1;
    at = text.lastIndexOf(search, at - 1);
    if (at === -1) return -1;
  }
  return at;
}

/**
 * String search and cutting functions (Microsoft's "String functions" table). The search
 * functions (indexOf, lastIndexOf, nthIndexOf, startsWith, endsWith) ignore case, as the
 * reference states; replace and contains do not.
 */
export const stringSearchFunctions: readonly FunctionSpec[] = [
  {
    name: 'indexOf',
    minArgs: 2,
    maxArgs: 2,
    signature: 'indexOf(text, searchText)',
    fn: (args, call) => {
      const [text, search] = textAndSearch(args, call);
      return text.indexOf(search);
    },
  },
  {
    name: 'lastIndexOf',
    minArgs: 2,
    maxArgs: 2,
    signature: 'lastIndexOf(text, searchText)',
    // The reference's edge cases: an empty text gives -1 (0 when both are empty), an empty
    // search gives the text's length minus one (.NET Framework's LastIndexOf).
    fn: (args, call) => {
      const [text, search] = textAndSearch(args, call);
      if (text === '') return search === '' ? 0 : -1;
      if (search === '') return text.length - 1;
      return text.lastIndexOf(search);
    },
  },
  {
    name: 'nthIndexOf',
    minArgs: 3,
    maxArgs: 3,
    signature: 'nthIndexOf(text, searchText, occurrence)',
    fn: (args, call) => {
      const [text, search] = textAndSearch(args, call);
      const n = integerArg(args, 2, call);
      if (n === 0) {
        return call.fail('InvalidArgument', `${call.prefix} expects an occurrence of 1 or more (or negative, to count from the end), not 0.`, 2);
      }
      return nthIndex(text, search, n);
    },
  },
  {
    name: 'startsWith',
    minArgs: 2,
    maxArgs: 2,
    signature: 'startsWith(text, searchText)',
    fn: (args, call) => {
      const [text, search] = textAndSearch(args, call);
      return text.startsWith(search);
    },
  },
  {
    name: 'endsWith',
    minArgs: 2,
    maxArgs: 2,
    signature: 'endsWith(text, searchText)',
    fn: (args, call) => {
      const [text, search] = textAndSearch(args, call);
      return text.endsWith(search);
    },
  },
  {
    name: 'replace',
    minArgs: 3,
    maxArgs: 3,
    signature: 'replace(text, oldText, newText)',
    // Every occurrence, case-sensitive (.NET String.Replace).
    fn: (args, call) => {
      const text = stringArg(args, 0, call);
      const oldText = stringArg(args, 1, call);
      const newText = args[2] === null ? '' : stringArg(args, 2, call);
      if (oldText === '') {
        return call.fail('InvalidArgument', `${call.prefix} cannot replace an empty string; give the text to replace as its second parameter.`, 1);
      }
      return text.split(oldText).join(newText);
    },
  },
  {
    name: 'split',
    minArgs: 2,
    maxArgs: 2,
    signature: 'split(text, delimiter)',
    // The whole delimiter separates (.NET Split(string)); an empty delimiter gives [text].
    fn: (args, call) => {
      const text = stringArg(args, 0, call);
      const delimiter = stringArg(args, 1, call);
      return delimiter === '' ? [text] : text.split(delimiter);
    },
  },
  {
    name: 'substring',
    minArgs: 2,
    maxArgs: 3,
    signature: 'substring(text, startIndex, length?)',
    // Unlike slice(), Azure refuses a range that leaves the string.
    fn: (args, call) => {
      const text = stringArg(args, 0, call);
      const start = integerArg(args, 1, call);
      const length = args.length > 2 ? integerArg(args, 2, call) : text.length - start;
      // Azure's wording, then the numbers and the way out.
      const azure = "'start index' and 'length' must be non-negative integers and their sum must be no larger than the length of the string";
      if (start < 0 || start > text.length) {
        return outOfRange(call, `${azure}. The start index is ${start} and the string has ${text.length} characters.`, 1);
      }
      if (length < 0 || start + length > text.length) {
        return outOfRange(
          call,
          `${azure}. The start index (${start}) plus the length (${length}) must not exceed the length of the string (${text.length}); use slice() to cut up to the end without an error.`,
          2,
        );
      }
      return text.substr(start, length);
    },
  },
  {
    name: 'slice',
    minArgs: 2,
    maxArgs: 3,
    signature: 'slice(text, startIndex, endIndex?)',
    // Negative indexes count from the end; out-of-range indexes are clamped, never an error.
    fn: (args, call) => {
      const text = stringArg(args, 0, call);
      const start = integerArg(args, 1, call);
      const end = args.length > 2 && args[2] !== null ? integerArg(args, 2, call) : text.length;
      const from = Math.min(text.length, start < 0 ? Math.max(0, text.length + start) : start);
      const to = Math.min(text.length, end < 0 ? Math.max(0, text.length + end) : end);
      return to > from ? text.slice(from, to) : '';
    },
  },
  {
    name: 'trim',
    minArgs: 1,
    maxArgs: 1,
    signature: 'trim(text)',
    fn: (args, call) => stringArg(args, 0, call).trim(),
  },
];
