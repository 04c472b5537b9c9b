import { codedIssue } from '../messages/index';
import type { BankLine, CoverageHole, ParseIssue, ParseResult, StatementPeriod } from '../model/types';

/**
 * Completes what a bank file says about the days it covers, per spec/reconcile.md ("What settles", coverage):
 * - an account the file has lines for but declares no period for covers its first to last booking date;
 * - a declared period missing one end takes it from the booking dates;
 * - where the statement prints a running balance, a line whose balance does not follow from the previous
 *   line's balance and amount shows that lines are missing between them: the days from the previous line's
 *   booking date (the period's first day for the first line, against the opening balance) to this line's
 *   are a hole in the period;
 * - a footer that does not add up (found by the parser) makes the whole period a hole, unless the balance
 *   jumps already show where the lines are missing.
 * Pure: the file's rows in, the same result with completed periods out (and a warning where the balance
 * column cannot be followed at all).
 */
export function withStatementCoverage(result: ParseResult, fileName: string): ParseResult {
  if (result.role !== 'bank' || result.issues.some(i => i.severity === 'error')) return result;
  if (result.bankLines.length === 0 && result.periods.length === 0) return result;
  const linesOf = new Map<string, BankLine[]>();
  for (const l of result.bankLines) {
    let list = linesOf.get(l.account);
    if (!list) linesOf.set(l.account, (list = []));
    list.push(l);
  }
  const declared = new Map<string, StatementPeriod[]>();
  for (const p of result.periods) {
    let list = declared.get(p.account);
    if (!list) declared.set(p.account, (list = []));
    list.push(p);
  }
  const issues: ParseIssue[] = [];
  const periods: StatementPeriod[] = [];
  for (const account of new Set([...declared.keys(), ...linesOf.keys()])) {
    const lines = linesOf.get(account) ?? [];
    const [first, last] = bookingRange(lines);
    const own = declared.get(account);
    if (!own) {
      if (first !== null)
        periods.push({ account, from: first, to: last, derived: true, file: fileName, ...chainHoles(lines, null, first, issues) });
      continue;
    }
    for (const p of own) {
      const from = p.from ?? first,
        to = p.to ?? last;
      // The running balance is followed only where the file holds one statement of the account: with
      // several, nothing says which lines belong to which.
      const chained = own.length === 1 ? chainHoles(lines, p.openingMinor ?? null, from, issues) : {};
      periods.push({ ...p, from, to, file: fileName, ...mergeHoles(p.holes, chained.holes) });
    }
  }
  return { ...result, periods, issues: issues.length ? [...result.issues, ...issues] : result.issues };
}

function bookingRange(lines: readonly BankLine[]): [string | null, string | null] {
  let first: string | null = null,
    last: string | null = null;
  for (const l of lines) {
    if (first === null || l.bookedOn < first) first = l.bookedOn;
    if (last === null || l.bookedOn > last) last = l.bookedOn;
  }
  return [first, last];
}

/** Balance jumps explain a footer that does not add up: then the footer's whole-period hole goes. */
function mergeHoles(declared: readonly CoverageHole[] | undefined, jumps: readonly CoverageHole[] | undefined): { holes?: CoverageHole[] } {
  if (jumps && jumps.length) return { holes: [...(declared ?? []).filter(h => h.reason !== 'footer_mismatch'), ...jumps] };
  return declared && declared.length ? { holes: [...declared] } : {};
}

/**
 * The holes a running balance shows. Lines are taken day by day in date order (a file may list newest
 * first); within a day the bank's order of printing may differ from the order of booking, so a day's lines
 * are chained by balance (each line's balance less its amount is the balance before it), not by position.
 * Returns no holes, with a warning, when the balance column cannot be followed at all (it then means
 * something else, or the file orders lines in a way this cannot see).
 */
function chainHoles(
  lines: readonly BankLine[],
  opening: number | null,
  periodFrom: string | null,
  issues: ParseIssue[],
): { holes?: CoverageHole[] } {
  if (lines.length === 0 || lines.some(l => l.balanceMinor === null || l.balanceMinor === undefined || l.currency !== lines[0]!.currency))
    return {};
  const days = new Map<string, BankLine[]>();
  for (const l of lines) {
    let list = days.get(l.bookedOn);
    if (!list) days.set(l.bookedOn, (list = []));
    list.push(l);
  }
  const order = [...days.keys()].sort();
  const holes: CoverageHole[] = [];
  let balance = opening;
  let prevDay = periodFrom ?? order[0]!;
  for (const day of order) {
    const left = [...days.get(day)!];
    let consumed = 0;
    while (left.length) {
      if (balance === null) {
        balance = longestChainEnd(left);
        consumed++;
        continue;
      }
      const k = left.findIndex(l => l.balanceMinor! - l.amountMinor === balance);
      if (k >= 0) {
        balance = left[k]!.balanceMinor!;
        left.splice(k, 1);
        consumed++;
        continue;
      }
      // No line follows from the balance so far: lines are missing before the next one that starts a chain.
      const before = balance;
      const start = longestChainStart(left);
      holes.push({
        from: consumed > 0 ? day : prevDay,
        to: day,
        reason: 'balance_jump',
        line: start.line,
        jumpMinor: start.balanceMinor! - start.amountMinor - before,
      });
      balance = null;
    }
    prevDay = day;
  }
  if (holes.length > Math.max(3, order.length / 4)) {
    issues.push(
      codedIssue(lines[0]!.line, '余额 (balance)', 'warning', {
        code: 'balance_unreliable',
        params: { days: holes.length, of: order.length },
      }),
    );
    return {};
  }
  return holes.length ? { holes } : {};
}

/** The line that starts the longest balance chain among `left` (ties: the first printed). */
function longestChainStart(left: readonly BankLine[]): BankLine {
  // Searching every start is quadratic in a day's lines: a day of hundreds of lines takes the first printed.
  if (left.length > 64) return left[0]!;
  let best = left[0]!,
    bestLength = 0;
  for (const start of left) {
    const n = chainFrom(left, start).length;
    if (n > bestLength) {
      best = start;
      bestLength = n;
    }
  }
  return best;
}

/** Takes the longest chain out of `left` and returns the balance after its last line. */
function longestChainEnd(left: BankLine[]): number {
  const chain = chainFrom(left, longestChainStart(left));
  for (const l of chain) left.splice(left.indexOf(l), 1);
  return chain[chain.length - 1]!.balanceMinor!;
}

function chainFrom(left: readonly BankLine[], start: BankLine): BankLine[] {
  const chain = [start];
  const used = new Set([start]);
  let balance = start.balanceMinor!;
  for (;;) {
    const next = left.find(l => !used.has(l) && l.balanceMinor! - l.amountMinor === balance);
    if (!next) return chain;
    chain.push(next);
    used.add(next);
    balance = next.balanceMinor!;
  }
}
