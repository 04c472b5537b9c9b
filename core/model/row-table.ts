// Rows found by a key without a Map of their keys (issue 17): an open-addressed table of row index + 1 (0 is
// empty) in one Int32Array, the slot found by a 32-bit hash of the row's key and the key compared on the row
// itself. A year's 720k rows take 4 MiB, where a Set of their ids takes 20+ and its build costs ten times more.

/** The most a table is filled before it doubles (linear probing stays short below it). */
const MAX_LOAD = 0.75;

/** FNV-1a's starting state. */
const FNV_OFFSET = 0x811c9dc5;

/** FNV-1a's state after the UTF-16 code units of `text`, from state `h` (a fresh hash by default). */
export function hashText(text: string, h = FNV_OFFSET): number {
  for (let k = 0; k < text.length; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
  return h;
}

/**
 * The state after a mark between two texts: a step with a value no code unit has (they stop at 0xffff), so
 * ("ab", "c") and ("a", "bc") hash apart without joining the texts.
 */
export function hashBreak(h: number): number {
  return Math.imul(h ^ 0x10000, 0x01000193);
}

/** A hash state made final: mixed so that keys differing in their last character spread over a table (unsigned). */
export function finalHash(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The table as plain data: its slots (row index + 1, 0 empty; a power-of-two length) and how many rows it holds. */
export interface RowSlots {
  readonly slots: Int32Array;
  readonly count: number;
}

/** Row indexes of some list, found by a hash of each row's key (`hashOf`); the caller compares the key on the row. */
export class RowTable<R> {
  private slots: Int32Array;
  private count: number;

  constructor(
    private readonly hashOf: (row: R) => number,
    table: RowSlots = { slots: new Int32Array(16), count: 0 },
  ) {
    this.slots = table.slots;
    this.count = table.count;
  }

  /** How many rows it holds. */
  get size(): number {
    return this.count;
  }

  /** The table as plain data (a copy), for a snapshot. */
  table(): { slots: Int32Array; count: number } {
    return { slots: this.slots.slice(), count: this.count };
  }

  /** Makes room for `more` rows at once (a growing table places every row again: once for a bulk, not at each doubling). */
  reserve(more: number, rows: readonly R[]): void {
    let size = this.slots.length;
    while (this.count + more > size * MAX_LOAD) size *= 2;
    if (size > this.slots.length) this.grow(size, rows);
  }

  /** Adds row `i` of `rows`. */
  add(i: number, rows: readonly R[]): void {
    this.reserve(1, rows);
    this.place(i, this.hashOf(rows[i]!));
    this.count++;
  }

  /** The rows held whose key hashes to `hash` that `test` accepts, in the order probed. */
  rowsWith(hash: number, test: (row: number) => boolean): number[] {
    const { slots } = this;
    const mask = slots.length - 1;
    const out: number[] = [];
    for (let s = hash & mask; slots[s] !== 0; s = (s + 1) & mask) if (test(slots[s]! - 1)) out.push(slots[s]! - 1);
    return out;
  }

  /** The first row probed whose key hashes to `hash` that `test` accepts, or -1 (stops there: cheaper than the last). */
  firstWith(hash: number, test: (row: number) => boolean): number {
    const { slots } = this;
    const mask = slots.length - 1;
    for (let s = hash & mask; slots[s] !== 0; s = (s + 1) & mask) if (test(slots[s]! - 1)) return slots[s]! - 1;
    return -1;
  }

  /** The last row (highest index) held whose key hashes to `hash` that `test` accepts, or -1. */
  lastWith(hash: number, test: (row: number) => boolean): number {
    const { slots } = this;
    const mask = slots.length - 1;
    let last = -1;
    for (let s = hash & mask; slots[s] !== 0; s = (s + 1) & mask) if (slots[s]! - 1 > last && test(slots[s]! - 1)) last = slots[s]! - 1;
    return last;
  }

  /** Calls `visit` with every row held, in the table's order. */
  forEachRow(visit: (row: number) => void): void {
    for (const slot of this.slots) if (slot !== 0) visit(slot - 1);
  }

  private place(i: number, hash: number): void {
    const { slots } = this;
    const mask = slots.length - 1;
    let s = hash & mask;
    while (slots[s] !== 0) s = (s + 1) & mask;
    slots[s] = i + 1;
  }

  private grow(size: number, rows: readonly R[]): void {
    // Placed again in row order: rows were made one after another, so reading their keys in that order stays in
    // the processor's cache, where the table's order would jump all over the heap (ten times slower at 400k).
    const old = this.slots;
    const held = new Int32Array(this.count);
    for (let s = 0, k = 0; s < old.length; s++) if (old[s] !== 0) held[k++] = old[s]!;
    held.sort();
    this.slots = new Int32Array(size);
    for (let k = 0; k < held.length; k++) this.place(held[k]! - 1, this.hashOf(rows[held[k]! - 1]!));
  }
}
