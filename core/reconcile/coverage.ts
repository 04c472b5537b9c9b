import { dayNumber, isoDate, type IsoDate } from '../model/date';
import type { BankLine, CoverageHole, StatementPeriod } from '../model/types';

/** Inclusive runs of day numbers, sorted and disjoint once merged. */
export type DaySpan = readonly [number, number];

/** What the report says of one account's statements (settlewatch.report/1 `coverage`). */
export interface AccountCoverage {
  readonly account: string;
  /** The days its statements cover, as inclusive [from, to] runs. */
  readonly covered: [IsoDate, IsoDate][];
  /** The uncovered runs up to the as-of date that matter: between covered runs, after the last one, and the
   * run before the first covered day when a credit could have been booked in it (from the earliest due date). */
  readonly gaps: [IsoDate, IsoDate][];
  /** Where the statements' own data shows lines are missing (balance jumps, footers, openings), by file. */
  readonly holes: (CoverageHole & { readonly file: string | null })[];
}

/** The days bank statements cover, per spec/reconcile.md: per account, and over all accounts. */
export interface StatementCoverage {
  /** Each account with statements or lines: its covered runs (day numbers) and the holes found. */
  readonly accounts: ReadonlyMap<string, { readonly covered: DaySpan[]; readonly holes: AccountCoverage['holes'] }>;
  /** Days any account covers. */
  readonly covered: DaySpan[];
  /** The default as-of date: each account's latest covered day, the earliest of those; null without bank data. */
  readonly lastCovered: IsoDate | null;
}

/**
 * The days the statements cover. Each statement covers its period (declared, else first to last booking) less
 * the holes its own data shows; an account covers the union of its statements, less the days between two
 * consecutive statements where the later one opens at another balance than the earlier one closed at.
 * An account with lines but no period at all (a caller that did not complete periods) covers its first to
 * last booking date.
 */
export function statementCoverage(lines: readonly BankLine[], periods: readonly StatementPeriod[]): StatementCoverage {
  const range = new Map<string, [IsoDate, IsoDate]>();
  for (const l of lines) {
    const r = range.get(l.account);
    if (!r) range.set(l.account, [l.bookedOn, l.bookedOn]);
    else {
      if (l.bookedOn < r[0]) r[0] = l.bookedOn;
      if (l.bookedOn > r[1]) r[1] = l.bookedOn;
    }
  }
  const byAccount = new Map<string, StatementPeriod[]>();
  for (const p of periods) {
    let list = byAccount.get(p.account);
    if (!list) byAccount.set(p.account, (list = []));
    list.push(p);
  }
  for (const [account, r] of range) if (!byAccount.has(account)) byAccount.set(account, [{ account, from: r[0], to: r[1], derived: true }]);

  const accounts = new Map<string, { covered: DaySpan[]; holes: AccountCoverage['holes'] }>();
  for (const [account, list] of byAccount) {
    const r = range.get(account);
    const spans: DaySpan[] = [];
    const holes: (CoverageHole & { file: string | null })[] = [];
    const statements: { from: number; to: number; p: StatementPeriod }[] = [];
    for (const p of list) {
      const fromText = p.from ?? r?.[0] ?? p.to,
        toText = p.to ?? r?.[1] ?? p.from;
      if (!fromText || !toText) continue;
      const from = dayNumber(fromText),
        to = dayNumber(toText);
      if (Number.isNaN(from) || Number.isNaN(to) || to < from) continue;
      statements.push({ from, to, p });
      const own = (p.holes ?? [])
        .map(h => [dayNumber(h.from), dayNumber(h.to)] as DaySpan)
        .filter(([a, b]) => !Number.isNaN(a) && !Number.isNaN(b));
      spans.push(...subtract([[from, to]], merge(own)));
      for (const h of p.holes ?? []) holes.push({ ...h, file: p.file ?? null });
    }
    // A statement that opens at another balance than the one before it closed at (the day after it): lines
    // are missing from the end of the one or the start of the other.
    statements.sort((a, b) => a.from - b.from || a.to - b.to);
    const between: DaySpan[] = [];
    for (let k = 1; k < statements.length; k++) {
      const a = statements[k - 1]!,
        b = statements[k]!;
      if (b.from > a.to + 1) continue; // the days between are uncovered anyway
      const closing = a.p.closingMinor,
        opening = b.p.openingMinor;
      const skipped = a.p.sequence !== undefined && b.p.sequence !== undefined && b.p.sequence > a.p.sequence + 1;
      if (skipped) {
        // A statement numbered between them is missing: the days where one ends and the next begins may be its.
        const from = Math.min(a.to, b.from),
          to = Math.max(a.to, b.from);
        between.push([from, to]);
        holes.push({ from: isoDate(from), to: isoDate(to), reason: 'sequence_gap', line: 1, file: b.p.file ?? null });
        continue;
      }
      if (
        b.from !== a.to + 1 ||
        closing === null ||
        closing === undefined ||
        opening === null ||
        opening === undefined ||
        closing === opening
      )
        continue;
      between.push([a.to, b.from]);
      holes.push({
        from: isoDate(a.to),
        to: isoDate(b.from),
        reason: 'opening_mismatch',
        line: 1,
        jumpMinor: opening - closing,
        file: b.p.file ?? null,
      });
    }
    accounts.set(account, { covered: subtract(merge(spans), merge(between)), holes });
  }
  const covered = merge([...accounts.values()].flatMap(a => a.covered));
  let last: number | null = null;
  for (const a of accounts.values()) {
    if (!a.covered.length) continue;
    const end = a.covered[a.covered.length - 1]![1];
    if (last === null || end < last) last = end;
  }
  return { accounts, covered, lastCovered: last === null ? null : isoDate(last) };
}

