import { describe, expect, test } from 'vitest';
import { readTable } from '../import/table';
import { csvBytes, guardText } from './csv';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('CSV for Excel', () => {
  test('starts with a UTF-8 byte-order mark and ends each record with CRLF', () => {
    const bytes = csvBytes(['参考号', 'Amount'], [['a', { minor: 1234, currency: 'CNY' }]]);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text(bytes.slice(3))).toBe('参考号,Amount\r\na,12.34\r\n');
  });

  test('quotes a cell with a comma, a quote or a line break, doubling its quotes (RFC 4180)', () => {
    const bytes = csvBytes(['x'], [['a,b'], ['say "hi"'], ['two\nlines'], [null]]);
    expect(text(bytes.slice(3))).toBe('x\r\n"a,b"\r\n"say ""hi"""\r\n"two\nlines"\r\n\r\n');
  });

  test('guards text that a spreadsheet would run as a formula, and leaves amounts as plain numbers', () => {
    for (const bad of ['=1+2', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx', '=HYPERLINK("http://x")']) expect(guardText(bad)).toBe(`'${bad}`);
    const bytes = csvBytes(['text', 'amount'], [['-12.30', { minor: -1230, currency: 'CNY' }]]);
    expect(text(bytes.slice(3)).split('\r\n')[1]).toBe(`'-12.30,-12.30`);
    expect(text(csvBytes(['a'], [[{ minor: 5, currency: 'JPY' }], [{ minor: -5, currency: 'KWD' }]]).slice(3))).toBe(
      'a\r\n5\r\n-0.005\r\n',
    );
  });

  test('keeps the leading zeros and every digit of long ids as ="…", and short plain numbers as they are', () => {
    expect(guardText('038475661627')).toBe('="038475661627"');
    expect(guardText('20260105074008845502')).toBe('="20260105074008845502"');
    expect(guardText('54325555')).toBe('54325555');
    expect(guardText('txn_3dT0Mln')).toBe('txn_3dT0Mln');
  });

  test("reads back through the project's own table reader as written", () => {
    const header = ['Reference', '说明', 'Amount'];
    const rows = [
      ['038475661627', '=cmd|" /C calc"!A0', { minor: -99, currency: 'CNY' }],
      ['txn_1', '货款, "月结"', { minor: 1234567, currency: 'CNY' }],
      ['20260105074008845502', '+86 21 1234', null],
    ] as const;
    const read: string[][] = [];
    const fields = { a: ['Reference'], b: ['说明'], c: ['Amount'] };
    const info = readTable(csvBytes(header, rows), { fields, required: ['a', 'b', 'c'] }, row => read.push([...row.cells]));
    expect(info.issues).toEqual([]);
    expect(read).toEqual([
      ['038475661627', '=cmd|" /C calc"!A0', '-0.99'],
      ['txn_1', '货款, "月结"', '12345.67'],
      ['20260105074008845502', '+86 21 1234', ''],
    ]);
  });
});
