import { describe, expect, it } from 'vitest';
import { evaluateTemplate } from '../../src-shared/expression/index.ts';
import { b64, ev, evError, makeContext, pointed, triggerWith } from './helpers.ts';

const http = {
  name: 'HTTP',
  inputs: { method: 'GET' },
  outputs: { statusCode: 200, headers: { 'x-h': '1' }, body: { id: 7 } },
  status: 'Succeeded',
  code: 'OK',
  startTime: 't0',
  endTime: 't1',
  error: null,
};
const state = {
  trigger: triggerWith({ a: 1 }, { 'x-api-key': 'k' }),
  actions: { HTTP: http },
  parameters: { age: 42, url: 'https://example.test' },
  appsettings: { 'Api.Key': 'secret' },
  variables: { counter: 3 },
  loops: { For_each: { n: 1 } },
  results: { Try: [{ name: 'Step', status: 'Failed' }] },
};

describe('workflow functions', () => {
  it('trigger, triggerOutputs and triggerBody read the trigger', () => {
    expect(ev('@trigger().name', state)).toBe('manual');
    expect(ev("@triggerOutputs()['headers']['x-api-key']", state)).toBe('k');
    expect(ev('@triggerBody()', state)).toEqual({ a: 1 });
    expect(ev('@trigger().outputs.body.a', state)).toBe(1);
  });

  it('triggerBody is null when the request had no body', () => {
    expect(ev('@triggerBody()', { trigger: triggerWith(null) })).toBeNull();
    expect(ev('@triggerBody()', { trigger: { name: 'manual' } })).toBeNull();
  });

  it('body, outputs, actions (and the older actionBody, actionOutputs) read an action that ran', () => {
    expect(ev("@body('HTTP')", state)).toEqual({ id: 7 });
    expect(ev("@outputs('HTTP')['statusCode']", state)).toBe(200);
    expect(ev("@actions('HTTP').status", state)).toBe('Succeeded');
    expect(ev("@actionBody('HTTP').id", state)).toBe(7);
    expect(ev("@actionOutputs('HTTP')['statusCode']", state)).toBe(200);
  });

  it('an unknown action is a plain error that says how to fix it', () => {
    const error = evError("@body('Get_Customer')", state);
    expect(error.code).toBe('ActionNotFound');
    expect(error.message).toContain("cannot find an action named 'Get_Customer' that has run");
    expect(error.message).toContain('runAfter');
    expect(pointed(error)).toBe("'Get_Customer'");
  });

  it('parameters and appsetting read values; missing ones are clear errors', () => {
    expect(ev("@parameters('age')", state)).toBe(42);
    expect(ev("@{parameters('url')}/customers", state)).toBe('https://example.test/customers');
    expect(ev("@appsetting('Api.Key')", state)).toBe('secret');
    const param = evError("@parameters('x')", state);
    expect(param.code).toBe('ParameterNotFound');
    expect(param.message).toMatch(/^The workflow parameter 'x' is not found\./);
    const setting = evError("@appsetting('Missing')", state);
    expect(setting.code).toBe('AppSettingNotFound');
    expect(setting.message).toContain('local.settings.json');
  });

  it('workflow() describes the workflow and the run', () => {
    expect(ev('@workflow().name', state)).toBe('wf');
    expect(ev('@workflow().run.name', state)).toBe('r1');
  });

  it('variables, item, items and result read what the run engine provides', () => {
    expect(ev("@variables('counter')", state)).toBe(3);
    expect(evError("@variables('nope')", state).code).toBe('VariableNotFound');
    expect(ev("@item()?['make']", { ...state, item: { make: 'VW' } })).toBe('VW');
    expect(ev("@items('For_each').n", state)).toBe(1);
    expect(ev("@result('Try')[0]['status']", state)).toBe('Failed');
    expect(evError("@result('Missing')", state).code).toBe('ActionNotFound');
  });

  it('action() reads the running action when the context provides it', () => {
    const ctx = makeContext(state);
    ctx.currentAction = () => ({ name: 'Compose', inputs: { POamount: 60 } });
    expect(evaluateTemplate("@action()['inputs']['POamount']", ctx)).toBe(60);
    expect(evError('@action()', state).code).toBe('NotAvailable');
  });

  it('item() and items() outside a loop say where they can be used', () => {
    const error = evError('@item()', state);
    expect(error.code).toBe('NotAvailable');
    expect(error.message).toContain('Foreach');
    expect(evError("@items('Other')", state).message).toContain("'Other' is not one");
  });
});

