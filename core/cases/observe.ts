// What a reconciliation says about cases: each alert's subject, and for a case's subject the alert on it
// now, the credits linked to its batches and whether they owe anything more. Built once per
// reconciliation, then asked per case.
import type { BankLine } from '../model/types';
import { ALERT_KINDS, type Alert, type Batch, type Link, type Reconciliation, type Severity } from '../reconcile/types';
import type { CaseObservation, ObservedCredit } from './model';
import { batchSubjectKey, sameSubject, subjectOf } from './subject';
import { FAMILY_OF, type CaseSubject } from './types';

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { critical: 0, warning: 1, info: 2 };
const KIND_RANK = Object.fromEntries(ALERT_KINDS.map((k, i) => [k, i])) as Record<Alert['kind'], number>;

/** A reconciliation indexed for cases. */
export interface CaseIndex {
  /** The batches an alert is about: its transactions' batches, else the batches its bank lines pay. */
  batchesOf(alert: Alert): Batch[];
  /** An alert's subject. */
  subjectOfAlert(alert: Alert): CaseSubject;
  /** The batches of a subject's keys (credit and coverage cases). */
  batchesOfSubject(subject: CaseSubject): Batch[];
  /** The alerts on a subject, the most severe first. */
  alertsOn(subject: CaseSubject): Alert[];
  /** What the reconciliation says about a subject now. */
  observe(subject: CaseSubject): CaseObservation;
  /** The link paying a batch, if any. */
  linkOf(batchId: string): Link | undefined;
}

/**
 * Which batches hold a transaction of each id (one per acquirer that uses it), by batch id, read from a
 * reconciliation for the ids asked about (an alert names a few of the ledger's transactions). Which batch
 * holds a transaction follows from the rows and the config alone, not from decisions or dates: the owner may
 * keep one for the next reconciliation of the same rows and config, so a decision does not read every
 * transaction again.
 */
export class TxnBatches {
  private readonly batchIds = new Map<string, string[]>();

  /** Reads `recon` for the ids not known yet. */
  learn(recon: Reconciliation, ids: Iterable<string>): void {
    const wanted = new Set<string>();
    for (const id of ids) if (!this.batchIds.has(id)) wanted.add(id);
    if (!wanted.size) return;
    for (const id of wanted) this.batchIds.set(id, []);
    for (let i = 0; i < recon.transactionCount; i++) {
      const id = recon.transactionIdAt(i);
      if (!wanted.has(id)) continue;
      const bi = recon.batchIndexOf(i);
      const list = this.batchIds.get(id)!;
      if (bi >= 0 && !list.includes(recon.batches[bi]!.id)) list.push(recon.batches[bi]!.id);
    }
  }

  /** The batch ids holding a transaction of this id (after {@link learn} was given it). */
  of(id: string): readonly string[] {
    return this.batchIds.get(id) ?? [];
  }
}

/**
 * Indexes a reconciliation for cases; `lineById` finds the bank lines its links name. `txnBatches` may be
 * kept from a reconciliation of the same rows and config (see {@link TxnBatches}); by default it starts empty.
 */
export function caseIndex(
  recon: Reconciliation,
  lineById: (id: string) => BankLine | undefined,
  txnBatches: TxnBatches = new TxnBatches(),
): CaseIndex {
  const { batches, links } = recon;
  const alerts = recon.report.alerts;
  let learned = false;
  const batchById = new Map(batches.map(b => [b.id, b]));
  const bySubjectKey = new Map<string, Batch[]>();
  for (const b of batches) {
    const key = batchSubjectKey(b);
    const list = bySubjectKey.get(key);
    if (list) list.push(b);
    else bySubjectKey.set(key, [b]);
  }
  const linkOfBatch = new Map<string, Link>();
  const linkOfLine = new Map<string, Link>();
  for (const l of links) {
    linkOfLine.set(l.bankLineId, l);
    for (const b of l.batchIds) linkOfBatch.set(b, l);
  }
  let subjects: CaseSubject[] | null = null;

  function batchesOf(alert: Alert): Batch[] {
    // The ids every alert names are read in one pass over the transactions; an alert from elsewhere adds its own.
    if (!learned) {
      learned = true;
      txnBatches.learn(
        recon,
        alerts.flatMap(a => a.transactionIds),
      );
    }
    txnBatches.learn(recon, alert.transactionIds);
    const found = new Map<string, Batch>();
    for (const id of alert.transactionIds) {
      for (const batchId of txnBatches.of(id)) {
        const b = batchById.get(batchId);
        if (b && (alert.acquirer === '' || b.acquirer === alert.acquirer)) found.set(b.id, b);
      }
    }
    if (!found.size) {
      for (const lineId of alert.bankLineIds)
        for (const id of linkOfLine.get(lineId)?.batchIds ?? []) {
          const b = batchById.get(id);
          if (b) found.set(b.id, b);
        }
    }
    return [...found.values()].sort((a, b) => a.expectedOn.localeCompare(b.expectedOn) || a.id.localeCompare(b.id));
  }

  const subjectOfAlert = (alert: Alert) =>
    subjectOf(alert, FAMILY_OF[alert.kind] === 'credit' || FAMILY_OF[alert.kind] === 'coverage' ? batchesOf(alert) : []);

  function alertsOn(subject: CaseSubject): Alert[] {
    subjects ??= alerts.map(subjectOfAlert);
    const all = subjects;
    return alerts
      .filter((a, i) => FAMILY_OF[a.kind] === subject.family && sameSubject(subject, all[i]!))
      .sort(
        (a, b) =>
          Number(!!a.dismissed) - Number(!!b.dismissed) ||
          SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
          KIND_RANK[a.kind] - KIND_RANK[b.kind] ||
          a.id.localeCompare(b.id),
      );
  }

  function batchesOfSubject(subject: CaseSubject): Batch[] {
    if (subject.family !== 'credit' && subject.family !== 'coverage') return [];
    return subject.keys.flatMap(k => bySubjectKey.get(k) ?? []);
  }

  function observe(subject: CaseSubject): CaseObservation {
    const alert = alertsOn(subject)[0] ?? null;
    if (subject.family !== 'credit') return { alert, credits: [], settled: false };
    const own = batchesOfSubject(subject);
    const credits = new Map<string, ObservedCredit>();
    let settled = own.length > 0;
    for (const b of own) {
      const link = linkOfBatch.get(b.id);
      if (!link || link.reason.amountDeltaMinor < 0) settled = false;
      if (!link || credits.has(link.bankLineId)) continue;
      const line = lineById(link.bankLineId);
      credits.set(link.bankLineId, {
        bankLineId: link.bankLineId,
        bookedOn: line?.bookedOn ?? '',
        amountMinor: line?.amountMinor ?? 0,
        currency: line?.currency ?? b.currency,
      });
    }
    const ordered = [...credits.values()].sort((a, b) => a.bookedOn.localeCompare(b.bookedOn) || a.bankLineId.localeCompare(b.bankLineId));
    return { alert, credits: ordered, settled };
  }

  return { batchesOf, subjectOfAlert, batchesOfSubject, alertsOn, observe, linkOf: id => linkOfBatch.get(id) };
}
