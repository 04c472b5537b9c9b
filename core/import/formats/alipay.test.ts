import { describe, expect, test } from 'vitest';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { alipay, alipayPersonal } from './alipay';
import { renderIssue } from '../../messages/index';
import { detectFormat } from '../detect';
import {
  checkMutatedRows,
  checkLeavesLeadFormats,
  checkRandomBytes,
  errors,
  fixture,
  totals,
} from '../../../test/support/acquirer-format-checks';

const TRADES = 'synthetic/alipay/20881234567890120156_20260301_业务明细.csv';
const LEDGER = 'synthetic/alipay/20881234567890120156_20260301_账务明细.csv';
const ZIP = 'synthetic/alipay/20881234567890120156_20260301.csv.zip';
const parse = (bytes: Uint8Array) => alipay.parse(bytes, { fileName: 'bill' });
const gbk = (bytes: Uint8Array) => new TextDecoder('gb18030').decode(bytes);
// The fixtures are GBK, as Alipay writes them: an edit replaces ASCII text in place, at its GBK byte offset.
function edit(path: string, from: string, to: string, after = ''): Uint8Array {
  const text = gbk(fixture(path));
  expect(text.indexOf(after + from)).toBeGreaterThanOrEqual(0);
  const at = text.indexOf(after + from) + after.length;
  let offset = 0;
  for (const ch of text.slice(0, at)) offset += ch.charCodeAt(0) < 0x80 ? 1 : 2;
  const original = fixture(path);
  return new Uint8Array([...original.subarray(0, offset), ...new TextEncoder().encode(to), ...original.subarray(offset + from.length)]);
}

