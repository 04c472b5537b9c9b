// What the worker derives from the ledger's rows, kept between recomputations (issue 17): the incremental
// engine, the fee chart's totals and the row counts per acquirer. Each recomputation compares what the
// store holds with what was seen last time: rows appended (an import, a capture) extend what is kept; any
// other change of the rows (rows replaced or removed), of the bank data's earlier lines, or of the config
// starts again from every row. Decisions and dates are the engine's inputs of every run.
import type { Config } from '../config/types';
import type { StoredBankLine, StoredTxn } from '../db/schema';
import type { IsoDate } from '../model/date';
import type { StatementPeriod } from '../model/types';
import { IncrementalReconciler, type EngineSnapshot } from '../reconcile/incremental';
import type { Decision, Reconciliation, ReconcileInput } from '../reconcile/types';
import { FeeTotals, type FeeTotalsSnapshot } from './summary';

/** What the store holds now, as the derived state reads it. */
export interface LedgerInputs {
  readonly config: Config | null;
  readonly txns: readonly StoredTxn[];
  readonly bankLines: readonly StoredBankLine[];
  readonly periods: readonly StatementPeriod[];
  readonly decisions: readonly Decision[];
  /**
   * Which reading of the database the rows come from: rows read again (a file removed or put back changes which
   * rows count, anywhere in the list) are never taken as appended.
   */
  readonly loaded?: number;
  readonly asOf: IsoDate | null;
  readonly today: IsoDate;
  readonly onProgress?: (stage: string, share: number) => void;
}

/**
 * How the last recomputation went: rows appended to what was kept, everything read again, or the state a reopen
 * found stored with the rows (the ledger image) taken back without reconciling every row.
 */
export type RefreshKind = 'appended' | 'full' | 'restored';

/** What is derived from the rows, without them (structured-cloneable): the ledger image stores it with the rows. */
export interface DerivedSnapshot {
  readonly engine: EngineSnapshot;
  readonly fees: FeeTotalsSnapshot;
  /** How many transactions, bank lines and periods it was derived from. */
  readonly txns: number;
  readonly bankLines: number;
}

/** Whether `list` no longer starts with every entry of `seen`, in order (the same objects). */
function changedPrefix<T>(seen: readonly T[], list: readonly T[]): boolean {
  if (list.length < seen.length) return true;
  for (let i = 0; i < seen.length; i++) if (seen[i] !== list[i]) return true;
  return false;
}

/**
 * The runs of consecutive rows of one acquirer, in order. Rows come a file at a time, so a year read back is 700,000
 * rows in a handful of runs: what is done per acquirer is done per run, not per row.
 */
function acquirerRuns(txns: readonly StoredTxn[]): { readonly acquirer: string; readonly from: number; readonly to: number }[] {
  const runs: { acquirer: string; from: number; to: number }[] = [];
  for (let from = 0; from < txns.length;) {
    const acquirer = txns[from]!.acquirer;
    let to = from + 1;
    while (to < txns.length && txns[to]!.acquirer === acquirer) to++;
    runs.push({ acquirer, from, to });
    from = to;
  }
  return runs;
}

/** The rows of the config's profiles, profile by profile in config order, each profile's rows in the order held. */
function byProfile(config: Config, txns: readonly StoredTxn[]): { acquirer: string; txns: StoredTxn[] }[] {
  const parts = new Map<string, StoredTxn[][]>(config.acquirers.map(a => [a.id, []]));
  for (const run of acquirerRuns(txns)) parts.get(run.acquirer)?.push(txns.slice(run.from, run.to));
  return [...parts].map(([acquirer, lists]) => ({ acquirer, txns: lists.length === 1 ? lists[0]! : lists.flat() }));
}

/** The engine's input of everything the store holds. */
function inputOf(config: Config, now: LedgerInputs): ReconcileInput {
  return {
    config,
    acquirers: byProfile(config, now.txns),
    bankLines: now.bankLines,
    periods: now.periods,
    decisions: now.decisions,
    asOf: now.asOf,
    today: now.today,
    onProgress: now.onProgress,
  };
}

/** The derived state of one ledger, kept between recomputations. */
export class DerivedLedger {
  private engine: IncrementalReconciler | null = null;
  private config: Config | null = null;
  private txns: StoredTxn[] = [];
  private bankLines: StoredBankLine[] = [];
  private periods: StatementPeriod[] = [];
  private fees = new FeeTotals();
  private counts = new Map<string, number>();
  private loaded: number | undefined = undefined;
  private byProfile: { readonly acquirer: string; readonly txns: readonly StoredTxn[] }[] | null = null;
  /** A stored state to take back at the next refresh that would read every row again (see {@link restoreNext}). */
  private stored: DerivedSnapshot | null = null;
  /** How the last refresh went (for tests and the bench). */
  last: RefreshKind = 'full';
  /** Why the last stored state offered was not taken back (for tests and the bench), or null. */
  refused: string | null = null;

