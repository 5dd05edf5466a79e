import { describe, expect, it } from 'vitest';
import { ev, evError } from './helpers.ts';

// XML as Azure converts it (Json.NET's conventions and .NET's XmlDocument writing), with
// the cases docs/expression.md names as checked against Azure.

const q = (text: string): string => text.replace(/'/g, "''");
const jsonOfXml = (xml: string): unknown => ev(`@json(xml('${q(xml)}'))`);
const textOfXml = (xml: string): unknown => ev(`@{xml('${q(xml)}')}`);
const xmlOfJson = (json: string): unknown => ev(`@{xml(json('${q(json)}'))}`);

describe('json() of XML', () => {
  it.each([
    ['<root>Testing</root>', { root: 'Testing' }],
    ['<a><a/>t<a/></a>', { a: { a: [null, null], '#text': 't' } }],
    ['<r xmlns:mmm="zzz"><z/><x/>c<v/><b/>n<m/>a</r>', { r: { '@xmlns:mmm': 'zzz', z: null, x: null, '#text': ['c', 'n', 'a'], v: null, b: null, m: null } }],
    ['<mmm:r xmlns:mmm="zzz"><z/><mmm:x/>c</mmm:r>', { 'mmm:r': { '@xmlns:mmm': 'zzz', z: null, 'mmm:x': null, '#text': 'c' } }],
    ['<root><![CDATA[testing]]><![CDATA[testing2]]></root>', { root: { '#cdata-section': ['testing', 'testing2'] } }],
    ['<?xml version="1.0" encoding="utf-8"?><root/>', { '?xml': { '@version': '1.0', '@encoding': 'utf-8' }, root: null }],
    ['<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE testing SYSTEM "path-to-dtd">\r\n\r\n<root>      </root>', { '?xml': { '@version': '1.0', '@encoding': 'UTF-8' }, '!DOCTYPE': { '@name': 'testing', '@system': 'path-to-dtd' }, root: '' }],
    ['<root>a<!--b-->c<!--d--><e><![CDATA[Testing]]><!-- one big comment --></e>f</root>', { root: { '#text': ['a', 'c', 'f'], '#comment': [], e: { '#cdata-section': 'Testing' } } }],
    ['<root>ac<!--big comment--><e><!-- one big comment --></e>f</root>', { root: { '#text': ['ac', 'f'], e: {} } }],
    ['<root><c><!--b--><!--d--><!--e--></c><!--e--></root>', { root: { c: { '#comment': [] } } }],
    ['<root>a<!--b-->c<!--d--><e></e>f</root>', { root: { '#text': ['a', 'c', 'f'], '#comment': [], e: '' } }],
    [
      '<root><node1 attr="x"/><node2 attr2="y"><innermost innerattr="o&quot;h">wow<break/>wowow</innermost></node2></root>',
      { root: { node1: { '@attr': 'x' }, node2: { '@attr2': 'y', innermost: { '@innerattr': 'o"h', '#text': ['wow', 'wowow'], break: null } } } },
    ],
    ['<thing:root xmlns:thing="namespace"/>', { 'thing:root': { '@xmlns:thing': 'namespace' } }],
  ])('%s', (xml, expected) => {
    expect(jsonOfXml(xml)).toEqual(expected);
  });
});

describe('xml() writes the document as .NET does', () => {
  it.each([
    ['<root/>', '<root />'],
    ['<root attr="val"/>', '<root attr="val" />'],
    ['<root> a <!-- b --> c </root>', '<root> a <!-- b --> c </root>'],
    ['<root> <!-- a --> b <!-- c --> </root>', '<root><!-- a --> b <!-- c --></root>'],
    [`<root><![CDATA[<>&'"]]></root>`, `<root><![CDATA[<>&'"]]></root>`],
    ['<root>&#65;</root>', '<root>A</root>'],
    ['<?xml version="1.0" encoding="utf-8"?><root/>', '<?xml version="1.0" encoding="utf-8"?><root />'],
    ['<aaa:root xmlns:aaa="test" />', '<aaa:root xmlns:aaa="test" />'],
    [
      '<root><node1 attr="x"/><node2 attr2="y"><innermost innerattr="o&quot;h">wow<break/>wowow</innermost></node2></root>',
      '<root><node1 attr="x" /><node2 attr2="y"><innermost innerattr="o&quot;h">wow<break />wowow</innermost></node2></root>',
    ],
  ])('%s', (xml, expected) => {
    expect(textOfXml(xml)).toBe(expected);
  });

  it('refuses what .NET refuses, saying why', () => {
    for (const bad of ['<?xml version="1.1"?><root/>', 'some text', '<aaa:root />', '<one/><two/>', '<?xml encoding="ascii"?><root/>', '<!-- comment -->', '<root> a <!-- b <!-- c --> d --> e </root>']) {
      const error = evError(`@xml('${q(bad)}')`);
      expect(error.code, bad).toBe('InvalidArgument');
      expect(error.message, bad).toContain('cannot be parsed as XML');
    }
  });

  it('relabels a binary value as XML without checking it, and binary() relabels XML back', () => {
    expect(ev("@xml(binary('<'))")).toEqual({ '$content-type': 'application/xml;charset=utf-8', $content: 'PA==' });
    expect(ev("@binary(xml('<root/>'))")).toEqual({ '$content-type': 'application/octet-stream', $content: 'PHJvb3QgLz4=' });
    expect(ev("@xml(xml('<root/>'))")).toEqual({ '$content-type': 'application/xml;charset=utf-8', $content: 'PHJvb3QgLz4=' });
    expect(ev("@addProperty(xml('<test/>'), 'x', 1)")).toEqual({ '$content-type': 'application/xml;charset=utf-8', $content: 'PHRlc3QgLz4=', x: 1 });
  });
});

describe('xml() of JSON', () => {
  it.each([
    ['{"cow":"moo"}', '<cow>moo</cow>'],
    ['{"ro:ot": "text"}', '<ot>text</ot>'],
    ['{"ro>ot": "text"}', '<ro_x003E_ot>text</ro_x003E_ot>'],
    ['{"ro ot": "text"}', '<ro_x0020_ot>text</ro_x0020_ot>'],
    ['{"ro/ot": "text"}', '<ro_x002F_ot>text</ro_x002F_ot>'],
    ['{"root": "te\\"xt"}', '<root>te"xt</root>'],
    ['{"root": "te<xt"}', '<root>te&lt;xt</root>'],
    ['{"root": "te&xt"}', '<root>te&amp;xt</root>'],
    ['{"root": {"@attr": "te\\">xt"}}', '<root attr="te&quot;&gt;xt" />'],
    ['{"root": {"#comment": "-->test"}}', '<root><_x0023_comment>--&gt;test</_x0023_comment></root>'],
  ])('%s', (json, expected) => {
    expect(xmlOfJson(json)).toBe(expected);
  });

  it('an empty object is an empty document; a CDATA section holding "]]>" is refused', () => {
    expect(ev("@xml(json('{}'))")).toEqual({ '$content-type': 'application/xml;charset=utf-8', $content: '' });
    expect(evError(`@xml(json('{"root": {"#cdata-section": "]]>test"}}'))`).message).toContain("cannot contain ']]>'");
  });

  it('round-trips through JSON the way Azure does', () => {
    const animals = '{"animals":{"cow":"moo","pig":"oink","birds":[{"call":"cheep"},{"call":"tweet"}]}}';
    expect(ev(`@json(xml(json('${animals}')))`)).toEqual(JSON.parse(animals));
    expect(ev("@{xml(json(xml('<root>a<!--b-->c<!--d--><e><![CDATA[Testing]]><!-- one big comment --></e>f</root>')))}")).toBe('<root>acf<e><![CDATA[Testing]]></e></root>');
    expect(ev("@{xml(json(xml('<root><![CDATA[<!--]]>testing<![CDATA[-->]]></root>')))}")).toBe('<root><![CDATA[<!--]]><![CDATA[-->]]>testing</root>');
    expect(ev("@{xml(json(xml('<root><node1 attr=\"x\"/><innermost>wow<break/>wowow</innermost></root>')))}")).toBe('<root><node1 attr="x" /><innermost>wowwowow<break /></innermost></root>');
  });
});

describe('xpath()', () => {
  it('needs an XML object, returns node sets as arrays and numbers as numbers', () => {
    expect(evError("@xpath('<r><a>x</a></r>', '/r/*')").message).toContain("expects its first parameter to be an XML object, but the provided value is of type 'String'");
    expect(ev("@xpath(xml(json('{\"r\":{\"v\":[1,2,3,4,5]}}')), 'sum(/r/v)')")).toBe(15);
    expect(ev("@xpath(xml('<r><a>this is a</a><b>second</b></r>'), '/r/b')")).toEqual([{ '$content-type': 'application/xml;charset=utf-8', $content: 'PGI+c2Vjb25kPC9iPg==' }]);
    expect(ev("@xpath(xml('<r><a>this is a</a><b>second</b></r>'), '/r/*/text()')")).toEqual(['this is a', 'second']);
  });
});
