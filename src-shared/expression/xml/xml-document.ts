import { DOMParser } from '@xmldom/xmldom';
import type { Document, Element, Node } from '@xmldom/xmldom';

/** XML that is not well-formed; the message says what and where (line and column). */
export class XmlSyntaxError extends Error {}

/** The XML declaration's parts, as written. */
export interface XmlDeclaration {
  version: string;
  encoding?: string;
  standalone?: string;
}

/** A parsed document plus what the DOM does not keep: the declaration and which elements were written `<e/>`. */
export interface ParsedXml {
  doc: Document;
  declaration?: XmlDeclaration;
  /** Elements written self-closing: .NET keeps `<e/>` (json() null, serialised `<e />`) apart from `<e></e>` (''). */
  selfClosing: WeakSet<Element>;
}

const ELEMENT = 1;

// Tokens of XML text in document order, enough to tell each start tag's closing form.
const TOKENS =
  /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE(?:[^[>]|\[[\s\S]*?\])*>|<\/[^>]*>|<([^\s/>!?]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;

const DECLARATION = /^\s*<\?xml(\s[^?]*)?\?>/;

/** Reads the declaration the way .NET's reader requires it: version 1.0 first, then encoding, then standalone. */
function readDeclaration(text: string): XmlDeclaration | undefined {
  const m = DECLARATION.exec(text);
  if (!m) return undefined;
  const attrs = [...(m[1] ?? '').matchAll(/([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)].map((a) => ({ name: a[1]!, value: a[2] ?? a[3] ?? '' }));
  const names = attrs.map((a) => a.name).join(',');
  if (!/^version(,encoding)?(,standalone)?$/.test(names)) {
    throw new XmlSyntaxError(`the XML declaration must list version, then encoding and standalone if present, but it has ${names || 'none'}`);
  }
  const version = attrs[0]!.value;
  if (version !== '1.0') throw new XmlSyntaxError(`version '${version}' in the XML declaration is not supported; use version="1.0"`);
  const standalone = attrs.find((a) => a.name === 'standalone')?.value;
  if (standalone !== undefined && standalone !== 'yes' && standalone !== 'no') throw new XmlSyntaxError(`standalone must be 'yes' or 'no', not '${standalone}'`);
  const encoding = attrs.find((a) => a.name === 'encoding')?.value;
  return { version, ...(encoding !== undefined ? { encoding } : {}), ...(standalone !== undefined ? { standalone } : {}) };
}

/** xmldom's message without its wrapping ('Reporting fatalError "..." caused ...') and its stack-like lines. */
function cleanMessage(message: string): string {
  const inner = /Reporting \w+ "([^"]*)"/.exec(message)?.[1] ?? message;
  return inner.split('\n')[0]!.replace(/\s+/g, ' ').trim();
}

function elementsInOrder(node: Node, out: Element[]): Element[] {
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === ELEMENT) {
      out.push(child as Element);
      elementsInOrder(child, out);
    }
  }
  return out;
}

/**
 * Parses XML text with @xmldom/xmldom (a standards DOM parser in pure JavaScript, so it
 * runs in src-shared), refusing what .NET's XmlDocument refuses: anything not well-formed,
 * undeclared prefixes, several roots, a declaration other than version 1.0.
 */
export function parseXml(text: string): ParsedXml {
  const declaration = readDeclaration(text);
  const parser = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') throw new XmlSyntaxError(cleanMessage(message));
    },
  });
  let doc: Document;
  try {
    doc = parser.parseFromString(text, 'text/xml');
  } catch (error) {
    if (error instanceof XmlSyntaxError) throw error;
    throw new XmlSyntaxError(cleanMessage(error instanceof Error ? error.message : String(error)));
  }
  if (!doc.documentElement) throw new XmlSyntaxError('the text has no root element');
  const selfClosing = new WeakSet<Element>();
  const flags: boolean[] = [];
  for (const m of text.matchAll(TOKENS)) if (m[1] !== undefined) flags.push(m[3] === '/');
  const elements = elementsInOrder(doc, []);
  if (flags.length === elements.length) elements.forEach((el, i) => flags[i] && selfClosing.add(el));
  return { doc, ...(declaration ? { declaration } : {}), selfClosing };
}
