import type {
  AcquirerTotals,
  ExpectedCredit,
  FeeSeries,
  LagSeries,
  LedgerSummary,
  Notice,
  OutstandingSeries,
  StoredTxn,
  SummaryAlert,
} from '../db/schema';
import type { Config } from '../config/types';
import { addDays, dayNumber, isoDate, weekday } from '../model/date';
import type { BankLine } from '../model/types';
import { freshness } from '../reconcile/freshness';
import { tallyOpenAlerts } from '../reconcile/open-alerts';
import { ALERT_KINDS, STATUSES, type Alert, type AlertKind, type Batch, type Reconciliation, type TxnStatus } from '../reconcile/types';
import { attempt, ok, type Result } from './result';
import type { LedgerState } from './state';
import type { ImportProgress } from './types';

/** Everything {@link summarize} reads besides the reconciliation. */
export interface SummaryContext {
  readonly config: Config;
  /** The fee chart's series at an as-of date (FeeTotals.series over the reconciled transactions). */
  readonly fees: (asOf: string) => FeeSeries[];
  readonly bankLineById: ReadonlyMap<string, BankLine>;
  readonly revision: number;
  readonly computedAt: string;
  readonly today: string;
  readonly requestedAsOf: string | null;
  readonly notices: readonly Notice[];
}

const MAX_POINTS = 400;
const MAX_TERMINALS = 8;

/** Zeroed counts for every status. */
export function emptyStatusCounts(): Record<TxnStatus, number> {
  return Object.fromEntries(STATUSES.map(s => [s, 0])) as Record<TxnStatus, number>;
}

/** Zeroed counts for every alert kind. */
export function emptyAlertCounts(): Record<AlertKind, number> {
  return Object.fromEntries(ALERT_KINDS.map(k => [k, 0])) as Record<AlertKind, number>;
}

/** A summary that says why there is nothing to show (no config yet, engine failure). */
export function failedSummary(
  ctx: Omit<SummaryContext, 'config' | 'fees' | 'bankLineById'> & { transactionCount: number; bankLineCount: number },
  error: string,
): LedgerSummary {
  return {
    key: 'current',
    revision: ctx.revision,
    computedAt: ctx.computedAt,
    requestedAsOf: ctx.requestedAsOf,
    today: ctx.today,
    asOf: null,
    bankCoverage: null,
    transactionCount: ctx.transactionCount,
    bankLineCount: ctx.bankLineCount,
    statusCounts: emptyStatusCounts(),
    openAlertCounts: emptyAlertCounts(),
    openBySeverity: { info: 0, warning: 0, critical: 0 },
    alerts: [],
    acquirers: [],
    nextCredits: [],
    lag: [],
    outstanding: [],
    fees: [],
    error,
    notices: ctx.notices,
    coverage: [],
    freshness: null,
  };
}

/** Turns a reconciliation into what the overview, alerts and charts show. Pure. */
export function summarize(recon: Reconciliation, ctx: SummaryContext): LedgerSummary {
  const asOf = recon.report.asOf;
  const statusCounts = { ...emptyStatusCounts(), ...recon.statusCounts };
  const txnCountByAcquirer = recon.transactionCountByAcquirer;
  const open = tallyOpenAlerts(recon.report.alerts);

  const creditOf = new Map<string, BankLine>();
  for (const link of recon.links) {
    const line = ctx.bankLineById.get(link.bankLineId);
    if (line) for (const b of link.batchIds) creditOf.set(b, line);
  }

  const batchAcquirer = new Map(recon.batches.map(b => [b.id, b.acquirer]));
  const acquirers: AcquirerTotals[] = ctx.config.acquirers.map(profile => {
    let expectedMinor = 0,
      outstandingMinor = 0,
      overdueMinor = 0;
    for (const b of recon.batches) {
      if (b.acquirer !== profile.id) continue;
      expectedMinor += b.netMinor;
      if (!creditOf.has(b.id)) {
        outstandingMinor += b.netMinor;
        // Past due, unless a statement that could show its credit is missing (unverifiable is not overdue).
        if (b.expectedOn < asOf && !recon.uncovered.some(([, to]) => to >= b.expectedOn)) overdueMinor += b.netMinor;
      }
    }
    let creditedMinor = 0;
    for (const link of recon.links) {
      if (link.batchIds.some(id => batchAcquirer.get(id) === profile.id))
        creditedMinor += ctx.bankLineById.get(link.bankLineId)?.amountMinor ?? 0;
    }
    return {
      id: profile.id,
      name: profile.name,
      currency: profile.currency,
      transactionCount: txnCountByAcquirer.get(profile.id) ?? 0,
      expectedMinor,
      creditedMinor,
      outstandingMinor,
      overdueMinor,
    };
  });

  const nextCredits: ExpectedCredit[] = recon.batches
    .filter(b => !creditOf.has(b.id) && b.expectedOn >= asOf)
    .sort((a, b) => a.expectedOn.localeCompare(b.expectedOn) || a.acquirer.localeCompare(b.acquirer))
    .slice(0, 8)
    .map(b => ({
      batchId: b.id,
      acquirer: b.acquirer,
      expectedOn: b.expectedOn,
      netMinor: b.netMinor,
      currency: b.currency,
      transactionCount: b.transactionCount,
    }));

  return {
    key: 'current',
    revision: ctx.revision,
    computedAt: ctx.computedAt,
    requestedAsOf: ctx.requestedAsOf,
    today: ctx.today,
    asOf,
    bankCoverage: recon.bankCoverage,
    transactionCount: recon.transactionCount,
    bankLineCount: ctx.bankLineById.size,
    statusCounts,
    openAlertCounts: open.byKind,
    openBySeverity: open.bySeverity,
    alerts: recon.report.alerts.map(summaryAlert),
    acquirers,
    nextCredits,
    lag: lagSeries(recon.batches, creditOf),
    outstanding: outstandingSeries(recon.batches, creditOf, asOf),
    fees: ctx.fees(asOf),
    error: null,
    notices: ctx.notices,
    coverage: recon.report.coverage,
    freshness: freshness(ctx.config, recon.bankCoverage, lastTradeDays(recon.batches), ctx.today),
  };
}

