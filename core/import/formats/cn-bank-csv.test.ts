import { beforeAll, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  cnBankCsv,
  directionSign,
  isoCurrency,
  mapCnBankHeader,
  mapCnBankRow,
  newCnBankSheet,
  readCnAmount,
  readCnBankTitle,
} from './cn-bank-csv';
import { cleanCell, isFooterLine } from '../table';
import { detectFormat, headText } from '../detect';
import { formatMinor, parseAmount } from '../../model/money';
import { parseLocalDateTime } from '../../model/date';
import type { BankLine, ParseIssue, ParseResult } from '../../model/types';

const root = (p: string): string => fileURLToPath(new URL(`../../../${p}`, import.meta.url));
const fixture = (p: string): Uint8Array => new Uint8Array(readFileSync(root(`test/fixtures/${p}`)));
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const parse = (bytes: Uint8Array, fileName = 'statement.csv'): ParseResult => cnBankCsv.parse(bytes, { fileName });
const sniff = (bytes: Uint8Array): number => cnBankCsv.sniff(headText(bytes), bytes);
const credits = (lines: readonly BankLine[]): number => lines.reduce((s, l) => s + Math.max(0, l.amountMinor), 0);
const debits = (lines: readonly BankLine[]): number => lines.reduce((s, l) => s + Math.max(0, -l.amountMinor), 0);
const errors = (r: ParseResult): ParseIssue[] => r.issues.filter(i => i.severity === 'error');
const minor = (text: string): number => {
  const r = parseAmount(text);
  if (!r.ok) throw new Error(r.message);
  return r.minor;
};

describe("the generator's CCB statement (GBK, CRLF, TAB-guarded ids, 合计 footer)", () => {
  let bytes: Uint8Array;
  let rows: number;
  let text: string;
  beforeAll(() => {
    const out = mkdtempSync(join(tmpdir(), 'cn-bank-'));
    execFileSync(process.execPath, [
      root('test/tools/gen-ledger.mjs'),
      '--scenario',
      'cn',
      '--seed',
      '1',
      '--days',
      '20',
      '--tx-per-day',
      '30',
      '--out',
      out,
    ]);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      files: { path: string; format: string; rows?: number }[];
    };
    const file = manifest.files.find(f => f.format === 'cn-bank-csv')!;
    bytes = new Uint8Array(readFileSync(join(out, file.path)));
    rows = file.rows!;
    text = new TextDecoder('gb18030').decode(bytes);
  });

  test('is detected as cn-bank-csv from its content', () => {
    expect(sniff(bytes)).toBeGreaterThan(0.5);
    expect(detectFormat(bytes)?.name).toBe('cn-bank-csv');
  });

  test('yields exactly the rows the manifest counts, with no issues', () => {
    const r = parse(bytes);
    expect(rows).toBe(76);
    expect(r.bankLines).toHaveLength(rows);
    expect(r.issues).toEqual([]);
  });

  test('uses the printed 交易流水号 as id, unique within the file', () => {
    const r = parse(bytes);
    const ids = r.bankLines.map(l => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^\d{20}$/);
    expect(ids[0]).toBe('20260105082550301990');
  });

  test('adds up to the closing balance minus the opening balance printed in the file', () => {
    const r = parse(bytes);
    const opening = minor(/期初余额:([\d.,]+)/.exec(text)![1]!);
    const footer = text.split('\r\n').find(l => l.startsWith('合计'))!;
    const closing = minor(/"([\d,.]+)"\s*,,,$/.exec(footer)![1]!);
    expect(r.bankLines.reduce((s, l) => s + l.amountMinor, 0)).toBe(closing - opening);
  });

  test('reads the first and last line and the declared period with the account', () => {
    const r = parse(bytes);
    expect(r.bankLines[0]).toEqual({
      id: '20260105082550301990',
      account: '31050161373600001234',
      bookedOn: '2026-01-05',
      valueOn: null,
      amountMinor: 135913,
      currency: 'CNY',
      counterparty: '财付通支付科技有限公司',
      description: '提现 微信支付商户提现',
      line: 6,
      balanceMinor: 11898813,
    });
    expect(r.bankLines.at(-1)).toEqual({
      id: '20260123135957874221',
      account: '31050161373600001234',
      bookedOn: '2026-01-23',
      valueOn: null,
      amountMinor: 190666,
      currency: 'CNY',
      counterparty: '银联商务股份有限公司',
      description: '汇入 银联商务清算资金 898310058120002',
      line: 81,
      balanceMinor: 13244115,
    });
    expect(r.periods).toEqual([
      { account: '31050161373600001234', from: '2026-01-05', to: '2026-01-23', openingMinor: 11762900, closingMinor: 13244115 },
    ]);
  });

  test('warns when a line is missing against the 合计 totals and the closing balance', () => {
    const lines = splitBytes(bytes);
    const cut = joinBytes([...lines.slice(0, 10), ...lines.slice(11)]);
    const r = parse(cut);
    expect(r.bankLines).toHaveLength(rows - 1);
    expect(errors(r)).toEqual([]);
    const warned = r.issues.filter(i => i.severity === 'warning').map(i => i.field);
    expect(warned).toContain('账户余额');
    expect(warned.some(f => f === '收入金额' || f === '支出金额')).toBe(true);
  });

  test('does not claim the acquirer exports generated beside it', () => {
    const out = mkdtempSync(join(tmpdir(), 'cn-acq-'));
    execFileSync(process.execPath, [
      root('test/tools/gen-ledger.mjs'),
      '--scenario',
      'cn',
      '--seed',
      '2',
      '--days',
      '3',
      '--tx-per-day',
      '5',
      '--out',
      out,
    ]);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { files: { path: string; format: string }[] };
    const acquirerFiles = manifest.files.filter(f => f.format === 'cn-acquirer');
    expect(acquirerFiles.length).toBe(2);
    for (const f of acquirerFiles) expect(sniff(new Uint8Array(readFileSync(join(out, f.path))))).toBe(0);
  });

  test('parses a 100,000-line statement completely (its speed is measured by npm run bench)', () => {
    const lines = splitBytes(bytes);
    const data = lines.slice(5, 5 + rows);
    const big: Uint8Array[] = lines.slice(0, 5);
    for (let i = 0; i < 100_000; i++) {
      const row = Uint8Array.from(data[i % data.length]!);
      // The id follows the first TAB: 20 ASCII digits, made unique here.
      const at = row.indexOf(0x09) + 1;
      const id = String(i).padStart(20, '9');
      for (let k = 0; k < 20; k++) row[at + k] = id.charCodeAt(k);
      big.push(row);
    }
    const file = joinBytes(big);
    const r = parse(file); // also the warm-up: the first run compiles
    expect(r.bankLines).toHaveLength(100_000);
    expect(errors(r)).toEqual([]);
  });
});

