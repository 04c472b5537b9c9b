// The engine kept between changes (issue 17): a merchant's day is one small import and a few decisions, so the
// work must follow the change, not the ledger. The answer is still reconcile()'s: what depends on single
// transactions (batches, duplicate charges, fee mismatches) is kept and extended with the rows that arrive;
// what depends on batches and bank lines (credits, links, statuses, alerts, coverage) is settled again from
// them by the same code as a full run (engine.ts `settle`), which costs the batches (a year is ~1,500), not the
// transactions (~700,000). incremental.test.ts checks, on random sequences of imports, decisions and dates,
// that the result always equals a full reconcile() of everything given so far.
import type { Config } from '../config/types';
import type { IsoDate } from '../model/date';
import type { BankLine, StatementPeriod } from '../model/types';
import { findDuplicates, findFeeMismatches, type DuplicateGroup, type FeeMismatch } from './checks';
import { settle } from './engine';
import { appendRows, emptyProfileBatches, TxnIndex, voidsOfHeldSales, withRoom, type Expectation, type ProfileBatches } from './expect';
import { compileProfiles, type ProfileRuntime } from './profile';
import type { AcquirerRows, Decision, Reconciliation, ReconcileInput } from './types';

/** What changed since the last reconciliation: rows that arrived, and the decisions and dates as they now are. */
export interface LedgerChange {
  /** New transactions, appended after the ones each profile holds. */
  readonly acquirers?: readonly AcquirerRows[];
  /** New bank lines, appended. */
  readonly bankLines?: readonly BankLine[];
  /** New statement periods, appended. */
  readonly periods?: readonly StatementPeriod[];
  /** All decisions standing now (they replace the ones held). */
  readonly decisions?: readonly Decision[];
  readonly asOf?: IsoDate | null;
  readonly today?: IsoDate | null;
}

/** One profile's single-transaction checks, by index in its rows, kept between changes. */
interface ProfileChecks {
  /** Duplicate-charge groups that no refund, void or chargeback cancels, each oldest first. */
  groups: number[][];
  feeMismatches: FeeMismatch[];
  /** Sales that can be charged twice (terminal, card and a gross), by time: their times and row indexes (`sales` used). */
  salesAt: Float64Array;
  salesRow: Int32Array;
  sales: number;
  /** Rows that cancel a sale (refund, void, chargeback naming it). */
  cancelRows: number[];
}

const CANCELS = new Set(['refund', 'void', 'chargeback']);

/**
 * A reconciliation kept up to date as rows, decisions and dates change. `current` always equals
 * `reconcile()` of the rows given so far (each profile's rows in the order they arrived, profiles in the
 * order they first appeared), the bank lines and periods so far, and the latest decisions and dates.
 */
export class IncrementalReconciler {
  private readonly profiles: readonly ProfileRuntime[];
  private readonly byId: ReadonlyMap<string, number>;
  private readonly segments: ProfileBatches[] = [];
  private readonly checks = new Map<number, ProfileChecks>();
  private readonly bankLines: BankLine[] = [];
  private readonly periods: StatementPeriod[] = [];
  private decisions: readonly Decision[] = [];
  private asOf: IsoDate | null = null;
  private today: IsoDate | null = null;
  private result: Reconciliation | null = null;
  /** How many profiles were read again from their first row (a void naming a sale held): for tests and benches. */
  rebuilds = 0;

  private readonly config: Config;
  private readonly streamTransactions: boolean;

  constructor(input: ReconcileInput) {
    this.config = input.config;
    this.streamTransactions = input.streamTransactions ?? false;
    this.profiles = compileProfiles(input.config);
    this.byId = new Map(this.profiles.map((p, i) => [p.profile.id, i]));
    this.apply({ ...input, decisions: input.decisions ?? [], asOf: input.asOf ?? null, today: input.today ?? null });
  }

  /** The reconciliation of everything given so far. */
  get current(): Reconciliation {
    return (this.result ??= this.settle());
  }

  /** Applies a change and returns the reconciliation after it. */
  update(change: LedgerChange): Reconciliation {
    this.apply(change);
    return this.current;
  }

  private apply(change: LedgerChange): void {
    for (const rows of change.acquirers ?? []) this.appendTo(rows);
    if (change.bankLines) for (const l of change.bankLines) this.bankLines.push(l);
    if (change.periods) for (const p of change.periods) this.periods.push(p);
    if (change.decisions !== undefined) this.decisions = change.decisions;
    if (change.asOf !== undefined) this.asOf = change.asOf;
    if (change.today !== undefined) this.today = change.today;
    this.result = null;
  }

