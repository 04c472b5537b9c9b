import { describe, expect, test } from 'vitest';
import { seeded as random } from '../../test/support/random';
import type { StoredTxn } from '../db/schema';
import { compareTxns, isOrderOf, mergeTxns, sortTxns, span, timeKey } from './txn-order';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A time as readers print it, from a few seconds apart to years, with a zone or without. */
function someAt(r: () => number, odd: boolean, days = 28): string {
  const base = `${2024 + Math.floor(r() * 3)}-${pad(1 + Math.floor(r() * 12))}-${pad(1 + Math.floor(r() * days))}T${pad(Math.floor(r() * 3))}:${pad(Math.floor(r() * 2))}:${pad(Math.floor(r() * 3))}`;
  const zone = ['', '+08:00', 'Z', '-05:00'][Math.floor(r() * 4)]!;
  // Another shape now and then: a space for the T, or no seconds.
  if (odd && r() < 0.05) return r() < 0.5 ? base.replace('T', ' ') : base.slice(0, 16);
  return base + zone;
}

function rows(seed: number, n: number, odd: boolean): StoredTxn[] {
  const r = random(seed);
  return Array.from({ length: n }, () => {
    // Few days and ids, so equal (at, id) pairs happen and only the order held tells them apart.
    const at = someAt(r, odd, 2);
    return { id: `R${Math.floor(r() * 5)}`, at } as StoredTxn;
  });
}

/** The tables' order by plain stable sorting of the strings. */
function byStrings(list: readonly StoredTxn[]): number[] {
  return Array.from(list.keys()).sort((a, b) => compareTxns(list[a]!, list[b]!));
}

describe('the tables’ time order', () => {
  test('a time key orders as the printed times do', () => {
    const r = random(3);
    const times = Array.from({ length: 2000 }, () => someAt(r, false).slice(0, 19));
    for (let k = 1; k < times.length; k++) {
      const a = times[k - 1]!;
      const b = times[k]!;
      expect(Math.sign(timeKey(a) - timeKey(b)), `${a} ${b}`).toBe(a < b ? -1 : a > b ? 1 : 0);
    }
    expect(timeKey('2026-01-05 10:00:00')).toBe(-1);
    expect(timeKey('2026-13-05T10:00:00')).toBe(-1);
    expect(timeKey('2026-01-05T10:00')).toBe(-1);
    expect(timeKey('2026-12-31T23:59:60')).toBeLessThan(timeKey('2027-01-01T00:00:00'));
  });

  test.each([
    [1, false],
    [2, true],
    [3, false],
    [4, true],
  ])('sorting (seed %i, other shapes %s) gives what a stable sort of the strings gives', (seed, odd) => {
    const list = rows(seed, 3000, odd);
    expect([...sortTxns(list, span(0, list.length))]).toEqual(byStrings(list));
  });

  test.each([5, 6, 7])('merging the sorted new rows into the kept order gives the order of all (seed %i)', seed => {
    const r = random(seed);
    const list = rows(seed, 2500, seed === 6);
    let kept = sortTxns(list, span(0, 0));
    for (let held = 0; held < list.length;) {
      const next = Math.min(list.length, held + 1 + Math.floor(r() * 400));
      kept = mergeTxns(list, kept, sortTxns(list, span(held, next)));
      held = next;
      expect([...kept]).toEqual(byStrings(list.slice(0, held)));
    }
  });

  test('an order read back is taken only when it holds every row once', () => {
    const list = rows(8, 500, false);
    const order = sortTxns(list, span(0, list.length));
    expect(isOrderOf(list, order)).toBe(true);
    expect(isOrderOf(list, order.subarray(1))).toBe(false);
    const twice = order.slice();
    twice[3] = twice[4]!;
    expect(isOrderOf(list, twice)).toBe(false);
    const outside = order.slice();
    outside[0] = list.length;
    expect(isOrderOf(list, outside)).toBe(false);
  });
});