describe('the ICBC debit v2 sample (space- and TAB-padded cells, 人民币合计 footer)', () => {
  const r = parse(fixture('real/cn-bank/example-icbc-debit-v2-records.csv'));

  test('is detected as cn-bank-csv', () => {
    expect(sniff(fixture('real/cn-bank/example-icbc-debit-v2-records.csv'))).toBeGreaterThan(0.5);
  });

  test('reads 11 lines, 2841.74 of credits and 4241.08 of debits from the 记账金额 columns', () => {
    expect(r.bankLines).toHaveLength(11);
    expect(credits(r.bankLines)).toBe(284174);
    expect(debits(r.bankLines)).toBe(424108);
  });

  test('reads the first and last line, the card number from the title and derives stable ids', () => {
    expect(r.bankLines[0]).toEqual({
      id: '2023-05-02/-13.40',
      account: '1234****9876',
      bookedOn: '2023-05-02',
      valueOn: null,
      amountMinor: -1340,
      currency: 'CNY',
      counterparty: '深圳市财付通支付科技有限公司',
      description: '消费',
      line: 8,
      balanceMinor: null,
    });
    expect(r.bankLines.at(-1)).toEqual({
      id: '2023-02-08/+1.04',
      account: '1234****9876',
      bookedOn: '2023-02-08',
      valueOn: null,
      amountMinor: 104,
      currency: 'CNY',
      counterparty: '深圳市财付通支付科技有限公司',
      description: '退款',
      line: 18,
      balanceMinor: null,
    });
    expect(r.periods).toEqual([]);
  });

  test("warns once that ids are derived, and that the sample's anonymised 合计 does not add up", () => {
    expect(errors(r)).toEqual([]);
    expect(r.issues.map(i => [i.line, i.field])).toEqual([
      [7, '交易流水号'],
      [20, '记账金额(收入)'],
      [20, '记账金额(支出)'],
    ]);
    expect(r.issues[1]?.message).toBe('the 合计 line says credits of 1234.56 but the lines add up to 2841.74; lines may be missing');
  });
});

