// The one count of open alerts. The badge once counted warnings and critical alerts (118) while the popup and
// the ledger counted every alert not dismissed (123): five late credits that had arrived made the difference.
// Every place that says how many alerts are open (badge, its title, popup, the ledger's tab pill and overview)
// counts through here.
import { ALERT_KINDS, type Alert, type AlertKind, type Severity } from './types';

/**
 * An alert asks something of the merchant: not dismissed, and more than information. An `info` alert (a
 * credit that came late but came, a fee below the contract) is listed, never counted as open.
 */
export function isOpenAlert(alert: Pick<Alert, 'severity' | 'dismissed'>): boolean {
  return !alert.dismissed && alert.severity !== 'info';
}

/** How many alerts are open, by kind and severity; `info` counts the listed info alerts not dismissed, apart. */
export interface OpenAlertTally {
  readonly count: number;
  readonly byKind: Readonly<Record<AlertKind, number>>;
  readonly bySeverity: Readonly<Record<Severity, number>>;
  readonly infoByKind: Readonly<Record<AlertKind, number>>;
}

const zeroKinds = (): Record<AlertKind, number> => Object.fromEntries(ALERT_KINDS.map(k => [k, 0])) as Record<AlertKind, number>;

/** Counts the open alerts (see {@link isOpenAlert}) and, apart, the info alerts not dismissed. */
export function tallyOpenAlerts(alerts: readonly Pick<Alert, 'kind' | 'severity' | 'dismissed'>[]): OpenAlertTally {
  const byKind = zeroKinds(),
    infoByKind = zeroKinds();
  const bySeverity: Record<Severity, number> = { info: 0, warning: 0, critical: 0 };
  let count = 0;
  for (const a of alerts) {
    if (a.dismissed) continue;
    bySeverity[a.severity]++;
    if (isOpenAlert(a)) {
      byKind[a.kind]++;
      count++;
    } else infoByKind[a.kind]++;
  }
  return { count, byKind, bySeverity, infoByKind };
}
