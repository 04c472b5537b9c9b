import { describe, expect, test } from 'vitest';
import { leshua } from './leshua';
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

const FILE = 'synthetic/leshua/10888_trade_new_20260302.txt';
const parse = (bytes: Uint8Array) => leshua.parse(bytes, { fileName: 'trade.txt' });
const text = () => new TextDecoder().decode(fixture(FILE));

describe('leshua', () => {
  test('is chosen for the BT/BV trade file', () => {
    expect(detectFormat(fixture(FILE))?.name).toBe('leshua');
    expect(leshua.sniff('BTC,price\n1,2\n', new Uint8Array())).toBe(0);
  });

  test('refuses a file cut inside its last record, whose missing cells would read as blanks (its 终端号)', () => {
    const whole = text();
    // Cut in the fourth record's 终端号 LS000001, so that its terminal would read as LS000.
    const at = whole.indexOf('LS000001', whole.indexOf('000000123403')) + 5;
    const r = parse(new TextEncoder().encode(whole.slice(0, at)));
    expect(errors(r)).toMatchObject([
      {
        line: 4,
        field: '第三方订单号',
        severity: 'error',
        message: 'the file ends inside this row, after 17 of 25 fields (第三方订单号, 第三方退款号, 支付时间 and 5 more missing)',
      },
    ]);
    // Cut after the whole record instead (its line break lost), it reads as the whole file does up to there.
    const end = whole.indexOf('\r\n', at);
    expect(errors(parse(new TextEncoder().encode(whole.slice(0, end))))).toEqual([]);
  });

  test('reads amounts in 分, joined date-times, 资金流向 signs and the void of a sale', () => {
    const r = parse(fixture(FILE));
    expect(r.issues).toEqual([]);
    expect(r.merchantIds).toEqual(['1088800012345']);
    expect(totals(r)).toEqual({ count: 5, gross: 14600, fee: 63, net: 14537 });
    expect(r.acquirerTxns[0]).toEqual({
      id: '000000123401',
      kind: 'sale',
      at: '2026-03-02T09:01:15',
      grossMinor: 10000,
      feeMinor: 38,
      netMinor: 9962,
      currency: 'CNY',
      merchantId: '1088800012345',
      terminal: 'LS000001',
      card: null,
      cardType: 'debit',
      payoutId: null,
      settlementDate: null,
      voided: false,
      originalId: null,
      line: 2,
    });
    expect(r.acquirerTxns[1]).toMatchObject({ id: '000000123402', cardType: 'credit', voided: true });
    expect(r.acquirerTxns[2]).toMatchObject({
      kind: 'void',
      grossMinor: -258000,
      feeMinor: -1548,
      netMinor: -256452,
      originalId: '000000123402',
    });
    expect(r.acquirerTxns[3]).toMatchObject({ id: 'LS20260302000004', cardType: null, terminal: 'LS000002', netMinor: 6575 });
    expect(r.acquirerTxns[4]).toMatchObject({ kind: 'refund', grossMinor: -2000, feeMinor: 0, netMinor: -2000, line: 6 });
  });

  test('reads the same rows with | as delimiter and without a titled BT record (documented order)', () => {
    const plain = parse(fixture(FILE)).acquirerTxns;
    const piped = text().replace(/,/g, '|');
    expect(parse(bytesOf(piped)).acquirerTxns).toEqual(plain);
    const untitled = text().replace(/^BT,[^\r\n]*/, 'BT,10888,20260302,5');
    expect(parse(bytesOf(untitled)).acquirerTxns).toEqual(plain);
  });

  test('refuses a record whose amount is not a whole number of 分, naming line and field', () => {
    const r = parse(bytesOf(text().replace(',6600,', ',66.00,')));
    expect(r.acquirerTxns).toEqual([]);
    expect(errors(r)).toEqual([expect.objectContaining({ line: 5, field: '交易金额(分)' })]);
  });

  test('refuses a record of an unknown type', () => {
    const r = parse(bytesOf(text().replace('\nBV,5,', '\nBX,5,')));
    expect(errors(r)).toEqual([expect.objectContaining({ line: 6, field: '记录类型' })]);
  });

  test('never claims the cn-acquirer or Stripe exports', () => checkLeavesLeadFormats(leshua));
  test('never throws on random bytes', () => checkRandomBytes(leshua));
  test('never throws on mutated rows and names line and field in every issue', () =>
    checkMutatedRows(leshua, text().replace(/\r/g, ''), 2));
});
