// Every fixture is recognised by its content alone: each file is read under a meaningless name and
// must land on its format with no error (files that must be refused are listed with their reason).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseFile } from '../core/import/detect';

const FIX = join(__dirname, 'fixtures');

const EXPECTED: [string, string][] = [
  ['generated/cn/bank-ccb-20260105-20260116.csv', 'cn-bank-csv'],
  ['generated/cn/chinaums-20260105-20260116.csv', 'cn-acquirer'],
  ['generated/cn/lakala-20260105-20260116.csv', 'cn-acquirer'],
  ['generated/eu/camt053-commerzbank-20260105-20260116.xml', 'camt053'],
  ['generated/eu/stripe-payout-reconciliation-20260105-20260116.csv', 'stripe-itemized'],
  ['generated/us/bank-wellsfargo-20260105-20260116.ofx', 'ofx'],
  ['generated/us/stripe-payout-reconciliation-20260105-20260116.csv', 'stripe-itemized'],
  ['real/bai2/citi_example.bai2', 'bai2'],
  ['real/bai2/nwb_example.bai2', 'bai2'],
  ['real/bai2/svb_us_example.bai2', 'bai2'],
  ['real/camt/camt.053.xml', 'camt053'],
  ['real/camt/camt052.v6.xml', 'camt053'],
  ['real/camt/camt053.v2.minimal.xml', 'camt053'],
  ['real/camt/camt053.v2.multi.statement.xml', 'camt053'],
  ['real/camt/camt053.v8.xml', 'camt053'],
  ['real/camt/camt054.v4.xml', 'camt053'],
  ['real/clearhaus/clearhaus_settlements.csv', 'clearhaus'],
  ['real/cn-bank/example-boc-records.csv', 'cn-bank-csv'],
  ['real/cn-bank/example-cmb-records.csv', 'cn-bank-csv'],
  ['real/cn-bank/example-icbc-debit-v2-records.csv', 'cn-bank-csv'],
  ['real/cn-bank/example-hxsec-records.xls', 'cn-bank-xls'],
  ['real/cn-bank/example-spdb_debit-records.xls', 'cn-bank-xls'],
  ['real/cn-bank/交易明细_xxxx_2025xxxx_2025xxxx.xls', 'cn-bank-xls'],
  ['real/mobilepay/MobilePay_Transfer_overview_csv_MyShop_25-08-2021_14-09-2021.csv', 'mobilepay'],
  ['real/mt940/abnamro.sta', 'mt940'],
  ['real/mt940/ing.sta', 'mt940'],
  ['real/mt940/mt942.sta', 'mt940'],
  ['real/mt940/rabobank.sta', 'mt940'],
  ['real/mt940/sepa_mt9401.sta', 'mt940'],
  ['real/ofx/bank_medium.ofx', 'ofx'],
  ['real/ofx/checking.ofx', 'ofx'],
  ['real/ofx/html-vals.qfx', 'ofx'],
  ['real/ofx/multiple_accounts2.ofx', 'ofx'],
  ['real/ofx/ofx-v102-empty-tags.ofx', 'ofx'],
  ['real/ofx/suncorp.ofx', 'ofx'],
  ['real/qif/data-payee-memo.qif', 'qif'],
  ['real/qif/test_split.qif', 'qif'],
  ['real/zettle/Zettle-Account-Statement-Report-20230901-20250903.xlsx', 'zettle'],
  ['real/zettle/Zettle-Receipts-Report-20210101-20210910.xlsx', 'zettle'],
  ['synthetic/adyen-sdr/classic.csv', 'adyen-sdr'],
  ['synthetic/adyen-sdr/extended.csv', 'adyen-sdr'],
  ['synthetic/adyen-sdr/reordered.csv', 'adyen-sdr'],
  ['synthetic/alipay/20881234567890120156_20260301.csv.zip', 'alipay'],
  ['synthetic/alipay/20881234567890120156_20260301_业务明细.csv', 'alipay'],
  ['synthetic/alipay/20881234567890120156_20260301_账务明细.csv', 'alipay'],
  ['synthetic/allinpay/statement.csv', 'allinpay'],
  ['synthetic/cn-bank/abc-debit.csv', 'cn-bank-csv'],
  ['synthetic/cn-bank/bocom-debit.csv', 'cn-bank-csv'],
  ['synthetic/cn-bank/ccb-split.csv', 'cn-bank-csv'],
  ['synthetic/cn-bank/spdb-deposit.csv', 'cn-bank-csv'],
  ['synthetic/leshua/10888_trade_new_20260302.txt', 'leshua'],
  ['synthetic/paypal-activity/eu.csv', 'paypal-activity'],
  ['synthetic/paypal-activity/uk.csv', 'paypal-activity'],
  ['synthetic/paypal-activity/us.csv', 'paypal-activity'],
  ['synthetic/paypal-stl/settlement.csv', 'paypal-stl'],
  ['synthetic/square/transactions-new.csv', 'square'],
  ['synthetic/square/transactions-old.csv', 'square'],
  ['synthetic/stripe/itemized-reordered.csv', 'stripe-itemized'],
  ['synthetic/wechat-pay/trade-all.csv', 'wechat-pay'],
];

const EMPTY = new Set(['real/camt/camt052.v6.xml', 'real/ofx/multiple_accounts2.ofx']);

/** Files that must be refused, each with the words its message must contain. */
const REFUSED: [string, string][] = [
  ['real/cn-pay-bills/example-alipay-records.csv', '支付宝'],
  ['real/cn-pay-bills/example-wechat-records.csv', '微信'],
  ['real/western-bank-csv/bank.csv', 'no supported format'],
];

describe('format detection from content alone', () => {
  test.each(EXPECTED)('%s is read as %s without errors', (path, format) => {
    const r = parseFile(new Uint8Array(readFileSync(join(FIX, path))), { fileName: 'upload.bin' });
    expect(r.format).toBe(format);
    expect(r.issues.filter(i => i.severity === 'error')).toEqual([]);
    // Two real samples hold no booked entry: statements of empty accounts, and one pending camt.052 entry.
    if (!EMPTY.has(path)) expect(r.acquirerTxns.length + r.bankLines.length).toBeGreaterThan(0);
  });

  test.each(REFUSED)('%s is refused with a message saying why', (path, words) => {
    const r = parseFile(new Uint8Array(readFileSync(join(FIX, path))), { fileName: 'upload.bin' });
    const errors = r.issues.filter(i => i.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.map(e => e.message).join(' ')).toContain(words);
  });
});