describe('form data and multipart bodies', () => {
  const form = (text: string, extra: Record<string, unknown> = {}) => ({
    trigger: triggerWith({ '$content-type': 'application/x-www-form-urlencoded', $content: b64(text), ...extra }),
  });

  it('triggerFormDataValue decodes an urlencoded body', () => {
    const s = form('name=Ada+Lovelace&city=K%C3%B6ln&tag=a&tag=b&empty=');
    expect(ev("@triggerFormDataValue('name')", s)).toBe('Ada Lovelace');
    expect(ev("@triggerFormDataValue('city')", s)).toBe('Köln');
    expect(ev("@triggerFormDataValue('empty')", s)).toBe('');
    expect(ev("@triggerFormDataValue('absent')", s)).toBeNull();
    expect(ev("@triggerFormDataMultiValues('tag')", s)).toEqual(['a', 'b']);
    expect(ev("@triggerFormDataMultiValues('absent')", s)).toEqual([]);
  });

  it('triggerFormDataValue refuses a key posted more than once', () => {
    const error = evError("@triggerFormDataValue('tag')", form('tag=a&tag=b'));
    expect(error.message).toContain("found 2 values for the key 'tag'");
  });

  it("prefers Azure's parsed $formdata list when present", () => {
    const s = form('ignored=1', { $formdata: [{ key: 'k', value: 'v' }] });
    expect(ev("@triggerFormDataValue('k')", s)).toBe('v');
  });

  it('a JSON body is not form data', () => {
    const error = evError("@triggerFormDataValue('k')", { trigger: triggerWith({ k: 1 }) });
    expect(error.message).toContain('expects a form body');
  });

  const multipart = {
    trigger: triggerWith({
      '$content-type': 'multipart/form-data; boundary=XyZ',
      $multipart: [
        {
          headers: { 'Content-Disposition': 'form-data; name="title"' },
          body: { '$content-type': 'text/plain', $content: b64('Report') },
        },
        {
          headers: { 'Content-Disposition': 'form-data; name="file"; filename="a.json"', 'Content-Type': 'application/json' },
          body: { '$content-type': 'application/json', $content: b64('{"x":1}') },
        },
      ],
    }),
  };

  it('triggerMultipartBody returns one part body; string() and json() decode it', () => {
    expect(ev('@triggerMultipartBody(1)', multipart)).toEqual({ '$content-type': 'application/json', $content: b64('{"x":1}') });
    expect(ev('@string(triggerMultipartBody(0))', multipart)).toBe('Report');
    expect(ev('@json(triggerMultipartBody(1)).x', multipart)).toBe(1);
    const error = evError('@triggerMultipartBody(2)', multipart);
    expect(error.code).toBe('IndexOutOfRange');
    expect(error.message).toContain('2 part(s)');
  });

  it('triggerFormDataValue reads multipart/form-data fields by name', () => {
    expect(ev("@triggerFormDataValue('title')", multipart)).toBe('Report');
    expect(ev("@triggerFormDataValue('file')", multipart)).toBe('{"x":1}');
  });

  it('formDataValue and multipartBody read an action body', () => {
    const s = {
      actions: {
        Post: { outputs: { body: { '$content-type': 'application/x-www-form-urlencoded', $content: b64('a=1') } } },
        Parts: multipart.trigger,
      },
    };
    expect(ev("@formDataValue('Post', 'a')", s)).toBe('1');
    expect(ev("@formDataMultiValues('Post', 'a')", s)).toEqual(['1']);
    expect(ev("@string(multipartBody('Parts', 0))", s)).toBe('Report');
  });
});

describe('encoding functions', () => {
  it('base64 and back', () => {
    expect(ev("@base64('héllo')")).toBe(b64('héllo'));
    expect(ev("@base64ToString('aMOpbGxv')")).toBe('héllo');
    expect(ev("@decodeBase64(base64('x y'))")).toBe('x y');
    expect(ev('@base64(triggerBody())', { trigger: triggerWith({ '$content-type': 'image/png', $content: 'iVBORw0=' }) })).toBe('iVBORw0=');
    expect(evError("@base64ToString('***')").code).toBe('InvalidConversion');
  });

  it('encodeUriComponent escapes like .NET, and decodes back', () => {
    expect(ev("@encodeUriComponent('https://contoso.com/a b?x=1&y=(2)!')")).toBe('https%3A%2F%2Fcontoso.com%2Fa%20b%3Fx%3D1%26y%3D%282%29%21');
    expect(ev("@encodeURIComponent(encodeURIComponent('a/b'))")).toBe('a%252Fb');
    expect(ev("@decodeUriComponent('a%20b%C3%A9')")).toBe('a bé');
    expect(ev("@uriComponentToString(uriComponent('x&y'))")).toBe('x&y');
    expect(evError("@decodeUriComponent('%E0%A4%A')").code).toBe('InvalidConversion');
  });
});