describe('the CMB debit sample (one signed 交易金额 column)', () => {
  const r = parse(fixture('real/cn-bank/example-cmb-records.csv'));

  test('reads 5 lines, 1234.00 of credits and 2013.14 of debits', () => {
    expect(r.bankLines).toHaveLength(5);
    expect(credits(r.bankLines)).toBe(123400);
    expect(debits(r.bankLines)).toBe(201314);
    expect(errors(r)).toEqual([]);
  });

  test('reads the first and last line, joining 交易摘要 and 客户摘要', () => {
    expect(r.bankLines[0]).toEqual({
      id: '2024-01-01/+1234.00/1271.66',
      account: '',
      bookedOn: '2024-01-01',
      valueOn: null,
      amountMinor: 123400,
      currency: 'CNY',
      counterparty: '北京住房公积金管理中心1111111111',
      description: '代发住房公积金 01月01日约定提取',
      line: 2,
      balanceMinor: 127166,
    });
    expect(r.bankLines.at(-1)).toEqual({
      id: '2024-01-23/-10.14/1218.24',
      account: '',
      bookedOn: '2024-01-23',
      valueOn: null,
      amountMinor: -1014,
      currency: 'CNY',
      counterparty: '抖音电商商家888888888',
      description: '快捷支付 抖音支付-抖音电商商家',
      line: 6,
      balanceMinor: 121824,
    });
  });

  test('gives the same ids on every import of the same file', () => {
    const again = parse(fixture('real/cn-bank/example-cmb-records.csv'));
    expect(again.bankLines.map(l => l.id)).toEqual(r.bankLines.map(l => l.id));
  });
});

describe('the BOC debit sample (signed 金额, `-------------------` placeholders, 借记卡号)', () => {
  const r = parse(fixture('real/cn-bank/example-boc-records.csv'));

  test('reads 17 lines, 9821.00 of credits and 9394.30 of debits', () => {
    expect(r.bankLines).toHaveLength(17);
    expect(credits(r.bankLines)).toBe(982100);
    expect(debits(r.bankLines)).toBe(939430);
    expect(errors(r)).toEqual([]);
  });

  test('reads the first and last line, dropping placeholder cells', () => {
    expect(r.bankLines[0]).toEqual({
      id: '2025-08-22T17:57:17/-71.89/3240.28',
      account: '3167',
      bookedOn: '2025-08-22',
      valueOn: null,
      amountMinor: -7189,
      currency: 'CNY',
      counterparty: '张三',
      description: '无卡支付',
      line: 3,
      balanceMinor: 324028,
    });
    expect(r.bankLines.at(-1)).toEqual({
      id: '2025-08-01T08:57:00/+1000.00/3813.58',
      account: '3167',
      bookedOn: '2025-08-01',
      valueOn: null,
      amountMinor: 100000,
      currency: 'CNY',
      counterparty: '张三',
      description: '银联入账 转账',
      line: 19,
      balanceMinor: 381358,
    });
  });

  test('has unique ids', () => {
    expect(new Set(r.bankLines.map(l => l.id)).size).toBe(17);
  });
});