/** An alert without the transactions it names, for the summary. */
export function summaryAlert(alert: Alert): SummaryAlert {
  const { transactionIds: _transactionIds, ...rest } = alert;
  return rest;
}

/** The last trade day each acquirer's imported exports hold. */
function lastTradeDays(batches: readonly Batch[]): Map<string, string> {
  const last = new Map<string, string>();
  for (const b of batches) if (b.tradeDate > (last.get(b.acquirer) ?? '')) last.set(b.acquirer, b.tradeDate);
  return last;
}

/** Calendar days from trade date to the booking of the credit, per acquirer. */
export function lagSeries(batches: readonly Batch[], creditOf: ReadonlyMap<string, BankLine>): LagSeries[] {
  const byAcquirer = new Map<string, Map<number, number>>();
  for (const b of batches) {
    const line = creditOf.get(b.id);
    if (!line) continue;
    const days = dayNumber(line.bookedOn) - dayNumber(b.tradeDate);
    if (!Number.isFinite(days)) continue;
    const counts = byAcquirer.get(b.acquirer) ?? new Map<number, number>();
    counts.set(days, (counts.get(days) ?? 0) + 1);
    byAcquirer.set(b.acquirer, counts);
  }
  return [...byAcquirer].map(([acquirer, counts]) => ({
    acquirer,
    counts: [...counts].sort((a, b) => a[0] - b[0]).map(([days, n]) => ({ days, batches: n })),
  }));
}

/**
 * Net due and not yet credited at the end of each day, per currency: a batch counts from its
 * expected date until the day its credit is booked (or the as-of date when none is linked).
 */
export function outstandingSeries(batches: readonly Batch[], creditOf: ReadonlyMap<string, BankLine>, asOf: string): OutstandingSeries[] {
  const end = dayNumber(asOf);
  const byCurrency = new Map<string, Map<number, number>>();
  let start = end;
  for (const b of batches) {
    const from = dayNumber(b.expectedOn);
    if (!Number.isFinite(from) || from > end) continue;
    const line = creditOf.get(b.id);
    const to = line ? dayNumber(line.bookedOn) : end + 1;
    if (!(to > from)) continue;
    start = Math.min(start, from);
    const delta = byCurrency.get(b.currency) ?? new Map<number, number>();
    delta.set(from, (delta.get(from) ?? 0) + b.netMinor);
    if (to <= end) delta.set(to, (delta.get(to) ?? 0) - b.netMinor);
    byCurrency.set(b.currency, delta);
  }
  const step = Math.max(1, Math.ceil((end - start + 1) / MAX_POINTS));
  return [...byCurrency].map(([currency, delta]) => {
    const points: { date: string; minor: number }[] = [];
    let running = 0;
    for (let d = start; d <= end; d++) {
      running += delta.get(d) ?? 0;
      if ((end - d) % step === 0) points.push({ date: isoDate(d), minor: running });
    }
    return { currency, points };
  });
}

const weeks = new Map<string, string>();

/** Monday of the week a date falls in. */
export function weekOf(date: string): string {
  let week = weeks.get(date);
  if (week === undefined) {
    week = addDays(date, -((weekday(date) + 6) % 7));
    if (weeks.size < 50_000) weeks.set(date, week);
  }
  return week;
}

/** Fees and gross of sales per terminal and week, for the busiest terminals, up to the as-of date. */
export function feeSeries(txns: readonly StoredTxn[], asOf: string): FeeSeries[] {
  const totals = new FeeTotals();
  totals.add(txns);
  return totals.series(asOf);
}

