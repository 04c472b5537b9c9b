// Which alerts the alerts screen lists, and in what order: shared by the screen and the CSV export of
// "the current view", so the file holds exactly what the merchant was looking at.
import type { Alert, AlertKind, Severity } from './types';

/** The alerts screen's filters; an empty value means "all". */
export interface AlertFilter {
  readonly kind?: AlertKind | '' | null;
  readonly severity?: Severity | '' | null;
  readonly acquirer?: string | null;
  readonly showDismissed?: boolean;
}

const RANK: Readonly<Record<Severity, number>> = { critical: 0, warning: 1, info: 2 };

/** What the filters and the order read of an alert (the summary's alerts leave out the transactions). */
type Filtered = Pick<Alert, 'dismissed' | 'kind' | 'severity' | 'acquirer' | 'expectedOn' | 'params'>;

// A fee incident has no due date: it sorts by its first sale's day among the others.
const dayOf = (a: Filtered): string => a.expectedOn ?? (a.params.kind === 'fee_mismatch' ? a.params.from : '');

/** The alerts the filters let through, most severe first, then by due date. */
export function filterAlerts<A extends Filtered>(alerts: readonly A[], f: AlertFilter): A[] {
  return alerts
    .filter(
      a =>
        (f.showDismissed || !a.dismissed) &&
        (!f.kind || a.kind === f.kind) &&
        (!f.severity || a.severity === f.severity) &&
        (!f.acquirer || a.acquirer === f.acquirer),
    )
    .sort((a, b) => RANK[a.severity] - RANK[b.severity] || dayOf(a).localeCompare(dayOf(b)));
}