describe('other bank layouts (synthetic)', () => {
  test("reads BOCOM's unsigned 交易金额 by its 借 Dr / 贷 Cr flag and does not take 序号 for an id", () => {
    const r = parse(fixture('synthetic/cn-bank/bocom-debit.csv'));
    expect(errors(r)).toEqual([]);
    expect(r.bankLines.map(l => l.amountMinor)).toEqual([191210, -35000, 2, -200000]);
    expect(r.bankLines[0]).toEqual({
      id: '2026-01-05T09:12:01/+1912.10/12912.10',
      account: '',
      bookedOn: '2026-01-05',
      valueOn: null,
      amountMinor: 191210,
      currency: 'CNY',
      counterparty: '拉卡拉支付股份有限公司',
      description: 'POS结算款 822290058120001',
      line: 2,
      balanceMinor: 1291210,
    });
    expect(r.bankLines.at(-1)?.description).toBe('转账');
  });

  test("reads ABC's signed +/- 交易金额 and 日 志 号 ids, deriving ids for the 0000000000 interest lines", () => {
    const r = parse(fixture('synthetic/cn-bank/abc-debit.csv'));
    expect(errors(r)).toEqual([]);
    expect(r.bankLines.map(l => [l.id, l.amountMinor])).toEqual([
      ['369396693', 108818],
      ['369333999', -1000],
      ['111222333', -123450],
      ['2026-01-06/+0.01/9843.69', 1],
      ['2026-01-06/0.00/9843.69', 0],
    ]);
    expect(r.bankLines[0]).toEqual({
      id: '369396693',
      account: '',
      bookedOn: '2026-01-05',
      valueOn: null,
      amountMinor: 108818,
      currency: 'CNY',
      counterparty: '财付通支付科技有限公司',
      description: '转存 微信支付商户提现',
      line: 2,
      balanceMinor: 1108818,
    });
    expect(r.bankLines[3]?.counterparty).toBe('');
    expect(r.issues.filter(i => i.severity === 'warning').map(i => [i.line, i.field])).toEqual([
      [5, '日 志 号'],
      [6, '日 志 号'],
    ]);
  });

  test('reads 收入/支出 split columns booked on 记账日, with a negative 支出 still a debit', () => {
    const r = parse(fixture('synthetic/cn-bank/ccb-split.csv'));
    expect(errors(r)).toEqual([]);
    expect(r.bankLines.map(l => [l.bookedOn, l.amountMinor])).toEqual([
      ['2026-01-05', 206210],
      ['2026-01-05', -150000],
      ['2026-01-10', -30000],
    ]);
    expect(r.bankLines[0]?.account).toBe('6217001234567890123');
    expect(r.bankLines[0]?.id).toBe('2026-01-05T23:58:10/+2062.10/5062.10');
    expect(r.periods).toEqual([
      { account: '6217001234567890123', from: '2026-01-01', to: '2026-01-31', openingMinor: null, closingMinor: 326210 },
    ]);
  });

  test('reads 存入金额/取出金额 with 顺序号 ids and date-times like `2025/12/03  14:06:51`', () => {
    const r = parse(fixture('synthetic/cn-bank/spdb-deposit.csv'));
    expect(errors(r)).toEqual([]);
    expect(r.bankLines).toEqual([
      {
        id: '1',
        account: '6225887712345678',
        bookedOn: '2025-12-03',
        valueOn: null,
        amountMinor: 300000,
        currency: 'CNY',
        counterparty: '支付宝（中国）网络技术有限公司',
        description: '转账 支付宝提现',
        line: 3,
        balanceMinor: 800000,
      },
      {
        id: '2',
        account: '6225887712345678',
        bookedOn: '2025-12-04',
        valueOn: null,
        amountMinor: -4550,
        currency: 'CNY',
        counterparty: '上海禾田餐饮管理有限公司',
        description: '消费',
        line: 4,
        balanceMinor: 795450,
      },
    ]);
    expect(r.periods).toEqual([
      { account: '6225887712345678', from: '2025-12-01', to: '2025-12-31', openingMinor: null, closingMinor: 795450 },
    ]);
  });

  test('maps currency names to ISO codes and reads yen without minor units', () => {
    const r = parse(
      utf8('记账日期,货币,交易金额,联机余额,交易摘要\n2026-01-05,日元,"1,200","5,000",汇入\n2026-01-06,美元,-12.50,100.00,手续费\n'),
    );
    expect(errors(r)).toEqual([]);
    expect(r.bankLines.map(l => [l.currency, l.amountMinor])).toEqual([
      ['JPY', 1200],
      ['USD', -1250],
    ]);
  });
});

