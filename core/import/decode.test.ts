import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { gbk } from '../../test/support/gbk.mjs';
import { decodeChunks, decodeText, detectEncoding } from './decode';

describe('decoding', () => {
  test('reads UTF-8 with and without a BOM', () => {
    const text = '交易日期,金额\n2026-01-05,1.00\n';
    const utf8 = new TextEncoder().encode(text);
    expect(decodeText(utf8)).toBe(text);
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toBe(text);
  });
  test('recognises GBK by its byte pairs and decodes it', () => {
    const bytes = gbk('拉卡拉商户交易明细\r\n交易日期,交易金额\r\n');
    expect(detectEncoding(bytes)).toBe('gb18030');
    expect(decodeText(bytes)).toBe('拉卡拉商户交易明细\r\n交易日期,交易金额\r\n');
  });
  test('keeps a UTF-8 file cut inside its last character UTF-8, and a lone high byte at the end windows-1252', () => {
    const utf8 = new TextEncoder().encode('Überweisung 10\u00a006\u00a02010 Straß');
    expect(detectEncoding(utf8.subarray(0, utf8.length - 1))).toBe('utf-8');
    expect(decodeText(utf8.subarray(0, utf8.length - 1))).toBe('Überweisung 10\u00a006\u00a02010 Stra\ufffd');
    // No UTF-8 character before it: an accented letter of windows-1252, not a cut one.
    expect(detectEncoding(new Uint8Array([0x43, 0x61, 0x66, 0xe9]))).toBe('windows-1252');
  });
  test('maps windows-1252 punctuation that Latin-1 lacks', () => {
    expect(decodeText(new Uint8Array([0x80, 0x20, 0x93, 0x41, 0x94, 0xe9]), 'windows-1252')).toBe('€ “A”é');
  });
  test('decodes in line-aligned chunks with the right first line numbers', () => {
    const bytes = gbk('甲,1\n乙,2\n丙,3\n丁,4\n');
    const seen: [string, number][] = [];
    decodeChunks(
      bytes,
      (text, line) => {
        seen.push([text, line]);
      },
      'gb18030',
      8,
    );
    expect(seen.map(s => s[0]).join('')).toBe('甲,1\n乙,2\n丙,3\n丁,4\n');
    expect(seen[0]![1]).toBe(1);
    expect(seen.every(([t]) => t.endsWith('\n'))).toBe(true);
  });
  test('makes a chunk longer rather than cut a line longer than a chunk', () => {
    const long = '乙'.repeat(40);
    const bytes = gbk(`甲,1\n${long},2\n丙,3`);
    const seen: [string, number][] = [];
    decodeChunks(
      bytes,
      (text, line) => {
        seen.push([text, line]);
      },
      'gb18030',
      8,
    );
    expect(seen).toEqual([
      ['甲,1\n', 1],
      [`${long},2\n`, 2],
      ['丙,3', 3],
    ]);
  });
  test('never throws on random bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), bytes => {
        expect(typeof decodeText(bytes)).toBe('string');
      }),
    );
  });
});