/** What {@link FeeTotals} hold: per terminal, per day its fee, gross and first row. */
export interface FeeTotalsSnapshot {
  readonly rows: number;
  readonly terminals: readonly {
    readonly acquirer: string;
    readonly terminal: string;
    readonly days: readonly (readonly [date: string, fee: number, gross: number, first: number])[];
  }[];
}

/**
 * Fees and gross of sales per terminal and day, added up as rows arrive, so the fee chart after an import
 * costs the terminals and days, not the transactions. {@link series} is {@link feeSeries} of every row added.
 */
export class FeeTotals {
  /** The last series made and its as-of date: a decision or an undo asks again with no row added. Dropped by {@link add}. */
  private last: { readonly asOf: string; readonly series: FeeSeries[] } | null = null;
  private readonly terminals = new Map<
    string,
    { acquirer: string; terminal: string; days: Map<string, { fee: number; gross: number; first: number }> }
  >();
  private rows = 0;

  /** What the totals hold, structured-cloneable (the ledger image stores it: a reopen need not add every row again). */
  snapshot(): FeeTotalsSnapshot {
    return {
      rows: this.rows,
      terminals: [...this.terminals.values()].map(e => ({
        acquirer: e.acquirer,
        terminal: e.terminal,
        days: [...e.days].map(([date, d]) => [date, d.fee, d.gross, d.first] as const),
      })),
    };
  }

  /** The totals a snapshot holds. */
  static restore(snap: FeeTotalsSnapshot): FeeTotals {
    if (!Number.isInteger(snap?.rows) || !Array.isArray(snap.terminals as unknown)) throw new Error('fee totals: not a snapshot');
    const totals = new FeeTotals();
    totals.rows = snap.rows;
    for (const e of snap.terminals)
      totals.terminals.set(`${e.acquirer}\u0000${e.terminal}`, {
        acquirer: e.acquirer,
        terminal: e.terminal,
        days: new Map(e.days.map(([date, fee, gross, first]) => [date, { fee, gross, first }])),
      });
    return totals;
  }

  /** Adds rows (in the order the ledger holds them). */
  add(txns: readonly StoredTxn[]): void {
    for (const t of txns) {
      const n = this.rows++;
      if (t.kind !== 'sale' || t.voided || !t.terminal) continue;
      const key = `${t.acquirer}\u0000${t.terminal}`;
      let entry = this.terminals.get(key);
      if (!entry) this.terminals.set(key, (entry = { acquirer: t.acquirer, terminal: t.terminal, days: new Map() }));
      const date = t.at.slice(0, 10);
      const d = entry.days.get(date);
      if (d) {
        d.fee += t.feeMinor;
        d.gross += t.grossMinor;
      } else entry.days.set(date, { fee: t.feeMinor, gross: t.grossMinor, first: n });
    }
    if (txns.length) this.last = null;
  }

  /** The busiest terminals' weekly fees and gross up to the as-of date. */
  series(asOf: string): FeeSeries[] {
    if (this.last?.asOf !== asOf) this.last = { asOf, series: this.compute(asOf) };
    return this.last.series;
  }

  private compute(asOf: string): FeeSeries[] {
    const shown: {
      acquirer: string;
      terminal: string;
      gross: number;
      first: number;
      weeks: Map<string, { fee: number; gross: number }>;
    }[] = [];
    for (const e of this.terminals.values()) {
      let gross = 0,
        first = Infinity;
      const weeks = new Map<string, { fee: number; gross: number }>();
      for (const [date, d] of e.days) {
        if (date > asOf) continue;
        gross += d.gross;
        first = Math.min(first, d.first);
        const week = weekOf(date);
        const w = weeks.get(week);
        if (w) {
          w.fee += d.fee;
          w.gross += d.gross;
        } else weeks.set(week, { fee: d.fee, gross: d.gross });
      }
      if (first !== Infinity) shown.push({ acquirer: e.acquirer, terminal: e.terminal, gross, first, weeks });
    }
    // Equal gross: the terminal whose first sale up to the as-of date came first (the order rows were read in).
    return shown
      .sort((a, b) => b.gross - a.gross || a.first - b.first)
      .slice(0, MAX_TERMINALS)
      .map(e => ({
        acquirer: e.acquirer,
        terminal: e.terminal,
        points: [...e.weeks].sort((a, b) => a[0].localeCompare(b[0])).map(([week, w]) => ({ week, feeMinor: w.fee, grossMinor: w.gross })),
      }));
  }
}

/** The summary handlers. */
export function summaryHandlers(store: LedgerState) {
  return {
    /** Loads the ledger (once) and returns its summary, reconciling it first when none is held. */
    init: (onProgress?: (p: ImportProgress) => void): Promise<Result<LedgerSummary>> =>
      attempt(async () => ok(await store.init(onProgress))),
  };
}
