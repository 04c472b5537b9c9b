import type { Expectation } from './expect';
import { contractedFee, type ProfileRuntime } from './profile';

/** A group of sales that look like one purchase charged more than once (oldest first). */
export interface DuplicateGroup {
  readonly profileIndex: number;
  readonly members: number[];
  readonly grossMinor: number;
}

/**
 * Sales with the same acquirer, terminal, card and gross, each within `windowMinutes` (inclusive) of the
 * previous one, per the contract. A group with any voided or refunded member raises nothing: the merchant
 * already gave the money back.
 */
export function findDuplicates(exp: Expectation, windowMinutes: number): DuplicateGroup[] {
  const { txns, profileOf, batchOf } = exp;
  const windowSec = windowMinutes * 60;
  // Refs that a refund, void or chargeback quotes, per acquirer profile.
  const cancelled = new Set<string>();
  const salesOf: number[][] = [];
  for (let i = 0; i < txns.length; i++) {
    const t = txns[i]!;
    if (t.kind === 'sale') {
      if (t.terminal && t.card && t.grossMinor > 0) (salesOf[profileOf[i]!] ??= []).push(i);
    } else if (t.originalId && (t.kind === 'refund' || t.kind === 'void' || t.kind === 'chargeback'))
      cancelled.add(profileOf[i] + '|' + t.originalId);
  }
  const seconds = exp.localSec;
  const byId = (a: number, b: number) => (txns[a]!.id < txns[b]!.id ? -1 : txns[a]!.id > txns[b]!.id ? 1 : 0);
  const groups: number[][] = [];
  const groupOf = new Int32Array(txns.length); // 1 + index in groups of a chain's latest sale, 0 when alone
  const expired = (j: number, at: number) => at - seconds[j]! > windowSec;
  // A chain never crosses acquirers: each profile's sales are read on their own, in time order.
  for (const sales of salesOf) {
    if (!sales) continue;
    sortByTime(sales, seconds, byId);
    // The open chains of the last few minutes by gross amount (a number: cheap to hash), each as its
    // latest sale; the few with the same gross are compared by terminal and card. Nothing is allocated
    // per sale: a million sales would otherwise leave a million small objects for the collector.
    const recent = new Map<number, number[]>();
    let seen = 0;
    for (const i of sales) {
      const t = txns[i]!;
      const at = seconds[i]!;
      let list = recent.get(t.grossMinor);
      if (list === undefined) recent.set(t.grossMinor, (list = []));
      let found = -1;
      for (let k = 0; k < list.length; k++) {
        const j = list[k]!;
        if (expired(j, at)) {
          list[k--] = list[list.length - 1]!;
          list.pop();
          continue;
        }
        // One open chain at most per terminal, card and gross.
        if (txns[j]!.terminal === t.terminal && txns[j]!.card === t.card) {
          found = k;
          break;
        }
      }
      if (found < 0) list.push(i);
      else {
        const j = list[found]!;
        if (groupOf[j] === 0) groupOf[j] = groups.push([j]);
        groups[groupOf[j]! - 1]!.push(i);
        groupOf[i] = groupOf[j]!;
        list[found] = i;
      }
      // Amounts not seen again for a while: their lists are dropped now and then.
      if (++seen % 65_536 === 0) {
        for (const [gross, l] of recent) if (l.every(j => expired(j, at))) recent.delete(gross);
      }
    }
  }
  const isCancelled = (i: number) => {
    const t = txns[i]!;
    const pre = profileOf[i] + '|';
    return batchOf[i] === -1 || cancelled.has(pre + t.id) || (t.reference ? cancelled.has(pre + t.reference) : false);
  };
  return groups
    .filter(g => !g.some(isCancelled))
    .map(g => ({ profileIndex: profileOf[g[0]!]!, members: g, grossMinor: txns[g[0]!]!.grossMinor }));
}

/**
 * Sorts transaction indexes by time, ties broken by `tie`. Rows already in time order (an export nearly
 * always is) only have their runs of equal times put in `tie` order; others go through a numeric
 * typed-array sort of time × 2²¹ + index (exact below 2⁵³), then the same tie runs.
 */
function sortByTime(items: number[], seconds: Float64Array, tie: (a: number, b: number) => number): void {
  const SHIFT = 2 ** 21;
  let ordered = true;
  for (let k = 1; k < items.length && ordered; k++) ordered = seconds[items[k - 1]!]! <= seconds[items[k]!]!;
  if (!ordered && items.length >= SHIFT) {
    items.sort((a, b) => seconds[a]! - seconds[b]! || tie(a, b));
    return;
  }
  if (!ordered) {
    const keys = new Float64Array(items.length);
    for (let k = 0; k < items.length; k++) keys[k] = seconds[items[k]!]! * SHIFT + items[k]!;
    keys.sort();
    for (let k = 0; k < items.length; k++) items[k] = keys[k]! % SHIFT;
  }
  for (let start = 0; start < items.length;) {
    let end = start + 1;
    while (end < items.length && seconds[items[end]!] === seconds[items[start]!]) end++;
    if (end - start > 1) {
      const run = items.slice(start, end).sort(tie);
      for (let k = 0; k < run.length; k++) items[start + k] = run[k]!;
    }
    start = end;
  }
}

/** A sale whose printed fee differs from the contracted one. */
export interface FeeMismatch {
  readonly index: number;
  readonly printedMinor: number;
  readonly contractedMinor: number;
}

/** Sales (not voided) whose printed fee differs from round_half_up(gross × rate) + fixed, capped. */
export function findFeeMismatches(exp: Expectation, profiles: readonly ProfileRuntime[]): FeeMismatch[] {
  const out: FeeMismatch[] = [];
  const { txns, profileOf, batchOf } = exp;
  for (let i = 0; i < txns.length; i++) {
    const t = txns[i]!;
    if (t.kind !== 'sale' || batchOf[i] === -1 || t.grossMinor <= 0) continue;
    const fee = contractedFee(profiles[profileOf[i]!]!, t.grossMinor, t.cardType);
    if (fee !== null && fee !== t.feeMinor) out.push({ index: i, printedMinor: t.feeMinor, contractedMinor: fee });
  }
  return out;
}
