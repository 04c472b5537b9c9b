import { dayNumber, isoDate, type IsoDate } from '../model/date';
import type { AcquirerTxn } from '../model/types';
import { localParts, offsetOf, zoneOffsetMinutes } from '../model/zone';
import type { ProfileRuntime } from './profile';
import type { SaleIndex } from './sale-index';
import type { AcquirerRows } from './types';

/** A batch while the engine works on it: the contract's Batch plus the rows behind it. */
export interface BatchState {
  readonly id: string;
  readonly profileIndex: number;
  readonly acquirer: string;
  tradeDate: IsoDate;
  readonly payoutId: string | null;
  expectedOn: IsoDate;
  /** dayNumber(expectedOn), for fast date arithmetic. */
  expectedDay: number;
  netMinor: number;
  grossMinor: number;
  feeMinor: number;
  readonly currency: string;
  /** Indexes in `rows` of the live (not voided) transactions. */
  readonly live: number[];
  /** The transactions of the batch's profile, in arrival order (`live` indexes them). */
  readonly rows: readonly AcquirerTxn[];
}

/** Where every transaction went, in arrays over all of them (what the checks of single transactions read). */
export interface Expectation {
  readonly batches: BatchState[];
  /** Per global transaction index: batch index, or -1 when voided. */
  readonly batchOf: Int32Array;
  /** Per global transaction index: profile index. */
  readonly profileOf: Uint16Array;
  /** The transactions in global index order (acquirer by acquirer, file order within). */
  readonly txns: readonly AcquirerTxn[];
  /** Per global transaction index: local time in its acquirer's zone, as seconds since 1970-01-01 local midnight. */
  readonly localSec: Float64Array;
}

/**
 * One acquirer profile's transactions grouped into batches, to which rows are appended as they arrive:
 * appending rows in several steps gives the batches that appending them at once gives (see {@link appendRows}).
 */
export interface ProfileBatches {
  readonly profileIndex: number;
  /** The profile's transactions, in arrival order. */
  readonly txns: AcquirerTxn[];
  /** Per transaction: index in `batches`, or -1 when voided (capacity grows; `txns.length` entries used). */
  batchOf: Int32Array;
  /** Per transaction: local time in the profile's zone, seconds since 1970-01-01 local midnight. */
  localSec: Float64Array;
  readonly batches: BatchState[];
  readonly batchIndex: Map<string, number>;
  /** What the acquirer's own payout rows say each batch sends. */
  readonly payoutNet: Map<number, number>;
  /** References that a void row names: the sales they void never settle. */
  readonly voidedRefs: Set<string>;
  /** Expected credit date by trade date (the lag rule), a cache. */
  readonly expectedByTradeDate: Map<string, IsoDate>;
}

/**
 * A batch's id, the contract's batch rule: acquirer × payout id where the export prints one, else
 * acquirer × trade date × expected credit date. The ledger's tables find a transaction's batch with it.
 */
export function batchKey(acquirer: string, payoutId: string | null, tradeDate: string, expectedOn: string): string {
  return payoutId ? acquirer + '|' + payoutId : acquirer + '|' + tradeDate + '|' + expectedOn;
}

/** Seconds of the day of `HH:MM:SS` at `offset` in a string, read without allocating. */
function secondsAt(text: string, offset: number): number {
  const d = (k: number) => text.charCodeAt(offset + k) - 48;
  return (d(0) * 10 + d(1)) * 3600 + (d(3) * 10 + d(4)) * 60 + d(6) * 10 + d(7);
}

/** An empty {@link ProfileBatches} for a profile. */
export function emptyProfileBatches(profileIndex: number): ProfileBatches {
  return {
    profileIndex,
    txns: [],
    batchOf: new Int32Array(0),
    localSec: new Float64Array(0),
    batches: [],
    batchIndex: new Map(),
    payoutNet: new Map(),
    voidedRefs: new Set(),
    expectedByTradeDate: new Map(),
  };
}

/**
 * Groups transactions into batches (acquirer × payout id where printed, else acquirer × trade date)
 * and works out each batch's expected credit date E and net, per profile in the order the profiles first
 * come. Voided sales and void rows belong to no batch. Rows of one profile given in several entries are
 * read as one list, in the order given.
 */