describe('malformed rows', () => {
  const header = '交易日期,交易时间,交易流水号,摘要,收入金额,支出金额,账户余额,对方户名,对方账号,附言\n';
  const row = (income: string, date = '20260105', id = 'A1'): string => `${date},08:00:00,${id},提现,${income},,"1,000.00",某公司,,\n`;

  test('a bad amount is an error naming the line and the column', () => {
    const r = parse(utf8(header + row('"1,000.00"') + row('12.3.4', '20260105', 'A2')));
    expect(r.bankLines).toHaveLength(1);
    expect(errors(r)).toEqual([
      {
        line: 3,
        field: '收入金额',
        severity: 'error',
        code: 'bad_amount',
        params: expect.objectContaining({ text: '12.3.4' }),
        message: expect.stringContaining('12.3.4'),
      },
    ]);
  });

  test('a bad date is an error naming the line and the column', () => {
    const r = parse(utf8(header + row('5.00', '2026-13-45')));
    expect(errors(r)).toEqual([
      {
        line: 2,
        field: '交易日期',
        severity: 'error',
        code: 'bad_date',
        params: { text: '2026-13-45', withTime: false },
        message: '"2026-13-45" is not a date',
      },
    ]);
  });

  test('a row with neither 收入 nor 支出 is an error', () => {
    const r = parse(utf8(header + row('')));
    expect(errors(r).map(i => [i.line, i.field])).toEqual([[2, '收入金额']]);
  });

  test('an unknown currency and an unreadable 借贷 flag are errors', () => {
    const r = parse(utf8('交易日期,借贷,交易金额,余额,币种\n2026-01-05,借 Dr,1.00,2.00,火星币\n2026-01-06,X,1.00,3.00,人民币\n'));
    expect(errors(r).map(i => [i.line, i.field])).toEqual([
      [2, '币种'],
      [3, '借贷'],
    ]);
  });

  test('a repeated 交易流水号 is kept unique with a suffix and a warning', () => {
    const r = parse(utf8(header + row('1.00') + row('2.00')));
    expect(r.bankLines.map(l => l.id)).toEqual(['A1', 'A1#2']);
    expect(r.issues).toEqual([
      {
        line: 3,
        field: '交易流水号',
        severity: 'warning',
        code: 'reused_id',
        params: { id: 'A1', as: 'A1#2' },
        message: expect.stringContaining('A1#2'),
      },
    ]);
  });

  test('a repeat of an id that already looks like a suffixed one still gets a unique id', () => {
    const r = parse(utf8(header + row('1.00', '20260105', 'A1#2') + row('2.00') + row('3.00')));
    expect(r.bankLines.map(l => l.id)).toEqual(['A1#2', 'A1', 'A1#3']);
  });

  test('a totals row between data rows is skipped without ending the table', () => {
    const r = parse(utf8(header + row('1.00') + '人民币合计,,,,"1.00",,,,,\n' + row('2.00', '20260106', 'A2')));
    expect(r.bankLines.map(l => l.id)).toEqual(['A1', 'A2']);
    // Its sum then no longer covers every line read, which the totals check reports on the totals row's own line.
    expect(r.issues).toEqual([
      {
        line: 3,
        field: '收入金额',
        severity: 'warning',
        code: 'statement_total',
        params: { side: 'credits', printed: '1.00', sum: '3.00', afterLine: null },
        message: 'the 合计 line says credits of 1.00 but the lines add up to 3.00; lines may be missing',
      },
    ]);
  });

  test('dated rows after a footer line are reported, not silently dropped', () => {
    const r = parse(
      utf8(header + row('1.00') + '以上数据仅供参考,,,,,,,,,\n' + row('2.00', '20260106', 'A2') + row('3.00', '20260107', 'A3')),
    );
    expect(r.bankLines).toHaveLength(1);
    expect(r.issues).toEqual([
      {
        line: 2,
        field: '(footer)',
        severity: 'warning',
        code: 'rows_after_footer',
        params: { count: 2 },
        message: expect.stringContaining('2 dated rows'),
      },
    ]);
  });

  test('a file without a bank header is one error on line 1', () => {
    const r = parse(utf8('hello,world\n1,2\n'));
    expect(r.bankLines).toEqual([]);
    expect(r.issues).toEqual([
      {
        line: 1,
        field: '(header)',
        severity: 'error',
        code: 'no_statement_header',
        params: expect.objectContaining({ sheet: false }),
        message: expect.stringContaining('no bank statement header'),
      },
    ]);
  });
});

