import { dayNumber, type IsoDate } from '../model/date';
import type { AcquirerTxn } from '../model/types';
import { localParts, offsetOf, tradeDate, zoneOffsetMinutes } from '../model/zone';
import type { ProfileRuntime } from './profile';
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
  /** Global indexes of the live (not voided) transactions. */
  readonly live: number[];
}

/** Where every transaction went: its batch (or none when voided) and its local trade date. */
export interface Expectation {
  readonly batches: BatchState[];
  /** Per global transaction index: batch index, or -1 when voided. */
  readonly batchOf: Int32Array;
  /** Per global transaction index: profile index. */
  readonly profileOf: Uint16Array;
  /** The transactions in global index order (acquirer by acquirer, file order within). */
  readonly txns: readonly AcquirerTxn[];
  /** Local date-time of each transaction in its acquirer's zone, `YYYY-MM-DDTHH:MM:SS`. */
  localAt(index: number): string;
}

/** Kinds whose net is part of what the acquirer owes (a payout row is the transfer itself). */
const SETTLING = new Set(['sale', 'refund', 'chargeback', 'fee', 'adjustment']);

/**
 * Groups transactions into batches (acquirer × payout id where printed, else acquirer × trade date)
 * and works out each batch's expected credit date E and net. Voided sales and void rows belong to no batch.
 */
export function expectBatches(acquirers: readonly AcquirerRows[], profiles: readonly ProfileRuntime[]): Expectation {
  const byId = new Map(profiles.map((p, i) => [p.profile.id, i]));
  let total = 0;
  for (const a of acquirers) total += a.txns.length;
  const txns: AcquirerTxn[] = new Array(total);
  const batchOf = new Int32Array(total).fill(-1);
  const profileOf = new Uint16Array(total);
  const batches: BatchState[] = [];
  const batchIndex = new Map<string, number>();
  const localCache = new Map<string, boolean>();

  const localAt = (i: number): string => {
    const t = txns[i]!;
    const p = profiles[profileOf[i]!]!;
    const at = t.at;
    if (at.length <= 19) return at.length === 10 ? at + 'T00:00:00' : at;
    // Most exports print local time with the acquirer's own offset: keep it as printed.
    const date = at.slice(0, 10);
    const key = date + at.slice(19) + p.profile.timezone;
    let same = localCache.get(key);
    if (same === undefined) {
      const printed = offsetOf(at);
      same = printed !== null && printed === zoneOffsetMinutes(p.profile.timezone, date);
      localCache.set(key, same);
    }
    if (same) return at.slice(0, 19);
    const l = localParts(at, p.profile.timezone);
    return `${l.date}T${l.time}`;
  };

  let g = 0;
  for (const rows of acquirers) {
    const pi = byId.get(rows.acquirer);
    if (pi === undefined) throw new Error(`no acquirer profile "${rows.acquirer}"`);
    const p = profiles[pi]!;
    const cutoff = p.profile.cutoff ?? null;
    const lag = p.profile.settlementLagBusinessDays;
    const voidedRefs = new Set<string>();
    for (const t of rows.txns) if (t.kind === 'void' && t.originalId) voidedRefs.add(t.originalId);
    const eCache = new Map<string, IsoDate>();
    for (const t of rows.txns) {
      const i = g++;
      txns[i] = t;
      profileOf[i] = pi;
      const voided = t.kind === 'void' || (t.kind === 'sale' && (t.voided || voidedRefs.has(t.id)));
      if (voided) continue;
      const local = localAt(i);
      const td = tradeDate(local.slice(0, 10), local.slice(11, 19), cutoff);
      let expected: IsoDate | undefined = t.settlementDate ?? undefined;
      if (expected === undefined) {
        expected = eCache.get(td);
        if (expected === undefined) { expected = p.calendar.addBusinessDays(td, lag); eCache.set(td, expected); }
      }
      const key = t.payoutId ? `${p.profile.id}|${t.payoutId}` : `${p.profile.id}|${td}|${expected}`;
      let b = batchIndex.get(key);
      if (b === undefined) {
        b = batches.length;
        batchIndex.set(key, b);
        batches.push({
          id: key, profileIndex: pi, acquirer: p.profile.id, tradeDate: td, payoutId: t.payoutId, expectedOn: expected,
          expectedDay: dayNumber(expected), netMinor: 0, grossMinor: 0, feeMinor: 0, currency: t.currency, live: [],
        });
      }
      const batch = batches[b]!;
      batchOf[i] = b;
      batch.live.push(i);
      if (td < batch.tradeDate) batch.tradeDate = td;
      // A payout printed without its date: E is the lag rule from its latest trade date.
      if (t.payoutId && !t.settlementDate && expected > batch.expectedOn) { batch.expectedOn = expected; batch.expectedDay = dayNumber(expected); }
      if (SETTLING.has(t.kind)) {
        batch.netMinor += t.netMinor;
        batch.grossMinor += t.grossMinor;
        batch.feeMinor += t.feeMinor;
      }
    }
  }
  return { batches, batchOf, profileOf, txns, localAt };
}

/** Seconds since the epoch of a local `YYYY-MM-DDTHH:MM:SS` (zone-free; for gaps between rows of one acquirer). */
export function localSeconds(local: string): number {
  const day = dayNumber(local.slice(0, 10));
  const h = Number(local.slice(11, 13)), m = Number(local.slice(14, 16)), s = Number(local.slice(17, 19));
  return day * 86400 + h * 3600 + m * 60 + s;
}