/**
 * The maximal runs of uncovered days up to the as-of date: the run before the first covered day (open at its
 * start), the runs between covered runs, and the run after the last covered day up to `asOf`.
 */
export function uncoveredRuns(covered: readonly DaySpan[], asOf: number): DaySpan[] {
  const runs: DaySpan[] = [];
  let next = -Infinity;
  for (const [from, to] of covered) {
    if (from > asOf) break;
    if (from > next) runs.push([next, from - 1]);
    next = Math.max(next, to + 1);
  }
  if (next <= asOf) runs.push([next, asOf]);
  return runs;
}

/** True when some run of `runs` (sorted, disjoint) meets [from, to]. */
export function meetsRun(runs: readonly DaySpan[], from: number, to: number): boolean {
  // The last run starting on or before `to` is the one that ends latest among those that could meet it.
  let lo = 0,
    hi = runs.length - 1,
    found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (runs[mid]![0] <= to) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found >= 0 && runs[found]![1] >= from;
}

/** Sorted, disjoint, adjacent runs joined. */
export function merge(spans: readonly DaySpan[]): DaySpan[] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [from, to] of sorted) {
    const last = out[out.length - 1];
    if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
  }
  return out;
}

/** `spans` less the days of `minus` (both merged). */
export function subtract(spans: readonly DaySpan[], minus: readonly DaySpan[]): DaySpan[] {
  const out: DaySpan[] = [];
  for (const [from, to] of spans) {
    let start = from;
    for (const [a, b] of minus) {
      if (b < start || a > to) continue;
      if (a > start) out.push([start, a - 1]);
      start = Math.max(start, b + 1);
      if (start > to) break;
    }
    if (start <= to) out.push([start, to]);
  }
  return out;
}

/** Day spans as ISO date pairs (an open start, -Infinity, never reaches here). */
export function isoSpans(spans: readonly DaySpan[]): [IsoDate, IsoDate][] {
  return spans.map(([a, b]) => [isoDate(a), isoDate(b)]);
}