  private appendTo(rows: AcquirerRows): void {
    const pi = this.byId.get(rows.acquirer);
    if (pi === undefined) throw new Error(`no acquirer profile "${rows.acquirer}"`);
    const p = this.profiles[pi]!;
    let at = this.segments.findIndex(s => s.profileIndex === pi);
    if (at < 0) {
      at = this.segments.push(emptyProfileBatches(pi)) - 1;
      this.checks.set(pi, noChecks());
    }
    const seg = this.segments[at]!;
    if (rows.txns.length === 0) return;
    if (voidsOfHeldSales(seg, rows.txns).size > 0) {
      // A void naming a sale already batched: read the profile again from its first row.
      const fresh = emptyProfileBatches(pi);
      appendRows(fresh, [...seg.txns, ...rows.txns], p);
      this.segments[at] = fresh;
      this.checks.set(pi, checksOf(fresh, this.profiles, this.config.duplicateWindowMinutes));
      this.rebuilds++;
      return;
    }
    const first = seg.txns.length;
    appendRows(seg, rows.txns, p);
    extendChecks(this.checks.get(pi)!, seg, first, this.profiles, this.config.duplicateWindowMinutes);
  }

  private settle(): Reconciliation {
    const rows = new TxnIndex(this.segments);
    // Global indexes run through each profile's rows in turn; duplicate groups come by profile index, as
    // findDuplicates lists them, and fee mismatches in row order.
    const offsets = new Map<number, number>();
    let at = 0;
    for (const s of this.segments) {
      offsets.set(s.profileIndex, at);
      at += s.txns.length;
    }
    const duplicates: DuplicateGroup[] = [];
    for (const seg of [...this.segments].sort((a, b) => a.profileIndex - b.profileIndex)) {
      const o = offsets.get(seg.profileIndex)!;
      for (const g of this.checks.get(seg.profileIndex)!.groups)
        duplicates.push({ profileIndex: seg.profileIndex, members: g.map(i => i + o), grossMinor: seg.txns[g[0]!]!.grossMinor });
    }
    const feeMismatches: FeeMismatch[] = [];
    for (const s of this.segments) {
      const o = offsets.get(s.profileIndex)!;
      for (const f of this.checks.get(s.profileIndex)!.feeMismatches) feeMismatches.push({ ...f, index: f.index + o });
    }
    return settle(
      {
        config: this.config,
        acquirers: [],
        bankLines: this.bankLines,
        periods: this.periods,
        decisions: this.decisions,
        asOf: this.asOf,
        today: this.today,
        streamTransactions: this.streamTransactions,
      },
      this.profiles,
      rows,
      { duplicates, feeMismatches },
    );
  }
}

function noChecks(): ProfileChecks {
  return { groups: [], feeMismatches: [], salesAt: new Float64Array(0), salesRow: new Int32Array(0), sales: 0, cancelRows: [] };
}

/** Whether a row is a sale that can be charged twice (what findDuplicates compares). */
function chargeable(seg: ProfileBatches, i: number): boolean {
  const t = seg.txns[i]!;
  return t.kind === 'sale' && !!t.terminal && !!t.card && t.grossMinor > 0;
}

/** The rows `rows` of a profile as an expectation of their own (indexes 0… in that order), for the checks. */
function viewOf(seg: ProfileBatches, rows: readonly number[]): Expectation {
  const n = rows.length;
  const txns = new Array<ProfileBatches['txns'][number]>(n);
  const batchOf = new Int32Array(n);
  const localSec = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const i = rows[k]!;
    txns[k] = seg.txns[i]!;
    batchOf[k] = seg.batchOf[i]!;
    localSec[k] = seg.localSec[i]!;
  }
  return { batches: [], txns, batchOf, localSec, profileOf: new Uint16Array(n).fill(seg.profileIndex) };
}

/** A profile's checks from its first row. */
function checksOf(seg: ProfileBatches, profiles: readonly ProfileRuntime[], windowMinutes: number): ProfileChecks {
  const c = noChecks();
  extendChecks(c, seg, 0, profiles, windowMinutes);
  return c;
}

