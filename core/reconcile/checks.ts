import type { Expectation } from './expect';
import { localSeconds } from './expect';
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
  const seconds = new Float64Array(txns.length);
  for (const i of sales) seconds[i] = localSeconds(exp.localAt(i));
  sales.sort((a, b) => seconds[a]! - seconds[b]! || profileOf[a]! - profileOf[b]! || (txns[a]!.id < txns[b]!.id ? -1 : txns[a]!.id > txns[b]!.id ? 1 : 0));

  const last = new Map<string, { at: number; group: number[] }>();
  const groups: number[][] = [];
  let sweep = 0;
  for (const i of sales) {
    const t = txns[i]!;
    const key = `${profileOf[i]}|${t.terminal}|${t.card}|${t.grossMinor}`;
    const prev = last.get(key);
    const at = seconds[i]!;
    if (prev && at - prev.at <= windowSec) {
      if (prev.group.length === 1) groups.push(prev.group);
      prev.group.push(i);
      prev.at = at;
    } else last.set(key, { at, group: [i] });
    // Forget keys that can no longer chain, so memory stays flat over a year of sales.
    if (++sweep % 65_536 === 0) for (const [k, v] of last) if (at - v.at > windowSec) last.delete(k);
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
