// Fee mismatches come in incidents: an acquirer files the terminal under another MCC (or applies another
// card's rate) and every sale of those days carries the same wrong rate. One alert per incident, not one per
// sale: on one ledger 86 of 123 alerts were the sales of three incidents.
import type { IsoDate } from '../model/date';
import { isoDate } from '../model/date';
import type { FeeMismatch } from './checks';
import type { TxnIndex } from './expect';
import type { FeeSchedule, ProfileRuntime } from './profile';

/** Sales of one acquirer charged the same wrong rate on consecutive days: one alert. */
export interface FeeIncident {
  readonly profileIndex: number;
  /** Transaction indexes, oldest first. */
  readonly members: readonly number[];
  /** Printed above contracted (a `warning`), else below (`info`): never both in one incident. */
  readonly overcharge: boolean;
  /** The contracted rule's rate as a decimal fraction (`0.0060`), its cap and fixed part. */
  readonly contractedRate: string;
  readonly capMinor: number | null;
  readonly fixedMinor: number;
  /** The simplest decimal rate (`0.0078`) every member's printed fee agrees with; null when none has ≤ 8 decimals. */
  readonly printedRate: string | null;
}

/** An exact fraction n/d (d > 0) in BigInt: fees × 10⁸ overflow a double's integers. */
interface Frac {
  readonly n: bigint;
  readonly d: bigint;
}
const less = (a: Frac, b: Frac): boolean => a.n * b.d < b.n * a.d;

/**
 * The rates r with round_half_up(gross × r) + fixed = printed: [(2p − 1) / 2g, (2p + 1) / 2g) with p the
 * printed fee less the contract's fixed part (MCC jumping changes the rate, not the fixed fee).
 */
function rateSpan(grossMinor: number, printedMinor: number, fixedMinor: number): readonly [Frac, Frac] {
  const p = BigInt(printedMinor - fixedMinor),
    d = 2n * BigInt(grossMinor);
  const lo = 2n * p - 1n;
  return [
    { n: lo < 0n ? 0n : lo, d },
    { n: 2n * p + 1n, d },
  ];
}

/** The decimal with the fewest digits (2 to 8) in [lo, hi), as `0.0078`; null when there is none. */
export function simplestRate(lo: Frac, hi: Frac): string | null {
  for (let digits = 2; digits <= 8; digits++) {
    const scale = 10n ** BigInt(digits);
    const k = (lo.n * scale + lo.d - 1n) / lo.d; // ceil(lo × scale)
    if (k * hi.d < hi.n * scale) return decimal(k, digits);
  }
  return null;
}

function decimal(k: bigint, digits: number): string {
  const s = k.toString().padStart(digits + 1, '0');
  return `${s.slice(0, -digits)}.${s.slice(-digits)}`;
}

/** A contracted rule's rate as a decimal fraction: `0.6%` and `60bp` both read `0.0060`. */
export function rateText(rule: FeeSchedule): string {
  const { num, den } = rule.rate;
  let digits = 0;
  while (10 ** digits % den !== 0 && digits < 12) digits++;
  return decimal((BigInt(num) * 10n ** BigInt(digits)) / BigInt(den), Math.max(digits, 2));
}

/** The rule a sale's contracted fee came from, and its key among the profile's rules. */
function ruleOf(p: ProfileRuntime, cardType: 'debit' | 'credit' | null): { key: string; rule: FeeSchedule } | null {
  const own = cardType ? p.fees.get(cardType) : undefined;
  if (own) return { key: cardType!, rule: own };
  const any = p.fees.get('any');
  return any ? { key: 'any', rule: any } : null;
}

const DAY = 86_400;

/** The transactions the mismatches' indexes point into: the profiles' own arrays (TxnIndex), never a copy. */
export type SaleRows = Pick<TxnIndex, 'txn' | 'profileOf' | 'localSec'>;

/**
 * Groups fee mismatches into incidents: the same acquirer, contracted rule and direction (over or under),
 * a printed rate all members agree with, each sale at most one calendar day after the incident's last one.
 * Sales are taken in time order; a sale joins the first open incident it fits, else opens one. Deterministic:
 * the same sales give the same incidents.
 */
export function groupFeeIncidents(rows: SaleRows, profiles: readonly ProfileRuntime[], found: readonly FeeMismatch[]): FeeIncident[] {
  // Each sale's time and id read once, then sorted (mismatches are few beside the sales: no array over all rows).
  const keyed = found.map(m => ({ m, sec: rows.localSec(m.index), id: rows.txn(m.index).id }));
  keyed.sort((a, b) => a.sec - b.sec || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  interface Open {
    readonly key: string;
    readonly incident: Omit<FeeIncident, 'printedRate'>;
    readonly members: number[];
    lo: Frac;
    hi: Frac;
    lastDay: number;
  }
  const all: Open[] = [];
  const open = new Map<string, Open[]>();
  for (const { m, sec } of keyed) {
    const t = rows.txn(m.index);
    const pi = rows.profileOf(m.index);
    const r = ruleOf(profiles[pi]!, t.cardType);
    if (!r) continue;
    const over = m.printedMinor > m.contractedMinor;
    const key = `${pi}|${r.key}|${over ? '+' : '-'}`;
    const day = Math.floor(sec / DAY);
    const [lo, hi] = rateSpan(t.grossMinor, m.printedMinor, r.rule.fixedMinor);
    const list = (open.get(key) ?? []).filter(o => o.lastDay >= day - 1);
    open.set(key, list);
    const fit = list.find(o => less(lo, o.hi) && less(o.lo, hi));
    if (fit) {
      fit.members.push(m.index);
      if (less(fit.lo, lo)) fit.lo = lo;
      if (less(hi, fit.hi)) fit.hi = hi;
      fit.lastDay = day;
      continue;
    }
    const made: Open = {
      key,
      incident: {
        profileIndex: pi,
        members: [],
        overcharge: over,
        contractedRate: rateText(r.rule),
        capMinor: r.rule.capMinor,
        fixedMinor: r.rule.fixedMinor,
      },
      members: [m.index],
      lo,
      hi,
      lastDay: day,
    };
    list.push(made);
    all.push(made);
  }
  return all.map(o => ({ ...o.incident, members: o.members, printedRate: simplestRate(o.lo, o.hi) }));
}

/** The local calendar date of a transaction (its sale day, before any cutoff moves the trade date). */
export function saleDate(rows: SaleRows, index: number): IsoDate {
  return isoDate(Math.floor(rows.localSec(index) / DAY));
}
