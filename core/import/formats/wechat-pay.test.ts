import { describe, expect, test } from 'vitest';
import { wechatPay, wechatPersonal } from './wechat-pay';
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

const parse = (bytes: Uint8Array) => wechatPay.parse(bytes, { fileName: 'bill.csv' });
const text = () => new TextDecoder().decode(fixture('synthetic/wechat-pay/trade-all.csv'));

describe('wechat-pay', () => {
  test('recognises the merchant trade bill, and only the personal bill as personal', () => {
    const personal = new TextDecoder().decode(fixture('real/cn-pay-bills/example-wechat-records.csv'));
    expect(wechatPay.sniff(text(), new Uint8Array())).toBeGreaterThan(0.9);
    expect(wechatPersonal.sniff(text(), new Uint8Array())).toBe(0);
    expect(wechatPay.sniff(personal, new Uint8Array())).toBe(0);
    expect(wechatPersonal.sniff(personal, new Uint8Array())).toBeGreaterThan(0.5);
    expect(detectFormat(fixture('real/cn-pay-bills/example-wechat-records.csv'))?.name).toBe('wechat-personal');
  });

  test('reads every row with backticks stripped, fees rounded to the fen and the refund signed', () => {
    const r = parse(fixture('synthetic/wechat-pay/trade-all.csv'));
    expect(errors(r)).toEqual([]);
    expect(r.merchantIds).toEqual(['1900000200']);
    expect(totals(r)).toEqual({ count: 4, gross: 136650, fee: 519, net: 136131 });
    expect(r.acquirerTxns[0]).toEqual({
      id: '4200001234202603011234567890',
      kind: 'sale',
      at: '2026-03-01T09:12:33',
      grossMinor: 10000,
      feeMinor: 38,
      netMinor: 9962,
      currency: 'CNY',
      merchantId: '1900000200',
      terminal: 'POS-01',
      card: null,
      cardType: null,
      payoutId: null,
      settlementDate: null,
      voided: false,
      originalId: null,
      line: 2,
    });
    expect(r.acquirerTxns[2]).toMatchObject({
      id: '50300001234202603011234500001',
      kind: 'refund',
      grossMinor: -4000,
      feeMinor: -15,
      netMinor: -3985,
      originalId: '4200001234202603011234567890',
      terminal: 'POS-02',
      line: 4,
    });
    expect(r.acquirerTxns[3]).toMatchObject({
      id: '4200001234202603011234567892',
      grossMinor: 128800,
      feeMinor: 489,
      terminal: null,
      line: 5,
    });
  });

  test('warns once that sub-fen fees were rounded, and agrees with the summary', () => {
    const r = parse(fixture('synthetic/wechat-pay/trade-all.csv'));
    expect(r.issues).toEqual([expect.objectContaining({ line: 3, field: '手续费', severity: 'warning' })]);
  });

  test('rounds a fee of exactly half a fen up, away from zero', () => {
    const r = parse(bytesOf(text().replace('`0.07030', '`0.07500').replace('`5.19270', '`5.19740')));
    expect(r.acquirerTxns[1]!.feeMinor).toBe(8);
  });

  test('warns when the bill has no summary: cut at a line break with it, it would read whole rows and nothing would tell', () => {
    const lines = text().split('\n');
    const at = lines.findIndex(l => l.startsWith('总交易单数'));
    const r = parse(new TextEncoder().encode(lines.slice(0, at - 1).join('\n') + '\n'));
    expect(errors(r)).toEqual([]);
    expect(r.issues.filter(i => i.field === '总交易单数')).toMatchObject([
      {
        line: at - 1,
        field: '总交易单数',
        severity: 'warning',
        message: `the bill has no summary (总交易单数, …) after its ${r.acquirerTxns.length} rows: it may be cut short`,
      },
    ]);
    expect(parse(fixture('synthetic/wechat-pay/trade-all.csv')).issues.filter(i => i.field === '总交易单数')).toEqual([]);
  });

  test('refuses a bill whose summary counts more rows than it holds', () => {
    const r = parse(bytesOf(text().replace('`4,`1406.50', '`5,`1406.50')));
    expect(r.acquirerTxns).toEqual([]);
    expect(errors(r)).toEqual([expect.objectContaining({ line: 7, field: '总交易单数' })]);
  });

  test('warns when the summary fee total disagrees with the rows', () => {
    const r = parse(bytesOf(text().replace('`5.19270', '`5.29270')));
    expect(r.issues).toContainEqual(expect.objectContaining({ line: 7, field: '手续费总金额', severity: 'warning' }));
  });

  test('refuses a row whose 应结订单金额 is not an amount, naming line and column', () => {
    const r = parse(bytesOf(text().replace('`18.50', '`18.5O')));
    expect(errors(r)).toEqual([expect.objectContaining({ line: 3, field: '应结订单金额' })]);
  });

  test('refuses a row with an unknown 交易状态', () => {
    const r = parse(bytesOf(text().replace('`SUCCESS,`OTHERS', '`PAYING,`OTHERS')));
    expect(errors(r)).toContainEqual(expect.objectContaining({ line: 3, field: '交易状态' }));
  });

  test('marks a sale voided when the bill also holds its REVOKED row', () => {
    const revoked = text().replace('`REFUND,', '`REVOKED,');
    const r = parse(bytesOf(revoked));
    expect(r.acquirerTxns[0]!.voided).toBe(true);
    expect(r.acquirerTxns[2]).toMatchObject({ kind: 'void', originalId: '4200001234202603011234567890' });
  });

  test('refuses the real personal bill with a message that says what to download instead', () => {
    const r = wechatPersonal.parse(fixture('real/cn-pay-bills/example-wechat-records.csv'), { fileName: 'x.csv' });
    expect(errors(r)).toEqual([expect.objectContaining({ line: 1, field: '(file)', message: expect.stringContaining('交易账单') })]);
  });

  test('never claims the cn-acquirer or Stripe exports', () => checkLeavesLeadFormats(wechatPay));
  test('is the format detection picks among every registered one', () => {
    expect(detectFormat(fixture('synthetic/wechat-pay/trade-all.csv'))?.name).toBe('wechat-pay');
  });
  test('never throws on random bytes', () => checkRandomBytes(wechatPay));
  test('never throws on mutated rows and names line and field in every issue', () => {
    checkMutatedRows(wechatPay, text().replace(/\r/g, ''), 2);
  });
});
