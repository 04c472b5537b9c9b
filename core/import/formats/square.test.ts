import { describe, expect, test } from 'vitest';
import { detectFormat } from '../detect';
import { square } from './square';
import {
  bytesOf,
  checkMutatedRows,
  checkLeavesLeadFormats,
  checkRandomBytes,
  errors,
  fixture,
  totals,
} from '../../../test/support/acquirer-format-checks';

const parse = (bytes: Uint8Array) => square.parse(bytes, { fileName: 'transactions.csv' });
const text = (path: string) => new TextDecoder().decode(fixture(path));

describe('square', () => {
  test('recognises both column sets of the transactions export', () => {
    expect(square.sniff(text('synthetic/square/transactions-new.csv'), new Uint8Array())).toBeGreaterThan(0.5);
    expect(square.sniff(text('synthetic/square/transactions-old.csv'), new Uint8Array())).toBeGreaterThan(0.5);
    expect(
      square.sniff('交易日期,交易时间,商户编号,终端号,卡号,卡类型,交易类型,交易金额,手续费,结算金额,检索参考号\n', new Uint8Array()),
    ).toBe(0);
  });

  test('reads the newer export with deposits, leaving the cash-only sale out', () => {
    const r = parse(fixture('synthetic/square/transactions-new.csv'));
    expect(errors(r)).toEqual([]);
    expect(totals(r)).toEqual({ count: 4, gross: 125840, fee: 3381, net: 122459 });
    expect(r.acquirerTxns[0]).toEqual({
      id: 'Rk3vX9aQpL2mT8sYw1',
      kind: 'sale',
      at: '2026-03-02T09:15:03-08:00',
      grossMinor: 2475,
      feeMinor: 79,
      netMinor: 2396,
      currency: 'USD',
      merchantId: null,
      terminal: 'Front Counter',
      card: '4242',
      cardType: null,
      payoutId: 'DEP7Q2KXA',
      settlementDate: '2026-03-03',
      voided: false,
      originalId: null,
      line: 2,
    });
    expect(r.acquirerTxns[1]).toMatchObject({
      id: 'Rk3vX9aQpL2mT8sYw1#2',
      kind: 'refund',
      originalId: 'Rk3vX9aQpL2mT8sYw1',
      netMinor: -2475,
      line: 4,
    });
    expect(r.acquirerTxns[3]).toMatchObject({
      id: 'Zz4yT0wQ9hJ3',
      at: '2026-03-04T23:59:59-08:00',
      payoutId: null,
      settlementDate: null,
      line: 6,
    });
    expect(r.issues).toContainEqual(expect.objectContaining({ line: 3, field: 'Cash', severity: 'warning' }));
    expect(new Set(r.acquirerTxns.map(t => t.payoutId))).toEqual(new Set(['DEP7Q2KXA', 'DEP8W1ZQB', null]));
  });

  test('reads the old 37-column export with US dates and split card and cash tenders', () => {
    const r = parse(fixture('synthetic/square/transactions-old.csv'));
    expect(errors(r)).toEqual([]);
    expect(totals(r)).toEqual({ count: 3, gross: 2700, fee: 81, net: 2619 });
    expect(r.acquirerTxns[0]).toMatchObject({
      at: '2017-11-13T08:05:10-05:00',
      grossMinor: 1200,
      feeMinor: 33,
      netMinor: 1167,
      payoutId: null,
    });
    expect(r.acquirerTxns[1]).toMatchObject({ grossMinor: 2000, feeMinor: 62, netMinor: 1938 });
    expect(r.acquirerTxns[2]).toMatchObject({ id: 'OLD1aaaa#2', kind: 'refund', grossMinor: -500, feeMinor: -14, netMinor: -486, line: 4 });
  });

  test('reads pounds and the minus sign before the symbol', () => {
    const t = text('synthetic/square/transactions-old.csv')
      .replace(/\$/g, '£')
      .replace(/Eastern Time \(US & Canada\)/g, 'London');
    const r = parse(bytesOf(t));
    expect(r.acquirerTxns[0]).toMatchObject({ currency: 'GBP', at: '2017-11-13T08:05:10Z', feeMinor: 33 });
  });

  test('refuses a row whose fee is not an amount, naming line and column', () => {
    const r = parse(bytesOf(text('synthetic/square/transactions-old.csv').replace('-$0.62', '-$0.6x')));
    expect(r.acquirerTxns).toEqual([]);
    expect(errors(r)).toEqual([expect.objectContaining({ line: 3, field: 'Fees' })]);
  });

  test('refuses a row whose date is not a date', () => {
    const r = parse(bytesOf(text('synthetic/square/transactions-old.csv').replace('11/15/2017', '13/45/2017')));
    expect(errors(r)).toEqual([expect.objectContaining({ line: 4, field: 'Date' })]);
  });

  test('warns when Net Total is not Total Collected plus Fees', () => {
    const r = parse(bytesOf(text('synthetic/square/transactions-old.csv').replace('$11.67', '$11.60')));
    expect(r.issues).toContainEqual(expect.objectContaining({ line: 2, field: 'Net Total', severity: 'warning' }));
  });

  test('never claims the cn-acquirer or Stripe exports', () => checkLeavesLeadFormats(square));
  test('is the format detection picks among every registered one', () => {
    expect(detectFormat(fixture('synthetic/square/transactions-new.csv'))?.name).toBe('square');
    expect(detectFormat(fixture('synthetic/square/transactions-old.csv'))?.name).toBe('square');
  });
  test('never throws on random bytes', () => checkRandomBytes(square));
  test('never throws on mutated rows and names line and field in every issue', () => {
    checkMutatedRows(square, text('synthetic/square/transactions-new.csv').replace(/\r/g, ''), 2);
  });
});
