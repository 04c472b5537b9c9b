// What the tables keep about the ledger's rows between recomputations (issue 17): their time order, each
// row's place in the reconciliation (its profile and position there) and the totals of every row. Rows are
// only appended between full reloads, so each piece is brought up to date with the new rows alone; a
// different list of rows starts again. Each piece is built when first asked for.
import type { Config } from '../config/types';
import type { StoredTxn } from '../db/schema';
import { isOrderOf, mergeTxns, sortTxns, span } from './txn-order';
import { ReadMark } from './read-mark';

/** The totals of some transactions in one currency. */
export interface TxnSum {
  currency: string;
  rows: number;
  grossMinor: number;
  feeMinor: number;
  netMinor: number;
}

/** Adds a transaction to the totals of its currency. */
export function addToSums(sums: Map<string, TxnSum>, t: StoredTxn): void {
  let sum = sums.get(t.currency);
  if (!sum) sums.set(t.currency, (sum = { currency: t.currency, rows: 0, grossMinor: 0, feeMinor: 0, netMinor: 0 }));
  sum.rows++;
  sum.grossMinor += t.grossMinor;
  sum.feeMinor += t.feeMinor;
  sum.netMinor += t.netMinor;
}

/** Each row's profile (its index in the config, -1 when not there) and position among that profile's rows. */
interface Places {
  readonly config: Config;
  readonly ordinal: Map<string, number>;
  profile: Int16Array;
  position: Int32Array;
  readonly counts: Int32Array;
}

/** A copy of `a` with room for at least `n` entries. */
function grown<A extends Int16Array | Int32Array>(a: A, n: number, make: (size: number) => A): A {
  if (a.length >= n) return a;
  const out = make(Math.max(n, a.length * 2, 1024));
  out.set(a);
  return out;
}

/** The rows of one list as the tables keep them. */
export class KeptRows {
  /** How many rows of {@link rows} the pieces built cover. */
  private readonly mark: ReadMark<StoredTxn>;
  private timeOrder: Int32Array | null = null;
  private places: Places | null = null;
  private sums: Map<string, TxnSum> | null = null;

  private constructor(readonly rows: readonly StoredTxn[]) {
    this.mark = new ReadMark(rows);
  }

  /** What is kept for `rows`: `prev` brought up to date when `rows` is its list with rows appended, else a new start. */
  static of(prev: KeptRows | null, rows: readonly StoredTxn[]): KeptRows {
    if (prev && prev.mark.grownFrom(rows)) {
      prev.catchUp();
      return prev;
    }
    return new KeptRows(rows);
  }

  /** Extends the pieces built with the rows appended since. */
  private catchUp(): void {
    const n = this.rows.length;
    const seen = this.mark.read;
    if (n === seen) return;
    if (this.timeOrder) this.timeOrder = mergeTxns(this.rows, this.timeOrder, sortTxns(this.rows, span(seen, n)));
    if (this.places) this.place(this.places, seen, n);
    if (this.sums) for (let k = seen; k < n; k++) addToSums(this.sums, this.rows[k]!);
    this.mark.advance(n);
  }

  /** The rows in the tables' order, as row indexes (sorted when first asked for). */
  order(): Int32Array {
    this.catchUp();
    return (this.timeOrder ??= sortTxns(this.rows, span(0, this.rows.length)));
  }

  /** The order if it was built, else null. */
  builtOrder(): Int32Array | null {
    this.catchUp();
    return this.timeOrder;
  }

  /** Takes an order read back from storage when it is an order of these rows; false (and nothing taken) when not. */
  adopt(order: Int32Array): boolean {
    this.catchUp();
    if (!isOrderOf(this.rows, order)) return false;
    this.timeOrder = order;
    return true;
  }

  /** The totals of every row per currency. */
  totals(): ReadonlyMap<string, TxnSum> {
    this.catchUp();
    if (!this.sums) {
      this.sums = new Map();
      for (const t of this.rows) addToSums(this.sums, t);
    }
    return this.sums;
  }

  /**
   * Per row, its index in a reconciliation of these rows under `config` (the config's profiles in turn, each
   * profile's rows in the order held), or -1 when its profile is not in the config. Call again after a
   * recomputation: the indexes of later profiles move when earlier ones grow.
   */
  reconIndexer(config: Config): (row: number) => number {
    this.catchUp();
    if (this.places?.config !== config) {
      const ordinal = new Map(config.acquirers.map((a, p) => [a.id, p]));
      this.places = {
        config,
        ordinal,
        profile: new Int16Array(0),
        position: new Int32Array(0),
        counts: new Int32Array(config.acquirers.length),
      };
      this.place(this.places, 0, this.rows.length);
    }
    const { profile, position, counts } = this.places;
    const offsets = new Int32Array(counts.length);
    for (let p = 1; p < counts.length; p++) offsets[p] = offsets[p - 1]! + counts[p - 1]!;
    return row => {
      const p = profile[row]!;
      return p < 0 ? -1 : offsets[p]! + position[row]!;
    };
  }

  /** Places rows `from` up to `to`. */
  private place(places: Places, from: number, to: number): void {
    places.profile = grown(places.profile, to, size => new Int16Array(size));
    places.position = grown(places.position, to, size => new Int32Array(size));
    for (let k = from; k < to; k++) {
      const p = places.ordinal.get(this.rows[k]!.acquirer) ?? -1;
      places.profile[k] = p;
      const at = p < 0 ? 0 : places.counts[p]!;
      places.position[k] = at;
      if (p >= 0) places.counts[p] = at + 1;
    }
  }
}
