// XML <-> JSON the way Azure's json(xml) and xml(json) convert, which are Json.NET's
// SerializeXmlNode and DeserializeXmlNode: attributes as '@name', text beside elements as
// '#text', CDATA as '#cdata-section', nodes of one name grouped into an array at the place
// of the first, the declaration as '?xml' and the doctype as '!DOCTYPE'. Json.NET writes
// comments as JavaScript comments, which Azure's JSON reader drops: one comment leaves
// nothing, several leave "#comment": []. Where these rules come from: docs/expression.md.
import type { CharacterData, DocumentType, Element, Node, ProcessingInstruction } from '@xmldom/xmldom';
import type { ParsedXml } from './xml-document.ts';
import { declarationText, doctypeId, escapeAttribute, escapeText, isIgnorableWhitespace } from './xml-serialize.ts';

const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;
const PI = 7;
const COMMENT = 8;

function keyOf(node: Node): string | undefined {
  switch (node.nodeType) {
    case ELEMENT:
      return node.nodeName;
    case TEXT:
      return '#text';
    case CDATA:
      return '#cdata-section';
    case COMMENT:
      return '#comment';
    case PI:
      // The declaration is read from the text into '?xml' (xmldom keeps it as a node too).
      return (node as ProcessingInstruction).target.toLowerCase() === 'xml' ? undefined : `?${(node as ProcessingInstruction).target}`;
    default:
      return undefined;
  }
}

function valueOf(node: Node, parsed: ParsedXml): unknown {
  if (node.nodeType === ELEMENT) return elementValue(node as Element, parsed);
  return (node as CharacterData).data ?? node.nodeValue ?? '';
}

/** The JSON of a list of sibling nodes, grouped by name in first-occurrence order. */
function groupNodes(nodes: Node[], out: Record<string, unknown>, parsed: ParsedXml): void {
  const groups = new Map<string, Node[]>();
  for (const node of nodes) {
    const key = keyOf(node);
    if (key === undefined) continue;
    const group = groups.get(key);
    if (group) group.push(node);
    else groups.set(key, [node]);
  }
  for (const [key, group] of groups) {
    if (key === '#comment') {
      if (group.length > 1) out[key] = [];
      continue;
    }
    const values = group.map((node) => valueOf(node, parsed));
    out[key] = values.length === 1 ? values[0] : values;
  }
}

function elementValue(el: Element, parsed: ParsedXml): unknown {
  const children: Node[] = [];
  for (let child = el.firstChild; child; child = child.nextSibling) if (!isIgnorableWhitespace(child)) children.push(child);
  if (el.attributes.length === 0) {
    // <e/> is null, <e></e> (or only whitespace) is '', <e>text</e> is the text.
    if (children.length === 0) return parsed.selfClosing.has(el) ? null : '';
    if (children.length === 1 && children[0]!.nodeType === TEXT) return children[0]!.nodeValue ?? '';
  }
  const out: Record<string, unknown> = {};
  for (let i = 0; i < el.attributes.length; i++) {
    const attr = el.attributes.item(i)!;
    out[`@${attr.name}`] = attr.value;
  }
  groupNodes(children, out, parsed);
  return out;
}

function doctypeValue(d: DocumentType): Record<string, string> {
  const out: Record<string, string> = { '@name': d.name };
  if (doctypeId(d.publicId)) out['@public'] = doctypeId(d.publicId);
  if (doctypeId(d.systemId)) out['@system'] = doctypeId(d.systemId);
  if (d.internalSubset) out['@internalSubset'] = d.internalSubset;
  return out;
}

/** Converts a parsed XML document to JSON. */
export function xmlToJson(parsed: ParsedXml): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const d = parsed.declaration;
  if (d) {
    out['?xml'] = { '@version': d.version, ...(d.encoding !== undefined ? { '@encoding': d.encoding } : {}), ...(d.standalone !== undefined ? { '@standalone': d.standalone } : {}) };
  }
  if (parsed.doc.doctype) out['!DOCTYPE'] = doctypeValue(parsed.doc.doctype);
  const nodes: Node[] = [];
  for (let child = parsed.doc.firstChild; child; child = child.nextSibling) if (child.nodeType !== 10) nodes.push(child);
  groupNodes(nodes, out, parsed);
  return out;
}