/**
 * Extends a profile's checks with its rows from `first` on. Fee mismatches are per row. Duplicate charges
 * chain sales of one terminal, card and gross each within the window of the previous one, so a chain never
 * spans a gap longer than the window between two consecutive chargeable sales of the profile: the groups
 * touching the new sales lie in the stretches of sales (separated by such gaps) that hold a new sale, and
 * only those stretches are grouped again. A new refund, void or chargeback cancels the groups it names.
 */
function extendChecks(
  c: ProfileChecks,
  seg: ProfileBatches,
  first: number,
  profiles: readonly ProfileRuntime[],
  windowMinutes: number,
): void {
  const end = seg.txns.length;
  if (end === first) return;
  const fresh: number[] = [];
  for (let i = first; i < end; i++) fresh.push(i);
  const view = viewOf(seg, fresh);
  for (const f of findFeeMismatches(view, profiles)) c.feeMismatches.push({ ...f, index: f.index + first });

  // Cancellations: a new one drops the groups it names (a group once cancelled stays so: rows only arrive).
  const names = new Set<string>();
  for (let i = first; i < end; i++) {
    const t = seg.txns[i]!;
    if (t.originalId && CANCELS.has(t.kind)) {
      c.cancelRows.push(i);
      names.add(t.originalId);
    }
  }
  if (names.size > 0) {
    c.groups = c.groups.filter(
      g =>
        !g.some(i => {
          const t = seg.txns[i]!;
          return names.has(t.id) || (t.reference ? names.has(t.reference) : false);
        }),
    );
  }

  // New chargeable sales join the time-ordered list.
  const added: number[] = [];
  for (let i = first; i < end; i++) if (chargeable(seg, i)) added.push(i);
  if (added.length === 0) return;
  // An export is nearly always in time order: sorting a year's sales with a comparator would cost more than the rest.
  let ordered = true;
  for (let k = 1; k < added.length && ordered; k++) ordered = seg.localSec[added[k - 1]!]! <= seg.localSec[added[k]!]!;
  if (!ordered) added.sort((a, b) => seg.localSec[a]! - seg.localSec[b]! || a - b);
  // Merged in place from the back (a day's sales come after the rest: they are only copied in), in room
  // that grows by half when full, so a day's import allocates nothing the size of the year.
  const m = c.sales,
    n = m + added.length;
  c.salesAt = withRoom(c.salesAt, m, n);
  c.salesRow = withRoom(c.salesRow, m, n);
  const { salesAt, salesRow } = c;
  // Equal times: the sale held before the new one, as a merge from the front would put them.
  for (let x = m - 1, y = added.length - 1, w = n - 1; y >= 0; w--) {
    const t = seg.localSec[added[y]!]!;
    if (x >= 0 && salesAt[x]! > t) {
      salesAt[w] = salesAt[x]!;
      salesRow[w] = salesRow[x--]!;
    } else {
      salesAt[w] = t;
      salesRow[w] = added[y--]!;
    }
  }
  c.sales = n;

  // The stretches holding a new sale, as [from, to] times; their sales are grouped again.
  const windowSec = windowMinutes * 60;
  const stretches: [number, number][] = [];
  const regrouped: number[] = [];
  for (let start = 0; start < n;) {
    let stop = start + 1;
    let hasNew = salesRow[start]! >= first;
    while (stop < n && salesAt[stop]! - salesAt[stop - 1]! <= windowSec) {
      if (salesRow[stop]! >= first) hasNew = true;
      stop++;
    }
    if (hasNew) {
      stretches.push([salesAt[start]!, salesAt[stop - 1]!]);
      for (let k = start; k < stop; k++) regrouped.push(salesRow[k]!);
    }
    start = stop;
  }
  const inStretch = (i: number) => {
    const at = seg.localSec[i]!;
    return stretches.some(([from, to]) => at >= from && at <= to);
  };
  const kept = c.groups.filter(g => !inStretch(g[0]!));
  // The stretches' sales with every cancelling row of the profile: findDuplicates drops the cancelled groups.
  const rows = [...regrouped, ...c.cancelRows];
  const groups = findDuplicates(viewOf(seg, rows), windowMinutes).map(g => g.members.map(k => rows[k]!));
  c.groups = [...kept, ...groups].sort((a, b) => {
    // findDuplicates lists a group when its second sale comes, in time order (ties by reference).
    const x = a[1]!,
      y = b[1]!;
    const tx = seg.txns[x]!.id,
      ty = seg.txns[y]!.id;
    return seg.localSec[x]! - seg.localSec[y]! || (tx < ty ? -1 : tx > ty ? 1 : 0);
  });
}
