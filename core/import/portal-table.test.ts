import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { currencyInCell, kindFromType, mapPortalHeaders, parsePortalDateTime, parsePortalTable } from './portal-table';

const LAKALA_HEADERS = [
  '交易日期',
  '交易时间',
  '商户编号',
  '终端号',
  '卡号',
  '卡类型',
  '交易类型',
  '交易金额(元)',
  '手续费',
  '结算金额',
  '检索参考号',
  '原交易参考号',
  '清算日期',
  '交易状态',
];

describe('mapPortalHeaders', () => {
  test('maps a Lakala 交易查询 header to fields, 交易时间 as the time beside 交易日期', () => {
    const c = mapPortalHeaders(LAKALA_HEADERS)!;
    expect(c).not.toBeNull();
    expect(c.date).toBe(0);
    expect(c.time).toBe(1);
    expect(c.merchantId).toBe(2);
    expect(c.gross).toBe(7);
    expect(c.fee).toBe(8);
    expect(c.net).toBe(9);
    expect(c.reference).toBe(10);
    expect(c.originalId).toBe(11);
    expect(c.settlementDate).toBe(12);
    expect(c.status).toBe(13);
  });

  test('takes 交易时间 as the whole instant when there is no 交易日期', () => {
    const c = mapPortalHeaders(['交易时间', '交易金额', '参考号'])!;
    expect(c.date).toBe(0);
    expect(c.time).toBe(-1);
  });

  test('maps an English dashboard header regardless of case, spaces and sort arrows', () => {
    const c = mapPortalHeaders(['Amount ↓', 'Fee', 'Net', 'Type', 'Payment ID', 'Date', 'Payout ID', 'Card'])!;
    expect([c.gross, c.fee, c.net, c.type, c.reference, c.date, c.payoutId, c.card]).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  test('refuses a table without a reference, a date or an amount', () => {
    expect(mapPortalHeaders(['公告', '日期'])).toBeNull();
    expect(mapPortalHeaders(['卡类型', '费率', '封顶'])).toBeNull();
    expect(mapPortalHeaders(['交易日期', '交易金额'])).toBeNull();
    expect(mapPortalHeaders(['参考号', '交易金额'])).toBeNull();
  });
});

describe('parsePortalTable', () => {
  test('reads a Lakala row exactly like the file importer would: minor units, date-time, kind', () => {
    const r = parsePortalTable({
      portal: 'lakala',
      currency: 'CNY',
      headers: LAKALA_HEADERS,
      rows: [
        [
          '2026-03-02',
          '14:06:51',
          '822290058120001',
          '10000001',
          '6222****1234',
          '借记卡',
          '消费',
          '1,000.00',
          '5.00',
          '995.00',
          '000123456789',
          '',
          '2026-03-03',
          '成功',
        ],
      ],
    });
    expect(r.format).toBe('portal-table');
    expect(r.role).toBe('acquirer');
    expect(r.issues).toEqual([]);
    expect(r.merchantIds).toEqual(['822290058120001']);
    expect(r.acquirerTxns).toEqual([
      {
        id: '000123456789',
        kind: 'sale',
        at: '2026-03-02T14:06:51',
        grossMinor: 100000,
        feeMinor: 500,
        netMinor: 99500,
        currency: 'CNY',
        merchantId: '822290058120001',
        terminal: '10000001',
        card: '6222****1234',
        cardType: 'debit',
        payoutId: null,
        settlementDate: '2026-03-03',
        voided: false,
        originalId: null,
        line: 1,
      },
    ]);
  });

  test('marks a voided sale and its 消费撤销 row as voided, and stores a 退货 as money out', () => {
    const rows = [
      ['2026-03-02', '10:00:00', '', '', '', '贷记卡', '消费', '50.00', '0.30', '49.70', 'A1', '', '', '已撤销'],
      ['2026-03-02', '10:05:00', '', '', '', '贷记卡', '消费撤销', '50.00', '0.30', '49.70', 'A2', 'A1', '', '成功'],
      ['2026-03-02', '11:00:00', '', '', '', '贷记卡', '退货', '20.00', '0.00', '20.00', 'A3', 'A0', '', '成功'],
    ];
    const r = parsePortalTable({ portal: 'lakala', currency: 'CNY', headers: LAKALA_HEADERS, rows });
    expect(r.acquirerTxns.map(t => [t.id, t.kind, t.voided, t.grossMinor, t.netMinor, t.originalId])).toEqual([
      ['A1', 'sale', true, 5000, 4970, null],
      ['A2', 'void', true, 5000, 4970, 'A1'],
      ['A3', 'refund', false, -2000, -2000, 'A0'],
    ]);
  });

  test('reads Stripe-like cells: currency in the amount, negative fee, month-name dates, payout id', () => {
    const r = parsePortalTable({
      portal: 'stripe',
      currency: 'USD',
      headers: ['Amount', 'Fee', 'Net', 'Type', 'Description', 'Date', 'Payment ID', 'Payout ID'],
      rows: [['€12.00 EUR', '-€0.59', '€11.41', 'Charge', 'Order #1', 'Mar 1, 2026, 2:05 PM', 'txn_1', 'po_9']],
    });
    expect(r.issues).toEqual([]);
    const t = r.acquirerTxns[0]!;
    expect([t.currency, t.grossMinor, t.feeMinor, t.netMinor, t.at, t.payoutId, t.kind]).toEqual([
      'EUR',
      1200,
      59,
      1141,
      '2026-03-01T14:05:00',
      'po_9',
      'sale',
    ]);
  });

  test('works out the missing one of gross, fee and net', () => {
    const headers = ['Date', 'ID', 'Gross', 'Fee', 'Net'];
    const r = parsePortalTable({
      portal: 'x',
      currency: 'USD',
      headers,
      rows: [
        ['2026-03-01', 'a', '10.00', '0.50', ''],
        ['2026-03-01', 'b', '', '0.50', '9.50'],
        ['2026-03-01', 'c', '10.00', '', '9.70'],
      ],
    });
    expect(r.acquirerTxns.map(t => [t.grossMinor, t.feeMinor, t.netMinor])).toEqual([
      [1000, 50, 950],
      [1000, 50, 950],
      [1000, 30, 970],
    ]);
  });

  test('names the line and column of a row it cannot read, and keeps the others', () => {
    const r = parsePortalTable({
      portal: 'lakala',
      currency: 'CNY',
      headers: ['交易日期', '交易金额', '参考号', '交易类型'],
      firstLine: 21,
      rows: [
        ['2026-03-02', '12.3.4', 'R1', '消费'],
        ['2026-13-02', '1.00', 'R2', '消费'],
        ['2026-03-02', '1.00', 'R3', '神秘'],
        ['2026-03-02', '1.00', 'R4', '消费'],
      ],
    });
    expect(r.issues.map(i => [i.line, i.field])).toEqual([
      [21, '交易金额'],
      [22, '交易日期'],
      [23, '交易类型'],
    ]);
    expect(r.acquirerTxns.map(t => [t.id, t.line])).toEqual([['R4', 24]]);
  });

  test('gives every issue a code and typed params, each problem its own', () => {
    const r = parsePortalTable({
      portal: 'lakala',
      currency: 'CNY',
      headers: ['交易日期', '交易时间', '交易金额', '参考号', '交易类型', '清算日期'],
      rows: [
        ['2026-03-02', '', '1.00', '', '消费', ''],
        ['2026-03-02', '', '1.00', 'R2', '神秘', ''],
        ['2026-03-02', '25:99', '1.00', 'R3', '消费', ''],
        ['2026-13-02', '', '1.00', 'R4', '消费', ''],
        ['2026-03-02', '', '12.3.4', 'R5', '消费', ''],
        ['2026-03-02', '', '', 'R6', '消费', ''],
        ['2026-03-02', '', '1.00', 'R7', '消费', '下周'],
      ],
    });
    expect(r.issues.map(i => [i.line, i.field, i.code])).toEqual([
      [1, '参考号', 'empty_cell'],
      [2, '交易类型', 'unknown_kind'],
      [3, '交易时间', 'bad_time'],
      [4, '交易日期', 'bad_date'],
      [5, '交易金额', 'bad_amount'],
      [6, '交易金额', 'no_amount'],
      [7, '清算日期', 'bad_date'],
    ]);
    expect(r.issues[1]).toMatchObject({ params: { text: '神秘', known: null } });
    expect(r.issues[6]).toMatchObject({ params: { text: '下周', withTime: false }, message: '"下周" is not a date' });
  });

  test('skips totals, empty rows, declined payments and a row shown twice', () => {
    const r = parsePortalTable({
      portal: 'stripe',
      currency: 'USD',
      headers: ['Date', 'ID', 'Amount', 'Status'],
      rows: [
        ['2026-03-01', 'a', '$1.00', 'Succeeded'],
        ['', '', '', ''],
        ['2026-03-01', 'b', '$2.00', 'Failed'],
        ['2026-03-01', 'a', '$1.00', 'Succeeded'],
        ['合计', '', '$3.00', ''],
      ],
    });
    expect(r.issues).toEqual([]);
    expect(r.acquirerTxns.map(t => t.id)).toEqual(['a']);
  });

  test('returns one header issue for a table that is not a transaction list', () => {
    const r = parsePortalTable({ portal: 'lakala', currency: 'CNY', headers: ['公告', '日期'], rows: [['系统维护', '2026-03-01']] });
    expect(r.acquirerTxns).toEqual([]);
    expect(r.issues).toHaveLength(1);
    expect(r.columns.reference).toBe(-1);
  });

  test('never throws and never invents money: every amount it keeps is an integer', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ maxLength: 12 }), { minLength: 4, maxLength: 4 }), { maxLength: 20 }), rows => {
        const r = parsePortalTable({ portal: 'p', currency: 'CNY', headers: ['交易日期', '检索参考号', '交易金额', '手续费'], rows });
        for (const t of r.acquirerTxns) {
          expect(Number.isSafeInteger(t.grossMinor) && Number.isSafeInteger(t.feeMinor) && Number.isSafeInteger(t.netMinor)).toBe(true);
          expect(t.grossMinor - t.feeMinor).toBe(t.netMinor);
        }
      }),
    );
  });
});

