// What one case rests on, taken from a reconciliation and the rows it was made from: the case's batches,
// every one of their transactions (never cut to what a screen shows), the bank account's lines around its
// dates, and the files behind them. Pure: the ledger and the command line both call it.
import { addDays } from '../model/date';
import type { AcquirerTxn, BankLine, StatementPeriod } from '../model/types';
import type { Alert, AcquirerRows, Batch, Link, Reconciliation } from '../reconcile/types';
import type { EvidenceBankLine, EvidenceEvent, EvidenceSource, EvidenceTxn } from './types';

/** Calendar days of bank lines shown before the case's first date and after its last. */
export const WINDOW_DAYS = 7;

const LONG_DIGITS = /^\d{12,19}$/;

/** A card number as a pack may print it: a full number keeps its first 6 and last 4 digits; a masked one or a token stays. */
export function maskCard(card: string | null): string | null {
  if (card === null) return null;
  const digits = card.replace(/[\s-]/g, '');
  if (!LONG_DIGITS.test(digits)) return card;
  return digits.slice(0, 6) + '*'.repeat(digits.length - 10) + digits.slice(-4);
}

/** The rows of one case, each with the row it came from (for the file it was read from). */
export interface CaseRows<T extends AcquirerTxn, L extends BankLine> {
  readonly batches: (Batch & { readonly bankLineId: string | null })[];
  readonly links: Link[];
  readonly transactions: EvidenceTxn[];
  readonly txnRows: T[];
  readonly bankLines: EvidenceBankLine[];
  readonly lineRows: L[];
  readonly window: { readonly from: string; readonly to: string; readonly accounts: string[] };
}

/**
 * The case behind an alert: the batches its transactions belong to and those its bank lines pay, all the
 * transactions of those batches (the alert's own when they are in none), and every line of the case's
 * accounts from {@link WINDOW_DAYS} before its first date to as many after its last (all accounts when the
 * case names none: the config does not say which account an acquirer pays into). `acquirers` are the rows
 * exactly as given to the reconciliation that raised the alert.
 */
export function collectCase<T extends AcquirerTxn, L extends BankLine>(
  recon: Reconciliation,
  acquirers: readonly (AcquirerRows & { readonly txns: readonly T[] })[],
  bankLines: readonly L[],
  alert: Alert,
): CaseRows<T, L> {
  const wanted = new Set(alert.transactionIds);
  const listed = new Set(alert.bankLineIds);
  const batchIdx = new Set<number>();
  const linkOfLine = new Map(recon.links.map(l => [l.bankLineId, l]));
  const batchIndexById = new Map(recon.batches.map((b, i) => [b.id, i]));
  const ofAlert = (acquirer: string) => alert.acquirer === '' || alert.acquirer === acquirer;
  let g = 0;
  const alertTxns: number[] = [];
  for (const rows of acquirers) {
    for (const t of rows.txns) {
      if (wanted.has(t.id) && ofAlert(rows.acquirer)) {
        alertTxns.push(g);
        const b = recon.batchIndexOf(g);
        if (b >= 0) batchIdx.add(b);
      }
      g++;
    }
  }
  for (const id of listed) for (const b of linkOfLine.get(id)?.batchIds ?? []) batchIdx.add(batchIndexById.get(b)!);

  const linkOfBatch = new Map<string, Link>();
  for (const l of recon.links) for (const b of l.batchIds) linkOfBatch.set(b, l);
  const batches = [...batchIdx]
    .map(i => recon.batches[i]!)
    .sort((a, b) => a.expectedOn.localeCompare(b.expectedOn) || a.id.localeCompare(b.id))
    .map(b => ({ ...b, bankLineId: linkOfBatch.get(b.id)?.bankLineId ?? null }));
  const links = [...new Set([...batches.map(b => linkOfBatch.get(b.id)), ...[...listed].map(id => linkOfLine.get(id))])].filter(
    (l): l is Link => l !== undefined,
  );

  const transactions: EvidenceTxn[] = [];
  const txnRows: T[] = [];
  const inAlert = new Set(alertTxns);
  g = 0;
  for (const rows of acquirers) {
    for (const t of rows.txns) {
      const b = recon.batchIndexOf(g);
      if ((b >= 0 && batchIdx.has(b)) || (batchIdx.size === 0 && inAlert.has(g))) {
        const r = recon.transactionAt(g);
        txnRows.push(t);
        transactions.push({
          acquirer: rows.acquirer,
          id: t.id,
          kind: t.kind,
          at: t.at,
          merchantId: t.merchantId,
          terminal: t.terminal,
          card: maskCard(t.card),
          grossMinor: t.grossMinor,
          feeMinor: t.feeMinor,
          netMinor: t.netMinor,
          currency: t.currency,
          expectedOn: r.expectedOn,
          status: r.status,
          bankLineIds: r.bankLineIds,
          batchId: b >= 0 ? recon.batches[b]!.id : null,
          payoutId: t.payoutId,
          settlementDate: t.settlementDate,
          inAlert: inAlert.has(g),
        });
      }
      g++;
    }
  }

  // The case's own lines: the ones the alert lists and the credits that pay its batches.
  const own = new Set([...listed, ...links.map(l => l.bankLineId)]);
  const ownLines = bankLines.filter(l => own.has(l.id));
  const dates = [
    ...batches.map(b => b.expectedOn),
    ...ownLines.map(l => l.bookedOn),
    ...(alert.from ? [alert.from] : []),
    ...(alert.to ? [alert.to] : []),
  ].sort();
  const first = dates[0] ?? alert.expectedOn ?? recon.report.asOf;
  const last = dates[dates.length - 1] ?? first;
  const from = addDays(first, -WINDOW_DAYS);
  const to = addDays(last, WINDOW_DAYS);
  const named = alert.kind === 'coverage_gap' && alert.account ? [alert.account] : [...new Set(ownLines.map(l => l.account))];
  const accounts = named.length ? named : [...new Set(bankLines.map(l => l.account))];
  const shown = new Set(accounts);
  const paysOf = new Map(links.map(l => [l.bankLineId, l.batchIds.filter(id => batches.some(b => b.id === id))]));
  const lineRows = bankLines
    .filter(l => own.has(l.id) || (shown.has(l.account) && l.bookedOn >= from && l.bookedOn <= to))
    .sort((a, b) => a.bookedOn.localeCompare(b.bookedOn) || a.line - b.line || a.id.localeCompare(b.id));
  const lines: EvidenceBankLine[] = lineRows.map(l => ({
    id: l.id,
    account: l.account,
    bookedOn: l.bookedOn,
    valueOn: l.valueOn,
    amountMinor: l.amountMinor,
    currency: l.currency,
    balanceMinor: l.balanceMinor ?? null,
    counterparty: l.counterparty,
    description: l.description,
    paysBatchIds: paysOf.get(l.id) ?? [],
    inCase: own.has(l.id),
  }));
  return { batches, links, transactions, txnRows, bankLines: lines, lineRows, window: { from, to, accounts: accounts.sort() } };
}

