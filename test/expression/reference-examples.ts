// Every example of Microsoft's "Reference guide to workflow expression functions", by
// category: the expression and its documented result. The evaluator test and the
// workflow-run test (test/integration/reference-examples.test.ts) both read this table.
// Where the page's printed result is a typo, `note` says what was corrected and why.
import type { RunState } from './helpers.ts';

/** One documented example. */
export interface Example {
  /** The expression as documented, without the leading '@'. */
  expr: string;
  /** The documented result (JSON value). */
  result?: unknown;
  /** For results that change per call (guid, the clock outside the evaluator test): a pattern the text must match. */
  pattern?: RegExp;
  /** For rand(): the documented possible results. */
  oneOf?: unknown[];
  /** Where the documented result needed a correction. */
  note?: string;
  /** Evaluator test only: the run state the example assumes (parameters, actions...). */
  state?: RunState;
  /** Needs a pinned clock: the workflow-run test checks `pattern` instead of `result`. */
  clock?: boolean;
}

/** A binary value holding UTF-8 text, as binary(), base64ToBinary() and the like return it. */
export function binary(text: string, type = 'application/octet-stream'): unknown {
  return { '$content-type': type, $content: Buffer.from(text, 'utf8').toString('base64') };
}

/** An XML value, as xml() returns it. */
export function xmlValue(text: string): unknown {
  return binary(text, 'application/xml;charset=utf-8');
}

const PRODUCE =
  '<?xml version="1.0"?><produce><item><name>Gala</name><type>apple</type><count>20</count></item><item><name>Honeycrisp</name><type>apple</type><count>10</count></item></produce>';
const PRODUCE_EXPIRED =
  "<?xml version=\"1.0\"?><produce><item><name expired='true'>Gala</name><type>apple</type><count>20</count></item><item><name expired='false'>Honeycrisp</name><type>apple</type><count>10</count></item></produce>";
const PRODUCE_ONE_EXPIRED =
  "<?xml version=\"1.0\"?><produce><item><name expired='true'>Gala</name><type>apple</type><count>20</count></item><item><name>Honeycrisp</name><type>apple</type><count>10</count></item></produce>";
const PRODUCE_PRICED =
  "<?xml version=\"1.0\"?><produce><item><name expired='true' price='12'>Gala</name><type>apple</type><count>20</count></item><item><name expired='false' price='40'>Honeycrisp</name><type>apple</type><count>10</count></item></produce>";
const CONTOSO_FILE = '<?xml version="1.0"?><file xmlns="https://contoso.com"><location>Paris</location></file>';

/** The XML documents the xpath() examples read through parameters(). */
export const XML_PARAMETERS = {
  items: PRODUCE,
  itemsExpired: PRODUCE_EXPIRED,
  itemsOneExpired: PRODUCE_ONE_EXPIRED,
  itemsPriced: PRODUCE_PRICED,
  file: CONTOSO_FILE,
};

/** The instant the date examples that read the clock assume. */
export const PINNED_CLOCK = {
  getFutureTime: new Date('2018-03-01T00:00:00Z'),
  getPastTime: new Date('2018-02-01T00:00:00Z'),
  utcNow: new Date('2025-09-25T05:18:31.338Z'),
};

const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/;
const LONG_DATE = /^[A-Z][a-z]+day, [A-Z][a-z]+ \d{1,2}, \d{4}$/;
const people = '[{ "ID": 1, "Name": "James" }, { "ID": 2, "Name": "John" }, { "ID": 3, "Name": "Sam" }]';
const PEOPLE_XML = '<root><array><ID>1</ID><Name>James</Name></array><array><ID>2</ID><Name>John</Name></array><array><ID>3</ID><Name>Sam</Name></array></root>';

