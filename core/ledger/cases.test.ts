import { describe, expect, test } from 'vitest';
import type { BankLine } from '../model/types';
import type { Batch } from '../reconcile/types';
import { rankCandidateBatches, rankCandidateLines } from './cases';

const batch = (id: string, acquirer: string, netMinor: number, expectedOn: string, currency = 'CNY'): Batch => ({
  id,
  acquirer,
  tradeDate: expectedOn,
  payoutId: null,
  expectedOn,
  netMinor,
  grossMinor: netMinor,
  feeMinor: 0,
  currency,
  transactionCount: 1,
});
const line = (id: string, amountMinor: number, bookedOn: string, currency = 'CNY'): BankLine => ({
  id,
  account: '6222',
  bookedOn,
  valueOn: null,
  amountMinor,
  currency,
  counterparty: '',
  description: '',
  line: 1,
});
const none = () => false;

describe('candidate credits for open batches', () => {
  test("puts lines naming the batches' acquirer first, then the closest amount to their sum, then the nearest date", () => {
    const open = [batch('a', 'lakala', 60_000, '2026-03-04'), batch('b', 'lakala', 40_000, '2026-03-05')];
    const ranked = rankCandidateLines(
      open,
      [
        { line: line('far-date', 100_000, '2026-03-20'), acquirer: 'lakala' },
        { line: line('exact', 100_000, '2026-03-05'), acquirer: 'lakala' },
        { line: line('other-acquirer-exact', 100_000, '2026-03-04'), acquirer: 'chinaums' },
        { line: line('short', 99_000, '2026-03-04'), acquirer: 'lakala' },
        { line: line('unnamed', 100_000, '2026-03-04'), acquirer: null },
      ],
      none,
    );
    expect(ranked.map(c => [c.line.id, c.deltaMinor])).toEqual([
      ['exact', 0],
      ['far-date', 0],
      ['short', -1_000],
      ['other-acquirer-exact', 0],
      ['unnamed', 0],
    ]);
  });

  test("offers only unlinked credits in the batches' currency, at most the limit, and nothing without open batches", () => {
    const open = [batch('a', 'lakala', 5_000, '2026-03-04')];
    const lines = [
      { line: line('debit', -5_000, '2026-03-04'), acquirer: 'lakala' },
      { line: line('usd', 5_000, '2026-03-04', 'USD'), acquirer: 'lakala' },
      { line: line('linked', 5_000, '2026-03-04'), acquirer: 'lakala' },
      ...[1, 2, 3].map(n => ({ line: line(`free-${n}`, 5_000 + n, '2026-03-04'), acquirer: 'lakala' })),
    ];
    expect(rankCandidateLines(open, lines, id => id === 'linked', 2).map(c => c.line.id)).toEqual(['free-1', 'free-2']);
    expect(rankCandidateLines([], lines, none)).toEqual([]);
  });
});

describe('candidate batches for an unlinked credit', () => {
  test("ranks the acquirer's unlinked batches in the credit's currency by amount, then by date", () => {
    const credit = line('c', 10_000, '2026-03-06');
    const batches = [
      batch('late', 'lakala', 10_000, '2026-03-16'),
      batch('near', 'lakala', 10_000, '2026-03-05'),
      batch('close', 'lakala', 10_100, '2026-03-06'),
      batch('linked', 'lakala', 10_000, '2026-03-06'),
      batch('other', 'chinaums', 10_000, '2026-03-06'),
      batch('usd', 'lakala', 10_000, '2026-03-06', 'USD'),
    ];
    expect(rankCandidateBatches(credit, 'lakala', batches, id => id === 'linked').map(b => b.id)).toEqual(['near', 'late', 'close']);
  });

  test('considers every acquirer when the credit names none', () => {
    const credit = line('c', 10_000, '2026-03-06');
    const batches = [batch('l', 'lakala', 9_000, '2026-03-06'), batch('c', 'chinaums', 10_000, '2026-03-06')];
    expect(rankCandidateBatches(credit, null, batches, none).map(b => b.id)).toEqual(['c', 'l']);
  });
});
