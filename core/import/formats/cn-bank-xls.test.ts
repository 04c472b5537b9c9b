import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { detectFormat, headText, parseFile } from '../detect';
import { cnBankXls, mapSheetHeader } from './cn-bank-xls';
import type { ParseResult } from '../../model/types';

const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../../test/fixtures/real/cn-bank/${name}`, import.meta.url)));
const CCB = fixture('交易明细_xxxx_2025xxxx_2025xxxx.xls');
const SPDB = fixture('example-spdb_debit-records.xls');
const HXSEC = fixture('example-hxsec-records.xls');
const parse = (bytes: Uint8Array): ParseResult => cnBankXls.parse(bytes, { fileName: 'statement.xls' });
const sum = (r: ParseResult): number => r.bankLines.reduce((s, l) => s + l.amountMinor, 0);

/** A one-sheet .xlsx with inline-string cells, and numbers where a cell is a JS number. */
function xlsx(rows: (string | number | { date: number })[][]): Uint8Array {
  const col = (i: number): string => String.fromCharCode(65 + i);
  const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const body = rows
    .map(
      (r, i) =>
        `<row r="${i + 1}">${r
          .map((v, j) => {
            const ref = `${col(j)}${i + 1}`;
            if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
            if (typeof v === 'object') return `<c r="${ref}" s="1"><v>${v.date}</v></c>`;
            return `<c r="${ref}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`;
          })
          .join('')}</row>`,
    )
    .join('');
  return zipSync({
    'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="明细" r:id="rId1"/></sheets></workbook>'),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="x/styles" Target="styles.xml"/></Relationships>',
    ),
    'xl/styles.xml': strToU8('<styleSheet><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>'),
    'xl/worksheets/sheet1.xml': strToU8(`<worksheet><sheetData>${body}</sheetData></worksheet>`),
  });
}

describe('the CCB .xls statement (BIFF8, code page 936)', () => {
  const r = parse(CCB);

  test('is detected as cn-bank-xls from its content', () => {
    expect(cnBankXls.sniff(headText(CCB), CCB)).toBeGreaterThan(0.9);
    expect(detectFormat(CCB)?.name).toBe('cn-bank-xls');
  });

  test('reads the six debits, stopping at the 以上数据仅供参考 disclaimer', () => {
    expect(r.bankLines).toHaveLength(6);
    expect(sum(r)).toBe(-70_326);
    expect(r.bankLines.every(l => l.amountMinor < 0)).toBe(true);
    expect(r.issues).toMatchObject([
      {
        line: 6,
        field: '交易流水号',
        severity: 'warning',
        message: 'the file has no 交易流水号 column; each line gets an id made of its date, time, amount and balance',
      },
    ]);
  });

  test('takes the account from the 账　　号 preamble and derives stable ids from date, time, amount and balance', () => {
    expect(r.bankLines[0]).toEqual({
      id: '2025-01-01T18:53:19/-67.00/2176.91',
      account: 'xxxxx*********xxxx',
      bookedOn: '2025-01-01',
      valueOn: null,
      amountMinor: -6700,
      currency: 'CNY',
      counterparty: '中***融科技有限公司',
      description: '消费',
      line: 7,
      balanceMinor: 217691,
    });
    expect(r.bankLines[5]).toEqual({
      id: '2025-01-06T12:03:39/-66.40/1494.65',
      account: 'xxxxx*********xxxx',
      bookedOn: '2025-01-06',
      valueOn: null,
      amountMinor: -6640,
      currency: 'CNY',
      counterparty: '**微超',
      description: '消费',
      line: 12,
      balanceMinor: 149465,
    });
    expect(parse(CCB.slice()).bankLines.map(l => l.id)).toEqual(r.bankLines.map(l => l.id));
  });
});

describe('the SPDB .xls statement', () => {
  const r = parse(SPDB);

  test('is detected as cn-bank-xls', () => {
    expect(detectFormat(SPDB)?.name).toBe('cn-bank-xls');
  });

  test('reads four lines with 顺序号 as id, 存入金额 as credit and 取出金额 as debit', () => {
    expect(r.issues).toEqual([]);
    expect(r.bankLines.map(l => [l.id, l.bookedOn, l.amountMinor])).toEqual([
      ['1', '2025-12-03', -388],
      ['2', '2025-12-05', 1000],
      ['3', '2025-12-05', -388],
      ['4', '2025-12-05', -388],
    ]);
    expect(sum(r)).toBe(-164);
  });

  test('reads account and period from the key/value preamble row', () => {
    expect(r.periods).toEqual([{ account: '6200000000001230', from: '2025-12-01', to: '2025-12-31' }]);
    expect(r.bankLines[1]).toEqual({
      id: '2',
      account: '6200000000001230',
      bookedOn: '2025-12-05',
      valueOn: null,
      amountMinor: 1000,
      currency: 'CNY',
      counterparty: '基金销售有限公司',
      description: '汇入外',
      line: 4,
      balanceMinor: 199133,
    });
  });
});

describe('the securities-firm ".xls" that is GBK tab-separated text', () => {
  const r = parse(HXSEC);

  test('is detected as cn-bank-xls, although it is not a workbook', () => {
    expect(detectFormat(HXSEC)?.name).toBe('cn-bank-xls');
  });

  test('refuses the file cut inside its last row, whose cells would read as blanks (its fund account)', () => {
    // Every row ends `="114514114514"<TAB><CR><LF>`: cut 8 bytes into the account, the row lacks its last cells.
    const cut = parse(HXSEC.slice(0, HXSEC.length - 10));
    expect(cut.issues.filter(i => i.severity === 'error')).toMatchObject([
      {
        line: 14,
        field: '资金帐号',
        severity: 'error',
        message: expect.stringMatching(/^the file ends inside this row, after 24 of 25 fields/),
      },
    ]);
    // Cut before the last row's line break only, every cell is there: read as the whole file.
    expect(parse(HXSEC.slice(0, HXSEC.length - 2)).bankLines).toEqual(r.bankLines);
  });

  test('reads 交收日期, 清算金额 and 资金本次余额 into 13 lines with their fund account', () => {
    expect(r.bankLines).toHaveLength(13);
    expect(sum(r)).toBe(23_443_816);
    expect(r.bankLines[0]).toEqual({
      id: '2023-02-12T00:00:00/+128000.00/128000.00',
      account: '114514114514',
      bookedOn: '2023-02-12',
      valueOn: null,
      amountMinor: 12_800_000,
      currency: 'CNY',
      counterparty: '',
      description: '银行转证券',
      line: 2,
      balanceMinor: 12800000,
    });
    expect(r.bankLines[12]).toEqual({
      id: '2025-04-04T00:00:00/+150.00/332.30',
      account: '114514114514',
      bookedOn: '2025-04-04',
      valueOn: null,
      amountMinor: 15_000,
      currency: 'CNY',
      counterparty: '',
      description: '红利入账 30年国债',
      line: 14,
      balanceMinor: 33230,
    });
    expect(r.issues.filter(i => i.severity === 'error')).toEqual([]);
  });

  test('refuses such a file without an amount column, naming what is missing', () => {
    const gbk = (s: string): Uint8Array =>
      new Uint8Array([...s].flatMap(ch => (ch.charCodeAt(0) < 128 ? [ch.charCodeAt(0)] : [...gbkOf(ch)])));
    const bytes = gbk('="交收日期"\t="业务名称"\t="证券名称"\r\n="20230212"\t="银行转证券"\t=""\r\n');
    expect(cnBankXls.sniff(headText(bytes), bytes)).toBeGreaterThan(0);
    expect(parseFile(bytes, { fileName: 'x.xls' }).issues).toEqual([
      {
        line: 1,
        field: '(header)',
        severity: 'error',
        code: 'missing_columns',
        params: { columns: ['amount'] },
        message: 'the header row has no column for an amount (收入/支出, 交易金额 or 清算金额); it is not a statement this reader can use',
      },
    ]);
  });
});

// GBK bytes of the few characters the refusal test needs (TextEncoder only writes UTF-8).
const GBK: Record<string, number[]> = {
  交: [0xbd, 0xbb],
  收: [0xca, 0xd5],
  日: [0xc8, 0xd5],
  期: [0xc6, 0xda],
  业: [0xd2, 0xb5],
  务: [0xce, 0xf1],
  名: [0xc3, 0xfb],
  称: [0xb3, 0xc6],
  证: [0xd6, 0xa4],
  券: [0xc8, 0xaf],
  银: [0xd2, 0xf8],
  行: [0xd0, 0xd0],
  转: [0xd7, 0xaa],
};
function gbkOf(ch: string): number[] {
  const b = GBK[ch];
  if (!b) throw new Error(`no GBK bytes for ${ch}`);
  return b;
}

describe('a Chinese bank statement saved as .xlsx', () => {
  test('reads date cells, numeric amounts and text ids, and names the row and column of a bad amount', () => {
    const bytes = xlsx([
      ['账号：', '6222020000001234'],
      ['交易流水号', '交易日期', '收入', '支出', '余额', '对方户名', '摘要'],
      ['0001', { date: 45870 }, 1234.5, '', 11234.5, '银联商务', '清算资金'],
      ['0002', { date: 45871 }, 'abc', '', 11234.5, '银联商务', '清算资金'],
      ['0003', '2025-08-03', '', 0.3, 11234.2, '', '手续费'],
    ]);
    expect(detectFormat(bytes)?.name).toBe('cn-bank-xls');
    const r = parse(bytes);
    expect(r.issues).toEqual([
      {
        line: 4,
        field: '收入',
        severity: 'error',
        code: 'bad_amount',
        params: { text: 'abc', problem: 'not_amount', digits: 2, label: null },
        message: '"abc" is not an amount',
      },
    ]);
    expect(r.bankLines.map(l => [l.id, l.account, l.bookedOn, l.amountMinor, l.line])).toEqual([
      ['0001', '6222020000001234', '2025-08-01', 123_450, 3],
      ['0003', '6222020000001234', '2025-08-03', -30, 5],
    ]);
  });
});

describe('a 兴业银行 (CIB) .xlsx statement with a trailing 说明 note (issue 15)', () => {
  const cib = (): Uint8Array =>
    xlsx([
      ['兴业银行账户交易明细'],
      ['账号：', '117010100100123456', '币种：', '人民币'],
      ['交易日期', '交易时间', '借方金额', '贷方金额', '账户余额', '对方户名', '对方账号', '摘要', '用途', '交易流水号'],
      ['2026-03-02', '10:15:02', '', '8,820.50', '58,820.50', '银联商务股份有限公司', '3100012345', '清算', 'T+1结算', 'CIB0001'],
      ['2026-03-02', '16:40:11', '12.00', '', '58,808.50', '', '', '手续费', '', 'CIB0002'],
      ['说明', '1、本明细仅供参考，以银行系统记录为准；2、借方表示支出，贷方表示收入。'],
      ['', '打印日期：2026-03-03'],
    ]);

  test('reads the transactions and not the note rows, counting them in one warning', () => {
    const r = parse(cib());
    expect(r.bankLines.map(l => [l.id, l.account, l.bookedOn, l.amountMinor])).toEqual([
      ['CIB0001', '117010100100123456', '2026-03-02', 882_050],
      ['CIB0002', '117010100100123456', '2026-03-02', -1_200],
    ]);
    expect(r.issues).toMatchObject([
      {
        line: 6,
        field: '交易日期',
        severity: 'warning',
        message: '2 rows have neither a date nor an amount (notes such as 说明) and are not read as transactions; the first is this line',
      },
    ]);
  });

  test('still refuses a row that has an amount but no date', () => {
    const r = parse(
      xlsx([
        ['交易日期', '借方金额', '贷方金额', '账户余额', '摘要', '交易流水号'],
        ['', '', '100.00', '100.00', '清算', 'CIB0003'],
      ]),
    );
    expect(r.issues.filter(i => i.severity === 'error')).toEqual([
      { line: 2, field: '交易日期', severity: 'error', code: 'empty_cell', params: { what: 'date' }, message: 'the date is empty' },
    ]);
  });
});

describe("rows after a workbook statement's footer (issue 15)", () => {
  test('are counted in a warning when they carry a date', () => {
    const r = parse(
      xlsx([
        ['交易流水号', '交易日期', '收入', '支出', '余额', '摘要'],
        ['0001', '2026-03-02', 100, '', 100, '清算'],
        ['以上数据仅供参考'],
        ['0002', '2026-03-03', 50, '', 150, '清算'],
      ]),
    );
    expect(r.bankLines.map(l => l.id)).toEqual(['0001']);
    expect(r.issues).toEqual([
      {
        line: 2,
        field: '(footer)',
        severity: 'warning',
        code: 'rows_after_footer',
        params: { count: 1 },
        message: '1 dated row after the footer that follows this line was not read',
      },
    ]);
  });
});

describe('a personal WeChat bill saved as .xlsx (issue 15)', () => {
  // The layout of WeChat's personal download: a title, notes (one mentions 信用卡还款), then 交易时间 … 金额(元).
  const bill = (): Uint8Array =>
    xlsx([
      ['微信支付账单明细'],
      ['微信昵称：[某人]'],
      ['起始时间：[2026-03-01 00:00:00] 终止时间：[2026-03-31 23:59:59]'],
      ['注：'],
      ['1. 充值/提现/理财通购买/零钱通存取/信用卡还款等交易，将计入中性交易'],
      ['----------------------微信支付账单明细列表--------------------'],
      ['交易时间', '交易类型', '交易对方', '商品', '收/支', '金额(元)', '支付方式', '当前状态', '交易单号', '商户单号', '备注'],
      ['2026-03-02 12:45:27', '商户消费', '某餐厅', '午餐', '支出', '¥28.16', '零钱', '支付成功', '4200001', '1001', '/'],
    ]);

  test('is refused as a personal bill, neither read as a bank statement nor called a card statement', () => {
    const r = parseFile(bill(), { fileName: 'bill.xlsx' });
    expect(r.format).toBe('wechat-personal');
    expect(r.bankLines).toEqual([]);
    expect(r.issues).toMatchObject([
      { code: 'personal_bill', line: 1, field: '(file)', severity: 'error', message: expect.stringContaining('personal WeChat bill') },
    ]);
  });

  test('is not a card statement to the bank reader either', () => {
    expect(cnBankXls.sniff(headText(bill()), bill())).toBeLessThan(0.99);
    expect(parse(bill()).issues.some(i => i.message.includes('credit-card'))).toBe(false);
  });
});

describe('a credit-card statement saved as a workbook (issue 15)', () => {
  test('is refused as a card statement, not read as a current account with purchases as credits', () => {
    const bytes = xlsx([
      ['招商银行信用卡对账单'],
      ['交易日', '记账日', '交易摘要', '人民币金额', '卡号末四位', '交易地金额'],
      ['2026-03-01', '2026-03-02', '美团外卖', 35.5, '1234', 35.5],
    ]);
    expect(detectFormat(bytes)?.name).toBe('cn-bank-xls');
    expect(parse(bytes)).toMatchObject({
      bankLines: [],
      issues: [
        {
          line: 2,
          field: '(title)',
          severity: 'error',
          message:
            'statement.xls: a credit-card statement, not a current account: card money is not settled here (the title says "招商银行信用卡对账单")',
        },
      ],
    });
  });
});

describe('mapSheetHeader', () => {
  test('knows the space-padded CCB header and the securities-firm names', () => {
    const ccb = mapSheetHeader([
      '记账日          ',
      '交易日期',
      '交易时间',
      '支出',
      '收入',
      '账户余额',
      '币种',
      '摘要',
      '对方账号',
      '对方户名',
      '交易地点',
    ]);
    expect(ccb.columns).toMatchObject({
      bookedDate: 0,
      tradeDate: 1,
      time: 2,
      debit: 3,
      credit: 4,
      balance: 5,
      currency: 6,
      summary: 7,
      counterparty: 9,
    });
    expect(mapSheetHeader(['交收日期', '成交时间', '业务名称', '清算金额', '资金本次余额']).columns).toMatchObject({
      bookedDate: 0,
      time: 1,
      summary: 2,
      amount: 3,
      balance: 4,
    });
  });
});

describe('robustness', () => {
  test('never throws on random bytes, with or without a workbook signature', () => {
    const sig = fc.constantFrom([], [0x50, 0x4b, 0x03, 0x04], [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], [0x3d, 0x22]);
    fc.assert(
      fc.property(sig, fc.uint8Array({ maxLength: 2048 }), (head, tail) => {
        const bytes = new Uint8Array([...head, ...tail]);
        cnBankXls.sniff(headText(bytes), bytes);
        const r = parse(bytes);
        const wellFormed = r.issues.every(i => i.line >= 1 && i.field.length > 0 && i.message.length > 0);
        return (
          wellFormed &&
          (r.bankLines.length > 0 || r.issues.some(i => i.severity === 'error')) &&
          r.bankLines.every(l => Number.isSafeInteger(l.amountMinor))
        );
      }),
      { numRuns: 300 },
    );
  });

  test('never throws on real statements with bytes overwritten or cut short, and every issue names a line and field', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(CCB, SPDB, HXSEC),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 10 }),
        fc.nat(),
        (original, edits, cut) => {
          const bytes = original.slice(0, cut % (original.length + 1) || original.length);
          for (const [at, v] of edits) if (bytes.length) bytes[at % bytes.length] = v;
          const r = parse(bytes);
          return r.issues.every(i => i.line >= 1 && i.field.length > 0 && i.message.length > 0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