export function expectProfiles(acquirers: readonly AcquirerRows[], profiles: readonly ProfileRuntime[]): ProfileBatches[] {
  const byId = new Map(profiles.map((p, i) => [p.profile.id, i]));
  const segments = new Map<number, ProfileBatches>();
  const rowsOf = new Map<number, readonly AcquirerTxn[]>();
  for (const rows of acquirers) {
    const pi = byId.get(rows.acquirer);
    if (pi === undefined) throw new Error(`no acquirer profile "${rows.acquirer}"`);
    if (!segments.has(pi)) segments.set(pi, emptyProfileBatches(pi));
    const list = rowsOf.get(pi);
    rowsOf.set(pi, list ? [...list, ...rows.txns] : rows.txns);
  }
  for (const [pi, seg] of segments) appendRows(seg, rowsOf.get(pi)!, profiles[pi]!);
  return [...segments.values()];
}

/**
 * The transactions of several profiles' batches in global index order (each profile's rows in turn) and
 * their batches likewise, read through the profiles' own arrays: nothing the size of the ledger is built.
 */
export class TxnIndex {
  /** Every batch, profile after profile (global batch indexes). */
  readonly batches: BatchState[] = [];
  /** How many transactions in all. */
  readonly count: number;
  private readonly starts: number[] = [];
  private readonly batchStarts: number[] = [];

  constructor(readonly segments: readonly ProfileBatches[]) {
    let at = 0;
    for (const s of segments) {
      this.starts.push(at);
      this.batchStarts.push(this.batches.length);
      for (const b of s.batches) this.batches.push(b);
      at += s.txns.length;
    }
    this.count = at;
  }

  /** The segment holding global index `i` (profiles are few: a scan from the last). */
  private find(i: number): number {
    let k = this.starts.length - 1;
    while (k > 0 && this.starts[k]! > i) k--;
    return k;
  }

  /** The i-th transaction. */
  txn(i: number): AcquirerTxn {
    const k = this.find(i);
    return this.segments[k]!.txns[i - this.starts[k]!]!;
  }

  /** The global batch index of the i-th transaction, or -1 when it is voided. */
  batchOf(i: number): number {
    const k = this.find(i);
    const b = this.segments[k]!.batchOf[i - this.starts[k]!]!;
    return b < 0 ? -1 : b + this.batchStarts[k]!;
  }

  /** The profile index of the i-th transaction. */
  profileOf(i: number): number {
    return this.segments[this.find(i)]!.profileIndex;
  }

  /** The local time of the i-th transaction in its profile's zone, seconds since 1970-01-01 local midnight. */
  localSec(i: number): number {
    const k = this.find(i);
    return this.segments[k]!.localSec[i - this.starts[k]!]!;
  }
}

/**
 * The expectation over several profiles' batches, in the order given: global transaction indexes run
 * through each profile's rows in turn, and global batch indexes likewise.
 */
export function combineBatches(segments: readonly ProfileBatches[]): Expectation {
  let total = 0;
  for (const s of segments) total += s.txns.length;
  const txns: AcquirerTxn[] = new Array<AcquirerTxn>(total);
  const batchOf = new Int32Array(total);
  const profileOf = new Uint16Array(total);
  const localSec = new Float64Array(total);
  const batches: BatchState[] = [];
  let at = 0;
  for (const s of segments) {
    const n = s.txns.length;
    const offset = batches.length;
    for (let k = 0; k < n; k++) {
      txns[at + k] = s.txns[k]!;
      const b = s.batchOf[k]!;
      batchOf[at + k] = b < 0 ? -1 : b + offset;
    }
    profileOf.fill(s.profileIndex, at, at + n);
    localSec.set(s.localSec.subarray(0, n), at);
    for (const b of s.batches) batches.push(b);
    at += n;
  }
  return { batches, batchOf, profileOf, txns, localSec };
}

/** The second of the local day from which a profile's sales count to the next trade date, or null without a cutoff. */
function cutoffSeconds(p: ProfileRuntime): number | null {
  return p.profile.cutoff ? secondsAt(p.profile.cutoff.padStart(5, '0') + ':00', 0) : null;
}

/** A trade date's expected credit date by the profile's lag rule, kept per trade date in the segment (the calendar is slow). */
function lagExpected(seg: ProfileBatches, p: ProfileRuntime, td: IsoDate): IsoDate {
  let e = seg.expectedByTradeDate.get(td);
  if (e === undefined) seg.expectedByTradeDate.set(td, (e = p.calendar.addBusinessDays(td, p.profile.settlementLagBusinessDays)));
  return e;
}

/**
 * Takes rows `voided` (sales a void arriving after them names) out of their batches, as reading the profile again
 * from its first row with the void among the rows would: each batch that loses a row works out its trade date,
 * expected credit date, amounts and currency again from the rows it keeps, a batch left without rows goes, and
 * the batches stay in the order of their first live rows (the order a full run creates them in). Costs the
 * batches touched, plus one pass over `batchOf` when batches move. The caller records the void refs (appendRows
 * does when it appends the void rows).
 */