describe('cell readers', () => {
  test('reads dashboard dates with month names and 12-hour clocks', () => {
    expect(parsePortalDateTime('Mar 1, 2026, 12:05 AM')).toEqual({ date: '2026-03-01', time: '00:05:00' });
    expect(parsePortalDateTime('1 Sept 2026 14:05')).toEqual({ date: '2026-09-01', time: '14:05:00' });
    expect(parsePortalDateTime('2026/03/01 9:05 PM')).toEqual({ date: '2026-03-01', time: '21:05:00' });
    expect(parsePortalDateTime('2026年3月1日')).toEqual({ date: '2026-03-01', time: null });
    expect(parsePortalDateTime('Feb 30, 2026')).toBeNull();
    expect(parsePortalDateTime('yesterday')).toBeNull();
  });

  test('names the currency printed in an amount cell', () => {
    expect(currencyInCell('$12.00 USD')).toBe('USD');
    expect(currencyInCell('¥28.16')).toBe('CNY');
    expect(currencyInCell('RMB 28.16')).toBe('CNY');
    expect(currencyInCell('HK$5.00')).toBe('HKD');
    expect(currencyInCell('$5.00')).toBeNull();
  });

  test('reads the kind from 交易类型 / Type', () => {
    expect(['消费', '消费撤销', '退货', 'Refund', 'Charge', 'Dispute', 'Payout', '', '奇怪'].map(kindFromType)).toEqual([
      'sale',
      'void',
      'refund',
      'refund',
      'sale',
      'chargeback',
      'payout',
      'sale',
      null,
    ]);
  });
});
