// Cases: everything behind one alert or some batches — what a merchant needs to decide — with the
// unlinked credits and batches that could settle it, ranked.
import type { StoredDecision } from '../db/schema';
import type { BankLine } from '../model/types';
import type { Alert, Batch, Decision, Link } from '../reconcile/types';
import { dismissalTouches } from '../reconcile/dismissals';
import { bankRow, lineAcquirer, queryIndex, strip, txnRow, type QueryIndex } from './queries';
import { attempt, ok, type Result } from './result';
import type { LedgerState } from './state';
import type { BatchView, CaseDetail } from './types';
import { linkDoubts, type LinkDoubt } from '../reconcile/plausible';
import { compileProfiles } from '../reconcile/profile';

const CASE_TXNS = 300;
/** How many candidates a case offers. */
export const CANDIDATES = 15;

function daysApart(a: string, b: string): number {
  return (Date.parse(b) - Date.parse(a)) / 86_400_000;
}

/** A bank line offered to settle open batches, and how far its amount is from what they owe. */
export interface LineCandidate<L extends BankLine = BankLine> {
  readonly line: L;
  readonly acquirer: string | null;
  readonly deltaMinor: number;
}

/**
 * The unlinked bank credits that could pay some open batches, best first: lines whose text names one of
 * the batches' acquirers, then the closest amount to what they owe together, then the nearest date to
 * the first one's due date. Only credits in the batches' currency that no link uses are offered.
 */
export function rankCandidateLines<L extends BankLine>(
  open: readonly Batch[],
  lines: readonly { readonly line: L; readonly acquirer: string | null }[],
  isLinked: (lineId: string) => boolean,
  limit = CANDIDATES,
): LineCandidate<L>[] {
  if (!open.length) return [];
  const acquirers = new Set(open.map(b => b.acquirer));
  const want = open.reduce((s, b) => s + b.netMinor, 0);
  const due = open[0]!.expectedOn;
  const currency = open[0]!.currency;
  return lines
    .filter(({ line }) => line.amountMinor > 0 && line.currency === currency && !isLinked(line.id))
    .map(({ line, acquirer }) => ({
      line,
      acquirer,
      score: acquirer !== null && acquirers.has(acquirer) ? 0 : 1,
      delta: line.amountMinor - want,
      days: Math.abs(daysApart(line.bookedOn, due)),
    }))
    .sort((x, y) => x.score - y.score || Math.abs(x.delta) - Math.abs(y.delta) || x.days - y.days)
    .slice(0, limit)
    .map(({ line, acquirer, delta }) => ({ line, acquirer, deltaMinor: delta }));
}

/**
 * The unlinked batches an unlinked credit could pay, best first: the closest net to the credit, then the
 * nearest due date to its booking date. Only batches of the acquirer its text names (any, when it names
 * none) in its currency are offered.
 */
export function rankCandidateBatches(
  credit: BankLine,
  acquirer: string | null,
  batches: Iterable<Batch>,
  isLinked: (batchId: string) => boolean,
  limit = CANDIDATES,
): Batch[] {
  return [...batches]
    .filter(b => !isLinked(b.id) && (acquirer === null || b.acquirer === acquirer) && b.currency === credit.currency)
    .sort(
      (x, y) =>
        Math.abs(x.netMinor - credit.amountMinor) - Math.abs(y.netMinor - credit.amountMinor) ||
        Math.abs(daysApart(x.expectedOn, credit.bookedOn)) - Math.abs(daysApart(y.expectedOn, credit.bookedOn)),
    )
    .slice(0, limit);
}

/** True when a transaction of `acquirer` can be one an alert lists (a coverage_gap spanning acquirers names none). */
function ofAlert(alert: Alert, acquirer: string): boolean {
  return alert.acquirer === '' || alert.acquirer === acquirer;
}

