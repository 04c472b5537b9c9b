import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { cardStatementMark, cnCardStatement } from './cn-card';
import { detectFormat, parseFile } from '../detect';

const DIR = new URL('../../../test/fixtures/synthetic/cn-card/', import.meta.url);
const bytesOf = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, DIR)));

describe("Chinese banks' credit-card statements are refused as card statements (issue 15)", () => {
  const cases: [file: string, line: number, field: string][] = [
    ['cmb-credit.csv', 1, '人民币金额'],
    ['boc-credit.csv', 2, '(title)'],
    ['bocom-credit.csv', 1, '卡末四位'],
    ['cgb-credit.csv', 1, '记账日期'],
    ['citic-credit.csv', 1, '卡末四位'],
    ['icbc-credit.csv', 3, '(title)'],
  ];
  for (const [file, line, field] of cases) {
    test(`${file} is detected as a card statement and refused naming line ${line} and ${field}`, () => {
      const bytes = bytesOf(file);
      expect(detectFormat(bytes)?.name).toBe('cn-card-statement');
      const r = parseFile(bytes, { fileName: file });
      expect(r.bankLines).toEqual([]);
      expect(r.issues).toEqual([
        {
          line,
          field,
          severity: 'error',
          code: 'card_statement',
          params: { fileName: file, detail: expect.any(String) },
          message: expect.stringContaining(`${file}: a credit-card statement, not a current account: card money is not settled here (`),
        },
      ]);
    });
  }

  test('says why: the title, the card-only column, or two dates with no balance', () => {
    expect(cardStatementMark(['交易日期', '金额'], ['招商银行信用卡对账单'])?.why).toBe('the title says "招商银行信用卡对账单"');
    expect(cardStatementMark(['交易日', '记账日', '人民币金额'], [])?.why).toBe(
      'the header has 人民币金额, a column only card statements print',
    );
    expect(cardStatementMark(['交易日期', '记账日期', '交易金额'], [])?.why).toBe(
      'the header has 交易日期 and 记账日期 but no balance column',
    );
    // ICBC's card download: the debit layout plus 记账日期, with a 余额 that is the debt.
    const icbcCard = [
      '交易日期',
      '记账日期',
      '摘要',
      '交易场所',
      '交易国家或地区简称',
      '交易金额(收入)',
      '交易金额(支出)',
      '交易币种',
      '记账金额(收入)',
      '记账金额(支出)',
      '记账币种',
      '余额',
      '对方户名',
    ];
    expect(cardStatementMark(icbcCard, ['卡号: 1234****5678'])?.why).toBe(
      "the header has 交易日期, 记账日期 and 交易场所, the layout of ICBC's card download",
    );
    expect(
      cardStatementMark(
        icbcCard.filter(h => h !== '记账日期'),
        ['卡号: 1234****9876'],
      ),
    ).toBeNull();
  });

  test("takes a title for a card statement's only when it names one, not when a note mentions card repayments", () => {
    expect(cardStatementMark(['交易日期', '金额'], ['中国工商银行信用卡账单明细'])?.field).toBe('(title)');
    expect(cardStatementMark(['交易日期', '金额'], ['中国银行信用卡交易明细'])?.field).toBe('(title)');
    const debit = ['交易日期', '交易时间', '收入', '支出', '账户余额', '摘要'];
    expect(cardStatementMark(debit, ['注：', '1. 充值/提现/信用卡还款等交易，将计入中性交易'])).toBeNull();
    expect(cardStatementMark(debit, ['说明：信用卡还款按转账记账'])).toBeNull();
  });

  test('leaves current-account and acquirer headers alone', () => {
    expect(
      cardStatementMark(['记账日', '交易日期', '交易时间', '支出', '收入', '账户余额', '摘要'], ['账　　号：6217000012345678']),
    ).toBeNull();
    expect(cardStatementMark(['交易日期', '摘要', '记账金额(收入)', '记账金额(支出)', '余额'], ['卡号: 1234****9876'])).toBeNull();
    expect(cardStatementMark(['交易日期', '清算日期', '入账日期', '商户编号', '终端号', '交易金额'], [])).toBeNull();
    expect(cnCardStatement.sniff('记账日期,货币,交易金额,联机余额,交易摘要,对手信息,客户摘要\n', new Uint8Array())).toBe(0);
  });
});

describe('robustness', () => {
  test('never throws on random bytes or mutated card statements, and every issue names a line and field', () => {
    const files = ['cmb-credit.csv', 'boc-credit.csv', 'bocom-credit.csv', 'cgb-credit.csv', 'citic-credit.csv', 'icbc-credit.csv'].map(
      bytesOf,
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...files),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        fc.uint8Array({ maxLength: 512 }),
        (original, edits, noise) => {
          for (const bytes of [noise, original.slice()]) {
            for (const [at, v] of edits) if (bytes.length) bytes[at % bytes.length] = v;
            cnCardStatement.sniff(new TextDecoder().decode(bytes), bytes);
            const r = cnCardStatement.parse(bytes, { fileName: 'x.csv' });
            if (r.bankLines.length !== 0 || !r.issues.every(i => i.line >= 1 && i.field !== '' && i.severity === 'error')) return false;
          }
          return true;
        },
      ),
      { numRuns: 300 },
    );
  });
});
