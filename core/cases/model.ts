// The life of a case: opened on an alert, then moved on each recompute by comparing what the
// reconciliation says now with what the case saw last (a credit arrived, the amount changed, the alert
// went away or came back). Pure: the time is a parameter; the caller stores what comes back.
import type { Alert } from '../reconcile/types';
import { caseIdOf } from './subject';
import {
  isOpenStatus,
  type CaseRecord,
  type CaseSeen,
  type CaseStatus,
  type CaseSubject,
  type EngineEvent,
  type TimelineEntry,
} from './types';

/** A bank credit linked to a case's batches. */
export interface ObservedCredit {
  readonly bankLineId: string;
  readonly bookedOn: string;
  readonly amountMinor: number;
  readonly currency: string;
}

/** What the reconciliation says about a case's subject now. */
export interface CaseObservation {
  /** The alert on the subject (the first, when several are), or null when none is raised. */
  readonly alert: Pick<Alert, 'id' | 'kind' | 'amountMinor' | 'currency'> | null;
  /** Credits linked to the subject's batches, in booking order. */
  readonly credits: readonly ObservedCredit[];
  /** Every batch of the subject is linked to a credit and none of them is short. */
  readonly settled: boolean;
}

/** What the case remembers of an observation. */
export function seenOf(obs: CaseObservation, previous?: CaseSeen): CaseSeen {
  return {
    alertId: obs.alert?.id ?? null,
    kind: obs.alert?.kind ?? previous?.kind ?? null,
    amountMinor: obs.alert?.amountMinor ?? previous?.amountMinor ?? 0,
    currency: obs.alert?.currency ?? previous?.currency ?? '',
    credits: obs.credits.map(c => c.bankLineId),
    settled: obs.settled,
  };
}

/** An engine entry of a case: its id follows the case's count of engine entries, so replicas that see the same events write the same ids. */
export function engineEntry(caseId: string, seq: number, event: EngineEvent, at: string): TimelineEntry {
  return { id: `${caseId}#e${seq}`, caseId, at, updatedAt: at, source: 'engine', event };
}

/** Opens a case on an alert: a `raised` entry, what it sees now (credits already linked), status open unless they paid it. */
export function openCase(
  subject: CaseSubject,
  alert: Pick<Alert, 'id' | 'kind' | 'amountMinor' | 'currency' | 'acquirer'>,
  obs: CaseObservation,
  at: string,
): { readonly record: CaseRecord; readonly entries: TimelineEntry[] } {
  const id = caseIdOf(subject);
  const raised = engineEntry(
    id,
    0,
    { kind: 'raised', alertKind: alert.kind, amountMinor: alert.amountMinor, currency: alert.currency },
    at,
  );
  const record: CaseRecord = {
    id,
    subject,
    acquirer: alert.acquirer,
    openedFrom: alert.id,
    openedAt: at,
    status: 'open',
    statusBy: 'merchant',
    heldStatus: null,
    followUpOn: null,
    checklist: {},
    // Seen without credits, so a credit already linked (a late or a short one) goes on the timeline at once and a
    // case opened on a credit that came late is resolved from the start.
    seen: seenOf({
      credits: [],
      settled: false,
      alert: { id: alert.id, kind: alert.kind, amountMinor: alert.amountMinor, currency: alert.currency },
    }),
    engineEntries: 1,
    updatedAt: at,
  };
  const next = advanceCase(record, obs, at);
  return { record: next.record, entries: [raised, ...next.entries] };
}

/** Statuses the engine may set, and so may take back when the facts that made it set them are undone. */
const ENGINE_STATUSES: ReadonlySet<CaseStatus> = new Set(['resolved_credited', 'not_a_problem']);

/**
 * Moves a case on from what it saw last to `obs`: the entries for what changed (credits that arrived or
 * were unlinked, the alert's kind or amount, the alert gone or back), and the status the facts imply — a
 * credit case whose batches are all paid resolves itself (`resolved_credited`); a case whose alert went away
 * without the merchant doing anything is `not_a_problem`; either comes back `open` when its alert returns.
 * A status the merchant set is never overridden, except by a credit that pays the batches in full.
 */
export function advanceCase(
  record: CaseRecord,
  obs: CaseObservation,
  at: string,
): { readonly record: CaseRecord; readonly entries: TimelineEntry[] } {
  const events: EngineEvent[] = [];
  const before = record.seen;
  const had = new Set(before.credits);
  const now = new Set(obs.credits.map(c => c.bankLineId));
  for (const c of obs.credits) if (!had.has(c.bankLineId)) events.push({ kind: 'credit_arrived', ...c });
  for (const id of before.credits) if (!now.has(id)) events.push({ kind: 'credit_removed', bankLineId: id });

  const alert = obs.alert;
  if (alert && before.alertId === null && before.kind !== null) {
    events.push({ kind: 'reopened', alertKind: alert.kind, amountMinor: alert.amountMinor, currency: alert.currency });
  } else if (alert && before.kind !== null && (alert.kind !== before.kind || alert.amountMinor !== before.amountMinor)) {
    events.push({
      kind: 'changed',
      fromKind: before.kind,
      toKind: alert.kind,
      fromMinor: before.amountMinor,
      toMinor: alert.amountMinor,
      currency: alert.currency,
    });
  } else if (!alert && before.alertId !== null && before.kind !== null) {
    events.push({ kind: 'cleared', alertKind: before.kind });
  }

  let status = record.status;
  let statusBy = record.statusBy;
  let heldStatus = record.heldStatus;
  const credit = record.subject.family === 'credit';
  // Paid in full: only a late-credit note (info) may remain on the batches.
  const paid = credit && obs.settled && obs.credits.length > 0 && (!alert || alert.kind === 'late_credit');
  const engineSets = (next: CaseStatus) => {
    if (statusBy === 'merchant') heldStatus = status;
    status = next;
    statusBy = 'engine';
  };
  if (paid && status !== 'resolved_credited') engineSets('resolved_credited');
  else if (!paid && !alert && status === 'open' && before.alertId !== null) engineSets('not_a_problem');
  else if (alert && alert.kind !== 'late_credit' && statusBy === 'engine' && ENGINE_STATUSES.has(status)) {
    // The facts that made the engine close the case are undone: the merchant's own status comes back.
    status = heldStatus ?? 'open';
    statusBy = heldStatus ? 'merchant' : 'engine';
    heldStatus = null;
  }
  if (status !== record.status) events.push({ kind: 'status', status });

  const seen = seenOf(obs, before);
  const unchanged =
    events.length === 0 &&
    seen.alertId === before.alertId &&
    seen.settled === before.settled &&
    seen.kind === before.kind &&
    seen.amountMinor === before.amountMinor;
  if (unchanged) return { record, entries: [] };
  const entries = events.map((e, i) => engineEntry(record.id, record.engineEntries + i, e, at));
  return {
    record: { ...record, status, statusBy, heldStatus, seen, engineEntries: record.engineEntries + entries.length, updatedAt: at },
    entries,
  };
}

/** A status the merchant sets. */
export function withStatus(record: CaseRecord, status: CaseStatus, at: string): CaseRecord {
  return { ...record, status, statusBy: 'merchant', heldStatus: null, updatedAt: at };
}

/** True when the case's follow-up date has come and the case is not closed. */
export function followUpDue(record: Pick<CaseRecord, 'status' | 'followUpOn'>, today: string): boolean {
  return record.followUpOn !== null && record.followUpOn <= today && isOpenStatus(record.status);
}