describe('sniff', () => {
  test('scores the real samples and the synthetic layouts', () => {
    for (const f of [
      'real/cn-bank/example-icbc-debit-v2-records.csv',
      'real/cn-bank/example-cmb-records.csv',
      'real/cn-bank/example-boc-records.csv',
      'synthetic/cn-bank/bocom-debit.csv',
      'synthetic/cn-bank/abc-debit.csv',
      'synthetic/cn-bank/ccb-split.csv',
      'synthetic/cn-bank/spdb-deposit.csv',
    ]) {
      expect(sniff(fixture(f)), f).toBe(0.9);
    }
  });

  test('does not claim an acquirer export header', () => {
    const acquirer =
      '拉卡拉商户交易明细\n交易日期,交易时间,商户编号,终端号,卡号,卡类型,交易类型,交易金额,手续费,结算金额,检索参考号,授权码,原交易参考号,清算日期,交易状态\n';
    expect(cnBankCsv.sniff(acquirer, utf8(acquirer))).toBe(0);
  });

  test('does not claim a header without a balance column', () => {
    const bill = '交易日期,交易类型,交易对方,收/支,金额(元)\n2026-01-05,商户消费,某店,支出,12.00\n';
    expect(cnBankCsv.sniff(bill, utf8(bill))).toBe(0);
  });
});

describe('the row mapping other readers reuse', () => {
  test('maps a spreadsheet row through the exported header and row functions', () => {
    const header = ['记账日', '交易日期', '交易时间', '支出', '收入', '账户余额', '币种', '摘要', '对方账号', '对方户名', '交易地点'];
    const columns = mapCnBankHeader(header)!;
    const sheet = newCnBankSheet(columns, header, readCnBankTitle(['账　　号:6217001234567890123', '币　　种:人民币']));
    const issues: ParseIssue[] = [];
    const r = mapCnBankRow(
      ['20260105', '20260104', '101010', '', '2,176.91', '3,000.00', '人民币', '转账存入', '', '张三', ''],
      7,
      sheet,
      issues,
    );
    expect(issues).toEqual([]);
    expect(r).toEqual({
      kind: 'line',
      bankLine: {
        id: '2026-01-05T10:10:10/+2176.91/3000.00',
        account: '6217001234567890123',
        bookedOn: '2026-01-05',
        valueOn: null,
        amountMinor: 217691,
        currency: 'CNY',
        counterparty: '张三',
        description: '转账存入',
        line: 7,
        balanceMinor: 300000,
      },
    });
  });

  test('reads periods written as 查询日期 and as compact dates with a dash', () => {
    expect(readCnBankTitle(['查询日期:2026-01-05至2026-01-24'])).toMatchObject({ from: '2026-01-05', to: '2026-01-24' });
    expect(readCnBankTitle(['账号:123456,起止日期:20260105-20260124'])).toMatchObject({
      account: '123456',
      from: '2026-01-05',
      to: '2026-01-24',
    });
  });

  test('reads plain amounts exactly as parseAmount does (property)', () => {
    const printed = fc
      .tuple(fc.integer({ min: -1e12, max: 1e12 }), fc.constantFrom(0, 2, 3), fc.boolean(), fc.boolean())
      .map(([m, digits, grouped, plus]) => {
        const text = formatMinor(m, digits);
        const [int = '', frac] = text.replace('-', '').split('.');
        const body = grouped ? int.replace(/\B(?=(\d{3})+$)/g, ',') : int;
        return { text: `${m < 0 ? '-' : plus ? '+' : ''}${body}${frac === undefined ? '' : `.${frac}`}`, digits };
      });
    const noise = fc.tuple(fc.stringMatching(/^[-+]?[0-9,.]{0,12}$/), fc.constantFrom(0, 2, 3)).map(([text, digits]) => ({ text, digits }));
    fc.assert(
      fc.property(fc.oneof(printed, noise), ({ text, digits }) => {
        expect(readCnAmount(text, digits)).toEqual(parseAmount(text, { digits }));
      }),
      { numRuns: 2000 },
    );
  });

  test('reads currency names and 借贷 flags', () => {
    expect(['人民币', 'RMB', 'cny', '美元', '港币', '火星币', 'constructor'].map(isoCurrency)).toEqual([
      'CNY',
      'CNY',
      'CNY',
      'USD',
      'HKD',
      null,
      null,
    ]);
    expect(['借 Dr', '贷 Cr', '借', '贷', 'D', 'C', '?'].map(directionSign)).toEqual([-1, 1, -1, 1, -1, 1, 0]);
  });
});

