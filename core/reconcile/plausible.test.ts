import { describe, expect, test } from 'vitest';
import { makeConfig, makeLine } from '../../test/support/factories';
import { linkDoubts } from './plausible';
import { compileProfiles } from './profile';
import type { Batch } from './types';

const profiles = compileProfiles(makeConfig());
const batch = (over: Partial<Batch> = {}): Batch => ({
  id: 'lakala|2026-03-02|2026-03-03',
  acquirer: 'lakala',
  tradeDate: '2026-03-02',
  payoutId: null,
  expectedOn: '2026-03-03',
  netMinor: 9940,
  grossMinor: 10000,
  feeMinor: 60,
  currency: 'CNY',
  transactionCount: 1,
  ...over,
});

describe('link doubts', () => {
  test('a credit on the expected date, or a few days late, raises no doubt', () => {
    expect(linkDoubts(makeLine({ bookedOn: '2026-03-03' }), [batch()], profiles)).toEqual([]);
    expect(linkDoubts(makeLine({ bookedOn: '2026-03-10' }), [batch()], profiles)).toEqual([]);
  });
  test('flags a credit booked before the sales it would pay', () => {
    expect(linkDoubts(makeLine({ bookedOn: '2026-03-01' }), [batch()], profiles)).toEqual([
      { code: 'before_sales', batchId: batch().id, tradeDate: '2026-03-02', bookedOn: '2026-03-01' },
    ]);
  });
  test('flags a credit further past the expected date than the engine links, in business days', () => {
    const [d] = linkDoubts(makeLine({ bookedOn: '2026-05-20' }), [batch()], profiles);
    expect(d).toMatchObject({ code: 'too_late', expectedOn: '2026-03-03', limit: 30 });
    expect(d && 'days' in d && d.days).toBeGreaterThan(30);
  });
  test('flags a credit well before the expected date of a batch with a printed settlement date', () => {
    const printed = batch({ tradeDate: '2026-03-02', expectedOn: '2026-03-20' });
    expect(linkDoubts(makeLine({ bookedOn: '2026-03-05' }), [printed], profiles)).toMatchObject([
      { code: 'too_early', days: 11, limit: 2 },
    ]);
  });
  test('names each doubtful batch once, and leaves the plausible ones out', () => {
    const late = batch({ id: 'old', tradeDate: '2026-01-02', expectedOn: '2026-01-05' });
    expect(linkDoubts(makeLine({ bookedOn: '2026-03-04' }), [batch(), late], profiles).map(d => d.batchId)).toEqual(['old']);
  });
});
