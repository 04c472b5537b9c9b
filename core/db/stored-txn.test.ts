import { describe, expect, test } from 'vitest';
import type { AcquirerTxn } from '../model/types';
import { storedTxn } from './stored-txn';

const sale: AcquirerTxn = {
  id: 'R1',
  kind: 'sale',
  at: '2026-03-02T10:00:00+08:00',
  grossMinor: 10000,
  feeMinor: 60,
  netMinor: 9940,
  currency: 'CNY',
  merchantId: '822',
  terminal: 'T1',
  card: '6222****1234',
  cardType: 'debit',
  payoutId: null,
  settlementDate: null,
  voided: false,
  originalId: null,
  line: 2,
};

describe('a parsed transaction as stored', () => {
  test('is the parsed row with its profile and file, field for field', () => {
    const row = storedTxn(sale, 'lakala', 'h1');
    expect(row).toStrictEqual({ ...sale, acquirer: 'lakala', fileHash: 'h1' });
    expect(Object.keys(row)).not.toContain('reference');
  });

  test('keeps a reference where the format prints one, also an empty one', () => {
    for (const reference of ['ch_1', null, undefined]) {
      const row = storedTxn({ ...sale, reference }, 'stripe', 'h2');
      expect(row).toStrictEqual({ ...sale, reference, acquirer: 'stripe', fileHash: 'h2' });
      expect(Object.keys(row)).toContain('reference');
    }
  });

  test('keeps a field no format sets today, rather than dropping it', () => {
    const odd = { ...sale, note: 'kept' } as AcquirerTxn;
    expect(storedTxn(odd, 'lakala', 'h3')).toStrictEqual({ ...odd, acquirer: 'lakala', fileHash: 'h3' });
  });

  test('whatever order the parser wrote its fields in', () => {
    const reversed = Object.fromEntries(Object.entries(sale).reverse()) as unknown as AcquirerTxn;
    expect(storedTxn(reversed, 'lakala', 'h4')).toStrictEqual({ ...sale, acquirer: 'lakala', fileHash: 'h4' });
  });
});
