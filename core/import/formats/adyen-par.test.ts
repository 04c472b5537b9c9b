import { describe, expect, test } from 'vitest';
import { detectFormat } from '../detect';
import { adyenPar } from './adyen-par';
import {
  bytesOf,
  checkMutatedRows,
  checkLeavesLeadFormats,
  checkRandomBytes,
  errors,
  fixture,
  totals,
} from '../../../test/support/acquirer-format-checks';

const FILE = 'synthetic/adyen-par/payments_accounting_report.csv';
const parse = (bytes: Uint8Array) => adyenPar.parse(bytes, { fileName: 'par.csv' });
const text = (path: string) => new TextDecoder().decode(fixture(path));

describe('adyen-par (issue 15)', () => {
  test('is recognised by its Record Type and Payable (SC) columns, and the SDR is not', () => {
    expect(detectFormat(fixture(FILE))?.name).toBe('adyen-par');
    expect(adyenPar.sniff(text('synthetic/adyen-sdr/classic.csv'), new Uint8Array())).toBe(0);
  });

  test('reads the rows that change Payable (SC): settled payments as sales, a refund by its own PSP reference', () => {
    const r = parse(fixture(FILE));
    expect(errors(r)).toEqual([]);
    expect(totals(r)).toEqual({ count: 3, gross: 10000 + 2500 - 3000, fee: 180 + 65, net: 9820 + 2435 - 3000 });
    expect(r.acquirerTxns.map(t => [t.id, t.kind, t.at, t.grossMinor, t.feeMinor, t.netMinor, t.cardType, t.originalId])).toEqual([
      ['8815000000000001', 'sale', '2026-03-03T06:12:40+01:00', 10000, 180, 9820, 'debit', null],
      ['8815000000000002', 'sale', '2026-03-03T07:01:00+01:00', 2500, 65, 2435, 'credit', null],
      ['8815000000000099', 'refund', '2026-03-05T09:30:00+01:00', -3000, 0, -3000, 'debit', '8815000000000001'],
    ]);
    expect(r.merchantIds).toEqual(['ShopCoEUR']);
  });

  test('counts the lifecycle rows that move no money in one warning', () => {
    expect(parse(fixture(FILE)).issues).toMatchObject([
      {
        code: 'left_out_rows',
        line: 2,
        field: 'Payable (SC)',
        severity: 'warning',
        message:
          '3 rows (Received, Authorised, SentForSettle and other status changes) move nothing to Payable (SC) and are left out; the first is this line',
      },
    ]);
  });

  test('refuses a row whose Payable (SC) is not an amount, naming line and column', () => {
    const r = parse(bytesOf(text(FILE).replace('EUR,98.20,', 'EUR,98.2O,')));
    expect(errors(r).map(i => [i.line, i.field])).toEqual([[5, 'Payable (SC)']]);
    expect(r.acquirerTxns).toEqual([]);
  });

  test('never claims the cn-acquirer or Stripe exports', () => checkLeavesLeadFormats(adyenPar));
  test('never throws on random bytes', () => checkRandomBytes(adyenPar));
  test('never throws on rows with bytes changed, dropped or doubled', () => checkMutatedRows(adyenPar, text(FILE), 2));
});