describe('manipulation functions', () => {
  const s = { trigger: triggerWith({ a: 1, nested: { b: 2 } }) };

  it('coalesce returns the first non-null value', () => {
    expect(ev("@coalesce(null, triggerBody()?['missing'], 'x', 'y')", s)).toBe('x');
    expect(ev('@coalesce(null, null)', s)).toBeNull();
    expect(ev("@coalesce(null, 0, 'x')", s)).toBe(0);
    expect(ev("@coalesce('', 'x')", s)).toBe('');
  });

  it('setProperty, addProperty and removeProperty return new objects', () => {
    expect(ev("@setProperty(triggerBody(), 'a', 5)", s)).toEqual({ a: 5, nested: { b: 2 } });
    expect(ev("@setProperty(setProperty(triggerBody(), 'x', 'y'), 'z', true)", s)).toEqual({ a: 1, nested: { b: 2 }, x: 'y', z: true });
    expect(ev("@addProperty(triggerBody(), 'c', 3)", s)).toEqual({ a: 1, nested: { b: 2 }, c: 3 });
    expect(evError("@addProperty(triggerBody(), 'a', 3)", s).message).toContain("is there already; use setProperty()");
    expect(ev("@removeProperty(triggerBody(), 'a')", s)).toEqual({ nested: { b: 2 } });
    expect(ev("@removeProperty(triggerBody(), 'zzz')", s)).toEqual({ a: 1, nested: { b: 2 } });
    // The trigger body itself is unchanged.
    expect(ev('@triggerBody()', s)).toEqual({ a: 1, nested: { b: 2 } });
    expect(evError("@setProperty('text', 'a', 1)", s).code).toBe('InvalidArgument');
  });
});

