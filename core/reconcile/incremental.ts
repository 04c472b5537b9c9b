// The engine kept between changes (issue 17): a merchant's day is one small import and a few decisions, so the
// work must follow the change, not the ledger. The answer is still reconcile()'s: what depends on single
// transactions (batches, duplicate charges, fee mismatches) is kept and extended with the rows that arrive;
// what depends on batches and bank lines (credits, links, statuses, alerts, coverage) is settled again from
// them by the same code as a full run (engine.ts `settle`), which costs the batches (a year is ~1,500), not the
// transactions (~700,000). incremental.test.ts checks, on random sequences of imports, decisions and dates,
// that the result always equals a full reconcile() of everything given so far. A reopened ledger gets the engine
// back from its snapshot (snapshot(), restore()) bound to its rows, without working through the rows again.
import type { Config } from '../config/types';
import { dayNumber, type IsoDate } from '../model/date';
import type { AcquirerTxn, BankLine, StatementPeriod } from '../model/types';
import { findDuplicates, findFeeMismatches, type DuplicateGroup, type FeeMismatch } from './checks';
import { settle } from './engine';
import {
  appendRows,
  emptyProfileBatches,
  TxnIndex,
  unbatchRows,
  withRoom,
  type BatchState,
  type Expectation,
  type ProfileBatches,
} from './expect';
import { compileProfiles, type ProfileRuntime } from './profile';
import { SaleIndex } from './sale-index';
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
  /** The sales batched when they came, by id: what a new void may name (one voided since stays; batchOf tells). */
  saleIds: SaleIndex;
}

const CANCELS = new Set(['refund', 'void', 'chargeback']);

/** The shape and rules of {@link EngineSnapshot}: bumped whenever either changes, so an older snapshot is rebuilt. */
export const SNAPSHOT_FORMAT = 2;

/** Everything the engine derived, without the rows: structured-cloneable (plain objects, arrays, typed arrays, strings, numbers). */
export interface EngineSnapshot {
  readonly format: number;
  /** The config the state was derived under (canonical JSON). */
  readonly config: string;
  /** Per profile, in the order the profiles first came. */
  readonly segments: readonly SegmentSnapshot[];
}

/** One profile's batches and single-transaction checks. Row indexes are in its rows, in arrival order. */
export interface SegmentSnapshot {
  readonly acquirer: string;
  /** How many rows the profile held. */
  readonly rows: number;
  /** A few row indexes and the ids of the rows there: given other rows back, restore notices. */
  readonly probeAt: Int32Array;
  readonly probeIds: readonly string[];
  readonly batchOf: Int32Array;
  readonly localSec: Float64Array;
  /** The batches by column (their live rows are the rows whose batchOf names them, in order). */
  readonly batchIds: readonly string[];
  readonly tradeDates: readonly string[];
  readonly payoutIds: readonly (string | null)[];
  readonly expectedOn: readonly string[];
  /** Net, gross and fee of each batch in turn. */
  readonly money: Float64Array;
  readonly currencies: readonly string[];
  /** Batch index and the net its payout rows print, in turn. */
  readonly payoutNet: Float64Array;
  readonly voidedRefs: readonly string[];
  /** Trade date and expected credit date, in turn. */
  readonly expectedByTradeDate: readonly string[];
  /** Duplicate groups' rows one after another, and where each group ends. */
  readonly groupRows: Int32Array;
  readonly groupEnds: Int32Array;
  /** Row, printed fee and contracted fee of each fee mismatch in turn. */
  readonly feeMismatches: Float64Array;
  /** The chargeable sales by time (their times are their rows' localSec). */
  readonly salesRow: Int32Array;
  readonly cancelRows: Int32Array;
  /** The sales batched when they came, by id (sale-index.ts). */
  readonly saleIds: { readonly slots: Int32Array; readonly count: number };
}

/** A snapshot that does not fit the rows or config it is restored with: the caller reconciles from the rows. */
export class SnapshotMismatch extends Error {
  override name = 'SnapshotMismatch';
}

