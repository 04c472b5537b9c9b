// The transactions in the tables' order (by `at` as printed, then reference, then the order held), as row
// indexes, and how that order grows: rows are only appended between full reloads, so the new rows are sorted
// alone and merged into what is kept instead of sorting the whole ledger again (issue 17).
import type { StoredTxn } from '../db/schema';
import { orderByIntegers } from './packed-sort';

/** Two rows as the tables order them: `at` as printed, then the reference (plain string order). */
export function compareTxns(a: StoredTxn, b: StoredTxn): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

const ZERO = 48;

/** Two ASCII digits at `at` as a number, or -1. */
function two(s: string, at: number): number {
  const a = s.charCodeAt(at) - ZERO;
  const b = s.charCodeAt(at + 1) - ZERO;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * A number that orders as the first 19 characters of `at` (`YYYY-MM-DDTHH:MM:SS`) order as strings: the
 * fields in mixed radix, each checked to its range so that no two prefixes share a number and none passes
 * another. -1 when `at` does not start that way (then only the string order can say).
 */
export function timeKey(at: string): number {
  if (at.length < 19) return -1;
  if (
    at.charCodeAt(4) !== 45 ||
    at.charCodeAt(7) !== 45 ||
    at.charCodeAt(10) !== 84 ||
    at.charCodeAt(13) !== 58 ||
    at.charCodeAt(16) !== 58
  )
    return -1;
  const hi = two(at, 0);
  const lo = two(at, 2);
  const month = two(at, 5);
  const day = two(at, 8);
  const hour = two(at, 11);
  const minute = two(at, 14);
  const second = two(at, 17);
  if (hi < 0 || lo < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59) return -1;
  // A leap second prints as :60.
  if (second < 0 || second > 60) return -1;
  return (((((hi * 100 + lo) * 12 + month - 1) * 31 + day - 1) * 24 + hour) * 60 + minute) * 61 + second;
}

/** Two row indexes in the tables' order: equal rows keep the order held. */
function comparer(rows: readonly StoredTxn[]): (a: number, b: number) => number {
  return (a, b) => compareTxns(rows[a]!, rows[b]!) || a - b;
}

/**
 * The row indexes `ids` (ascending) in the tables' order, a new array. Where every `at` has the usual shape
 * the rows are sorted by a number that packs their time and position (the engine's own numeric sort, no
 * comparator), and only runs of rows in the same second are ordered by the strings; else by the strings.
 */
export function sortTxns(rows: readonly StoredTxn[], ids: Int32Array): Int32Array {
  const n = ids.length;
  const keys = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const key = timeKey(rows[ids[k]!]!.at);
    // Another shape: only the strings can order it.
    if (key < 0) return ids.slice().sort(comparer(rows));
    keys[k] = key;
  }
  const positions = orderByIntegers(keys);
  if (!positions) return ids.slice().sort(comparer(rows));
  const out = positions.map(k => ids[k]!);
  // Rows of the same second: the rest of `at`, the reference, then the order held (the packed sort kept that).
  const cmp = comparer(rows);
  for (let s = 0; s < n;) {
    const second = keys[positions[s]!]!;
    let e = s + 1;
    while (e < n && keys[positions[e]!] === second) e++;
    if (e - s > 1) out.subarray(s, e).sort(cmp);
    s = e;
  }
  return out;
}

/** Where row `row` goes among `kept` from `from` on: after every kept row that orders before it or ties (kept rows came first). */
function upperBound(rows: readonly StoredTxn[], kept: Int32Array, from: number, row: number): number {
  const t = rows[row]!;
  let lo = from;
  let hi = kept.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareTxns(rows[kept[mid]!]!, t) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The order of `kept` (sorted) with `fresh` (sorted, every index above the kept ones) merged in, a new
 * array: what sorting both together gives.
 */
export function mergeTxns(rows: readonly StoredTxn[], kept: Int32Array, fresh: Int32Array): Int32Array {
  const out = new Int32Array(kept.length + fresh.length);
  let from = 0;
  let at = 0;
  for (let f = 0; f < fresh.length; f++) {
    const row = fresh[f]!;
    const to = upperBound(rows, kept, from, row);
    out.set(kept.subarray(from, to), at);
    at += to - from;
    from = to;
    out[at++] = row;
  }
  out.set(kept.subarray(from), at);
  return out;
}

/** The row indexes from `from` up to `to`. */
export function span(from: number, to: number): Int32Array {
  const out = new Int32Array(Math.max(0, to - from));
  for (let k = 0; k < out.length; k++) out[k] = from + k;
  return out;
}

/**
 * Whether `order` holds every row of `rows` once: what an order read back from storage must be to be used. That it
 * is in the tables' order is not read again (~25 ms at 700k, on every reopen): the ledger image it comes in is only
 * taken back by the code that wrote it (image.ts IMAGE_CODE) over the rows it was written from (its stamp).
 */
export function isOrderOf(rows: readonly StoredTxn[], order: Int32Array): boolean {
  const n = rows.length;
  if (order.length !== n) return false;
  const seen = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const row = order[k]!;
    if (row < 0 || row >= n || seen[row]) return false;
    seen[row] = 1;
  }
  return true;
}
