// XML <-> JSON the way Azure's json(xml) and xml(json) convert (Json.NET's
// SerializeXmlNode / DeserializeXmlNode conventions): attributes as '@name', text beside
// elements as '#text', repeated elements as arrays, the declaration as '?xml'.
import { DOMImplementation } from '@xmldom/xmldom';
import type { Document, Element, Node } from '@xmldom/xmldom';
import { parseXml, serializeXml } from './xml-document.ts';

const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;
const COMMENT = 8;

function elementToJson(el: Element): unknown {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < el.attributes.length; i++) {
    const attr = el.attributes.item(i)!;
    out[`@${attr.name}`] = attr.value;
  }
  const texts: string[] = [];
  const repeated = new Set<string>();
  let hasChildElements = false;
  for (let child: Node | null = el.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === ELEMENT) {
      hasChildElements = true;
      const name = child.nodeName;
      const value = elementToJson(child as Element);
      const existing = out[name];
      // A name seen again turns into an array at the place of its first occurrence.
      if (existing === undefined) out[name] = value;
      else if (repeated.has(name)) (existing as unknown[]).push(value);
      else {
        out[name] = [existing, value];
        repeated.add(name);
      }
    } else if (child.nodeType === TEXT) {
      // Whitespace between elements is not content (XmlDocument drops it by default).
      if (child.nodeValue?.trim()) texts.push(child.nodeValue);
    } else if (child.nodeType === CDATA) {
      out['#cdata-section'] = child.nodeValue ?? '';
    } else if (child.nodeType === COMMENT) {
      out['#comment'] = child.nodeValue ?? '';
    }
  }
  const keys = Object.keys(out);
  if (keys.length === 0 && !hasChildElements) return texts.length > 0 ? texts.join('') : null;
  if (texts.length > 0) out['#text'] = texts.length === 1 ? texts[0] : texts;
  return out;
}

function declaration(text: string): Record<string, string> | undefined {
  const m = /^\s*<\?xml\s+([^?]*)\?>/.exec(text);
  if (!m) return undefined;
  const out: Record<string, string> = {};
  for (const attr of m[1]!.matchAll(/([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[`@${attr[1]}`] = attr[2] ?? attr[3] ?? '';
  return out;
}

/** Converts XML text to JSON; throws XmlSyntaxError when it is not well-formed. */
export function xmlToJson(text: string): Record<string, unknown> {
  const doc = parseXml(text);
  const out: Record<string, unknown> = {};
  const decl = declaration(text);
  if (decl) out['?xml'] = decl;
  const root = doc.documentElement!;
  out[root.nodeName] = elementToJson(root);
  return out;
}

/** A JSON value that cannot become XML (several root properties, an array at the root...). */
export class JsonToXmlError extends Error {}

function scalarText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function appendValue(doc: Document, parent: Element | Document, name: string, value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) appendValue(doc, parent, name, item);
    return;
  }
  const el = doc.createElement(name);
  parent.appendChild(el);
  if (value === null || value === undefined) return;
  if (typeof value !== 'object') {
    el.appendChild(doc.createTextNode(scalarText(value)));
    return;
  }
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (key.startsWith('@')) el.setAttribute(key.slice(1), scalarText(item));
    else if (key === '#text') el.appendChild(doc.createTextNode(scalarText(item)));
    else if (key === '#cdata-section') el.appendChild(doc.createCDATASection(scalarText(item)));
    else if (key === '#comment') el.appendChild(doc.createComment(scalarText(item)));
    else appendValue(doc, el, key, item);
  }
}

/** Converts a JSON object with one root property (plus an optional '?xml') to XML text. */
export function jsonToXml(value: Record<string, unknown>): string {
  const keys = Object.keys(value).filter((k) => k !== '?xml');
  if (keys.length !== 1) {
    throw new JsonToXmlError(
      keys.length === 0
        ? 'the JSON object has no property to become the root element'
        : `the JSON root object has ${keys.length} properties (${keys.join(', ')}); it must have exactly one, which becomes the root element`,
    );
  }
  const rootName = keys[0]!;
  if (Array.isArray(value[rootName])) {
    throw new JsonToXmlError(`the root property '${rootName}' is an array; wrap it in an object, as in {"root": {"${rootName}": [...]}}`);
  }
  const doc = new DOMImplementation().createDocument(null, '');
  try {
    appendValue(doc, doc, rootName, value[rootName]);
  } catch (error) {
    throw new JsonToXmlError(error instanceof Error ? error.message : String(error));
  }
  const body = serializeXml(doc);
  const decl = value['?xml'];
  if (decl && typeof decl === 'object' && !Array.isArray(decl)) {
    const attrs = Object.entries(decl as Record<string, unknown>)
      .filter(([k]) => k.startsWith('@'))
      .map(([k, v]) => ` ${k.slice(1)}="${scalarText(v)}"`)
      .join('');
    return `<?xml${attrs}?>${body}`;
  }
  return body;
}
