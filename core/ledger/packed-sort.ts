// Sorting by integer keys without a comparator: each key and its position packed into one double, sorted by
// the engine's native numeric sort (several times faster than a comparator over 700,000 rows).

/**
 * Positions 0 up to `keys.length` ordered by their integer keys (descending when asked), equal keys in
 * position order either way; null when a key is not an integer or the keys span too much to pack exactly.
 */
export function orderByIntegers(keys: ArrayLike<number>, desc = false): Int32Array | null {
  const n = keys.length;
  let min = Infinity;
  let max = -Infinity;
  for (let k = 0; k < n; k++) {
    const key = keys[k]!;
    if (!Number.isInteger(key)) return null;
    if (key < min) min = key;
    if (key > max) max = key;
  }
  const out = new Int32Array(n);
  if (n === 0) return out;
  const slot = 2 ** Math.max(1, Math.ceil(Math.log2(n + 1)));
  // Every packed number must stay an exact integer.
  if ((max - min + 1) * slot > Number.MAX_SAFE_INTEGER) return null;
  const packed = new Float64Array(n);
  for (let k = 0; k < n; k++) packed[k] = (desc ? max - keys[k]! : keys[k]! - min) * slot + k;
  packed.sort();
  for (let k = 0; k < n; k++) out[k] = packed[k]! % slot;
  return out;
}

/**
 * Integer ranks of string keys in their plain string order (equal strings, equal ranks), when they repeat
 * enough that sorting the distinct strings is the smaller job (codes, terminals, dates); else null.
 */
export function ranks(keys: readonly string[]): Float64Array | null {
  const seen = new Set<string>();
  const most = keys.length / 8;
  for (const k of keys) if (seen.add(k).size > most) return null;
  const distinct = [...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const rank = new Map(distinct.map((s, r) => [s, r]));
  return Float64Array.from(keys, s => rank.get(s)!);
}