export function unbatchRows(seg: ProfileBatches, voided: readonly number[], p: ProfileRuntime): void {
  const { batches, batchOf, localSec, txns: rows, payoutNet } = seg;
  const touched = new Set<number>();
  for (const i of voided) {
    const b = batchOf[i]!;
    if (b < 0) continue;
    batchOf[i] = -1;
    touched.add(b);
  }
  if (touched.size === 0) return;
  const cutoffSec = cutoffSeconds(p);
  /** What appendRows worked out for row i: its trade date and expected credit date. */
  const tradeDateOf = (i: number): IsoDate => {
    const day = Math.floor(localSec[i]! / 86400);
    return isoDate(cutoffSec !== null && localSec[i]! - day * 86400 >= cutoffSec ? day + 1 : day);
  };
  const expectedOf = (i: number, td: IsoDate): IsoDate => rows[i]!.settlementDate ?? lagExpected(seg, p, td);
  for (const b of touched) {
    const old = batches[b]!;
    const live = old.live.filter(i => batchOf[i] === b);
    if (live.length === 0) {
      batches[b] = { ...old, live };
      continue;
    }
    let tradeDate = tradeDateOf(live[0]!);
    let expectedOn = expectedOf(live[0]!, tradeDate);
    let netMinor = 0,
      grossMinor = 0,
      feeMinor = 0;
    for (const i of live) {
      const t = rows[i]!;
      const td = tradeDateOf(i);
      if (td < tradeDate) tradeDate = td;
      // A payout printed without its date: E is the lag rule from its latest trade date.
      if (t.payoutId && !t.settlementDate) {
        const e = expectedOf(i, td);
        if (e > expectedOn) expectedOn = e;
      }
      if (t.kind !== 'payout') {
        netMinor += t.netMinor;
        grossMinor += t.grossMinor;
        feeMinor += t.feeMinor;
      }
    }
    batches[b] = {
      ...old,
      tradeDate,
      expectedOn,
      expectedDay: dayNumber(expectedOn),
      netMinor: payoutNet.get(b) ?? netMinor,
      grossMinor,
      feeMinor,
      currency: rows[live[0]!]!.currency,
      live,
    };
  }
  // The batches by their first live row; those left empty go.
  const order: number[] = [];
  for (let b = 0; b < batches.length; b++) if (batches[b]!.live.length > 0) order.push(b);
  order.sort((x, y) => batches[x]!.live[0]! - batches[y]!.live[0]!);
  if (order.length === batches.length && order.every((b, k) => b === k)) return;
  const moved = new Int32Array(batches.length).fill(-1);
  order.forEach((b, k) => (moved[b] = k));
  for (let i = 0; i < rows.length; i++) if (batchOf[i]! >= 0) batchOf[i] = moved[batchOf[i]!]!;
  const kept = order.map(b => batches[b]!);
  batches.length = 0;
  for (const b of kept) batches.push(b);
  seg.batchIndex.clear();
  kept.forEach((b, k) => seg.batchIndex.set(b.id, k));
  const nets = [...payoutNet];
  payoutNet.clear();
  for (const [b, net] of nets) if (moved[b]! >= 0) payoutNet.set(moved[b]!, net);
}

/** `array` with room for `need` entries (half as much again when it has to grow), its first `used` kept. */
export function withRoom<A extends Int32Array | Float64Array>(array: A, used: number, need: number): A {
  if (array.length >= need) return array;
  const out = new (array.constructor as new (length: number) => A)(Math.max(need, Math.ceil(array.length * 1.5)));
  out.set(array.subarray(0, used));
  return out;
}

/**
 * Appends a profile's rows to its batches. Appending in several steps gives what appending at once gives,
 * unless a void row names a sale appended before it: the caller first takes that sale out ({@link unbatchRows}).
 * `saleIds`, when given, takes the sales batched (read here while each row is at hand: another pass over a
 * year's rows costs more than the index).
 */