describe('robustness (property)', () => {
  const boc = new TextDecoder().decode(fixture('real/cn-bank/example-boc-records.csv'));
  const bocLines = boc.split('\n');
  const bocHeader = bocLines[1]!.split(',');
  const csvCell = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const withCell = (lineIndex: number, col: number, value: string): string => {
    const cells = splitCsv(bocLines[lineIndex]!);
    cells[col] = csvCell(value);
    return bocLines.map((l, i) => (i === lineIndex ? cells.join(',') : l)).join('\n');
  };
  const wellFormed = (r: ParseResult, lineCount: number): void => {
    expect(r.format).toBe('cn-bank-csv');
    for (const i of r.issues) {
      expect(i.line).toBeGreaterThanOrEqual(1);
      expect(i.line).toBeLessThanOrEqual(Math.max(1, lineCount));
      expect(i.field.length).toBeGreaterThan(0);
      expect(i.message.length).toBeGreaterThan(0);
    }
  };

  test('random bytes never throw and give a well-formed result', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), bytes => {
        wellFormed(parse(bytes), 1 + bytes.filter(b => b === 0x0a).length);
      }),
      { numRuns: 300 },
    );
  });

  test('random bytes after a bank header never throw', () => {
    const head = utf8('交易日期,交易时间,交易流水号,摘要,收入金额,支出金额,账户余额,对方户名,对方账号,附言\n');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), tail => {
        const bytes = new Uint8Array(head.length + tail.length);
        bytes.set(head);
        bytes.set(tail, head.length);
        const r = parse(bytes);
        wellFormed(r, 1 + bytes.filter(b => b === 0x0a).length);
      }),
      { numRuns: 300 },
    );
  });

  test('any text in any cell of a real row never throws', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 18 }), fc.integer({ min: 0, max: 12 }), fc.string({ maxLength: 30 }), (li, col, value) => {
        const text = withCell(li, col, value);
        wellFormed(parse(utf8(text)), text.split('\n').length);
      }),
      { numRuns: 300 },
    );
  });

  test('an unreadable amount in a real row is an error naming its line and 金额', () => {
    const notAmount = fc.string({ minLength: 1, maxLength: 12 }).filter(s => !/[\r\n]/.test(s) && !parseAmount(cleanCell(s)).ok);
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 18 }), notAmount, (li, value) => {
        const r = parse(utf8(withCell(li, bocHeader.indexOf('金额'), value)));
        expect(errors(r)).toContainEqual(expect.objectContaining({ line: li + 1, field: '金额' }));
        expect(r.bankLines.some(l => l.line === li + 1)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  test('an unreadable date in a real row is an error naming its line and 记账日期', () => {
    // Not a totals row, and not what readTable takes for a footer (`#…`, `以上…`): those end the table instead.
    const notDate = fc
      .string({ minLength: 1, maxLength: 12 })
      .filter(
        s =>
          !/[\r\n]/.test(s) && !/合计|总计|小计|汇总/.test(s) && !isFooterLine(cleanCell(s)) && parseLocalDateTime(cleanCell(s)) === null,
      );
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 18 }), notDate, (li, value) => {
        const r = parse(utf8(withCell(li, 0, value)));
        expect(errors(r)).toContainEqual(expect.objectContaining({ line: li + 1, field: '记账日期' }));
      }),
      { numRuns: 200 },
    );
  });
});

/** Splits one simple CSV line, keeping quoted cells (with their quotes) whole. */
function splitCsv(line: string): string[] {
  const out: string[] = [];
  let cur = '',
    quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** The lines of a file as byte arrays, each with its line break. */
function splitBytes(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++)
    if (bytes[i] === 0x0a) {
      out.push(bytes.subarray(start, i + 1));
      start = i + 1;
    }
  if (start < bytes.length) out.push(bytes.subarray(start));
  return out;
}

function joinBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

describe('the old CMB layout (issue 15)', () => {
  test('keeps 交易备注 in the description after 交易类型', () => {
    const bytes = fixture('synthetic/cn-bank/cmb-old-debit.csv');
    expect(detectFormat(bytes)?.name).toBe('cn-bank-csv');
    const r = parse(bytes);
    expect(errors(r)).toEqual([]);
    expect(r.bankLines.map(l => [l.bookedOn, l.amountMinor, l.description])).toEqual([
      ['2026-03-02', 882050, '银联入账 商户结算 8980011'],
      ['2026-03-02', -1200, '费用 短信服务费'],
    ]);
  });
});
