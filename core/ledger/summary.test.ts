import { describe, expect, test } from 'vitest';
import type { StoredTxn } from '../db/schema';
import type { BankLine } from '../model/types';
import type { Alert, Batch } from '../reconcile/types';
import { FeeTotals, feeSeries, lagSeries, outstandingSeries, summaryAlert, weekOf } from './summary';

const makeBatch = (o: Partial<Batch>): Batch => ({
  id: 'lakala|2026-01-05',
  acquirer: 'lakala',
  tradeDate: '2026-01-05',
  payoutId: null,
  expectedOn: '2026-01-06',
  netMinor: 1000,
  grossMinor: 1010,
  feeMinor: 10,
  currency: 'CNY',
  transactionCount: 1,
  ...o,
});
const makeLine = (o: Partial<BankLine>): BankLine => ({
  id: 'B1',
  account: 'A',
  bookedOn: '2026-01-06',
  valueOn: null,
  amountMinor: 1000,
  currency: 'CNY',
  counterparty: '拉卡拉',
  description: '',
  line: 6,
  ...o,
});
const makeTxn = (o: Partial<StoredTxn>): StoredTxn => ({
  id: 'T1',
  kind: 'sale',
  at: '2026-01-05T10:00:00',
  grossMinor: 10000,
  feeMinor: 60,
  netMinor: 9940,
  currency: 'CNY',
  merchantId: null,
  terminal: 'P1',
  card: null,
  cardType: 'credit',
  payoutId: null,
  settlementDate: null,
  voided: false,
  originalId: null,
  line: 5,
  acquirer: 'lakala',
  fileHash: 'h',
  ...o,
});

describe('summary series', () => {
  test('counts batches by calendar days from trade date to the credit', () => {
    const a = makeBatch({ id: 'a' }),
      b = makeBatch({ id: 'b', tradeDate: '2026-01-09' });
    const credits = new Map([
      ['a', makeLine({ bookedOn: '2026-01-06' })],
      ['b', makeLine({ bookedOn: '2026-01-12' })],
    ]);
    expect(lagSeries([a, b, makeBatch({ id: 'unpaid' })], credits)).toEqual([
      {
        acquirer: 'lakala',
        counts: [
          { days: 1, batches: 1 },
          { days: 3, batches: 1 },
        ],
      },
    ]);
  });

  test('counts a batch as outstanding from its expected date until its credit is booked', () => {
    const late = makeBatch({ id: 'late', expectedOn: '2026-01-06', netMinor: 500 });
    const unpaid = makeBatch({ id: 'unpaid', expectedOn: '2026-01-07', netMinor: 300 });
    const series = outstandingSeries([late, unpaid], new Map([['late', makeLine({ bookedOn: '2026-01-08' })]]), '2026-01-09');
    expect(series).toEqual([
      {
        currency: 'CNY',
        points: [
          { date: '2026-01-06', minor: 500 },
          { date: '2026-01-07', minor: 800 },
          { date: '2026-01-08', minor: 300 },
          { date: '2026-01-09', minor: 300 },
        ],
      },
    ]);
  });

  test('sums fees and gross of sales per terminal and week, leaving out voided sales and refunds', () => {
    const series = feeSeries(
      [
        makeTxn({ id: '1' }),
        makeTxn({ id: '2', at: '2026-01-07T09:00:00', feeMinor: 80 }),
        makeTxn({ id: '3', voided: true }),
        makeTxn({ id: '4', kind: 'refund', grossMinor: -10000, feeMinor: 0 }),
        makeTxn({ id: '5', at: '2026-01-12T09:00:00' }),
      ],
      '2026-01-31',
    );
    expect(series).toEqual([
      {
        acquirer: 'lakala',
        terminal: 'P1',
        points: [
          { week: '2026-01-05', feeMinor: 140, grossMinor: 20000 },
          { week: '2026-01-12', feeMinor: 60, grossMinor: 10000 },
        ],
      },
    ]);
  });

  test('fee totals asked again give what the rows give: rows added since, or another as-of date, are in the answer', () => {
    const first = [makeTxn({ id: '1' }), makeTxn({ id: '2', at: '2026-01-12T09:00:00', feeMinor: 80 })];
    const more = [makeTxn({ id: '3', at: '2026-01-13T09:00:00', terminal: 'P2', grossMinor: 50000, feeMinor: 300 })];
    const totals = new FeeTotals();
    totals.add(first);
    expect(totals.series('2026-01-31')).toEqual(feeSeries(first, '2026-01-31'));
    expect(totals.series('2026-01-31')).toEqual(feeSeries(first, '2026-01-31'));
    expect(totals.series('2026-01-08')).toEqual(feeSeries(first, '2026-01-08'));
    totals.add([]);
    expect(totals.series('2026-01-31')).toEqual(feeSeries(first, '2026-01-31'));
    totals.add(more);
    expect(totals.series('2026-01-31')).toEqual(feeSeries([...first, ...more], '2026-01-31'));
    expect(totals.series('2026-01-08')).toEqual(feeSeries([...first, ...more], '2026-01-08'));
    expect(totals.series('2026-01-31').map(s => s.terminal)).toEqual(['P2', 'P1']);
  });

  test('lists the reconciliation alerts in its order, each without the transactions it names', () => {
    const alert = {
      id: 'missing_credit:lakala|2026-01-05|2026-01-06',
      kind: 'missing_credit',
      severity: 'critical',
      acquirer: 'lakala',
      transactionIds: ['T1', 'T2'],
      bankLineIds: [],
      amountMinor: 9940,
      currency: 'CNY',
      code: 'missing_credit',
      params: { kind: 'missing_credit', acquirer: 'lakala', expectedOn: '2026-01-06', graceBusinessDays: 2 },
      expectedOn: '2026-01-06',
      dismissed: { reason: 'checked' },
    } as unknown as Alert;
    const { transactionIds: _ids, ...rest } = alert;
    expect(summaryAlert(alert)).toEqual(rest);
    expect('transactionIds' in summaryAlert(alert)).toBe(false);
    expect(alert.transactionIds).toEqual(['T1', 'T2']);
  });

  test('starts weeks on Monday', () => {
    expect(['2026-01-04', '2026-01-05', '2026-01-11'].map(weekOf)).toEqual(['2025-12-29', '2026-01-05', '2026-01-05']);
  });
});