/** An imported file as the ledger or the command line knows it. */
export interface SourceFile {
  readonly name: string;
  readonly sha256: string;
  readonly role: EvidenceSource['role'];
  readonly format: string;
  readonly periods: readonly StatementPeriod[];
  /** The first and last day the file covers, when known apart from its periods (an export's first and last trade). */
  readonly from?: string | null;
  readonly to?: string | null;
}

/**
 * The files a case rests on: those its transactions and bank lines were read from (`used`), and the bank
 * statements of its accounts whose period meets the window (they show what was, and what was not, credited).
 */
export function caseSources(files: readonly SourceFile[], used: ReadonlySet<string>, window: CaseRows<AcquirerTxn, BankLine>['window']) {
  const accounts = new Set(window.accounts);
  const seen = new Set<string>();
  const out: EvidenceSource[] = [];
  for (const f of files) {
    if (seen.has(f.sha256)) continue;
    const shows = f.periods.filter(p => accounts.has(p.account) && (p.from ?? '') <= window.to && (p.to ?? '9999') >= window.from);
    if (!used.has(f.sha256) && !(f.role === 'bank' && shows.length)) continue;
    seen.add(f.sha256);
    const froms = [f.from, ...f.periods.map(p => p.from)].filter((d): d is string => typeof d === 'string');
    const tos = [f.to, ...f.periods.map(p => p.to)].filter((d): d is string => typeof d === 'string');
    out.push({
      name: f.name,
      sha256: f.sha256,
      role: f.role,
      format: f.format,
      from: froms.sort()[0] ?? null,
      to: tos.sort().pop() ?? null,
    });
  }
  return out.sort((a, b) => a.role.localeCompare(b.role) || a.name.localeCompare(b.name));
}

/** What the data shows happened in the case, in date order: trade days, due dates, credits and their absence. */
export function dataTimeline(
  alert: Alert,
  rows: Pick<CaseRows<AcquirerTxn, BankLine>, 'batches' | 'bankLines'>,
  asOf: string,
): EvidenceEvent[] {
  const out: EvidenceEvent[] = [];
  const ev = (on: string, code: Extract<EvidenceEvent, { by: 'data' }>['code'], amountMinor: number | null, ref: string | null) =>
    out.push({ on, by: 'data', code, amountMinor, ref });
  for (const b of rows.batches) ev(b.tradeDate, 'traded', b.netMinor, b.payoutId);
  for (const b of rows.batches) ev(b.expectedOn, 'due', b.netMinor, b.payoutId);
  const short = alert.kind === 'short_credit' ? new Set(alert.bankLineIds) : new Set<string>();
  for (const l of rows.bankLines) {
    if (l.paysBatchIds.length) ev(l.bookedOn, short.has(l.id) ? 'credited_short' : 'credited', l.amountMinor, l.id);
    else if (alert.kind === 'unknown_credit' && l.inCase) ev(l.bookedOn, 'unknown_credit', l.amountMinor, l.id);
  }
  if (alert.kind === 'missing_credit') ev(asOf, 'not_credited', alert.amountMinor, null);
  if (alert.kind === 'coverage_gap' && alert.from && alert.to)
    out.push({ on: alert.from, by: 'data', code: 'statement_missing', amountMinor: null, ref: alert.account ?? null, until: alert.to });
  return out.sort((a, b) => a.on.localeCompare(b.on));
}
