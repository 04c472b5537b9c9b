import { untrack } from 'svelte';

/** A page of rows as the worker returns it, with the totals of every row the filter found. */
export interface PageResult<T, S> {
  readonly total: number;
  readonly rows: readonly T[];
  readonly totals: readonly S[];
}

/**
 * Rows fetched from the worker block by block as a table scrolls: only what is visible (plus a
 * block around it) is ever asked for, so a million-row table costs what fifty rows cost.
 */
export class PagedRows<T, S = never> {
  total = $state(0);
  /** The totals of every row found (not only those fetched), as the last page said them. */
  totals = $state.raw<readonly S[]>([]);
  /** Bumped when a block arrives; the table reads it to redraw. */
  version = $state(0);
  loaded = $state(false);
  /** Bumped by every reset, so a table asks again for the rows it shows (a new order has the same count). */
  epoch = $state(0);
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- the blocks are not state: `version` is bumped when one arrives
  private blocks = new Map<number, readonly T[]>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- requests in flight, not state
  private pending = new Set<number>();
  private generation = 0;

  constructor(
    private readonly fetcher: (offset: number, limit: number) => Promise<PageResult<T, S> | null>,
    private readonly blockSize = 200,
  ) {}

  /** Forgets every row (filters or data changed) and fetches the first block again. */
  reset(): void {
    this.generation++;
    // Set, never read here: reset runs inside the screens' effects, which must not depend on it.
    this.epoch = this.generation;
    this.blocks.clear();
    this.pending.clear();
    this.loaded = false;
    // The screens call reset from an effect: ensure reads `loaded` and `total`, which the answer sets, and
    // an effect that read them would reset again on every answer (a fetch loop of block 0, ~600 a second).
    untrack(() => this.ensure(0, 1));
  }

  /** The row at an index, if its block has arrived. */
  get(index: number): T | undefined {
    return this.blocks.get(Math.floor(index / this.blockSize))?.[index % this.blockSize];
  }

  /** Asks for the blocks covering rows [start, end). */
  ensure(start: number, end: number): void {
    const first = Math.floor(Math.max(0, start) / this.blockSize);
    const last = Math.floor(Math.max(0, end - 1) / this.blockSize);
    for (let b = first; b <= last; b++) {
      if (this.blocks.has(b) || this.pending.has(b)) continue;
      if (this.loaded && b * this.blockSize >= this.total) continue;
      this.pending.add(b);
      const generation = this.generation;
      void this.fetcher(b * this.blockSize, this.blockSize).then(r => {
        if (generation !== this.generation) return;
        this.pending.delete(b);
        if (!r) return;
        this.blocks.set(b, r.rows);
        // Keep memory flat when scrolling far through a huge table.
        if (this.blocks.size > 60) for (const k of this.blocks.keys()) if (Math.abs(k - b) > 30) this.blocks.delete(k);
        this.total = r.total;
        this.totals = r.totals;
        this.loaded = true;
        this.version++;
      });
    }
  }
}
