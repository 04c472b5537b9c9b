import { describe, expect, test } from 'vitest';
import type { AcquirerTxn } from '../model/types';
import { SaleIndex } from './sale-index';

const rowsOf = (ids: readonly string[]) => ids.map(id => ({ id }) as AcquirerTxn);

describe('SaleIndex', () => {
  test('finds every id added, through the table growing many times, and nothing else', () => {
    // Ids that differ only in their last digits, as an acquirer numbers its sales.
    const rows = rowsOf(Array.from({ length: 50_000 }, (_, i) => `LKL2025120100${String(i).padStart(6, '0')}`));
    const index = SaleIndex.empty();
    // Every other row: the rows in between (voids, refunds) are not sales. The first half one by one, the rest
    // after room was made for it at once.
    for (let i = 0; i < rows.length / 2; i += 2) index.add(i, rows);
    index.reserve(rows.length / 4, rows);
    for (let i = rows.length / 2; i < rows.length; i += 2) index.add(i, rows);
    for (let i = 0; i < rows.length; i++) expect(index.rowsOf(rows[i]!.id, rows)).toEqual(i % 2 === 0 ? [i] : []);
    expect(index.rowsOf('LKL20251201009999999', rows)).toEqual([]);
    expect(index.rowsOf('', rows)).toEqual([]);
    expect(index.table().count).toBe(25_000);
    expect(index.table().slots.length).toBeGreaterThanOrEqual(25_000 / 0.75);
  });

  test('a sale id printed twice gives both rows', () => {
    const rows = rowsOf(['a', 'b', 'a']);
    const index = SaleIndex.empty();
    index.add(2, rows);
    expect(index.rowsOf('a', rows)).toEqual([2]);
    expect(index.rowsOf('b', rows)).toEqual([]);
    index.add(0, rows);
    expect(index.rowsOf('a', rows).sort()).toEqual([0, 2]);
  });

  test('its table, copied out and back, finds the same ids bound to the same rows and is independent of the original', () => {
    const rows = rowsOf(Array.from({ length: 100 }, (_, i) => `s${i}`));
    const index = SaleIndex.empty();
    for (let i = 0; i < 60; i++) index.add(i, rows);
    const back = SaleIndex.fromTable(structuredClone(index.table()));
    for (let i = 60; i < 100; i++) back.add(i, rows);
    for (let i = 0; i < 100; i++) {
      expect(back.rowsOf(`s${i}`, rows)).toEqual([i]);
      expect(index.rowsOf(`s${i}`, rows)).toEqual(i < 60 ? [i] : []);
    }
  });
});
