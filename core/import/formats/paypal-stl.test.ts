import { describe, expect, test } from 'vitest';
import { detectFormat } from '../detect';
import { paypalStl } from './paypal-stl';
import {
  bytesOf,
  checkMutatedRows,
  checkLeavesLeadFormats,
  checkRandomBytes,
  errors,
  fixture,
  totals,
} from '../../../test/support/acquirer-format-checks';

const parse = (bytes: Uint8Array) => paypalStl.parse(bytes, { fileName: 'STL-20260209.CSV' });
const text = () => new TextDecoder().decode(fixture('synthetic/paypal-stl/settlement.csv'));

describe('paypal-stl', () => {
  test('recognises the record layout by its CH header record', () => {
    expect(paypalStl.sniff(text(), new Uint8Array())).toBeGreaterThan(0.9);
    expect(paypalStl.sniff('"Date","Time","TimeZone","Name","Type"\n', new Uint8Array())).toBe(0);
  });

  test('reads every SB row of every section in minor units with CR/DR signs', () => {
    const r = parse(fixture('synthetic/paypal-stl/settlement.csv'));
    expect(errors(r)).toEqual([]);
    expect(r.merchantIds).toEqual(['EXAMPLEACCT1']);
    expect(totals(r)).toEqual({ count: 7, gross: 321475, fee: 11264, net: 310211 });
    expect(r.acquirerTxns.map(t => t.kind)).toEqual(['sale', 'sale', 'refund', 'payout', 'sale', 'chargeback', 'fee']);
    expect(r.acquirerTxns[0]).toEqual({
      id: '1AB00000000000001',
      kind: 'sale',
      at: '2026-02-09T08:01:02-08:00',
      grossMinor: 12500,
      feeMinor: 393,
      netMinor: 12107,
      currency: 'USD',
      merchantId: 'EXAMPLEACCT1',
      terminal: null,
      card: null,
      cardType: null,
      payoutId: null,
      settlementDate: null,
      voided: false,
      originalId: null,
      line: 5,
    });
    expect(r.acquirerTxns[2]).toMatchObject({ grossMinor: -2500, feeMinor: -75, netMinor: -2425, originalId: '1AB00000000000001' });
    expect(r.acquirerTxns[3]).toMatchObject({ netMinor: 13475, payoutId: 'BNKREF0209A', settlementDate: '2026-02-10', line: 8 });
    expect(r.acquirerTxns[4]).toMatchObject({ currency: 'JPY', grossMinor: 300000, netMinor: 289200 });
    expect(r.acquirerTxns[6]).toMatchObject({ id: '1AB00000000000007', grossMinor: -2000, netMinor: -2000, line: 15 });
  });

  test('refuses a row with a bad CR/DR flag, naming line and column', () => {
    const r = parse(
      bytesOf(
        text().replace(
          '"T0003","2026/02/09 12:30:00 -0800","2026/02/09 12:30:00 -0800","CR"',
          '"T0003","2026/02/09 12:30:00 -0800","2026/02/09 12:30:00 -0800","XX"',
        ),
      ),
    );
    expect(r.acquirerTxns).toEqual([]);
    expect(errors(r)).toEqual([expect.objectContaining({ line: 6, field: 'Transaction Debit or Credit' })]);
  });

  test('refuses a decimal amount, since STL amounts are whole minor units', () => {
    const r = parse(bytesOf(text().replace('"12500"', '"125.00"')));
    expect(errors(r)).toEqual([expect.objectContaining({ line: 5, field: 'Gross Transaction Amount' })]);
  });

  test('never claims the cn-acquirer or Stripe exports', () => checkLeavesLeadFormats(paypalStl));
  test('is the format detection picks among every registered one', () => {
    expect(detectFormat(fixture('synthetic/paypal-stl/settlement.csv'))?.name).toBe('paypal-stl');
  });
  test('never throws on random bytes', () => checkRandomBytes(paypalStl));
  test('never throws on mutated rows and names line and field in every issue', () => checkMutatedRows(paypalStl, text(), 5));
});
