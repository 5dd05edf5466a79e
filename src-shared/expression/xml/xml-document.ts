import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import type { Document, Node } from '@xmldom/xmldom';

/** XML that is not well-formed; the message says what and where (line and column). */
export class XmlSyntaxError extends Error {}

/**
 * Parses XML text with @xmldom/xmldom (a standards DOM parser in pure JavaScript, so it
 * runs in src-shared), refusing what .NET's XmlDocument refuses: anything not well-formed.
 */
export function parseXml(text: string): Document {
  const parser = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') throw new XmlSyntaxError(message.replace(/\s+/g, ' ').trim());
    },
  });
  try {
    const doc = parser.parseFromString(text, 'text/xml');
    if (!doc.documentElement) throw new XmlSyntaxError('the text has no root element');
    return doc;
  } catch (error) {
    if (error instanceof XmlSyntaxError) throw error;
    throw new XmlSyntaxError(error instanceof Error ? error.message.replace(/\s+/g, ' ').trim() : String(error));
  }
}

/** The XML text of a node (a whole document, or one element with the namespaces it needs). */
export function serializeXml(node: Node): string {
  return new XMLSerializer().serializeToString(node);
}
