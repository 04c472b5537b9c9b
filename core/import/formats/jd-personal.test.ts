import { describe, expect, test } from 'vitest';
import { jdPersonal } from './jd-personal';
import { alipayPersonal } from './alipay';
import { parseFile } from '../detect';
import { bytesOf, checkRandomBytes } from '../../../test/support/acquirer-format-checks';

// The shape of JD's personal download: an 导出信息 preamble naming the JD account, notes, then the table.
const BILL = [
  '导出信息：',
  '京东账号名：jd_0000example',
  '日期区间：2026-03-01 至 2026-03-31',
  '共：2笔记录',
  '',
  '特别提示',
  '1.本明细仅供个人对账使用。',
  '',
  '交易时间,商户名称,交易说明,金额,收/付款方式,交易状态,收/支,交易分类,交易订单号,商家订单号,备注',
  '2026-03-02 17:16:02\t,京东物流,京东外部商户,10.20,钱包余额,交易成功,支出,收发快递,JDX0001\t,1001\t, ,',
  '2026-03-03 10:40:22\t,京东平台商户,水果,9.80,银行卡,交易成功,支出,食品酒饮,JDX0002\t,1002\t, ,',
].join('\n');

describe('jd-personal', () => {
  test('a JD personal bill is refused under its own name, not as an Alipay bill', () => {
    const r = parseFile(bytesOf(BILL), { fileName: 'jd.csv' });
    expect(r.format).toBe('jd-personal');
    expect(r.acquirerTxns).toEqual([]);
    expect(r.issues).toMatchObject([
      { code: 'personal_bill', line: 1, field: '(file)', severity: 'error', message: expect.stringContaining('personal JD bill') },
    ]);
  });

  test("is told from Alipay's personal bill by its account line only", () => {
    expect(jdPersonal.sniff(BILL, bytesOf(BILL))).toBeGreaterThan(alipayPersonal.sniff(BILL, bytesOf(BILL)));
    const alipayBill = BILL.replace('京东账号名：jd_0000example', '支付宝账户：someone@example.com');
    expect(jdPersonal.sniff(alipayBill, bytesOf(alipayBill))).toBe(0);
    expect(parseFile(bytesOf(alipayBill), { fileName: 'a.csv' }).format).toBe('alipay-personal');
  });

  test('random bytes never make it throw', () => {
    checkRandomBytes(jdPersonal);
  });
});