/** A JSON value that cannot become XML (several root properties, an array at the root...). */
export class JsonToXmlError extends Error {}

const NAME_START = /[\p{L}_]/u;
const NAME_CHAR = /[\p{L}\p{Mn}\p{Mc}\p{Nd}._\-\u00b7]/u;

/** An XML name for any text, as .NET's XmlConvert.EncodeLocalName writes it ('ro>ot' -> 'ro_x003E_ot'). */
export function encodeXmlName(name: string): string {
  let out = '';
  [...name].forEach((ch, i) => {
    const ok = i === 0 ? NAME_START.test(ch) : NAME_CHAR.test(ch);
    out += ok ? ch : [...ch].map((unit) => `_x${unit.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}_`).join('');
  });
  return out;
}

function scalarText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The element name for a JSON key: a prefix is kept only when an enclosing '@xmlns:prefix' declares it. */
function elementName(key: string, scope: Set<string>): string {
  const colon = key.indexOf(':');
  if (colon > 0) {
    const prefix = key.slice(0, colon);
    const local = key.slice(colon + 1);
    return scope.has(prefix) ? `${encodeXmlName(prefix)}:${encodeXmlName(local)}` : encodeXmlName(local);
  }
  return encodeXmlName(key);
}

function writeElement(key: string, value: unknown, scope: Set<string>): string {
  if (Array.isArray(value)) return value.map((item) => writeElement(key, item, scope)).join('');
  let inner = scope;
  if (value !== null && typeof value === 'object') {
    const declared = Object.keys(value).filter((k) => k.startsWith('@xmlns:')).map((k) => k.slice(7));
    if (declared.length > 0) inner = new Set([...scope, ...declared]);
  }
  const name = elementName(key, inner);
  if (value === null || value === undefined) return `<${name} />`;
  if (typeof value !== 'object') return `<${name}>${escapeText(scalarText(value))}</${name}>`;
  let attrs = '';
  let body = '';
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (k.startsWith('@')) attrs += ` ${elementName(k.slice(1), inner)}="${escapeAttribute(scalarText(v))}"`;
    else if (k === '#text') body += (Array.isArray(v) ? v : [v]).map((t) => escapeText(scalarText(t))).join('');
    else if (k === '#cdata-section') {
      for (const t of Array.isArray(v) ? v : [v]) {
        const text = scalarText(t);
        if (text.includes(']]>')) throw new JsonToXmlError(`a '#cdata-section' cannot contain ']]>', as '${text}' does`);
        body += `<![CDATA[${text}]]>`;
      }
    } else body += writeElement(k, v, inner);
  }
  return body === '' ? `<${name}${attrs} />` : `<${name}${attrs}>${body}</${name}>`;
}

/** Converts a JSON object with one root property (plus optional '?xml' and '!DOCTYPE') to XML text; '{}' gives ''. */
export function jsonToXml(value: Record<string, unknown>): string {
  const keys = Object.keys(value).filter((k) => k !== '?xml' && k !== '!DOCTYPE');
  if (keys.length > 1) {
    throw new JsonToXmlError(`the JSON root object has ${keys.length} properties (${keys.join(', ')}); it must have exactly one, which becomes the root element`);
  }
  let out = '';
  const decl = value['?xml'];
  if (decl && typeof decl === 'object' && !Array.isArray(decl)) {
    const d = decl as Record<string, unknown>;
    out += declarationText({
      version: scalarText(d['@version'] ?? '1.0'),
      ...(d['@encoding'] !== undefined ? { encoding: scalarText(d['@encoding']) } : {}),
      ...(d['@standalone'] !== undefined ? { standalone: scalarText(d['@standalone']) } : {}),
    });
  }
  if (keys.length === 0) return out;
  const rootName = keys[0]!;
  if (Array.isArray(value[rootName])) {
    throw new JsonToXmlError(`the root property '${rootName}' is an array; wrap it in an object, as in {"root": {"${rootName}": [...]}}`);
  }
  return out + writeElement(rootName, value[rootName], new Set(['xml']));
}