/** How many rows of a profile restore compares by id (spread evenly, first and last included). */
const PROBES = 17;

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
  /** How many sales already batched a later void took out of their batch: for tests and benches. */
  unbatched = 0;

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

  /** What restore() needs besides the rows. */
  snapshot(): EngineSnapshot {
    return {
      format: SNAPSHOT_FORMAT,
      config: canonicalJson(this.config),
      segments: this.segments.map(seg => snapshotOf(seg, this.checks.get(seg.profileIndex)!, this.profiles)),
    };
  }

  /**
   * The engine as it was when snapshotted: input.acquirers must be the same rows, per profile in the same order, that
   * the snapshotted engine held (input.config the same config; bank lines, periods, decisions and dates as they are now).
   * Costs the batches and checks, not the rows. Throws SnapshotMismatch when the snapshot does not fit (format,
   * profiles, row counts per profile, a cheap check of some row ids), so the caller rebuilds from the rows.
   */
  static restore(input: ReconcileInput, snap: EngineSnapshot): IncrementalReconciler {
    if (snap?.format !== SNAPSHOT_FORMAT) throw new SnapshotMismatch(`snapshot format ${snap?.format}, not ${SNAPSHOT_FORMAT}`);
    if (typeof snap.config !== 'string' || !Array.isArray(snap.segments as unknown) || !snap.segments.every(wellFormed))
      throw new SnapshotMismatch('the snapshot is not one the engine made (a field is missing or of another type)');
    if (snap.config !== canonicalJson(input.config)) throw new SnapshotMismatch('the config changed since the snapshot');
    const engine = new IncrementalReconciler({ ...input, acquirers: [] });
    const given = new Map<string, AcquirerTxn[]>();
    for (const rows of input.acquirers) {
      const list = given.get(rows.acquirer);
      if (list) for (const t of rows.txns) list.push(t);
      else given.set(rows.acquirer, [...rows.txns]);
    }
    for (const s of snap.segments) {
      const pi = engine.byId.get(s.acquirer);
      if (pi === undefined) throw new SnapshotMismatch(`no acquirer profile "${s.acquirer}"`);
      const nb = s.batchIds.length;
      if (s.batchOf.length !== s.rows || s.localSec.length !== s.rows || s.money.length !== 3 * nb || !validTable(s.saleIds))
        throw new SnapshotMismatch(`${s.acquirer}: the snapshot's columns disagree in length`);
      const txns = given.get(s.acquirer) ?? [];
      given.delete(s.acquirer);
      if (txns.length !== s.rows) throw new SnapshotMismatch(`${s.acquirer}: ${txns.length} rows given, the snapshot holds ${s.rows}`);
      s.probeAt.forEach((at, k) => {
        if (txns[at]?.id !== s.probeIds[k]) throw new SnapshotMismatch(`${s.acquirer}: row ${at} is not the snapshot's ${s.probeIds[k]}`);
      });
      const { seg, checks } = restoredSegment(s, pi, txns);
      engine.segments.push(seg);
      engine.checks.set(pi, checks);
    }
    for (const [acquirer, txns] of given)
      if (txns.length > 0) throw new SnapshotMismatch(`${acquirer}: ${txns.length} rows given, the snapshot holds none`);
    return engine;
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
    // A void naming a sale already batched: the sale leaves its batch before the rows are appended.
    const c = this.checks.get(pi)!;
    const voided = new Set<number>();
    for (const t of rows.txns)
      if (t.kind === 'void' && t.originalId && !seg.voidedRefs.has(t.originalId))
        for (const i of c.saleIds.rowsOf(t.originalId, seg.txns)) if (seg.batchOf[i]! >= 0) voided.add(i);
    if (voided.size > 0) {
      unbatchRows(seg, [...voided], p);
      // findFeeMismatches leaves a voided sale out; the duplicate groups holding it go with the void row that
      // names it (extendChecks).
      c.feeMismatches = c.feeMismatches.filter(f => seg.batchOf[f.index]! >= 0);
      this.unbatched += voided.size;
    }
    const first = seg.txns.length;
    appendRows(seg, rows.txns, p, c.saleIds);
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

/** Whether a stored segment has every field of {@link SegmentSnapshot} with its type (storage may tear or age it). */
function wellFormed(s: SegmentSnapshot): boolean {
  if (typeof s !== 'object' || s === null || typeof s.acquirer !== 'string' || !Number.isInteger(s.rows)) return false;
  const ints = [s.probeAt, s.batchOf, s.groupRows, s.groupEnds, s.salesRow, s.cancelRows, s.saleIds?.slots];
  const floats = [s.localSec, s.money, s.payoutNet, s.feeMismatches];
  const lists = [s.probeIds, s.batchIds, s.tradeDates, s.payoutIds, s.expectedOn, s.currencies, s.voidedRefs, s.expectedByTradeDate];
  return (
    ints.every(a => a instanceof Int32Array) &&
    floats.every(a => a instanceof Float64Array) &&
    lists.every(a => Array.isArray(a)) &&
    Number.isInteger(s.saleIds.count)
  );
}

/** Whether a sale index's table has the shape SaleIndex keeps: a power-of-two length, filled below it. */
function validTable(t: SegmentSnapshot['saleIds'] | undefined): boolean {
  const n = t?.slots?.length ?? 0;
  return n > 0 && (n & (n - 1)) === 0 && t!.count < n;
}

/** JSON with object keys sorted: equal for equal configs whatever order their keys came in. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** A profile's batches and checks as plain columns (copies: the engine goes on changing its own). */
function snapshotOf(seg: ProfileBatches, c: ProfileChecks, profiles: readonly ProfileRuntime[]): SegmentSnapshot {
  const n = seg.txns.length;
  const probeAt = new Int32Array(n === 0 ? 0 : Math.min(n, PROBES));
  for (let k = 0; k < probeAt.length; k++) probeAt[k] = probeAt.length === 1 ? 0 : Math.round((k * (n - 1)) / (probeAt.length - 1));
  const money = new Float64Array(seg.batches.length * 3);
  seg.batches.forEach((b, k) => {
    money[3 * k] = b.netMinor;
    money[3 * k + 1] = b.grossMinor;
    money[3 * k + 2] = b.feeMinor;
  });
  const payoutNet = new Float64Array(seg.payoutNet.size * 2);
  let k = 0;
  for (const [b, net] of seg.payoutNet) {
    payoutNet[k++] = b;
    payoutNet[k++] = net;
  }
  const groupEnds = new Int32Array(c.groups.length);
  let members = 0;
  c.groups.forEach((g, k) => (groupEnds[k] = members += g.length));
  const groupRows = new Int32Array(members);
  members = 0;
  for (const g of c.groups) for (const i of g) groupRows[members++] = i;
  const feeMismatches = new Float64Array(c.feeMismatches.length * 3);
  c.feeMismatches.forEach((f, k) => feeMismatches.set([f.index, f.printedMinor, f.contractedMinor], 3 * k));
  return {
    acquirer: profiles[seg.profileIndex]!.profile.id,
    rows: n,
    probeAt,
    probeIds: Array.from(probeAt, i => seg.txns[i]!.id),
    batchOf: seg.batchOf.slice(0, n),
    localSec: seg.localSec.slice(0, n),
    batchIds: seg.batches.map(b => b.id),
    tradeDates: seg.batches.map(b => b.tradeDate),
    payoutIds: seg.batches.map(b => b.payoutId),
    expectedOn: seg.batches.map(b => b.expectedOn),
    money,
    currencies: seg.batches.map(b => b.currency),
    payoutNet,
    voidedRefs: [...seg.voidedRefs],
    expectedByTradeDate: [...seg.expectedByTradeDate].flat(),
    groupRows,
    groupEnds,
    feeMismatches,
    salesRow: c.salesRow.slice(0, c.sales),
    cancelRows: Int32Array.from(c.cancelRows),
    saleIds: c.saleIds.table(),
  };
}

/** A profile's batches and checks from their snapshot, bound to its rows (which the caller checked fit). */
function restoredSegment(s: SegmentSnapshot, profileIndex: number, txns: AcquirerTxn[]): { seg: ProfileBatches; checks: ProfileChecks } {
  const nb = s.batchIds.length;
  // A batch's live rows are the rows batchOf gives it, in order (appendRows pushes them so): counted first, so
  // that each list is made at its size.
  const { batchOf } = s;
  const sizes = new Int32Array(nb);
  for (let i = 0; i < batchOf.length; i++) {
    const b = batchOf[i]!;
    if (b >= 0) sizes[b] = sizes[b]! + 1;
  }
  const live: number[][] = Array.from(sizes, n => new Array<number>(n));
  const filled = new Int32Array(nb);
  for (let i = 0; i < batchOf.length; i++) {
    const b = batchOf[i]!;
    if (b < 0) continue;
    live[b]![filled[b]!] = i;
    filled[b] = filled[b]! + 1;
  }
  const acquirer = s.acquirer;
  const batches: BatchState[] = s.batchIds.map((id, k) => ({
    id,
    profileIndex,
    acquirer,
    tradeDate: s.tradeDates[k]!,
    payoutId: s.payoutIds[k]!,
    expectedOn: s.expectedOn[k]!,
    expectedDay: dayNumber(s.expectedOn[k]!),
    netMinor: s.money[3 * k]!,
    grossMinor: s.money[3 * k + 1]!,
    feeMinor: s.money[3 * k + 2]!,
    currency: s.currencies[k]!,
    live: live[k]!,
    rows: txns,
  }));
  const payoutNet = new Map<number, number>();
  for (let k = 0; k < s.payoutNet.length; k += 2) payoutNet.set(s.payoutNet[k]!, s.payoutNet[k + 1]!);
  const expectedByTradeDate = new Map<string, IsoDate>();
  for (let k = 0; k < s.expectedByTradeDate.length; k += 2)
    expectedByTradeDate.set(s.expectedByTradeDate[k]!, s.expectedByTradeDate[k + 1]!);
  const seg: ProfileBatches = {
    profileIndex,
    txns,
    batchOf: s.batchOf.slice(),
    localSec: s.localSec.slice(),
    batches,
    batchIndex: new Map(s.batchIds.map((id, k) => [id, k])),
    payoutNet,
    voidedRefs: new Set(s.voidedRefs),
    expectedByTradeDate,
  };
  const groups: number[][] = [];
  for (let k = 0, from = 0; k < s.groupEnds.length; from = s.groupEnds[k++]!)
    groups.push(Array.from(s.groupRows.subarray(from, s.groupEnds[k]!)));
  const feeMismatches: FeeMismatch[] = [];
  for (let k = 0; k < s.feeMismatches.length; k += 3)
    feeMismatches.push({ index: s.feeMismatches[k]!, printedMinor: s.feeMismatches[k + 1]!, contractedMinor: s.feeMismatches[k + 2]! });
  const salesAt = new Float64Array(s.salesRow.length);
  for (let k = 0; k < salesAt.length; k++) salesAt[k] = s.localSec[s.salesRow[k]!]!;
  const checks: ProfileChecks = {
    groups,
    feeMismatches,
    salesAt,
    salesRow: s.salesRow.slice(),
    sales: s.salesRow.length,
    cancelRows: Array.from(s.cancelRows),
    saleIds: SaleIndex.fromTable(s.saleIds),
  };
  return { seg, checks };
}

function noChecks(): ProfileChecks {
  return {
    groups: [],
    feeMismatches: [],
    salesAt: new Float64Array(0),
    salesRow: new Int32Array(0),
    sales: 0,
    cancelRows: [],
    saleIds: SaleIndex.empty(),
  };
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
  let lowest = n;
  for (let x = m - 1, y = added.length - 1, w = n - 1; y >= 0; w--) {
    const t = seg.localSec[added[y]!]!;
    if (x >= 0 && salesAt[x]! > t) {
      salesAt[w] = salesAt[x]!;
      salesRow[w] = salesRow[x--]!;
    } else {
      salesAt[w] = t;
      salesRow[w] = added[y--]!;
      lowest = w;
    }
  }
  c.sales = n;

  // The stretches holding a new sale, as [from, to] times; their sales are grouped again. Those before the
  // earliest new sale's stretch hold none: the scan starts there (a day's import reads the day's sales).
  const windowSec = windowMinutes * 60;
  const stretches: [number, number][] = [];
  const regrouped: number[] = [];
  let scanFrom = lowest;
  while (scanFrom > 0 && salesAt[scanFrom]! - salesAt[scanFrom - 1]! <= windowSec) scanFrom--;
  for (let start = scanFrom; start < n;) {
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
  // The stretches come in time order: the last one starting at or before a time is the only one that may hold it.
  const inStretch = (i: number) => {
    const at = seg.localSec[i]!;
    let lo = 0,
      hi = stretches.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (stretches[mid]![0] <= at) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && at <= stretches[lo - 1]![1];
  };
  const kept = c.groups.filter(g => !inStretch(g[0]!));
  // The stretches' sales with the cancelling rows that name one of them: findDuplicates drops the cancelled groups.
  // When the sales outnumber the cancelling rows (the first import), all of these are given, which is the same.
  const rows = [...regrouped];
  if (regrouped.length >= c.cancelRows.length) for (const i of c.cancelRows) rows.push(i);
  else {
    const named = new Set<string>();
    for (const i of regrouped) {
      const t = seg.txns[i]!;
      named.add(t.id);
      if (t.reference) named.add(t.reference);
    }
    for (const i of c.cancelRows) if (named.has(seg.txns[i]!.originalId!)) rows.push(i);
  }
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