describe('date and time', () => {
  const pinned = { now: new Date('2024-05-01T08:03:09.123Z') };

  it('utcNow gives the round-trip format with seven fraction digits', () => {
    expect(ev('@utcNow()', pinned)).toBe('2024-05-01T08:03:09.1230000Z');
    expect(ev('@utcnow()', pinned)).toBe('2024-05-01T08:03:09.1230000Z');
  });

  it('utcNow takes .NET standard and custom formats', () => {
    expect(ev("@utcNow('yyyy-MM-dd')", pinned)).toBe('2024-05-01');
    expect(ev("@utcNow('dd/MM/yy HH:mm:ss.fff')", pinned)).toBe('01/05/24 08:03:09.123');
    expect(ev("@utcNow('s')", pinned)).toBe('2024-05-01T08:03:09');
    expect(ev("@utcNow('u')", pinned)).toBe('2024-05-01 08:03:09Z');
    expect(ev("@utcNow('R')", pinned)).toBe('Wed, 01 May 2024 08:03:09 GMT');
    expect(ev("@utcNow('dddd d MMMM h tt')", pinned)).toBe('Wednesday 1 May 8 AM');
    expect(ev("@utcNow('HH:mm:ss.FFFFFFF')", { now: new Date('2024-05-01T08:03:09.000Z') })).toBe('08:03:09');
    expect(evError("@utcNow('q')", pinned).message).toContain('not a .NET standard date format');
  });

  it('addDays, addHours, addMinutes, addSeconds keep 100-ns precision and the zone', () => {
    expect(ev("@addDays('2018-03-15T13:00:00.1234567Z', 10)")).toBe('2018-03-25T13:00:00.1234567Z');
    expect(ev("@addDays('2018-03-15T00:00:00Z', -5, 'yyyy-MM-dd')")).toBe('2018-03-10');
    expect(ev("@addHours('2018-03-15T23:30:00Z', 1)")).toBe('2018-03-16T00:30:00.0000000Z');
    expect(ev("@addMinutes('2018-03-15T00:20:00Z', -30)")).toBe('2018-03-14T23:50:00.0000000Z');
    expect(ev("@addSeconds('2018-03-15T00:00:00.0000001Z', 0.5)")).toBe('2018-03-15T00:00:00.5000001Z');
    // No zone in, no zone out (.NET DateTimeKind.Unspecified); an offset is turned into UTC.
    expect(ev("@addDays('2018-03-15T13:00:00', 1)")).toBe('2018-03-16T13:00:00.0000000');
    expect(ev("@addHours('2018-03-15T13:00:00+02:00', 0)")).toBe('2018-03-15T11:00:00.0000000Z');
  });

  it('addToTime and subtractFromTime take a unit; months clamp to the month end', () => {
    expect(ev("@addToTime('2018-01-31T00:00:00Z', 1, 'Month')")).toBe('2018-02-28T00:00:00.0000000Z');
    expect(ev("@addToTime('2018-01-01T00:00:00Z', 2, 'week', 'yyyy-MM-dd')")).toBe('2018-01-15');
    expect(ev("@addToTime('2020-02-29T00:00:00Z', 1, 'Year', 'yyyy-MM-dd')")).toBe('2021-02-28');
    expect(ev("@subtractFromTime('2018-01-02T00:00:00Z', 1, 'Day', 'yyyy-MM-dd')")).toBe('2018-01-01');
    expect(evError("@addToTime('2018-01-01T00:00:00Z', 1, 'Fortnight')").message).toContain("'Second', 'Minute'");
  });

  it('getFutureTime and getPastTime count from now', () => {
    expect(ev("@getFutureTime(5, 'Day', 'yyyy-MM-dd')", pinned)).toBe('2024-05-06');
    expect(ev("@getPastTime(1, 'Month', 'yyyy-MM-dd')", pinned)).toBe('2024-04-01');
  });

  it('startOfDay, startOfHour, startOfMonth, dayOfWeek, dayOfMonth, dayOfYear', () => {
    expect(ev("@startOfDay('2018-03-15T13:30:30.123Z')")).toBe('2018-03-15T00:00:00.0000000Z');
    expect(ev("@startOfHour('2018-03-15T13:30:30Z')")).toBe('2018-03-15T13:00:00.0000000Z');
    expect(ev("@startOfMonth('2018-03-15T13:30:30Z', 'yyyy-MM-dd')")).toBe('2018-03-01');
    expect(ev("@dayOfWeek('2018-03-15T13:27:36Z')")).toBe(4);
    expect(ev("@dayOfMonth('2018-03-15T13:27:36Z')")).toBe(15);
    expect(ev("@dayOfYear('2018-03-15T13:27:36Z')")).toBe(74);
  });

  it('ticks counts 100-ns units since 0001-01-01', () => {
    expect(ev("@ticks('0001-01-01T00:00:00Z')")).toBe(0);
    expect(ev("@ticks('1970-01-01T00:00:00Z')")).toBe(621355968000000000);
    expect(ev("@greater(ticks('2024-01-01T00:00:01Z'), ticks('2024-01-01T00:00:00Z'))")).toBe(true);
  });

  it('formatDateTime formats a timestamp; text that is not a timestamp is a clear error', () => {
    expect(ev("@formatDateTime('2024-05-01T08:03:09Z', 'MMM d, yyyy')")).toBe('May 1, 2024');
    expect(ev("@formatDateTime('2024-05-01')")).toBe('2024-05-01T00:00:00.0000000');
    const error = evError("@addDays('next tuesday', 1)");
    expect(error.message).toContain("expects its parameter to be a timestamp, such as '2024-05-01T08:30:00Z' (ISO 8601) or '05/01/2024 08:30' (en-US), but got 'next tuesday'");
    expect(pointed(error)).toBe("'next tuesday'");
    expect(evError("@addDays('2024-02-30T00:00:00Z', 1)").code).toBe('InvalidArgument');
  });

  it('convertFromUtc, convertToUtc and convertTimeZone take Windows (or IANA) zone names and follow DST', () => {
    expect(ev("@convertFromUtc('2018-01-01T08:00:00.0000000Z', 'Pacific Standard Time')")).toBe('2018-01-01T00:00:00.0000000');
    expect(ev("@convertFromUtc('2018-07-01T08:00:00Z', 'pacific standard time', 'HH:mm')")).toBe('01:00');
    expect(ev("@convertFromUtc('2018-01-01T08:00:00Z', 'India Standard Time', 'HH:mm')")).toBe('13:30');
    expect(ev("@convertToUtc('2018-01-01T00:00:00', 'Pacific Standard Time')")).toBe('2018-01-01T08:00:00.0000000Z');
    expect(ev("@convertToUtc('2018-07-01T00:00:00', 'W. Europe Standard Time')")).toBe('2018-06-30T22:00:00.0000000Z');
    expect(ev("@convertTimeZone('2018-01-01T09:00:00', 'W. Europe Standard Time', 'Tokyo Standard Time', 'HH:mm')")).toBe('17:00');
    expect(ev("@convertFromUtc('2018-01-01T08:00:00Z', 'Europe/Berlin', 'HH:mm')")).toBe('09:00');
    const error = evError("@convertFromUtc('2018-01-01T08:00:00Z', 'Mars Standard Time')");
    expect(error.message).toContain("does not know the time zone 'Mars Standard Time'");
    expect(pointed(error)).toBe("'Mars Standard Time'");
  });

  it('utcNow uses the clock when the context does not pin it', () => {
    const before = Date.now();
    const text = ev('@utcNow()') as string;
    expect(Date.parse(text)).toBeGreaterThanOrEqual(before - 1);
    expect(Date.parse(text)).toBeLessThanOrEqual(Date.now());
  });
});
