import * as xpath from 'xpath';
import type { Node } from '@xmldom/xmldom';
import { bytesToBase64, utf8Encode } from '../base64.ts';
import { decodeContent, isContentEnvelope } from '../content.ts';
import type { ContentEnvelope } from '../content.ts';
import { makeFloat } from '../float-value.ts';
import type { FunctionCall, FunctionSpec } from '../registry.ts';
import { isPlainObject, typeName } from '../values.ts';
import { quote, stringArg, wrongType } from './args.ts';
import { XmlSyntaxError, parseXml } from '../xml/xml-document.ts';
import type { ParsedXml } from '../xml/xml-document.ts';
import { JsonToXmlError, jsonToXml } from '../xml/xml-json.ts';
import { serializeXml } from '../xml/xml-serialize.ts';

const XML_TYPE = 'application/xml;charset=utf-8';

/** An XML value as Azure holds one: a binary value of type application/xml. */
function xmlValue(text: string): ContentEnvelope {
  return { '$content-type': XML_TYPE, $content: bytesToBase64(utf8Encode(text)) };
}

/** Parses XML text for a function, or fails it saying what is wrong with the XML. */
export function parseXmlArg(text: string, call: FunctionCall, index: number): ParsedXml {
  try {
    return parseXml(text);
  } catch (error) {
    if (!(error instanceof XmlSyntaxError)) throw error;
    return call.fail('InvalidArgument', `${call.prefix} parameter is not valid. The provided value '${quote(text)}' cannot be parsed as XML: ${error.message}.`, index);
  }
}

const ELEMENT = 1;
const DOCUMENT = 9;

/** Management and conversion functions for XML (Microsoft's "Manipulation functions: JSON & XML" table and xml()). */
export const xmlFunctions: readonly FunctionSpec[] = [
  {
    name: 'xml',
    minArgs: 1,
    maxArgs: 1,
    signature: 'xml(textOrObject)',
    // Text is parsed and written back as .NET writes it ('<a/>' becomes '<a />'); a binary
    // value is relabelled as XML without checking it; an object becomes XML from its one
    // root property.
    fn: (args, call) => {
      const v = args[0];
      if (isContentEnvelope(v)) return { '$content-type': XML_TYPE, $content: v.$content };
      if (isPlainObject(v)) {
        try {
          return xmlValue(jsonToXml(v));
        } catch (error) {
          if (!(error instanceof JsonToXmlError)) throw error;
          return call.fail('InvalidArgument', `${call.prefix} parameter is not valid. The provided value cannot be converted to XML: ${error.message}.`, 0);
        }
      }
      const text = stringArg(args, 0, call);
      return xmlValue(serializeXml(parseXmlArg(text, call, 0)));
    },
  },
  {
    name: 'xpath',
    minArgs: 2,
    maxArgs: 2,
    signature: 'xpath(xml, xpathExpression)',
    // XPath 1.0 by the 'xpath' package over an @xmldom/xmldom document. A node set is an
    // array, even of one node (elements as XML values, text and attributes as strings); a
    // number, string or boolean result is that value.
    fn: (args, call) => {
      const v = args[0];
      if (!isContentEnvelope(v)) {
        return call.fail(
          'InvalidArgument',
          `${call.prefix} expects its first parameter to be an XML object, but the provided value is of type '${typeName(v)}'. Convert text with xml() first, as in xpath(xml(...), '/a/b').`,
          0,
        );
      }
      const expression = stringArg(args, 1, call);
      const parsed = parseXmlArg(decodeContent(v), call, 0);
      let result;
      try {
        result = xpath.select(expression, parsed.doc);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return call.fail('InvalidArgument', `${call.prefix} was given the XPath '${quote(expression)}', which is not valid XPath 1.0: ${reason}.`, 1);
      }
      const nodeResult = (node: Node): unknown =>
        node.nodeType === ELEMENT || node.nodeType === DOCUMENT ? xmlValue(serializeXml(parsed, node)) : (node.nodeValue ?? node.textContent ?? '');
      if (Array.isArray(result)) return result.map(nodeResult);
      // XPath numbers are doubles (sum() of integers is 15.0 on Azure).
      if (typeof result === 'number') return Number.isFinite(result) ? makeFloat(result) : String(result);
      if (result !== null && typeof result === 'object') return nodeResult(result);
      return result;
    },
  },
];
