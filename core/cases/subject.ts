// What a case is about, from an alert: keys that survive re-importing the same files, a changed
// settlement lag and alert ids that change (a missing credit that becomes a short one).
import type { Alert, Batch } from '../reconcile/types';
import { FAMILY_OF, type CaseSubject } from './types';

/** A batch's key in a case: its payout id, else its trade date (not the expected date, which the lag moves). */
export function batchSubjectKey(batch: Pick<Batch, 'acquirer' | 'payoutId' | 'tradeDate'>): string {
  return `${batch.acquirer}|${batch.payoutId ?? batch.tradeDate}`;
}

/**
 * The subject of an alert: `batches` are the batches it is about (its transactions' batches, or the batches
 * its bank line pays). Money cases key on batches; duplicate and fee cases on their transactions; an
 * unknown credit on its bank line; a statement left out on its account and the batches waiting on it.
 */
export function subjectOf(
  alert: Pick<Alert, 'kind' | 'acquirer' | 'transactionIds' | 'bankLineIds' | 'account'>,
  batches: readonly Batch[],
): CaseSubject {
  const family = FAMILY_OF[alert.kind];
  const sorted = (keys: Iterable<string>) => [...new Set(keys)].sort();
  switch (family) {
    case 'credit':
      return { family, keys: sorted(batches.length ? batches.map(batchSubjectKey) : alert.bankLineIds.map(id => `line|${id}`)) };
    case 'coverage':
      return { family, account: alert.account ?? '', keys: sorted(batches.map(batchSubjectKey)) };
    case 'duplicate':
    case 'fee':
      return { family, keys: sorted(alert.transactionIds.map(id => `${alert.acquirer}|${id}`)) };
    case 'unknown':
      return { family, keys: sorted(alert.bankLineIds.map(id => `line|${id}`)) };
  }
}

/** The id of a case opened on `subject`: the same on every device that opens a case on the same facts. */
export function caseIdOf(subject: CaseSubject): string {
  const head = subject.family === 'coverage' ? `coverage:${subject.account ?? ''}` : subject.family;
  return `${head}:${subject.keys[0] ?? ''}`;
}

/** True when two subjects are the same case: the same family (and account) and at least one key in common. */
export function sameSubject(a: CaseSubject, b: CaseSubject): boolean {
  if (a.family !== b.family || (a.account ?? '') !== (b.account ?? '')) return false;
  const keys = new Set(a.keys);
  return b.keys.some(k => keys.has(k));
}
