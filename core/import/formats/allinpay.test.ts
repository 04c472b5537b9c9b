import { describe, expect, test } from 'vitest';
import { allinpay } from './allinpay';
import { detectFormat } from '../detect';
import {
  checkMutatedRows,
  checkLeavesLeadFormats,
  checkRandomBytes,
  errors,
  fixture,
  totals,
} from '../../../test/support/acquirer-format-checks';

const FILE = 'synthetic/allinpay/statement.csv';
const parse = (bytes: Uint8Array) => allinpay.parse(bytes, { fileName: 'statement.csv' });
const text = () => new TextDecoder('gb18030').decode(fixture(FILE));

describe('allinpay', () => {
  test('is chosen for its statement and does not claim the cn-acquirer header', () => {
    expect(detectFormat(fixture(FILE))?.name).toBe('allinpay');
    expect(
      allinpay.sniff(
        '交易日期,交易时间,商户编号,终端号,卡号,卡类型,交易类型,交易金额,手续费,结算金额,检索参考号,授权码,批次号,凭证号\n',
        new Uint8Array(),
      ),
    ).toBe(0);
  });

  test('reads the GBK statement past its title lines and up to the 合计 footer', () => {
    const r = parse(fixture(FILE));
    expect(r.issues).toEqual([]);
    expect(r.merchantIds).toEqual(['660290058120001']);
    expect(totals(r)).toEqual({ count: 5, gross: 78800, fee: 533, net: 78267 });
    expect(r.acquirerTxns[0]).toEqual({
      id: '061209150201',
      kind: 'sale',
      at: '2026-03-02T09:15:02',
      grossMinor: 100000,
      feeMinor: 500,
      netMinor: 99500,
      currency: 'CNY',
      merchantId: '660290058120001',
      terminal: '20011234',
      card: '622848******1234',
      cardType: 'debit',
      payoutId: null,
      settlementDate: null,
      voided: false,
      originalId: null,
      line: 4,
    });
    expect(r.acquirerTxns[1]).toMatchObject({ id: '061211400002', cardType: 'credit', voided: true });
    expect(r.acquirerTxns[2]).toMatchObject({
      kind: 'void',
      grossMinor: -258000,
      feeMinor: -1548,
      netMinor: -256452,
      originalId: '061211400002',
    });
    expect(r.acquirerTxns[3]).toMatchObject({
      kind: 'refund',
      grossMinor: -30000,
      feeMinor: 0,
      netMinor: -30000,
      originalId: '061209150201',
    });
    expect(r.acquirerTxns[4]).toMatchObject({ id: 'T2026030200000005', card: null, cardType: null, netMinor: 8767, line: 8 });
  });

  test('refuses a row with an unknown 交易类型, naming line and column', () => {
    const r = parse(new TextEncoder().encode(text().replace(',退货,', ',调账,')));
    expect(r.acquirerTxns).toEqual([]);
    expect(errors(r)).toEqual([expect.objectContaining({ line: 7, field: '交易类型' })]);
  });

  test('refuses a row whose 交易金额 is not an amount', () => {
    const r = parse(new TextEncoder().encode(text().replace(',88.00,', ',88.0O,')));
    expect(errors(r)).toEqual([expect.objectContaining({ line: 8, field: '交易金额' })]);
  });

  test('warns when 手续费 disagrees with 交易金额 − 结算金额', () => {
    const r = parse(new TextEncoder().encode(text().replace(',5.00,', ',6.00,')));
    expect(r.issues).toEqual([expect.objectContaining({ line: 4, field: '手续费', severity: 'warning' })]);
  });

  test('never claims the cn-acquirer or Stripe exports', () => checkLeavesLeadFormats(allinpay));
  test('never throws on random bytes', () => checkRandomBytes(allinpay));
  test('never throws on mutated rows and names line and field in every issue', () =>
    checkMutatedRows(allinpay, text().replace(/\r/g, ''), 4));
});
