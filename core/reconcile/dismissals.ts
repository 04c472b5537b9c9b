// What a person's dismissals cover. Most alerts are dismissed by id; a fee incident is dismissed sale by sale,
// because the incident's sales change as exports arrive and because fee alerts were once one per sale: a
// dismissal made then (`fee_mismatch:<sale id>`, no list) still covers the sale it named.
import type { Alert, Decision } from './types';

const FEE = 'fee_mismatch:';

/** The sales a fee-mismatch dismissal covers: those it lists, else the one sale its alert id names. */
export function feeSalesOf(d: Extract<Decision, { kind: 'dismiss_alert' }>): readonly string[] {
  if (!d.alertId.startsWith(FEE)) return [];
  return d.transactionIds ?? [d.alertId.slice(FEE.length)];
}

/** Per sale id, the reason of the latest dismissal that covers it as a fee mismatch. */
export function dismissedFeeSales(decisions: readonly Decision[]): Map<string, string> {
  const dismissals = decisions
    .filter((d): d is Extract<Decision, { kind: 'dismiss_alert' }> => d.kind === 'dismiss_alert' && d.alertId.startsWith(FEE))
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const out = new Map<string, string>();
  for (const d of dismissals) for (const id of feeSalesOf(d)) out.set(id, d.reason);
  return out;
}

/** Whether a dismissal is about an alert: its id, or for a fee incident one of the sales it lists. */
export function dismissalTouches(
  d: Extract<Decision, { kind: 'dismiss_alert' }>,
  alert: Pick<Alert, 'id' | 'kind' | 'transactionIds'>,
): boolean {
  if (d.alertId === alert.id) return true;
  if (alert.kind !== 'fee_mismatch') return false;
  const sales = new Set(feeSalesOf(d));
  return alert.transactionIds.some(id => sales.has(id));
}