describe('alipay', () => {
  test('recognises 业务明细, 账务明细 and the zip, and leaves an xlsx zip alone', () => {
    expect(alipay.sniff(gbk(fixture(TRADES)), fixture(TRADES))).toBeGreaterThan(0.9);
    expect(alipay.sniff(gbk(fixture(LEDGER)), fixture(LEDGER))).toBeGreaterThan(0.9);
    expect(alipay.sniff('PK', fixture(ZIP))).toBeGreaterThan(0.9);
    expect(alipay.sniff('PK', zipSync({ '[Content_Types].xml': strToU8('<Types/>') }))).toBe(0);
    expect(detectFormat(fixture(TRADES))?.name).toBe('alipay');
    expect(detectFormat(fixture(ZIP))?.name).toBe('alipay');
  });

  test('reads 业务明细 in GBK with TAB-ended cells, # comments and full-width （元） headers', () => {
    const r = parse(fixture(TRADES));
    expect(errors(r)).toEqual([]);
    expect(r.merchantIds).toEqual(['20881234567890120156']);
    expect(totals(r)).toEqual({ count: 4, gross: 130880, fee: 785, net: 130095 });
    expect(r.acquirerTxns[0]).toEqual({
      id: '2026030122001412345678901234',
      kind: 'sale',
      at: '2026-03-01T09:00:05',
      grossMinor: 10000,
      feeMinor: 60,
      netMinor: 9940,
      currency: 'CNY',
      merchantId: null,
      terminal: 'T01',
      card: null,
      cardType: null,
      payoutId: null,
      settlementDate: null,
      voided: false,
      originalId: null,
      line: 6,
    });
    expect(r.acquirerTxns[2]).toMatchObject({
      id: 'RF2026030100001',
      kind: 'refund',
      grossMinor: -4000,
      feeMinor: -24,
      netMinor: -3976,
      originalId: '2026030122001412345678901234',
    });
    expect(r.acquirerTxns[3]).toMatchObject({ at: '2026-03-02T00:00:01', grossMinor: 880, feeMinor: 5, terminal: null, line: 9 });
  });

  test('reads 账务明细 alone: income, fee rows, the refund and the withdrawal as payout', () => {
    const r = parse(fixture(LEDGER));
    expect(errors(r)).toEqual([]);
    expect(totals(r)).toEqual({ count: 7, gross: 258440, fee: 0, net: 258440 });
    expect(r.acquirerTxns.map(t => t.kind)).toEqual(['sale', 'fee', 'sale', 'fee', 'refund', 'fee', 'payout']);
    expect(r.acquirerTxns[6]).toMatchObject({
      id: '20260302000110011000000000007',
      netMinor: 129220,
      payoutId: '20260302000110011000000000007',
      settlementDate: '2026-03-02',
      line: 12,
    });
  });

  test('reads the zip: trades from 业务明细, only withdrawals from 账务明细, the 汇总 file skipped', () => {
    const r = parse(fixture(ZIP));
    expect(errors(r)).toEqual([]);
    expect(totals(r)).toEqual({ count: 5, gross: 260100, fee: 785, net: 259315 });
    expect(r.acquirerTxns.filter(t => t.kind === 'payout')).toHaveLength(1);
    expect(r.merchantIds).toEqual(['20881234567890120156']);
  });

  test('names the zip entry in the message of an issue inside it', () => {
    const files = unzipSync(fixture(ZIP));
    const name = Object.keys(files).find(n => gbk(files[n]!).includes('支付宝交易号'))!;
    const broken = gbk(files[name]!).replace('-7.44', '-7.4x');
    files[name] = new Uint8Array([...new TextEncoder().encode(broken)]);
    const r = parse(zipSync(files));
    expect(errors(r)).toEqual([
      expect.objectContaining({
        line: 7,
        field: '服务费（元）',
        message: expect.stringContaining('20881234567890120156_20260301_业务明细.csv:'),
      }),
    ]);
    // The entry's name is a param of the issue: the Chinese words keep it too, with the inner issue's own code.
    const issue = errors(r)[0]!;
    expect(issue).toMatchObject({
      code: 'in_zip_entry',
      params: { entry: '20881234567890120156_20260301_业务明细.csv', issue: { code: 'bad_amount', params: { text: '-7.4x' } } },
    });
    expect(renderIssue(issue, 'zh')).toMatch(/^20881234567890120156_20260301_业务明细\.csv：/);
  });

  test('warns when a bill does not end with its 列表结束 line: cut at a line break with it, nothing else would tell', () => {
    for (const path of [TRADES, LEDGER]) {
      const bytes = fixture(path);
      // The last "\n#---" starts the end-of-list line: cut just after the line break before it.
      const at = new TextDecoder('latin1').decode(bytes).lastIndexOf('\n#---') + 1;
      const whole = parse(bytes);
      const r = parse(bytes.subarray(0, at));
      expect(errors(r)).toEqual([]);
      expect(r.acquirerTxns).toEqual(whole.acquirerTxns);
      expect(r.issues.filter(i => i.field === '(footer)')).toMatchObject([
        {
          line: whole.acquirerTxns.at(-1)!.line,
          field: '(footer)',
          severity: 'warning',
          message: `the bill does not end with its "#-----…列表结束" line and totals after its ${whole.acquirerTxns.length} rows: it may be cut short`,
        },
      ]);
      expect(whole.issues.filter(i => i.field === '(footer)')).toEqual([]);
    }
  });

  test('refuses a bill whose 交易合计 counts more trades than it holds', () => {
    const r = parse(edit(TRADES, '3', '4', '交易合计：'));
    expect(errors(r)).toContainEqual(expect.objectContaining({ field: '业务类型', message: expect.stringContaining('incomplete') }));
  });

  test('refuses a row whose 商家实收 is not an amount, naming line and column', () => {
    const r = parse(edit(TRADES, '8.80\t,8.80\t,0.00', '8.80\t,8.8O\t,0.00'));
    expect(r.acquirerTxns).toEqual([]);
    expect(errors(r)).toEqual([expect.objectContaining({ line: 9, field: '商家实收（元）' })]);
  });

  test('refuses the real personal bill with a message that says what to download instead', () => {
    const personal = fixture('real/cn-pay-bills/example-alipay-records.csv');
    expect(alipay.sniff(gbk(personal), personal)).toBe(0);
    expect(alipayPersonal.sniff(gbk(personal), personal)).toBeGreaterThan(0.5);
    expect(detectFormat(personal)?.name).toBe('alipay-personal');
    expect(errors(alipayPersonal.parse(personal, { fileName: 'x' }))[0]!.message).toContain('对账单');
  });

  test('refuses a damaged zip without throwing', () => {
    const zip = fixture(ZIP).slice(0, 300);
    expect(errors(parse(zip))[0]).toMatchObject({ line: 1, field: '(file)' });
  });

  test('never claims the cn-acquirer or Stripe exports', () => checkLeavesLeadFormats(alipay));
  test('is the format detection picks among every registered one', () => {
    expect(detectFormat(fixture(LEDGER))?.name).toBe('alipay');
  });
  test('never throws on random bytes', () => checkRandomBytes(alipay));
  test('never throws on mutated rows and names line and field in every issue', () => {
    checkMutatedRows(alipay, gbk(fixture(TRADES)).replace(/\r/g, ''), 6);
  });
});