export function appendRows(seg: ProfileBatches, rows: readonly AcquirerTxn[], p: ProfileRuntime, saleIds?: SaleIndex): void {
  const pi = seg.profileIndex;
  const zone = p.profile.timezone;
  const cutoffSec = cutoffSeconds(p);
  const { batches, batchIndex, payoutNet, voidedRefs, txns } = seg;
  for (const t of rows) if (t.kind === 'void' && t.originalId) voidedRefs.add(t.originalId);
  const first = txns.length;
  const need = first + rows.length;
  saleIds?.reserve(rows.length, txns);
  seg.batchOf = withRoom(seg.batchOf, first, need);
  seg.localSec = withRoom(seg.localSec, first, need);
  const { batchOf, localSec } = seg;

  /** The local `YYYY-MM-DDTHH:MM:SS` of an instant in a zone (as printed when the printed offset is the zone's). */
  const localOf = (at: string, zone: string): string => {
    if (at.length <= 19) return at.length === 10 ? at + 'T00:00:00' : at;
    const printed = offsetOf(at);
    if (printed !== null && printed === zoneOffsetMinutes(zone, at.slice(0, 10), Number(at.slice(11, 13)))) return at.slice(0, 19);
    const l = localParts(at, zone);
    return `${l.date}T${l.time}`;
  };

  // Rows come mostly in date order: remember the last date's facts instead of recomputing them per row.
  let memoDate = '',
    memoSuffix = '',
    memoSame = false,
    memoDay = 0,
    memoNext = '';
  let lastBatch = -1,
    lastPayout: string | null = null,
    lastTd = '',
    lastExpected = '';
  const touched = new Set<number>();
  for (const t of rows) {
    const i = txns.length;
    txns.push(t);
    batchOf[i] = -1;
    const at = t.at;
    // Compared in place: the same date (and zone suffix) as the last row needs no new string.
    const sameAsLast =
      memoDate !== '' &&
      at.startsWith(memoDate) &&
      (at.length > 19 ? at.length - 19 === memoSuffix.length && at.endsWith(memoSuffix) : memoSuffix === '');
    if (!sameAsLast) {
      memoDate = at.slice(0, 10);
      memoSuffix = at.length > 19 ? at.slice(19) : '';
      memoSame = at.length <= 19 || offsetOf(at) === zoneOffsetMinutes(zone, memoDate);
      memoDay = dayNumber(memoDate);
      memoNext = isoDate(memoDay + 1);
    }
    let date = memoDate;
    let sec: number;
    let day = memoDay;
    let next = memoNext;
    if (memoSame && at.length >= 19) sec = secondsAt(at, 11);
    else if (at.length <= 10) sec = 0;
    else {
      const local = localOf(at, zone);
      date = local.slice(0, 10);
      day = dayNumber(date);
      next = isoDate(day + 1);
      sec = secondsAt(local, 11);
    }
    localSec[i] = day * 86400 + sec;
    const voided = t.kind === 'void' || (t.kind === 'sale' && (t.voided || (voidedRefs.size > 0 && voidedRefs.has(t.id))));
    if (voided) continue;
    const td = cutoffSec !== null && sec >= cutoffSec ? next : date;
    const expected = t.settlementDate ?? lagExpected(seg, p, td);
    // Consecutive rows nearly always share their batch: compare with the last one before building a key.
    let b: number | undefined;
    if (lastBatch >= 0 && t.payoutId === lastPayout && (t.payoutId !== null || (td === lastTd && expected === lastExpected))) b = lastBatch;
    const key = b !== undefined ? '' : batchKey(p.profile.id, t.payoutId, td, expected);
    if (b === undefined) b = batchIndex.get(key);
    if (b === undefined) {
      b = batches.length;
      batchIndex.set(key, b);
      batches.push({
        id: key,
        profileIndex: pi,
        acquirer: p.profile.id,
        tradeDate: td,
        payoutId: t.payoutId,
        expectedOn: expected,
        expectedDay: dayNumber(expected),
        netMinor: 0,
        grossMinor: 0,
        feeMinor: 0,
        currency: t.currency,
        live: [],
        rows: txns,
      });
    }
    lastBatch = b;
    lastPayout = t.payoutId;
    lastTd = td;
    lastExpected = expected;
    const batch = batches[b]!;
    batchOf[i] = b;
    batch.live.push(i);
    if (saleIds && t.kind === 'sale') saleIds.add(i, txns);
    if (td !== batch.tradeDate && td < batch.tradeDate) batch.tradeDate = td;
    // A payout printed without its date: E is the lag rule from its latest trade date.
    if (t.payoutId && !t.settlementDate && expected > batch.expectedOn) {
      batch.expectedOn = expected;
      batch.expectedDay = dayNumber(expected);
    }
    if (t.kind === 'payout') {
      // The acquirer's own payout row says what it sends (Clearhaus prints nothing else; Stripe prints it
      // negative, as money leaving the balance): that amount is what the bank should receive.
      payoutNet.set(b, (payoutNet.get(b) ?? 0) + Math.abs(t.netMinor));
      touched.add(b);
    } else {
      // Every other kind left here (sale, refund, chargeback, fee, adjustment) is part of what is owed.
      batch.netMinor += t.netMinor;
      batch.grossMinor += t.grossMinor;
      batch.feeMinor += t.feeMinor;
      if (payoutNet.has(b)) touched.add(b);
    }
  }
  for (const b of touched) batches[b]!.netMinor = payoutNet.get(b)!;
}
