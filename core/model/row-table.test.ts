import { describe, expect, test } from 'vitest';
import { finalHash, hashBreak, hashText, RowTable } from './row-table';

describe('row tables', () => {
  test('a text hashes as sale indexes stored in ledger images were placed (changing it would lose them)', () => {
    const hash = (text: string) => finalHash(hashText(text));
    expect(hash('')).toBe(2872998923);
    expect(hash('a')).toBe(444641715);
    expect(hash('LKL20251201000001')).toBe(565476883);
    expect(hash('支付宝2025')).toBe(3650791058);
  });

  test('two texts hashed in turn with a mark between are not the one text they join into', () => {
    const pair = (a: string, b: string) => finalHash(hashText(b, hashBreak(hashText(a))));
    expect(pair('ab', 'c')).not.toBe(pair('a', 'bc'));
    expect(pair('a', 'bc')).not.toBe(finalHash(hashText('abc')));
  });

  test('finds the last row of a key added twice, and every row of it, through a table that grew', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ({ key: `k${i % 400}` }));
    const table = new RowTable<{ key: string }>(r => finalHash(hashText(r.key)));
    for (let i = 0; i < rows.length; i++) table.add(i, rows);
    expect(table.size).toBe(1000);
    const of = (key: string) => (i: number) => rows[i]!.key === key;
    expect(table.lastWith(finalHash(hashText('k7')), of('k7'))).toBe(807);
    expect(table.rowsWith(finalHash(hashText('k7')), of('k7')).sort((a, b) => a - b)).toEqual([7, 407, 807]);
    expect(table.lastWith(finalHash(hashText('k400')), of('k400'))).toBe(-1);
    const seen: number[] = [];
    table.forEachRow(i => seen.push(i));
    expect(seen.sort((a, b) => a - b)).toEqual([...rows.keys()]);
  });
});
