import type { BankLine } from '../model/types';
import type { BatchState } from './expect';
import type { ProfileRuntime } from './profile';
import type { Decision, LinkReason } from './types';

/** A credit the engine may link: a bank line with money in, owned by one or more acquirer profiles. */
export interface Credit {
  readonly index: number;
  readonly line: BankLine;
  readonly day: number;
  readonly owners: readonly number[];
}

/** One link made by the engine or a person: a bank line paying one or more batches. */
export interface LinkState {
  readonly creditIndex: number;
  readonly batches: number[];
  readonly reason: LinkReason;
}

/** Tunables of the matching passes, in business days of the acquirer's calendar. */
/**
 * Words a bank line uses for a correction or a subsidy rather than a settlement (差错调整, 调账, 营销补贴返还,
 * "adjustment"): such a credit is never taken for a short payment of a batch (it may still match exactly or by
 * reference); unexplained, it is an unknown credit for the merchant to ask about.
 */
const ADJUSTMENT = /差错|调账|调整|补贴|返还|冲正|adjustment|correction/i;

function isAdjustment(c: Credit): boolean {
  return ADJUSTMENT.test(c.line.description) || ADJUSTMENT.test(c.line.counterparty);
}

export const WINDOW = {
  /** A credit may come this many business days before E (a bank booking early, a payout date off by one). */
  early: 2,
  /** …and this many after E (late credits). Amounts must still agree exactly. */
  late: 30,
  /** A short credit is linked only when booked within this many business days after E: a credit both
   * late and short is too easily an unrelated adjustment, so it is left for a person (two alerts). */
  shortLate: 0,
  /** Several batches in one credit: batches due within this many business days before the credit. */
  combineBack: 10,
  /** At most this many consecutive due dates are paid together. */
  combineRun: 5,
  /** Subset search: at most this many candidate batches, and this many search nodes. */
  subsetCandidates: 16,
  subsetNodes: 20_000,
  /** A shortfall is plausible up to this share of the expected net (a percentage deduction)… */
  shortShare: 0.05,
  /** …or when it is a round amount (whole currency units) up to this share. */
  shortRoundShare: 0.5,
} as const;

interface Pair {
  credit: number;
  batch: number;
  distance: number;
}

const compareLines = (a: BankLine, b: BankLine): number =>
  a.bookedOn < b.bookedOn
    ? -1
    : a.bookedOn > b.bookedOn
      ? 1
      : a.id < b.id
        ? -1
        : a.id > b.id
          ? 1
          : a.account < b.account
            ? -1
            : a.account > b.account
              ? 1
              : a.amountMinor - b.amountMinor;

/**
 * Links batches to credits in passes, highest fidelity first; each credit and each batch is used at most once:
 * a person's links, references printed on both sides, one batch ↔ one credit of exactly its net (nearest to E),
 * several batches ↔ one credit (same or consecutive due dates, then a bounded subset search), and a credit
 * short of the one plausible batch group due that day; k short credits that could each pay the same k batches,
 * paired in order of size. Deterministic and independent of input order.
 */
