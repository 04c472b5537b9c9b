// How far a row list has been read. The worker's row lists only grow at their end between full reloads (a reload, or
// a row replaced, makes a new array), so what was built from a list's first rows is kept and extended with the rows
// appended since, and a list that is another array, or not the same at the last row read, is read from the start.

/** A list and how many of its rows were read. */
export class ReadMark<T> {
  private count = 0;
  private last: T | undefined = undefined;

  constructor(readonly rows: readonly T[]) {}

  /** How many rows of the list were read. */
  get read(): number {
    return this.count;
  }

  /** Whether `rows` is this list, grown only at its end (the same array, the last row read still in its place). */
  grownFrom(rows: readonly T[]): boolean {
    return rows === this.rows && rows.length >= this.count && (this.count === 0 || rows[this.count - 1] === this.last);
  }

  /** Marks the list's rows up to `to` read. */
  advance(to: number): void {
    this.count = to;
    this.last = this.rows[to - 1];
  }
}
