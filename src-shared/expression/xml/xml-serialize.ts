// Writes XML as .NET's XmlDocument does (what Azure shows for xml() and xpath() values):
// `<e />` for an element written self-closing, whitespace-only text dropped, '&', '<' and
// '>' escaped in text and '"' too in attributes, the declaration rebuilt from its parts.
import type { Attr, CharacterData, DocumentType, Element, Node, ProcessingInstruction } from '@xmldom/xmldom';
import type { ParsedXml, XmlDeclaration } from './xml-document.ts';

const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;
const PI = 7;
const COMMENT = 8;
const DOCUMENT = 9;
const DOCTYPE = 10;

/** Text content escaped for an element. */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Text escaped for a double-quoted attribute value. */
export function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}

/** `<?xml version="1.0" ...?>` from a declaration's parts. */
export function declarationText(d: XmlDeclaration): string {
  return `<?xml version="${d.version}"${d.encoding !== undefined ? ` encoding="${d.encoding}"` : ''}${d.standalone !== undefined ? ` standalone="${d.standalone}"` : ''}?>`;
}

/** True for a text node that XmlDocument (without PreserveWhitespace) never keeps. */
export function isIgnorableWhitespace(node: Node): boolean {
  return node.nodeType === TEXT && (node.nodeValue ?? '').trim() === '';
}

/** A doctype's public or system id without the quotes xmldom keeps around it. */
export function doctypeId(id: string | null | undefined): string {
  return (id ?? '').replace(/^(["'])(.*)\1$/s, '$2');
}

function doctypeText(d: DocumentType): string {
  const publicId = doctypeId(d.publicId);
  const systemId = doctypeId(d.systemId);
  const external = publicId ? ` PUBLIC "${publicId}" "${systemId}"` : systemId ? ` SYSTEM "${systemId}"` : '';
  return `<!DOCTYPE ${d.name}${external}${d.internalSubset ? `[${d.internalSubset}]` : ''}>`;
}

function writeElement(el: Element, parsed: ParsedXml, scope: Map<string, string>): string {
  const inner = new Map(scope);
  let attrs = '';
  for (let i = 0; i < el.attributes.length; i++) {
    const attr = el.attributes.item(i) as Attr;
    if (attr.name === 'xmlns') inner.set('', attr.value);
    else if (attr.prefix === 'xmlns') inner.set(attr.localName ?? '', attr.value);
    attrs += ` ${attr.name}="${escapeAttribute(attr.value)}"`;
  }
  // A subtree written on its own declares the namespace its element uses (OuterXml does).
  const prefix = el.prefix ?? '';
  const ns = el.namespaceURI ?? '';
  if ((inner.get(prefix) ?? '') !== ns) {
    attrs += prefix ? ` xmlns:${prefix}="${escapeAttribute(ns)}"` : ` xmlns="${escapeAttribute(ns)}"`;
    inner.set(prefix, ns);
  }
  let body = '';
  for (let child = el.firstChild; child; child = child.nextSibling) body += writeNode(child, parsed, inner);
  if (body === '' && parsed.selfClosing.has(el)) {
    return `<${el.nodeName}${attrs} />`;
  }
  return `<${el.nodeName}${attrs}>${body}</${el.nodeName}>`;
}

function writeNode(node: Node, parsed: ParsedXml, scope: Map<string, string>): string {
  switch (node.nodeType) {
    case ELEMENT:
      return writeElement(node as Element, parsed, scope);
    case TEXT:
      return isIgnorableWhitespace(node) ? '' : escapeText(node.nodeValue ?? '');
    case CDATA:
      return `<![CDATA[${(node as CharacterData).data}]]>`;
    case COMMENT:
      return `<!--${(node as CharacterData).data}-->`;
    case PI:
      // The XML declaration (which xmldom keeps as a node) is written from its parts instead.
      if ((node as ProcessingInstruction).target.toLowerCase() === 'xml') return '';
      return `<?${(node as ProcessingInstruction).target} ${(node as ProcessingInstruction).data}?>`;
    case DOCTYPE:
      return doctypeText(node as DocumentType);
    case DOCUMENT: {
      let out = parsed.declaration ? declarationText(parsed.declaration) : '';
      for (let child = node.firstChild; child; child = child.nextSibling) out += writeNode(child, parsed, scope);
      return out;
    }
    default:
      return '';
  }
}

/** The XML text of a parsed document, or of one node in it (with the namespaces it needs). */
export function serializeXml(parsed: ParsedXml, node: Node = parsed.doc): string {
  return writeNode(node, parsed, new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]));
}
