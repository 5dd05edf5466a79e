import { describe, expect, it } from 'vitest';
import { createBodyCollector } from '../../src-main/outbound/response-capture.ts';

describe('response body capture', () => {
  it('keeps text whole when it fits, across chunks', () => {
    const collector = createBodyCollector(100);
    collector.push(Buffer.from('{"a":'));
    collector.push(Buffer.from('"é"}'));
    expect(collector.finish('application/json')).toEqual({ size: 10, contentType: 'application/json', text: '{"a":"é"}' });
  });

  it('stays text when the limit cuts a multi-byte character in half', () => {
    const collector = createBodyCollector(4);
    collector.push(Buffer.from('abcé and more')); // 'é' is 2 bytes at offsets 3-4
    const capture = collector.finish();
    expect(capture.truncated).toBe(true);
    expect(capture.size).toBe(Buffer.byteLength('abcé and more'));
    expect(capture.text).toBe('abc');
    expect(capture.base64).toBeUndefined();
  });

  it('falls back to base64 for bytes that are not UTF-8', () => {
    const collector = createBodyCollector(10);
    collector.push(Buffer.from([0xc3, 0x28, 0x00]));
    expect(collector.finish()).toEqual({ size: 3, base64: Buffer.from([0xc3, 0x28, 0x00]).toString('base64') });
  });

  it('records an empty body as size 0 with no text', () => {
    expect(createBodyCollector().finish('text/plain')).toEqual({ size: 0, contentType: 'text/plain' });
  });
});