export function matchCredits(
  batches: readonly BatchState[],
  credits: readonly Credit[],
  profiles: readonly ProfileRuntime[],
  decisions: readonly Decision[],
): LinkState[] {
  const links: LinkState[] = [];
  const creditUsed = new Uint8Array(credits.length);
  const batchPaid = new Uint8Array(batches.length);
  const batchById = new Map(batches.map((b, i) => [b.id, i]));
  const creditById = new Map<string, number>();
  credits.forEach((c, i) => {
    if (!creditById.has(c.line.id)) creditById.set(c.line.id, i);
  });

  const distance = (b: BatchState, c: Credit) => {
    const p = profiles[b.profileIndex]!;
    return p.bizIndex(c.day) - p.bizIndex(b.expectedDay);
  };
  const link = (ci: number, bis: number[], pass: LinkReason['pass'], referenceHit: string | null = null) => {
    const c = credits[ci]!;
    creditUsed[ci] = 1;
    let expected = 0;
    for (const bi of bis) {
      batchPaid[bi] = 1;
      expected += batches[bi]!.netMinor;
    }
    const first = bis.reduce((a, bi) => (batches[bi]!.expectedDay < batches[a]!.expectedDay ? bi : a), bis[0]!);
    links.push({
      creditIndex: ci,
      batches: [...bis].sort((x, y) => (batches[x]!.id < batches[y]!.id ? -1 : 1)),
      reason: { pass, amountDeltaMinor: c.line.amountMinor - expected, dateDeltaBusinessDays: distance(batches[first]!, c), referenceHit },
    });
  };

  // Pass 0: a person's decisions always win. An unlinked credit is kept away from the engine.
  const forbidden = new Set<number>();
  for (const d of latestDecisions(decisions)) {
    const ci = creditById.get(d.bankLineId);
    if (ci === undefined) continue;
    if (d.kind === 'unlink') {
      forbidden.add(ci);
      continue;
    }
    const bis = d.batchIds.map(id => batchById.get(id)).filter((b): b is number => b !== undefined && !batchPaid[b]);
    if (creditUsed[ci] || bis.length === 0) continue;
    link(ci, bis, d.kind === 'manual_link' ? 'manual' : 'confirmed');
  }
  const open = (ci: number) => !creditUsed[ci] && !forbidden.has(ci);

  const order = credits.map((_, i) => i).sort((a, b) => compareLines(credits[a]!.line, credits[b]!.line));
  const byProfile = new Map<number, number[]>();
  batches.forEach((b, i) => {
    let list = byProfile.get(b.profileIndex);
    if (!list) byProfile.set(b.profileIndex, (list = []));
    list.push(i);
  });
  for (const list of byProfile.values())
    list.sort((x, y) => batches[x]!.expectedDay - batches[y]!.expectedDay || (batches[x]!.id < batches[y]!.id ? -1 : 1));

  // Pass 1: payout ids printed in the bank text (Stripe po_…, Adyen batch numbers, PayPal bank references).
  const byPayout = new Map<string, number>();
  batches.forEach((b, i) => {
    if (b.payoutId && b.payoutId.length >= 6) byPayout.set(b.payoutId.toLowerCase(), i);
  });
  if (byPayout.size > 0) {
    for (const ci of order) {
      if (!open(ci)) continue;
      const c = credits[ci]!;
      const tokens = `${c.line.description} ${c.line.counterparty}`.toLowerCase().split(/[^a-z0-9_\-]+/);
      const hits = [
        ...new Set(
          tokens
            .map(t => byPayout.get(t))
            .filter((b): b is number => b !== undefined && !batchPaid[b] && c.owners.includes(batches[b]!.profileIndex)),
        ),
      ];
      if (hits.length) link(ci, hits, 'reference', batches[hits[0]!]!.payoutId);
    }
  }

  // Pass 2: one batch ↔ one credit of exactly its net; all candidate pairs ranked by distance from E.
  const byAmount = new Map<number, number[]>();
  batches.forEach((b, i) => {
    if (batchPaid[i] || b.netMinor <= 0) return;
    let list = byAmount.get(b.netMinor);
    if (!list) byAmount.set(b.netMinor, (list = []));
    list.push(i);
  });
  const pairs: Pair[] = [];
  for (const ci of order) {
    if (!open(ci)) continue;
    const c = credits[ci]!;
    for (const bi of byAmount.get(c.line.amountMinor) ?? []) {
      const b = batches[bi]!;
      if (!c.owners.includes(b.profileIndex)) continue;
      const d = distance(b, c);
      if (d < -WINDOW.early || d > WINDOW.late) continue;
      pairs.push({ credit: ci, batch: bi, distance: d < 0 ? -2 * d : d });
    }
  }
  pairs.sort(
    (x, y) =>
      x.distance - y.distance ||
      compareLines(credits[x.credit]!.line, credits[y.credit]!.line) ||
      (batches[x.batch]!.id < batches[y.batch]!.id ? -1 : 1),
  );
  for (const pr of pairs) if (open(pr.credit) && !batchPaid[pr.batch]) link(pr.credit, [pr.batch], 'exact');

  // Pass 3: several batches ↔ one credit.
  for (const ci of order) {
    if (!open(ci)) continue;
    const c = credits[ci]!;
    for (const pi of c.owners) {
      const found = combination(c, byProfile.get(pi) ?? [], pi);
      if (found) {
        link(ci, found, 'combined');
        break;
      }
    }
  }

  // Pass 4: a credit short of the one plausible batch group due that day.
  for (const ci of order) {
    if (!open(ci)) continue;
    const c = credits[ci]!;
    const found: number[][] = [];
    for (const pi of c.owners) {
      const s = shortCandidate(c, byProfile.get(pi) ?? [], pi);
      if (s) found.push(s);
    }
    if (found.length === 1) link(ci, found[0]!, 'short');
  }

  // Pass 5: k short credits of one acquirer that could each pay any of the same k batches (ChinaUMS pays each
  // trade date's batch apart; two of them short on one day). The amounts cannot tell which is which, so they
  // are paired in order of size, which keeps every shortfall as small as it can be; leaving them unlinked would
  // call money that arrived "missing".
  const ambiguous = new Map<string, { credits: number[]; batches: number[] }>();
  for (const ci of order) {
    if (!open(ci)) continue;
    const c = credits[ci]!;
    if (c.owners.length !== 1 || isAdjustment(c)) continue;
    const pi = c.owners[0]!;
    const cands = unpaidNear(c, byProfile.get(pi) ?? [], pi, WINDOW.shortLate, 0)
      .filter(bi => batches[bi]!.expectedDay <= c.day && shortTier(batches[bi]!.netMinor, c.line.amountMinor) > 0)
      .sort((a, b) => a - b);
    if (cands.length < 2) continue;
    const key = `${pi}|${cands.join(',')}`;
    const entry = ambiguous.get(key) ?? { credits: [], batches: cands };
    entry.credits.push(ci);
    ambiguous.set(key, entry);
  }
  for (const { credits: cs, batches: bs } of ambiguous.values()) {
    if (cs.length !== bs.length) continue;
    const byId = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
    const byCredit = [...cs].sort(
      (a, b) => credits[b]!.line.amountMinor - credits[a]!.line.amountMinor || byId(credits[a]!.line.id, credits[b]!.line.id),
    );
    const byNet = [...bs].sort((a, b) => batches[b]!.netMinor - batches[a]!.netMinor || byId(batches[a]!.id, batches[b]!.id));
    if (byCredit.every((ci, k) => shortTier(batches[byNet[k]!]!.netMinor, credits[ci]!.line.amountMinor) > 0)) {
      byCredit.forEach((ci, k) => link(ci, [byNet[k]!], 'short'));
    }
  }
  return links;

  function unpaidNear(c: Credit, list: readonly number[], pi: number, back: number, ahead: number): number[] {
    const p = profiles[pi]!;
    const at = p.bizIndex(c.day);
    return list.filter(bi => {
      if (batchPaid[bi]) return false;
      const b = batches[bi]!;
      if (b.netMinor === 0) return false;
      const d = at - p.bizIndex(b.expectedDay);
      return d >= -ahead && d <= back;
    });
  }

  /** Groups of unpaid batches sharing a due date, in due-date order. */
  function dueGroups(cands: readonly number[]): number[][] {
    const groups: number[][] = [];
    for (const bi of cands) {
      const last = groups[groups.length - 1];
      if (last && batches[last[0]!]!.expectedDay === batches[bi]!.expectedDay) last.push(bi);
      else groups.push([bi]);
    }
    return groups;
  }

  function combination(c: Credit, list: readonly number[], pi: number): number[] | null {
    const target = c.line.amountMinor;
    const cands = unpaidNear(c, list, pi, WINDOW.combineBack, WINDOW.early);
    if (cands.length < 2) return null;
    const sum = (bis: readonly number[]) => bis.reduce((s, bi) => s + batches[bi]!.netMinor, 0);
    const groups = dueGroups(cands);
    // (a) every unpaid batch due on one date (Lakala paying Friday–Sunday on Monday); nearest date first.
    const byNearness = groups
      .map((g, k) => ({ g, k, d: Math.abs(profiles[pi]!.bizIndex(c.day) - profiles[pi]!.bizIndex(batches[g[0]!]!.expectedDay)) }))
      .sort((x, y) => x.d - y.d || x.k - y.k);
    for (const { g } of byNearness) if (g.length > 1 && sum(g) === target) return g;
    // (b) consecutive due dates paid together (a late batch caught up with the next one).
    for (let len = 2; len <= WINDOW.combineRun; len++) {
      for (let start = groups.length - len; start >= 0; start--) {
        const run = groups.slice(start, start + len).flat();
        if (sum(run) === target) return run;
      }
    }
    // (c) a bounded subset search over the batches due nearest the credit; smallest subsets first.
    const near = [...cands]
      .sort(
        (x, y) =>
          Math.abs(batches[x]!.expectedDay - c.day) - Math.abs(batches[y]!.expectedDay - c.day) ||
          (batches[x]!.id < batches[y]!.id ? -1 : 1),
      )
      .slice(0, WINDOW.subsetCandidates)
      .sort((x, y) => batches[x]!.expectedDay - batches[y]!.expectedDay || (batches[x]!.id < batches[y]!.id ? -1 : 1));
    let nodes = 0;
    for (let size = 2; size <= Math.min(near.length, 6); size++) {
      const pick: number[] = [];
      const search = (from: number, remaining: number): boolean => {
        if (++nodes > WINDOW.subsetNodes) return false;
        if (pick.length === size) return remaining === 0;
        for (let k = from; k <= near.length - (size - pick.length); k++) {
          pick.push(near[k]!);
          if (search(k + 1, remaining - batches[near[k]!]!.netMinor)) return true;
          pick.pop();
        }
        return false;
      };
      if (search(0, target)) return [...pick];
      if (nodes > WINDOW.subsetNodes) break;
    }
    return null;
  }

  /** How plausible a shortfall is: 1 a percentage deduction (≤ 5 %), 2 a round withholding, 0 not at all. */
  function shortTier(expected: number, credit: number): 0 | 1 | 2 {
    if (credit <= 0 || credit >= expected) return 0;
    const shortfall = expected - credit;
    // One minor unit of slack: a deduction of 5 % is rounded to the minor unit.
    if (shortfall <= expected * WINDOW.shortShare + 1) return 1;
    // A withholding is a round sum (whole currency units), possibly a large share of a small batch.
    return shortfall % 100 === 0 && shortfall <= expected * WINDOW.shortRoundShare ? 2 : 0;
  }

  function shortCandidate(c: Credit, list: readonly number[], pi: number): number[] | null {
    if (isAdjustment(c)) return null;
    const cands = unpaidNear(c, list, pi, WINDOW.shortLate, 0).filter(bi => batches[bi]!.expectedDay <= c.day);
    const credit = c.line.amountMinor;
    const groups = dueGroups(cands);
    const sum = (bis: readonly number[]) => bis.reduce((s, bi) => s + batches[bi]!.netMinor, 0);
    // The likelier explanation first: a percentage deduction before a round withholding; at each level the
    // whole group due that day (Lakala pays it as one) before a single batch of it (ChinaUMS pays each).
    for (const tier of [1, 2] as const) {
      const whole = groups.filter(g => shortTier(sum(g), credit) === tier);
      if (whole.length === 1) return whole[0]!;
      if (whole.length > 1) return null;
      const single = cands.filter(bi => shortTier(batches[bi]!.netMinor, credit) === tier);
      if (single.length === 1) return single;
      if (single.length > 1) return null;
    }
    return null;
  }
}

/** The decisions that still stand: for each bank line the latest link decision, in time order. */
function latestDecisions(decisions: readonly Decision[]): Exclude<Decision, { kind: 'dismiss_alert' }>[] {
  const latest = new Map<string, Exclude<Decision, { kind: 'dismiss_alert' }>>();
  const sorted = [...decisions].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  for (const d of sorted) if (d.kind !== 'dismiss_alert') latest.set(d.bankLineId, d);
  return [...latest.values()].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.bankLineId < b.bankLineId ? -1 : 1));
}