  /**
   * What is derived from the rows the last refresh read, or null when nothing is (no config, an engine error), or
   * when `rows` (the store's transactions and bank lines) are not those rows.
   */
  snapshot(rows: { readonly txns: readonly StoredTxn[]; readonly bankLines: readonly StoredBankLine[] }): DerivedSnapshot | null {
    if (!this.engine || rows.txns.length !== this.txns.length || rows.bankLines.length !== this.bankLines.length) return null;
    return { engine: this.engine.snapshot(), fees: this.fees.snapshot(), txns: this.txns.length, bankLines: this.bankLines.length };
  }

  /**
   * Offers a stored state for the next refresh that would start again from every row: it is taken back instead
   * when it fits those rows and config (the engine checks), else the rows are reconciled as without it.
   */
  restoreNext(snap: DerivedSnapshot | null): void {
    this.stored = snap;
  }

  /** Transactions held per acquirer id (every row, of known profiles or not). */
  get countByAcquirer(): ReadonlyMap<string, number> {
    return this.counts;
  }

  /** The fee chart's totals over the reconciled transactions (those of the config's profiles). */
  get feeTotals(): FeeTotals {
    return this.fees;
  }

  /** The rows the last reconciliation read, in the order the store held them. */
  get rows(): readonly StoredTxn[] {
    return this.txns;
  }

  /**
   * The rows the last reconciliation read per profile, the config's profiles in turn, each profile's rows in the
   * order held: the order of the reconciliation's transaction indexes. Built on first use after a refresh.
   */
  rowsByProfile(): readonly { readonly acquirer: string; readonly txns: readonly StoredTxn[] }[] {
    return (this.byProfile ??= this.config ? byProfile(this.config, this.txns) : []);
  }

  /** Brings the derived state up to what the store holds; the reconciliation, or null without a config. */
  refresh(now: LedgerInputs): Reconciliation | null {
    this.byProfile = null;
    const stored = this.stored;
    this.stored = null;
    const appended =
      this.engine !== null &&
      now.config === this.config &&
      now.loaded === this.loaded &&
      !changedPrefix(this.txns, now.txns) &&
      !changedPrefix(this.bankLines, now.bankLines) &&
      !changedPrefix(this.periods, now.periods);
    if (!appended) return (stored && this.restore(now, stored)) || this.rebuild(now);
    const fresh = now.txns.slice(this.txns.length);
    const lines = now.bankLines.slice(this.bankLines.length);
    const periods = now.periods.slice(this.periods.length);
    this.see(now, fresh);
    const byAcquirer = new Map<string, StoredTxn[]>();
    for (const t of fresh) {
      if (!this.known(t.acquirer)) continue;
      let list = byAcquirer.get(t.acquirer);
      if (!list) byAcquirer.set(t.acquirer, (list = []));
      list.push(t);
    }
    this.last = 'appended';
    try {
      return this.engine!.update({
        acquirers: [...byAcquirer].map(([acquirer, txns]) => ({ acquirer, txns })),
        bankLines: lines,
        periods,
        decisions: now.decisions,
        asOf: now.asOf,
        today: now.today,
      });
    } catch (err) {
      // Whatever was half applied is dropped: the next refresh reads every row again.
      this.engine = null;
      throw err;
    }
  }

  private known(acquirer: string): boolean {
    return this.config?.acquirers.some(a => a.id === acquirer) ?? false;
  }

  /** Counts and fee totals of the new rows (fees unless they are known already); remembers what was seen. */
  private see(now: LedgerInputs, fresh: readonly StoredTxn[], fees = true): void {
    for (const run of acquirerRuns(fresh)) this.counts.set(run.acquirer, (this.counts.get(run.acquirer) ?? 0) + run.to - run.from);
    if (fees) this.fees.add(fresh.filter(t => this.known(t.acquirer)));
    if (this.txns.length === 0) this.txns = fresh.slice();
    else for (const t of fresh) this.txns.push(t);
    this.bankLines = [...now.bankLines];
    this.periods = [...now.periods];
  }

  /** Starts again from nothing. */
  private clear(now: LedgerInputs): void {
    this.config = now.config;
    this.loaded = now.loaded;
    this.txns = [];
    this.bankLines = [];
    this.periods = [];
    this.counts = new Map();
    this.fees = new FeeTotals();
    this.engine = null;
  }

  /** Takes a stored state back over these rows; null (nothing kept) when it does not fit them. */
  private restore(now: LedgerInputs, snap: DerivedSnapshot): Reconciliation | null {
    const config = now.config;
    this.refused = null;
    try {
      if (!config) throw new Error('no config');
      if (snap.txns !== now.txns.length || snap.bankLines !== now.bankLines.length) throw new Error('other rows');
      const fees = FeeTotals.restore(snap.fees);
      const engine = IncrementalReconciler.restore(inputOf(config, now), snap.engine);
      const recon = engine.current;
      this.clear(now);
      this.see(now, now.txns, false);
      this.fees = fees;
      this.engine = engine;
      this.last = 'restored';
      return recon;
    } catch (err) {
      this.refused = err instanceof Error ? err.message : String(err);
      return null;
    }
  }

  private rebuild(now: LedgerInputs): Reconciliation | null {
    this.last = 'full';
    this.clear(now);
    this.see(now, now.txns);
    const config = now.config;
    if (!config) return null;
    this.engine = new IncrementalReconciler(inputOf(config, now));
    return this.engine.current;
  }
}
