import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { zettle } from './zettle';
import { detectFormat } from '../detect';
import { checkLeavesLeadFormats, checkRandomBytes, errors, fixture, totals } from '../../../test/support/acquirer-format-checks';

const RECEIPTS = 'real/zettle/Zettle-Receipts-Report-20210101-20210910.xlsx';
const STATEMENT = 'real/zettle/Zettle-Account-Statement-Report-20230901-20250903.xlsx';
const parse = (bytes: Uint8Array) => zettle.parse(bytes, { fileName: 'zettle.xlsx' });

/** The receipts workbook with its sheet XML edited. */
function editedReceipts(edit: (xml: string) => string): Uint8Array {
  const files = unzipSync(fixture(RECEIPTS));
  files['xl/worksheets/sheet1.xml'] = strToU8(edit(strFromU8(files['xl/worksheets/sheet1.xml']!)));
  return zipSync(files);
}

describe('zettle', () => {
  test('is chosen for both real reports, and not for other zips', () => {
    expect(detectFormat(fixture(RECEIPTS))?.name).toBe('zettle');
    expect(detectFormat(fixture(STATEMENT))?.name).toBe('zettle');
    expect(zettle.sniff('', zipSync({ 'a.csv': strToU8('x,y\n') }))).toBe(0);
    expect(zettle.sniff('Dato,Tid', new TextEncoder().encode('Dato,Tid,Kvitteringsnummer,Total,Afgift,Netto\n'))).toBe(0);
  });

  test('reads the real receipts report past its preamble: card receipts only, exact kroner', () => {
    const r = parse(fixture(RECEIPTS));
    expect(errors(r)).toEqual([]);
    expect(totals(r)).toEqual({ count: 4, gross: 178500, fee: 4910, net: 173590 });
    expect(r.acquirerTxns[0]).toEqual({
      id: '4618',
      kind: 'sale',
      at: '2021-08-13T00:47:48',
      grossMinor: 1000,
      feeMinor: 28,
      netMinor: 972,
      currency: 'DKK',
      merchantId: null,
      terminal: null,
      card: '1234',
      cardType: null,
      payoutId: null,
      settlementDate: null,
      voided: false,
      originalId: null,
      line: 18,
    });
    expect(r.acquirerTxns[3]).toMatchObject({
      id: '4621',
      at: '2021-08-19T11:34:44',
      grossMinor: 10000,
      feeMinor: 275,
      netMinor: 9725,
      line: 21,
    });
    expect(r.issues).toEqual([expect.objectContaining({ line: 22, field: 'Betalingsmetode', severity: 'warning' })]);
  });

  test('reads the real account statement: fees folded into card payments, payouts closing their bookings', () => {
    const r = parse(fixture(STATEMENT));
    expect(r.issues).toEqual([]);
    expect(totals(r)).toEqual({ count: 2039, gross: 108297089, fee: 1480523, net: 106816566 });
    const kinds = r.acquirerTxns.reduce<Record<string, number>>((m, t) => ({ ...m, [t.kind]: (m[t.kind] ?? 0) + 1 }), {});
    expect(kinds).toEqual({ payout: 16, adjustment: 3, sale: 2020 });
    expect(r.acquirerTxns.find(t => t.line === 6)).toEqual({
      id: '9071',
      kind: 'sale',
      at: '2025-07-23T00:39:02',
      grossMinor: 15000,
      feeMinor: 413,
      netMinor: 14587,
      currency: 'DKK',
      merchantId: null,
      terminal: null,
      card: null,
      cardType: null,
      payoutId: 'Udbetaling til bankkonto 2025-07-24 11:07:43',
      settlementDate: '2025-07-24',
      voided: false,
      originalId: null,
      line: 6,
    });
    expect(r.acquirerTxns.find(t => t.line === 4058)).toMatchObject({ id: '6894', grossMinor: 166600, feeMinor: 4582, netMinor: 162018 });
    expect(r.acquirerTxns.find(t => t.line === 2)).toMatchObject({ kind: 'payout', netMinor: 404927, settlementDate: '2025-08-01' });
  });

  test('every payout of the real statement equals the net of the bookings it pays out', () => {
    const r = parse(fixture(STATEMENT));
    for (const payout of r.acquirerTxns.filter(t => t.kind === 'payout')) {
      const paid = r.acquirerTxns.filter(t => t.kind !== 'payout' && t.payoutId === payout.payoutId);
      expect(paid.length).toBeGreaterThan(0);
      expect(paid.reduce((s, t) => s + t.netMinor, 0)).toBe(payout.netMinor);
    }
  });

  test('refuses a receipt whose Total is not an amount, naming line and column', () => {
    const bytes = editedReceipts(xml =>
      xml.replace('<c r="E20" s="7" t="n"><v>1665</v></c>', '<c r="E20" s="7" t="inlineStr"><is><t>16,6,5</t></is></c>'),
    );
    const r = parse(bytes);
    expect(r.acquirerTxns).toEqual([]);
    expect(errors(r)).toEqual([expect.objectContaining({ line: 20, field: 'Total' })]);
  });

  test("refuses a damaged workbook with the reader's reason", () => {
    const r = parse(fixture(RECEIPTS).slice(0, 2000));
    expect(errors(r)[0]).toMatchObject({ line: 1, field: '(file)' });
  });

  test('never claims the cn-acquirer or Stripe exports', () => checkLeavesLeadFormats(zettle));
  test('never throws on random bytes', () => checkRandomBytes(zettle));
  test('never throws on a receipts sheet with any cell value replaced', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.string({ maxLength: 8 }), (k, junk) => {
        let n = 0;
        const safe = junk.replace(/[<>&"]/g, '');
        const bytes = editedReceipts(xml => xml.replace(/<v>[^<]*<\/v>/g, v => (n++ === k ? `<v>${safe}</v>` : v)));
        const r = parse(bytes);
        for (const issue of r.issues) {
          expect(issue.line).toBeGreaterThanOrEqual(1);
          expect(issue.field).not.toBe('');
        }
        if (errors(r).length) expect(r.acquirerTxns).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});
