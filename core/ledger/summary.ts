import type {
  AcquirerTotals,
  ExpectedCredit,
  FeeSeries,
  LagSeries,
  LedgerSummary,
  Notice,
  OutstandingSeries,
  StoredTxn,
} from '../db/schema';
import type { Config } from '../config/types';
import { addDays, dayNumber, isoDate, weekday } from '../model/date';
import type { BankLine } from '../model/types';
import { freshness } from '../reconcile/freshness';
import { tallyOpenAlerts } from '../reconcile/open-alerts';
import { ALERT_KINDS, STATUSES, type AlertKind, type Batch, type Reconciliation, type TxnStatus } from '../reconcile/types';
import { attempt, ok, type Result } from './result';
import type { LedgerState } from './state';
import type { ImportProgress } from './types';

/** Everything {@link summarize} reads besides the reconciliation. */
export interface SummaryContext {
  readonly config: Config;
  readonly txns: readonly StoredTxn[];
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
  ctx: Omit<SummaryContext, 'config' | 'txns' | 'bankLineById'> & { transactionCount: number; bankLineCount: number },
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
  const statusCounts = emptyStatusCounts();
  const txnCountByAcquirer = new Map<string, number>();
  for (const t of recon.report.transactions) {
    statusCounts[t.status]++;
    txnCountByAcquirer.set(t.acquirer, (txnCountByAcquirer.get(t.acquirer) ?? 0) + 1);
  }
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
    transactionCount: recon.report.transactions.length,
    bankLineCount: ctx.bankLineById.size,
    statusCounts,
    openAlertCounts: open.byKind,
    openBySeverity: open.bySeverity,
    alerts: recon.report.alerts,
    acquirers,
    nextCredits,
    lag: lagSeries(recon.batches, creditOf),
    outstanding: outstandingSeries(recon.batches, creditOf, asOf),
    fees: feeSeries(ctx.txns, asOf),
    error: null,
    notices: ctx.notices,
    coverage: recon.report.coverage,
    freshness: freshness(ctx.config, recon.bankCoverage, lastTradeDays(recon.batches), ctx.today),
  };
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
  const byTerminal = new Map<
    string,
    { acquirer: string; terminal: string; gross: number; weeks: Map<string, { fee: number; gross: number }> }
  >();
  for (const t of txns) {
    if (t.kind !== 'sale' || t.voided || !t.terminal) continue;
    const date = t.at.slice(0, 10);
    if (date > asOf) continue;
    const key = `${t.acquirer}\u0000${t.terminal}`;
    let entry = byTerminal.get(key);
    if (!entry) {
      entry = { acquirer: t.acquirer, terminal: t.terminal, gross: 0, weeks: new Map() };
      byTerminal.set(key, entry);
    }
    entry.gross += t.grossMinor;
    const week = weekOf(date);
    const w = entry.weeks.get(week) ?? { fee: 0, gross: 0 };
    w.fee += t.feeMinor;
    w.gross += t.grossMinor;
    entry.weeks.set(week, w);
  }
  return [...byTerminal.values()]
    .sort((a, b) => b.gross - a.gross)
    .slice(0, MAX_TERMINALS)
    .map(e => ({
      acquirer: e.acquirer,
      terminal: e.terminal,
      points: [...e.weeks].sort((a, b) => a[0].localeCompare(b[0])).map(([week, w]) => ({ week, feeMinor: w.fee, grossMinor: w.gross })),
    }));
}

/** The summary handlers. */
export function summaryHandlers(store: LedgerState) {
  return {
    /** Loads the ledger (once) and returns its summary, reconciling it first when none is held. */
    init: (onProgress?: (p: ImportProgress) => void): Promise<Result<LedgerSummary>> =>
      attempt(async () => ok(await store.init(onProgress))),
  };
}
