import * as xpath from 'xpath';
import type { Node } from '@xmldom/xmldom';
import { bytesToBase64, utf8Encode } from '../base64.ts';
import { decodeContent, isContentEnvelope, isXmlContent } from '../content.ts';
import type { ContentEnvelope } from '../content.ts';
import type { FunctionCall, FunctionSpec } from '../registry.ts';
import { isPlainObject, toText } from '../values.ts';
import { quote, stringArg, wrongType } from './args.ts';
import { XmlSyntaxError, parseXml, serializeXml } from '../xml/xml-document.ts';
import { JsonToXmlError, jsonToXml } from '../xml/xml-json.ts';

const XML_TYPE = 'application/xml;charset=utf-8';

/** An XML value as Azure holds one: a binary value of type application/xml. */
function xmlValue(text: string): ContentEnvelope {
  return { '$content-type': XML_TYPE, $content: bytesToBase64(utf8Encode(text)) };
}

function notXml(call: FunctionCall, error: unknown, index: number): never {
  return call.fail('InvalidArgument', `${call.prefix} was given XML that is not well-formed: ${error instanceof Error ? error.message : String(error)}`, index);
}

/** The XML text of argument `i`: an XML value, a binary body or a string. */
function xmlTextArg(args: unknown[], i: number, call: FunctionCall): string {
  const v = args[i];
  if (isContentEnvelope(v)) return decodeContent(v);
  if (typeof v === 'string') return v;
  return wrongType(call, i, 'XML (from xml()) or a string of XML', v);
}

const ELEMENT = 1;
const DOCUMENT = 9;

/** One selected node, shaped as Azure returns it: elements as XML values, other nodes as their text. */
function nodeResult(node: Node): unknown {
  if (node.nodeType === ELEMENT || node.nodeType === DOCUMENT) return xmlValue(serializeXml(node));
  return node.nodeValue ?? node.textContent ?? '';
}

/** Manipulation and conversion functions for XML (Microsoft's "Manipulation functions: JSON & XML" table and xml()). */
export const xmlFunctions: readonly FunctionSpec[] = [
  {
    name: 'xml',
    minArgs: 1,
    maxArgs: 1,
    signature: 'xml(textOrObject)',
    // Text must be well-formed XML; an object becomes XML from its one root property.
    fn: (args, call) => {
      const v = args[0];
      if (isXmlContent(v)) return v;
      if (isPlainObject(v) && !isContentEnvelope(v)) {
        try {
          return xmlValue(jsonToXml(v));
        } catch (error) {
          if (!(error instanceof JsonToXmlError)) throw error;
          return call.fail('InvalidArgument', `${call.prefix} parameter is not valid. The provided value cannot be converted to XML: ${error.message}.`, 0);
        }
      }
      if (typeof v !== 'string' && !isContentEnvelope(v)) return wrongType(call, 0, 'a string or an object', v);
      const text = typeof v === 'string' ? v : toText(v);
      try {
        parseXml(text);
      } catch (error) {
        if (!(error instanceof XmlSyntaxError)) throw error;
        return call.fail('InvalidArgument', `${call.prefix} parameter is not valid. The provided value '${quote(text)}' cannot be parsed as XML: ${error.message}`, 0);
      }
      return xmlValue(text);
    },
  },
  {
    name: 'xpath',
    minArgs: 2,
    maxArgs: 2,
    signature: 'xpath(xml, xpathExpression)',
    // XPath 1.0 by the 'xpath' package over an @xmldom/xmldom document. A node set is an
    // array (elements as XML values, text and attributes as strings); a number, string or
    // boolean result is that value.
    fn: (args, call) => {
      const text = xmlTextArg(args, 0, call);
      const expression = stringArg(args, 1, call);
      let doc;
      try {
        doc = parseXml(text);
      } catch (error) {
        if (!(error instanceof XmlSyntaxError)) throw error;
        return notXml(call, error, 0);
      }
      let result;
      try {
        result = xpath.select(expression, doc);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return call.fail('InvalidArgument', `${call.prefix} was given the XPath '${quote(expression)}', which is not valid XPath 1.0: ${reason}.`, 1);
      }
      if (Array.isArray(result)) return result.map(nodeResult);
      if (typeof result === 'number' && !Number.isFinite(result)) return Number.isNaN(result) ? 'NaN' : result > 0 ? 'Infinity' : '-Infinity';
      if (result !== null && typeof result === 'object') return nodeResult(result);
      return result;
    },
  },
];
