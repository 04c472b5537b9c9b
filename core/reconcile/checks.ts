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
  const sales: number[] = [];
  for (let i = 0; i < txns.length; i++) {
    const t = txns[i]!;
    if (t.kind === 'sale') { if (t.terminal && t.card && t.grossMinor > 0) sales.push(i); }
    else if (t.originalId && (t.kind === 'refund' || t.kind === 'void' || t.kind === 'chargeback')) cancelled.add(profileOf[i] + '|' + t.originalId);
  }
  const seconds = exp.localSec;
  sortByTime(sales, seconds, (a, b) => profileOf[a]! - profileOf[b]! || (txns[a]!.id < txns[b]!.id ? -1 : txns[a]!.id > txns[b]!.id ? 1 : 0));

  // Sales of the last few minutes by gross amount (a number: cheap to hash); the few with the same gross
  // are compared by terminal and card. Older entries are dropped as time moves on.
  interface Entry { readonly i: number; at: number; group: number[]; gone: boolean }
  const recent = new Map<number, Entry[]>();
  const queue: Entry[] = [];
  let head = 0;
  const groups: number[][] = [];
  for (const i of sales) {
    const t = txns[i]!;
    const at = seconds[i]!;
    while (head < queue.length && at - queue[head]!.at > windowSec) {
      const old = queue[head++]!;
      if (old.gone || at - old.at <= windowSec) continue;
      old.gone = true;
      const list = recent.get(txns[old.i]!.grossMinor)!;
      list.splice(list.indexOf(old), 1);
      if (list.length === 0) recent.delete(txns[old.i]!.grossMinor);
    }
    if (head > 65_536) { queue.splice(0, head); head = 0; }
    let list = recent.get(t.grossMinor);
    const prev = list?.find(e => profileOf[e.i] === profileOf[i] && txns[e.i]!.terminal === t.terminal && txns[e.i]!.card === t.card);
    if (prev && at - prev.at <= windowSec) {
      if (prev.group.length === 1) groups.push(prev.group);
      prev.group.push(i);
      prev.at = at;
      queue.push(prev);
      continue;
    }
    if (prev) { prev.gone = true; list!.splice(list!.indexOf(prev), 1); }
    const entry: Entry = { i, at, group: [i], gone: false };
    if (!list) recent.set(t.grossMinor, (list = []));
    list.push(entry);
    queue.push(entry);
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
 * Sorts transaction indexes by time, ties broken by `tie`: a numeric typed-array sort of
 * time × 2²¹ + index (exact below 2⁵³), then only the rare runs of equal times sorted by `tie`.
 */
function sortByTime(items: number[], seconds: Float64Array, tie: (a: number, b: number) => number): void {
  const SHIFT = 2 ** 21;
  if (items.length >= SHIFT) { items.sort((a, b) => seconds[a]! - seconds[b]! || tie(a, b)); return; }
  const keys = new Float64Array(items.length);
  for (let k = 0; k < items.length; k++) keys[k] = seconds[items[k]!]! * SHIFT + items[k]!;
  keys.sort();
  for (let k = 0; k < items.length; k++) items[k] = keys[k]! % SHIFT;
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