function caseOf(store: LedgerState, ix: QueryIndex, alert: Alert | null, batchIds: string[], lineIds: readonly string[]): CaseDetail {
  const batches: BatchView[] = batchIds
    .map(id => ix.batchById.get(id))
    .filter((b): b is Batch => !!b)
    .sort((a, b) => a.expectedOn.localeCompare(b.expectedOn))
    .map(b => ({ ...b, bankLineId: ix.linkOfBatch.get(b.id)?.bankLineId ?? null }));
  const linkSet = new Map<string, Link>();
  for (const b of batches) {
    const l = ix.linkOfBatch.get(b.id);
    if (l) linkSet.set(l.bankLineId, l);
  }
  for (const id of lineIds) {
    const l = ix.linkOfLine.get(id);
    if (l) linkSet.set(id, l);
  }
  const links = [...linkSet.values()].map(link => ({ link, bankLine: strip(store.bankById.get(link.bankLineId)) }));
  const bankLines = lineIds.map(id => strip(store.bankById.get(id))).filter((l): l is BankLine => !!l);

  const txnIdx: number[] = [];
  for (const b of batches) txnIdx.push(...(ix.txnsOfBatch.get(b.id) ?? []));
  if (alert && txnIdx.length === 0 && alert.transactionIds.length) {
    const wanted = new Set(alert.transactionIds);
    for (let i = 0; i < ix.txns.length; i++) if (ofAlert(alert, ix.txns[i]!.acquirer) && wanted.has(ix.txns[i]!.id)) txnIdx.push(i);
  }
  const alertTxns = alert && (alert.kind === 'fee_mismatch' || alert.kind === 'duplicate_charge') ? new Set(alert.transactionIds) : null;
  const ordered = alertTxns
    ? [...txnIdx].sort((a, b) => Number(alertTxns.has(ix.txns[b]!.id)) - Number(alertTxns.has(ix.txns[a]!.id)))
    : txnIdx;
  const txns = ordered.slice(0, CASE_TXNS).map(i => txnRow(ix, i));

  const open = batches.filter(b => b.bankLineId === null);
  const lines = ix.lines.map((line, i) => ({ line, acquirer: ix.lineAcquirer[i] ?? null }));
  const candidateLines = rankCandidateLines(open, lines, id => ix.linkOfLine.has(id)).map(c => ({
    ...bankRow(ix, c.line, c.acquirer),
    deltaMinor: c.deltaMinor,
  }));
  let candidateBatches: BatchView[] = [];
  const unlinkedCredit = bankLines.find(l => l.amountMinor > 0 && !ix.linkOfLine.has(l.id));
  if (unlinkedCredit) {
    const acquirer = lineAcquirer(unlinkedCredit, store.config);
    candidateBatches = rankCandidateBatches(unlinkedCredit, acquirer, ix.batchById.values(), id => ix.linkOfBatch.has(id)).map(b => ({
      ...b,
      bankLineId: null,
    }));
  }
  const touches = (d: Decision) =>
    d.kind === 'dismiss_alert'
      ? alert !== null && dismissalTouches(d, alert)
      : linkSet.has(d.bankLineId) || lineIds.includes(d.bankLineId) || ('batchIds' in d && d.batchIds.some(id => batchIds.includes(id)));
  const decisions: StoredDecision[] = store.decisions
    .filter(d => !d.revokedAt && touches(d.decision))
    .sort((a, b) => b.decision.at.localeCompare(a.decision.at));
  return { alert, batches, links, bankLines, txns, txnTotal: txnIdx.length, candidateLines, candidateBatches, decisions };
}

/** Everything behind an alert: its batches, transactions, links and what could be linked by hand. */
export async function alertDetail(store: LedgerState, alertId: string): Promise<CaseDetail | null> {
  await store.init();
  const alert = store.recon?.report.alerts.find(a => a.id === alertId);
  if (!alert) return null;
  const ix = queryIndex(store);
  const batchIds = new Set<string>();
  const wanted = new Set(alert.transactionIds);
  for (let i = 0; i < ix.txns.length && wanted.size; i++) {
    const t = ix.txns[i]!;
    if (ofAlert(alert, t.acquirer) && wanted.has(t.id)) {
      const b = ix.batchOf[i];
      if (b) batchIds.add(b);
    }
  }
  for (const lineId of alert.bankLineIds) for (const b of ix.linkOfLine.get(lineId)?.batchIds ?? []) batchIds.add(b);
  return caseOf(store, ix, alert, [...batchIds], alert.bankLineIds);
}

/** Everything behind some batches (from "next expected credits", a transaction row, or an alert just resolved). */
export async function batchDetail(store: LedgerState, batchIds: readonly string[]): Promise<CaseDetail | null> {
  await store.init();
  const ix = queryIndex(store);
  const known = batchIds.filter(id => ix.batchById.has(id));
  if (!known.length) return null;
  return caseOf(store, ix, null, known, []);
}

/** Everything behind one bank line: the batches it pays, or, unlinked, the batches it could pay (a manual match). */
async function lineDetail(store: LedgerState, bankLineId: string): Promise<CaseDetail | null> {
  await store.init();
  if (!store.bankById.has(bankLineId)) return null;
  const ix = queryIndex(store);
  return caseOf(store, ix, null, [...(ix.linkOfLine.get(bankLineId)?.batchIds ?? [])], [bankLineId]);
}

/** Why linking a credit to some batches by hand looks wrong (empty when it is plausible), for the screen to ask first. */
async function checkLink(store: LedgerState, bankLineId: string, batchIds: readonly string[]): Promise<LinkDoubt[]> {
  await store.init();
  const line = store.bankById.get(bankLineId);
  if (!line || !store.config) return [];
  const ix = queryIndex(store);
  const batches = batchIds.map(id => ix.batchById.get(id)).filter((b): b is Batch => !!b);
  return linkDoubts(line, batches, compileProfiles(store.config));
}

/** The case handlers. */
export function caseHandlers(store: LedgerState) {
  return {
    lineDetail: (bankLineId: string): Promise<Result<CaseDetail | null>> => attempt(async () => ok(await lineDetail(store, bankLineId))),
    checkLink: (bankLineId: string, batchIds: string[]): Promise<Result<LinkDoubt[]>> =>
      attempt(async () => ok(await checkLink(store, bankLineId, batchIds))),
    alertDetail: (alertId: string): Promise<Result<CaseDetail | null>> => attempt(async () => ok(await alertDetail(store, alertId))),
    batchDetail: (batchIds: string[]): Promise<Result<CaseDetail | null>> => attempt(async () => ok(await batchDetail(store, batchIds))),
  };
}