/** The examples by category, in the reference's order within each. */
export const REFERENCE_EXAMPLES: Record<string, Example[]> = {
  string: [
    { expr: "chunk('abcdefghijklmnopqrstuvwxyz', 10)", result: ['abcdefghij', 'klmnopqrst', 'uvwxyz'] },
    { expr: "concat('Hello', 'World')", result: 'HelloWorld' },
    { expr: "concat('Sophia', 'Owen')", result: 'SophiaOwen' },
    { expr: "endsWith('hello world', 'world')", result: true },
    { expr: "endsWith('hello world', 'universe')", result: false },
    { expr: "formatNumber(1234567890, '#,##0.00', 'en-US')", result: '1,234,567,890.00' },
    { expr: "formatNumber(1234567890, '#,##0.00', 'is-IS')", result: '1.234.567.890,00' },
    { expr: "formatNumber(17.35, 'C2')", result: '$17.35' },
    { expr: "formatNumber(17.35, 'C2', 'is-IS')", result: '17,35 kr' },
    { expr: 'guid()', pattern: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/ },
    { expr: "guid('P')", pattern: /^\([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\)$/ },
    { expr: "indexOf('hello world', 'world')", result: 6 },
    { expr: "isFloat('10,000.00')", result: true },
    { expr: "isFloat('10.000,00', 'de-DE')", result: true },
    { expr: "isInt('10')", result: true },
    { expr: "lastIndexOf('hello world hello world', 'world')", result: 18 },
    { expr: "lastIndexOf('hello world hello world', '')", result: 22 },
    { expr: "length('abcd')", result: 4 },
    { expr: "nthIndexOf('123456789123465789', '1', 1)", result: 0 },
    { expr: "nthIndexOf('123456789123465789', '1', 2)", result: 9 },
    { expr: "nthIndexOf('123456789123465789', '12', 2)", result: 9 },
    { expr: "nthIndexOf('123456789123465789', '6', 4)", result: -1 },
    { expr: "replace('the old string', 'old', 'new')", result: 'the new string' },
    { expr: "slice('Hello World', 2)", result: 'llo World' },
    { expr: "slice('Hello World', 30)", result: '' },
    { expr: "slice('Hello World', 10, 2)", result: '' },
    { expr: "slice('Hello World', 0)", result: 'Hello World' },
    { expr: "slice('Hello World', 2, 5)", result: 'llo' },
    { expr: "slice('Hello World', 6, 20)", result: 'World' },
    { expr: "slice('Hello World', -2)", result: 'ld' },
    { expr: "slice('Hello World', 3, -1)", result: 'lo Worl' },
    { expr: "slice('Hello World', 3, 3)", result: '' },
    { expr: "split('a_b_c', '_')", result: ['a', 'b', 'c'] },
    { expr: "split('a_b_c', ' ')", result: ['a_b_c'] },
    { expr: "startsWith('hello world', 'hello')", result: true },
    { expr: "startsWith('hello world', 'greetings')", result: false },
    { expr: "substring('hello world', 6, 5)", result: 'world' },
    { expr: "toLower('Hello')", result: 'hello' },
    { expr: "toLower('Hello World')", result: 'hello world' },
    { expr: "toUpper('Hello World')", result: 'HELLO WORLD' },
    { expr: "trim(' Hello World  ')", result: 'Hello World' },
  ],
  collection: [
    { expr: 'chunk(createArray(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), 5)', result: [[1, 2, 3, 4, 5], [6, 7, 8, 9, 10], [11, 12]] },
    { expr: "contains('hello world', 'world')", result: true },
    { expr: "contains('hello world', 'universe')", result: false },
    { expr: "empty('')", result: true },
    { expr: "empty('abc')", result: false },
    { expr: "first('hello')", result: 'h' },
    { expr: 'first(createArray(0, 1, 2))', result: 0 },
    { expr: 'intersection(createArray(1, 2, 3), createArray(101, 2, 1, 10), createArray(6, 8, 1, 2))', result: [1, 2] },
    { expr: "join(createArray('a', 'b', 'c'), '.')", result: 'a.b.c' },
    { expr: "last('abcd')", result: 'd' },
    { expr: 'last(createArray(0, 1, 2, 3))', result: 3 },
    { expr: "length('abcd')", result: 4 },
    { expr: 'length(createArray(0, 1, 2, 3))', result: 4 },
    { expr: 'reverse(createArray(0, 1, 2, 3))', result: [3, 2, 1, 0] },
    { expr: 'skip(createArray(0, 1, 2, 3), 1)', result: [1, 2, 3] },
    { expr: 'sort(createArray(2, 1, 0, 3))', result: [0, 1, 2, 3] },
    {
      expr: `sort(createArray(json('{ "first": "Amalie", "last": "Rose" }'), json('{ "first": "Elise", "last": "Renee" }')), 'last')`,
      result: [{ first: 'Elise', last: 'Renee' }, { first: 'Amalie', last: 'Rose' }],
      note: "the page prints a stray \"')\" after the array",
    },
    { expr: "take('abcde', 3)", result: 'abc' },
    { expr: 'take(createArray(0, 1, 2, 3, 4), 3)', result: [0, 1, 2] },
    { expr: 'union(createArray(1, 2, 3), createArray(1, 2, 10, 101))', result: [1, 2, 3, 10, 101] },
  ],
  logical: [
    { expr: 'and(true, true)', result: true },
    { expr: 'and(false, true)', result: false },
    { expr: 'and(false, false)', result: false },
    { expr: 'and(equals(1, 1), equals(2, 2))', result: true },
    { expr: 'and(equals(1, 1), equals(1, 2))', result: false },
    { expr: 'and(equals(1, 2), equals(1, 3))', result: false },
    { expr: 'equals(true, 1)', result: true },
    { expr: "equals('abc', 'abcd')", result: false },
    { expr: 'greater(10, 5)', result: true },
    { expr: "greater('apple', 'banana')", result: false },
    { expr: 'greaterOrEquals(5, 5)', result: true },
    { expr: "greaterOrEquals('apple', 'banana')", result: false },
    { expr: "if(equals(1, 1), 'yes', 'no')", result: 'yes' },
    { expr: 'less(5, 10)', result: true },
    { expr: "less('banana', 'apple')", result: false },
    { expr: 'lessOrEquals(10, 10)', result: true },
    { expr: "lessOrEquals('apply', 'apple')", result: false },
    { expr: 'not(false)', result: true },
    { expr: 'not(true)', result: false },
    { expr: 'not(equals(1, 2))', result: true },
    { expr: 'not(equals(1, 1))', result: false },
    { expr: 'or(true, false)', result: true },
    { expr: 'or(false, false)', result: false },
    { expr: 'or(equals(1, 1), equals(1, 2))', result: true },
    { expr: 'or(equals(1, 2), equals(1, 3))', result: false },
  ],
  conversion: [
    { expr: "array('hello')", result: ['hello'] },
    { expr: "base64('hello')", result: 'aGVsbG8=' },
    { expr: "base64ToBinary('aGVsbG8=')", result: binary('hello') },
    { expr: "base64ToString('aGVsbG8=')", result: 'hello' },
    { expr: "binary('hello')", result: binary('hello'), note: 'the page describes the content envelope without printing one' },
    { expr: 'bool(1)', result: true },
    { expr: 'bool(0)', result: false },
    { expr: 'bool(-1)', result: true },
    { expr: "bool('true')", result: true },
    { expr: "bool('false')", result: false },
    { expr: "createArray('h', 'e', 'l', 'l', 'o')", result: ['h', 'e', 'l', 'l', 'o'] },
    { expr: "dataUri('hello')", result: 'data:text/plain;charset=utf-8;base64,aGVsbG8=' },
    {
      expr: "dataUriToBinary('data:text/plain;charset=utf-8;base64,aGVsbG8=')",
      result: binary('hello', 'text/plain;charset=utf-8'),
      note: "the page prints the bits of the data URI's own text; the binary value holds the bytes of 'hello'",
    },
    { expr: "dataUriToString('data:text/plain;charset=utf-8;base64,aGVsbG8=')", result: 'hello' },
    { expr: "decimal('1.2345678912312131')", result: 1.234567891231213 },
    { expr: "string(decimal('1.2345678912312131'))", result: '1.2345678912312131' },
    { expr: "add(decimal('1.2345678912312131'), decimal('1.2345678912312131'))", result: 2.469135782462426 },
    { expr: "string(add(decimal('1.2345678912312131'), decimal('1.2345678912312131')))", result: '2.4691357824624262' },
    { expr: "decodeBase64('aGVsbG8=')", result: 'hello' },
    {
      expr: "decodeDataUri('data:text/plain;charset=utf-8;base64,aGVsbG8=')",
      result: binary('hello', 'text/plain;charset=utf-8'),
      note: "the page prints the text, \"hello\"; the value is binary text/plain holding it (string() of it is 'hello')",
    },
    { expr: "string(decodeDataUri('data:text/plain;charset=utf-8;base64,aGVsbG8='))", result: 'hello' },
    { expr: "decodeUriComponent('https%3A%2F%2Fcontoso.com')", result: 'https://contoso.com' },
    { expr: "encodeUriComponent('https://contoso.com')", result: 'https%3A%2F%2Fcontoso.com' },
    { expr: "float('10,000.333')", result: 10000.333 },
    { expr: "float('10.000,333', 'de-DE')", result: 10000.333 },
    { expr: "float('12,3,4,5678')", result: 12345678 },
    { expr: "float('1234567,8+')", result: 12345678 },
    { expr: "float('12345,6,78,-')", result: -12345678 },
    { expr: "float('-12,345,678,')", result: -12345678 },
    { expr: "float('12345678.-')", result: -12345678 },
    { expr: "float('.12345678')", result: 0.12345678 },
    { expr: "int('10')", result: 10 },
    { expr: "json('[1, 2, 3]')", result: [1, 2, 3] },
    { expr: `json('{"fullName": "Sophia Owen"}')`, result: { fullName: 'Sophia Owen' } },
    {
      expr: `json(xml('<?xml version="1.0"?> <root> <person id="1"> <name>Sophia Owen</name> <occupation>Engineer</occupation> </person> </root>'))`,
      result: { '?xml': { '@version': '1.0' }, root: { person: { '@id': '1', name: 'Sophia Owen', occupation: 'Engineer' } } },
    },
    {
      expr: `json(xml('<?xml version="1.0"?> <root> <person id="1"> <name>Sophia Owen</name> <occupation>Engineer</occupation> </person> <person id="2"> <name>John Doe</name> <occupation>Engineer</occupation> </person> </root>'))`,
      result: {
        '?xml': { '@version': '1.0' },
        root: { person: [{ '@id': '1', name: 'Sophia Owen', occupation: 'Engineer' }, { '@id': '2', name: 'John Doe', occupation: 'Engineer' }] },
      },
    },
    { expr: 'string(10)', result: '10' },
    {
      expr: `string(json('{ "name": "Sophie Owen" }'))`,
      result: '{"name":"Sophie Owen"}',
      note: 'the page writes the object literally, which is not expression syntax, and shows it with spaces; Azure writes compact JSON',
    },
    { expr: "uriComponent('https://contoso.com')", result: 'https%3A%2F%2Fcontoso.com' },
    { expr: "uriComponentToBinary('https%3A%2F%2Fcontoso.com')", result: binary('https://contoso.com') },
    { expr: "uriComponentToString('https%3A%2F%2Fcontoso.com')", result: 'https://contoso.com' },
    { expr: "xml('<name>Sophia Owen</name>')", result: xmlValue('<name>Sophia Owen</name>') },
    { expr: `xml(json('{ "name": "Sophia Owen" }'))`, result: xmlValue('<name>Sophia Owen</name>') },
    {
      expr: `xml(json('{"person": {"name": "Sophia Owen", "city": "Seattle"}}'))`,
      result: xmlValue('<person><name>Sophia Owen</name><city>Seattle</city></person>'),
      note: 'the page closes the element with <person> instead of </person>',
    },
    { expr: `xml(json('{"root":{"array":${people}}}'))`, result: xmlValue(PEOPLE_XML) },
    { expr: `xml(json(concat('{"root":{"array":', '${people}', '}}')))`, result: xmlValue(PEOPLE_XML) },
    { expr: `xml(addProperty(json('{}'), 'root', addProperty(json('{}'), 'array', json('${people}'))))`, result: xmlValue(PEOPLE_XML) },
  ],
  math: [
    { expr: 'add(1, 1.5)', result: 2.5 },
    { expr: 'div(10,5)', result: 2 },
    { expr: 'div(11,5)', result: 2 },
    { expr: 'div(11,5.0)', result: 2.2 },
    { expr: 'div(11.0,5)', result: 2.2 },
    { expr: 'max(1, 2, 3)', result: 3 },
    { expr: 'max(createArray(1, 2, 3))', result: 3 },
    { expr: 'min(1, 2, 3)', result: 1 },
    { expr: 'min(createArray(1, 2, 3))', result: 1 },
    { expr: 'mod(3, 2)', result: 1 },
    { expr: 'mod(-5, 2)', result: -1 },
    { expr: 'mod(4, -3)', result: 1 },
    { expr: 'mul(1, 2)', result: 2 },
    { expr: 'mul(1.5, 2)', result: 3 },
    { expr: 'rand(1, 5)', oneOf: [1, 2, 3, 4] },
    { expr: 'range(1, 4)', result: [1, 2, 3, 4] },
    { expr: 'sub(10.3, .3)', result: 10 },
  ],
  dateTime: [
    { expr: "addDays('2018-03-15T00:00:00Z', 10)", result: '2018-03-25T00:00:00.0000000Z' },
    { expr: "addDays('2018-03-15T00:00:00Z', -5)", result: '2018-03-10T00:00:00.0000000Z' },
    { expr: "addHours('2018-03-15T00:00:00Z', 10)", result: '2018-03-15T10:00:00.0000000Z' },
    { expr: "addHours('2018-03-15T15:00:00Z', -5)", result: '2018-03-15T10:00:00.0000000Z' },
    { expr: "addMinutes('2018-03-15T00:10:00Z', 10)", result: '2018-03-15T00:20:00.0000000Z' },
    { expr: "addMinutes('2018-03-15T00:20:00Z', -5)", result: '2018-03-15T00:15:00.0000000Z' },
    { expr: "addSeconds('2018-03-15T00:00:00Z', 10)", result: '2018-03-15T00:00:10.0000000Z' },
    { expr: "addSeconds('2018-03-15T00:00:30Z', -5)", result: '2018-03-15T00:00:25.0000000Z' },
    { expr: "addToTime('2018-01-01T00:00:00Z', 1, 'Day')", result: '2018-01-02T00:00:00.0000000Z' },
    { expr: "addToTime('2018-01-01T00:00:00Z', 1, 'Day', 'D')", result: 'Tuesday, January 2, 2018' },
    { expr: "convertFromUtc('2018-01-01T08:00:00.0000000Z', 'Pacific Standard Time')", result: '2018-01-01T00:00:00.0000000' },
    { expr: "convertFromUtc('2018-01-01T08:00:00.0000000Z', 'Pacific Standard Time', 'D')", result: 'Monday, January 1, 2018' },
    { expr: "convertTimeZone('2018-01-01T08:00:00.0000000Z', 'UTC', 'Pacific Standard Time')", result: '2018-01-01T00:00:00.0000000' },
    {
      expr: "convertTimeZone('2018-01-01T08:00:00.0000000Z', 'UTC', 'Pacific Standard Time', 'D')",
      result: 'Monday, January 1, 2018',
      note: "the page writes the hour as 80 ('2018-01-01T80:00:00'), which no timestamp has",
    },
    { expr: "convertToUtc('01/01/2018 00:00:00', 'Pacific Standard Time')", result: '2018-01-01T08:00:00.0000000Z' },
    { expr: "convertToUtc('01/01/2018 00:00:00', 'Pacific Standard Time', 'D')", result: 'Monday, January 1, 2018' },
    { expr: "dateDifference('2015-02-08', '2018-07-30')", result: '1268.00:00:00' },
    { expr: "dayOfMonth('2018-03-15T13:27:36Z')", result: 15 },
    { expr: "dayOfWeek('2018-03-15T13:27:36Z')", result: 4 },
    { expr: "dayOfYear('2018-03-15T13:27:36Z')", result: 74 },
    { expr: "formatDateTime('03/15/2018')", result: '2018-03-15T00:00:00.0000000' },
    { expr: "formatDateTime('03/15/2018 12:00:00', 'yyyy-MM-ddTHH:mm:ss')", result: '2018-03-15T12:00:00' },
    { expr: "formatDateTime('01/31/2016', 'dddd MMMM d')", result: 'Sunday January 31' },
    { expr: "formatDateTime('01/31/2016', 'dddd MMMM d', 'fr-fr')", result: 'dimanche janvier 31' },
    { expr: "formatDateTime('01/31/2016', 'dddd MMMM d', 'fr-FR')", result: 'dimanche janvier 31' },
    { expr: "formatDateTime('01/31/2016', 'dddd MMMM d', 'es-es')", result: 'domingo enero 31' },
    { expr: "getFutureTime(5, 'Day')", result: '2018-03-06T00:00:00.0000000Z', clock: true, pattern: ISO_UTC },
    { expr: "getFutureTime(5, 'Day', 'D')", result: 'Tuesday, March 6, 2018', clock: true, pattern: LONG_DATE },
    { expr: "getPastTime(5, 'Day')", result: '2018-01-27T00:00:00.0000000Z', clock: true, pattern: ISO_UTC },
    { expr: "getPastTime(5, 'Day', 'D')", result: 'Saturday, January 27, 2018', clock: true, pattern: LONG_DATE },
    { expr: "parseDateTime('20/10/2014', 'fr-fr')", result: '2014-10-20T00:00:00.0000000' },
    { expr: "parseDateTime('20 octobre 2010', 'fr-FR')", result: '2010-10-20T00:00:00.0000000' },
    { expr: "parseDateTime('martes 20 octubre 2020', 'es-es')", result: '2020-10-20T00:00:00.0000000' },
    { expr: "parseDateTime('21052019', 'fr-fr', 'ddMMyyyy')", result: '2019-05-21T00:00:00.0000000' },
    { expr: "parseDateTime('20190521', 'fr-fr', 'yyyyMMdd')", result: '2019-05-21T00:00:00.0000000' },
    { expr: "parseDateTime('10/20/2014 15h', 'en-US', 'MM/dd/yyyy HH\\h')", result: '2014-10-20T15:00:00.0000000' },
    { expr: "startOfDay('2018-03-15T13:30:30Z')", result: '2018-03-15T00:00:00.0000000Z' },
    { expr: "startOfHour('2018-03-15T13:30:30Z')", result: '2018-03-15T13:00:00.0000000Z' },
    { expr: "startOfMonth('2018-03-15T13:30:30Z')", result: '2018-03-01T00:00:00.0000000Z' },
    { expr: "startOfMonth('2018-03-15T13:30:30Z', 'yyyy-MM-dd')", result: '2018-03-01' },
    { expr: "subtractFromTime('2018-01-02T00:00:00Z', 1, 'Day')", result: '2018-01-01T00:00:00.0000000Z' },
    {
      expr: "subtractFromTime('2018-01-02T00:00:00Z', 1, 'Day', 'D')",
      result: 'Monday, January 1, 2018',
      note: "the page prints 'Monday, January, 1, 2018'; 'D' in en-US has no comma after the month (as its other 'D' examples show)",
    },
    { expr: "ticks('2018-03-15T00:00:00Z')", result: 636566688000000000, note: 'the page gives no value; this is .NET DateTime.Ticks of that instant' },
    {
      expr: 'utcNow()',
      result: '2025-09-25T05:18:31.3380000Z',
      clock: true,
      pattern: ISO_UTC,
      note: 'the page shows 100-ns digits a clock reading has (.3384797); a pinned JavaScript clock holds milliseconds',
    },
    { expr: "utcNow('u')", result: '2025-09-25 05:18:31Z', clock: true, pattern: /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/ },
    { expr: "utcNow('U')", result: 'Thursday, September 25, 2025 5:18:31 AM', clock: true, pattern: /^[A-Z][a-z]+day, [A-Z][a-z]+ \d{1,2}, \d{4} \d{1,2}:\d\d:\d\d [AP]M$/ },
    { expr: "utcNow('d')", result: '9/25/2025', clock: true, pattern: /^\d{1,2}\/\d{1,2}\/\d{4}$/ },
    { expr: "utcNow('D')", result: 'Thursday, September 25, 2025', clock: true, pattern: LONG_DATE },
    { expr: "utcNow('t')", result: '5:18 AM', clock: true, pattern: /^\d{1,2}:\d\d [AP]M$/ },
    { expr: "utcNow('T')", result: '5:18:31 AM', clock: true, pattern: /^\d{1,2}:\d\d:\d\d [AP]M$/ },
    { expr: "utcNow('y')", result: 'September 2025', clock: true, pattern: /^[A-Z][a-z]+ \d{4}$/ },
    { expr: "utcNow('yyyy')", result: '2025', clock: true, pattern: /^\d{4}$/ },
    { expr: "utcNow('ddd, d MMM yyyy')", result: 'Thu, 25 Sep 2025', clock: true, pattern: /^[A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4}$/ },
  ],
  uri: [
    { expr: "uriHost('https://www.localhost.com:8080')", result: 'www.localhost.com' },
    { expr: "uriPath('https://www.contoso.com/catalog/shownew.htm?date=today')", result: '/catalog/shownew.htm' },
    { expr: "uriPathAndQuery('https://www.contoso.com/catalog/shownew.htm?date=today')", result: '/catalog/shownew.htm?date=today' },
    { expr: "uriPort('https://www.localhost:8080')", result: 8080 },
    { expr: "uriQuery('https://www.contoso.com/catalog/shownew.htm?date=today')", result: '?date=today' },
    { expr: "uriScheme('https://www.contoso.com/catalog/shownew.htm?date=today')", result: 'https', note: "the page prints \"http\" for this https URI" },
  ],
  manipulation: [
    {
      expr: `addProperty(json('{ "firstName": "Sophia", "lastName": "Owen" }'), 'middleName', 'Anne')`,
      result: { firstName: 'Sophia', lastName: 'Owen', middleName: 'Anne' },
      note: "the page's 'before' object says surName while its expression says lastName; the expression is used",
    },
    {
      expr: `setProperty(json('{ "customerName": { "firstName": "Sophia", "surName": "Owen" } }'), 'customerName', addProperty(json('{ "customerName": { "firstName": "Sophia", "surName": "Owen" } }')['customerName'], 'middleName', 'Anne'))`,
      result: { customerName: { firstName: 'Sophia', surName: 'Owen', middleName: 'Anne' } },
    },
    { expr: 'coalesce(null, true, false)', result: true },
    { expr: "coalesce(null, 'hello', 'world')", result: 'hello' },
    { expr: 'coalesce(null, null, null)', result: null },
    {
      expr: `removeProperty(json('{ "firstName": "Sophia", "middleName": "Anne", "surName": "Owen" }'), 'middleName')`,
      result: { firstName: 'Sophia', surName: 'Owen' },
    },
    {
      expr: `removeProperty(json('{ "customerName": { "firstName": "Sophia", "middleName": "Anne", "surName": "Owen" } }')['customerName'], 'middleName')`,
      result: { firstName: 'Sophia', surName: 'Owen' },
    },
    {
      expr: `setProperty(json('{ "firstName": "Sophia", "surName": "Owen" }'), 'surName', 'Hartnett')`,
      result: { firstName: 'Sophia', surName: 'Hartnett' },
    },
    {
      expr: `setProperty(json('{ "customerName": { "firstName": "Sophia", "surName": "Owen" } }'), 'customerName', setProperty(json('{ "customerName": { "firstName": "Sophia", "surName": "Owen" } }')['customerName'], 'surName', 'Hartnett'))`,
      result: { customerName: { firstName: 'Sophia', surName: 'Hartnett' } },
    },
    { expr: "xpath(xml(parameters('items')), '/produce/item/name/text()')", result: ['Gala', 'Honeycrisp'] },
    {
      expr: "xpath(xml(parameters('items')), '/produce/item/name[1]')",
      result: [xmlValue('<name>Gala</name>'), xmlValue('<name>Honeycrisp</name>')],
      note: "the page prints 'Gala'; in XPath 1.0 name[1] is the first name of each item, so both items' names match, as nodes",
    },
    {
      expr: "xpath(xml(parameters('items')), '/produce/item/name[last()]')",
      result: [xmlValue('<name>Gala</name>'), xmlValue('<name>Honeycrisp</name>')],
      note: "the page prints 'Honeycrisp'; name[last()] is the last name of each item, so both match",
    },
    {
      expr: "xpath(xml(parameters('itemsExpired')), '//name[@expired]')",
      result: [xmlValue('<name expired="true">Gala</name>'), xmlValue('<name expired="false">Honeycrisp</name>')],
      note: 'the page prints the nodes by their text; a node comes back as an XML value',
    },
    {
      expr: "xpath(xml(parameters('itemsOneExpired')), '//name[@expired = ''true'']')",
      result: [xmlValue('<name expired="true">Gala</name>')],
      note: "the page writes the quotes inside the string literal unescaped; in an expression they are doubled",
    },
    { expr: "xpath(xml(parameters('itemsPriced')), '//name[@price>35]')", result: [xmlValue('<name expired="false" price="40">Honeycrisp</name>')] },
    { expr: "xpath(xml(parameters('items')), 'sum(/produce/item/count)')", result: 30 },
    { expr: `xpath(xml(parameters('file')), '/*[name()="file"]/*[name()="location"]')`, result: [xmlValue('<location xmlns="https://contoso.com">Paris</location>')] },
    {
      expr: `xpath(xml(parameters('file')), '/*[local-name()="file" and namespace-uri()="https://contoso.com"]/*[local-name()="location"]')`,
      result: [xmlValue('<location xmlns="https://contoso.com">Paris</location>')],
    },
    { expr: `xpath(xml(parameters('file')), 'string(/*[name()="file"]/*[name()="location"])')`, result: 'Paris' },
  ],
};

/** The run state every evaluator example sees: the parameters the examples read. */
export const EXAMPLE_STATE: RunState = {
  parameters: { ...XML_PARAMETERS, fullName: 'Sophia Owen', customerName: 'Sophia Owen', firstName: 'Sophia', lastName: 'Owen' },
};
