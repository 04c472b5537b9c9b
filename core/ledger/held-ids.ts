// Which transaction ids the ledger holds, per acquirer (issue 17): an import leaves out the rows held already, and
// a capture finds the export's row of a reference. A Set of ids per acquirer took 160–380 ms in the browser (95–190
// in Node) and 19 MiB to build at 720k rows, so the first import after a reopen waited for it; this is a row table
// (row-table.ts) over the worker's own row list, keyed by (acquirer, id): 4 MiB and 43–62 ms in Node.
import { finalHash, hashBreak, hashText, RowTable } from '../model/row-table';
import { ReadMark } from './read-mark';

/** What the table reads of a row. The ledger image keeps rows of any shape: a row lacking these is held, never found by strings. */
export interface HeldRow {
  readonly acquirer: string;
  readonly id: string;
}

/** The fields as a row of any shape may hold them. */
type AnyRow = { readonly acquirer?: unknown; readonly id?: unknown } | null | undefined;

/** The hash of an acquirer's id: both texts in turn, with a mark between (not joined into a new string). */
export function heldHash(acquirer: string, id: string): number {
  return finalHash(hashText(id, hashBreak(hashText(acquirer))));
}

/** Whether a row's acquirer and id are strings (only those are placed in the table). */
const keyed = (r: AnyRow): r is HeldRow => typeof r?.acquirer === 'string' && typeof r.id === 'string';

/**
 * The transaction ids the ledger holds, per acquirer: those of the rows in the worker's row list (`list()`, read
 * each time, as the list is replaced on a reload), and those an import in flight has claimed. Rows appended to
 * the same list since the table last looked are added when it looks again; a replaced list is indexed anew (rows are
 * only ever appended to a list: one changed elsewhere is a new array, as a reload or a replaced captured row makes).
 */
export class HeldIds {
  /** The list the table covers, and how many of its rows it covers. */
  private mark = new ReadMark<HeldRow>([]);
  /** Ids claimed by imports in flight, per acquirer (an acquirer's set goes when empty). */
  private readonly claims = new Map<string, Set<string>>();
  /** The last acquirer hashed and its hash state: rows of one acquirer come in runs, its text is hashed once a run. */
  private hashedAcquirer: string | null = null;
  private acquirerState = 0;
  /** The hash of a row placed (its acquirer and id are strings): {@link heldHash}, the acquirer's part kept for its run. */
  private readonly rowHash = (row: HeldRow): number => {
    if (row.acquirer !== this.hashedAcquirer) {
      this.hashedAcquirer = row.acquirer;
      this.acquirerState = hashBreak(hashText(row.acquirer));
    }
    return finalHash(hashText(row.id, this.acquirerState));
  };
  private table = new RowTable(this.rowHash);
  /** Rows whose acquirer or id is not a string: never found by strings, so kept apart for `===` alone. */
  private odd: number[] = [];

  constructor(private readonly list: () => readonly HeldRow[]) {}

  /** How many rows of the list the table does not cover yet (all of them when the list was replaced). */
  behind(): number {
    const rows = this.list();
    return this.mark.grownFrom(rows) ? rows.length - this.mark.read : rows.length;
  }

  /** Adds up to `most` rows of the list the table does not cover yet (all of them by default); a replaced list starts again. */
  catchUp(most = Infinity): void {
    const rows = this.list();
    if (!this.mark.grownFrom(rows)) this.restart(rows);
    const from = this.mark.read;
    const to = Math.min(rows.length, from + most);
    if (to === from) return;
    // Room for every row not covered yet, not only this slice: a table that grew slice by slice would place them all again each time.
    this.table.reserve(rows.length - from, rows);
    for (let k = from; k < to; k++) {
      const r = rows[k] as AnyRow;
      if (keyed(r)) this.table.add(k, rows);
      else this.odd.push(k);
    }
    this.mark.advance(to);
  }

  /**
   * Forgets the rows (the list was replaced): the table is built again when next asked. The claims stay unless
   * `claims` says (the database was cleared): an import in flight stores its rows or gives its claims back.
   */
  forget(claims = false): void {
    this.restart([]);
    if (claims) this.claims.clear();
  }

  /** Whether the ledger holds a row with this acquirer and id, or an import in flight has claimed it. */
  has(acquirer: string, id: string): boolean {
    return this.claims.get(acquirer)?.has(id) === true || this.find(acquirer, id, false) >= 0;
  }

  /** The index in the list of the last row with this acquirer and id, or -1 (claims aside). */
  rowOf(acquirer: string, id: string): number {
    return this.find(acquirer, id, true);
  }

  /** A row with this acquirer and id: the last one, or any (a probe stops at the first), or -1. */
  private find(acquirer: string, id: string, last: boolean): number {
    this.catchUp();
    const rows = this.mark.rows as readonly AnyRow[];
    const same = (k: number) => rows[k]?.acquirer === acquirer && rows[k]?.id === id;
    if (typeof acquirer === 'string' && typeof id === 'string') {
      const hash = heldHash(acquirer, id);
      return last ? this.table.lastWith(hash, same) : this.table.firstWith(hash, same);
    }
    let found = -1;
    for (const k of this.odd) if (same(k)) found = k;
    return found;
  }

  /** Claims an id for an import in flight: held from now on, until released (its rows stored in the list, or not at all). */
  claim(acquirer: string, id: string): void {
    let ids = this.claims.get(acquirer);
    if (!ids) this.claims.set(acquirer, (ids = new Set()));
    ids.add(id);
  }

  /** Gives a claim back (its import stored its rows in the list, or failed). A row held stays held: only the claim goes. */
  release(acquirer: string, id: string): void {
    const ids = this.claims.get(acquirer);
    if (ids?.delete(id) && ids.size === 0) this.claims.delete(acquirer);
  }

  /** Every id held per acquirer, as plain sets (rows and claims): what a check compares. */
  byAcquirer(): Map<string, Set<string>> {
    this.catchUp();
    const out = new Map<string, Set<string>>();
    const add = (acquirer: string, id: string) => {
      let ids = out.get(acquirer);
      if (!ids) out.set(acquirer, (ids = new Set()));
      ids.add(id);
    };
    const rows = this.mark.rows;
    this.table.forEachRow(k => add(rows[k]!.acquirer, rows[k]!.id));
    for (const k of this.odd) {
      const r = rows[k] as AnyRow;
      add(r?.acquirer as string, r?.id as string);
    }
    for (const [acquirer, ids] of this.claims) for (const id of ids) add(acquirer, id);
    return out;
  }

  private restart(rows: readonly HeldRow[]): void {
    this.mark = new ReadMark(rows);
    this.table = new RowTable(this.rowHash);
    this.odd = [];
    this.hashedAcquirer = null;
  }
}
