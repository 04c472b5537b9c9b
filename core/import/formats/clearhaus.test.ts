import { describe, expect, test } from 'vitest';
import { clearhaus } from './clearhaus';
import { detectFormat } from '../detect';
import {
  bytesOf,
  checkMutatedRows,
  checkLeavesLeadFormats,
  checkRandomBytes,
  errors,
  fixture,
  totals,
} from '../../../test/support/acquirer-format-checks';

const REAL = 'real/clearhaus/clearhaus_settlements.csv';
const parse = (bytes: Uint8Array) => clearhaus.parse(bytes, { fileName: 'settlements.csv' });
const text = () => new TextDecoder().decode(fixture(REAL));

describe('clearhaus', () => {
  test('is chosen for the real settlements export', () => {
    expect(detectFormat(fixture(REAL))?.name).toBe('clearhaus');
  });

  test('reads the real export: eight settled payouts, the open settlement left out', () => {
    const r = parse(fixture(REAL));
    expect(errors(r)).toEqual([]);
    expect(r.issues).toEqual([]);
    expect(r.merchantIds).toEqual(['1234567']);
    expect(totals(r)).toEqual({ count: 8, gross: 11821882, fee: 233419, net: 11588463 });
    expect(r.acquirerTxns[0]).toEqual({
      id: 'abcdef19-1234-5678-90ab-987654332105',
      kind: 'payout',
      at: '2021-08-30T00:00:00',
      grossMinor: 100000,
      feeMinor: 1450,
      netMinor: 98550,
      currency: 'DKK',
      merchantId: '1234567',
      terminal: null,
      card: null,
      cardType: null,
      payoutId: '1234567808',
      settlementDate: '2021-09-02',
      voided: false,
      originalId: null,
      line: 3,
    });
    expect(r.acquirerTxns[7]).toMatchObject({
      id: 'abcdef89-1234-5678-90ab-98765433210f',
      grossMinor: 1593206,
      feeMinor: 28675,
      netMinor: 1564531,
      payoutId: '12345678944',
      settlementDate: '2021-07-15',
      line: 10,
    });
    expect(r.acquirerTxns.map(t => t.payoutId)).toEqual([
      '1234567808',
      '1234567899',
      '1234567855',
      '1234567894',
      '1234567895',
      '1234567890',
      '12345678940',
      '12345678944',
    ]);
  });

  test('warns when a reserve makes the payout smaller than summary_net', () => {
    const r = parse(bytesOf(text().replace('"985.50","2021-09-02"', '"900.00","2021-09-02"')));
    expect(r.issues).toEqual([expect.objectContaining({ line: 3, field: 'payout_amount', severity: 'warning' })]);
    expect(r.acquirerTxns[0]).toMatchObject({ netMinor: 90000, feeMinor: 1450, grossMinor: 91450 });
  });

  test('refuses a row whose payout_date is not a date, naming line and column', () => {
    const r = parse(bytesOf(text().replace('"2021-08-26","39807.51"', '"2021-08-32","39807.51"')));
    expect(r.acquirerTxns).toEqual([]);
    expect(errors(r)).toEqual([expect.objectContaining({ line: 4, field: 'payout_date' })]);
  });

  test('refuses a settled flag that is neither true nor false', () => {
    const r = parse(
      bytesOf(text().replace('"DKK","2021-08-17"', '"DKK","2021-08-17"').replace('"true","DKK","2021-08-17"', '"yes","DKK","2021-08-17"')),
    );
    expect(errors(r)).toEqual([expect.objectContaining({ line: 4, field: 'settled' })]);
  });

  test('never claims the cn-acquirer or Stripe exports', () => checkLeavesLeadFormats(clearhaus));
  test('never throws on random bytes', () => checkRandomBytes(clearhaus));
  test('never throws on mutated rows and names line and field in every issue', () => checkMutatedRows(clearhaus, text(), 2));
});
