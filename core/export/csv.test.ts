import { describe, expect, test } from 'vitest';
import { readRows } from '../import/mapping/rows';
import { csvBytes, numberCell, textCell, type CsvColumn } from './csv';
import { alertColumns, bankColumns, txnColumns, type TxnLine } from './tables';
import type { Alert } from '../reconcile/types';
import { CATALOGS } from '../messages/index';

type Row = { readonly text: string; readonly amount: string };
const columns: CsvColumn<Row>[] = [
  { header: '摘要', kind: 'text', cell: r => r.text },
  { header: '金额', kind: 'number', cell: r => r.amount },
];

/** The cells the project's own CSV reader reads back from bytes. */
function readBack(bytes: Uint8Array): string[][] {
  const read = readRows(bytes, ',');
  if (!read.ok) throw new Error(read.message);
  return read.rows.map(r => [...r.cells]);
}

const makeTxn = (o: Partial<TxnLine> = {}): TxnLine => ({
  acquirer: 'lakala',
  id: '000123456789',
  kind: 'sale',
  at: '2026-03-01T12:34:56+08:00',
  grossMinor: 10000,
  feeMinor: 60,
  netMinor: 9940,
  currency: 'CNY',
  terminal: 'P1',
  card: '622848******1234',
  status: 'missing',
  expectedOn: '2026-03-02',
  bankLineIds: [],
  batchId: 'lakala|2026-03-01',
  ...o,
});

describe('CSV export', () => {
  test('starts with a UTF-8 byte order mark so Excel reads Chinese as Chinese', () => {
    const bytes = csvBytes(columns, [{ text: '拉卡拉', amount: '1.00' }]);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)).toBe('\uFEFF摘要,金额\r\n拉卡拉,1.00\r\n');
  });

  test('reads back through the project CSV reader cell for cell, quotes, commas and line breaks included', () => {
    const rows: Row[] = [
      { text: 'plain', amount: '12.34' },
      { text: 'a, b', amount: '-0.50' },
      { text: 'say "hi"', amount: '0' },
      { text: 'two\nlines', amount: '1000000.00' },
      { text: '结算款 拉卡拉支付', amount: '-12' },
      { text: '', amount: '3' },
    ];
    expect(readBack(csvBytes(columns, rows))).toEqual([['摘要', '金额'], ...rows.map(r => [r.text, r.amount])]);
  });

  test('keeps formulas from running but reads them back as the text they were', () => {
    const hostile = ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', "'quoted", '=1', '\tTAB'];
    const bytes = csvBytes(
      columns,
      hostile.map(text => ({ text, amount: '1' })),
    );
    // As written, every such cell opens with the apostrophe guard (inside its quotes when it has any).
    const firstCells = new TextDecoder().decode(bytes).split('\r\n').slice(1, -1);
    for (const line of firstCells) expect(line).toMatch(/^"?'/);
    expect(
      readBack(bytes)
        .slice(1)
        .map(r => r[0]),
    ).toEqual(hostile.map(h => h.trim()));
  });

  test('writes amounts as plain decimal numbers, negative ones unguarded', () => {
    expect(numberCell('-12.34')).toBe('-12.34');
    expect(numberCell(0)).toBe('0');
    expect(numberCell('-1+1')).toBe("'-1+1");
    expect(numberCell(null)).toBe('');
  });

  test('keeps digit ids Excel would change: leading zeros and long numbers', () => {
    expect(textCell('000123')).toBe('"=""000123"""');
    expect(textCell('202603011234567')).toBe('"=""202603011234567"""');
    expect(textCell('12345')).toBe('12345');
    expect(readBack(new TextEncoder().encode(`id\r\n${textCell('000123')}\r\n`))).toEqual([['id'], ['000123']]);
  });

  test('words the transactions table in the merchant language, amounts from minor units', () => {
    const zh = readBack(
      csvBytes(
        txnColumns('zh', () => '拉卡拉'),
        [makeTxn(), makeTxn({ id: 'R1', kind: 'refund', grossMinor: -2500, feeMinor: 0, netMinor: -2500, currency: 'JPY' })],
      ),
    );
    expect(zh[0]).toEqual([
      '交易时间',
      '收单机构',
      '交易参考号',
      '交易类型',
      '状态',
      '交易金额',
      '手续费',
      '结算金额',
      '币种',
      '终端号',
      '卡号',
      '应到账日',
      '银行流水',
      '结算批次',
    ]);
    expect(zh[1]).toEqual([
      '2026-03-01T12:34:56+08:00',
      '拉卡拉',
      '000123456789',
      '消费',
      '未到账',
      '100.00',
      '0.60',
      '99.40',
      'CNY',
      'P1',
      '622848******1234',
      '2026-03-02',
      '',
      'lakala|2026-03-01',
    ]);
    expect(zh[2]!.slice(3, 8)).toEqual(['退货', '未到账', '-2500', '0', '-2500']);
    const en = readBack(
      csvBytes(
        txnColumns('en', id => id),
        [makeTxn({ status: null })],
      ),
    );
    expect(en[0]!.slice(0, 5)).toEqual(['Time', 'Acquirer', 'Reference', 'Type', 'Status']);
    expect(en[1]!.slice(1, 5)).toEqual(['lakala', '000123456789', 'Sale', '']);
  });

  test('words bank lines and alerts in both languages', () => {
    const line = {
      id: 'BK1',
      account: '6222',
      bookedOn: '2026-03-02',
      valueOn: null,
      amountMinor: 123456,
      currency: 'CNY',
      counterparty: '拉卡拉支付股份有限公司',
      description: '=cmd|x',
      acquirer: 'lakala',
      linkedBatchIds: ['b1', 'b2'],
    };
    const bank = readBack(
      csvBytes(
        bankColumns('zh', () => '拉卡拉'),
        [line],
      ),
    );
    expect(bank[0]![0]).toBe('记账日期');
    expect(bank[1]).toEqual(['2026-03-02', '', '1234.56', 'CNY', '6222', 'BK1', '拉卡拉支付股份有限公司', '=cmd|x', '拉卡拉', 'b1 b2']);
    const alert: Alert = {
      id: 'a-1',
      kind: 'missing_credit',
      severity: 'critical',
      acquirer: 'lakala',
      transactionIds: ['T1', 'T2'],
      bankLineIds: [],
      amountMinor: 1234,
      currency: 'CNY',
      code: 'missing_credit',
      params: { kind: 'missing_credit', expectedOn: '2026-03-02' } as Alert['params'],
      expectedOn: '2026-03-02',
    };
    const zh = readBack(
      csvBytes(
        alertColumns('zh', () => '拉卡拉'),
        [alert],
      ),
    );
    const en = readBack(
      csvBytes(
        alertColumns('en', () => 'Lakala'),
        [alert],
      ),
    );
    expect(zh[0]!.slice(0, 3)).toEqual(['提醒编号', '严重程度', '类型']);
    // The kind's name is the core catalog's, as the alerts screen shows it.
    expect(zh[1]!.slice(0, 9)).toEqual([
      'a-1',
      '严重',
      CATALOGS.zh.kinds.missing_credit,
      '拉卡拉',
      '2026-03-02',
      '12.34',
      'CNY',
      'T1 T2',
      '',
    ]);
    expect(en[1]!.slice(1, 3)).toEqual(['Critical', CATALOGS.en.kinds.missing_credit]);
    expect(zh[1]![9]).toMatch(/[\u4e00-\u9fff]/);
    expect(en[1]![9]).toMatch(/[a-z]/);
  });
});
