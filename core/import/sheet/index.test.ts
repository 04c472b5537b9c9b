import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { readXls } from './biff';
import { readWorkbook, workbookKind } from './index';
import { readXlsx } from './xlsx';

const real = (path: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../../test/fixtures/real/${path}`, import.meta.url)));
const XLSX = real('zettle/Zettle-Receipts-Report-20210101-20210910.xlsx');
const XLS = real('cn-bank/example-spdb_debit-records.xls');
const CCB = real('cn-bank/交易明细_xxxx_2025xxxx_2025xxxx.xls');

/**
 * A result is structured when it is ok with sheets of cell rows, or not ok with a non-empty message.
 * Calls the readers themselves, not readWorkbook, whose last-resort catch would hide a reader bug.
 */
function structured(bytes: Uint8Array): boolean {
  const kind = workbookKind(bytes);
  const r = kind === 'xlsx' ? readXlsx(bytes) : kind === 'xls' ? readXls(bytes) : readWorkbook(bytes);
  if (!r.ok) return typeof r.message === 'string' && r.message.length > 0;
  return r.sheets.every(s => typeof s.name === 'string' && s.rows.every(row => row.every(c => typeof c.text === 'string')));
}

describe('readWorkbook', () => {
  test('chooses the reader from the content, not the name', () => {
    expect(workbookKind(XLSX)).toBe('xlsx');
    expect(workbookKind(XLS)).toBe('xls');
    expect(workbookKind(real('cn-bank/example-hxsec-records.xls'))).toBeNull();
  });

  test('refuses a ".xls" that is really tab-separated GBK text', () => {
    expect(readWorkbook(real('cn-bank/example-hxsec-records.xls'))).toMatchObject({
      ok: false,
      problem: { code: 'workbook_unreadable', params: { reason: 'not_workbook' } },
      message: 'not an Excel workbook (neither .xlsx nor BIFF .xls)',
    });
  });

  test('never throws on random bytes, with or without a zip or OLE2 signature', () => {
    const sig = fc.constantFrom(
      new Uint8Array(0),
      new Uint8Array([0x50, 0x4b, 0x03, 0x04]),
      new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    );
    fc.assert(
      fc.property(sig, fc.uint8Array({ maxLength: 4096 }), (head, tail) => {
        const bytes = new Uint8Array(head.length + tail.length);
        bytes.set(head);
        bytes.set(tail, head.length);
        return structured(bytes);
      }),
      { numRuns: 500 },
    );
  });

  test('never throws on real workbooks with bytes overwritten or cut short', () => {
    const file = fc.constantFrom(XLSX, XLS, CCB);
    const edit = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(file, edit, fc.option(fc.nat()), (original, edits, cut) => {
        const bytes = original.slice(0, cut === null ? original.length : cut % (original.length + 1));
        for (const [at, value] of edits) if (bytes.length > 0) bytes[at % bytes.length] = value;
        return structured(bytes);
      }),
      { numRuns: 400 },
    );
  });

  test('never throws when the OLE2 header fields of a real .xls are overwritten', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0x18, max: 0x1ff }), fc.uint8Array({ minLength: 1, maxLength: 8 }), (at, patch) => {
        const bytes = CCB.slice();
        bytes.set(patch.subarray(0, Math.max(0, Math.min(patch.length, bytes.length - at))), at);
        return structured(bytes);
      }),
      { numRuns: 400 },
    );
  });
});
