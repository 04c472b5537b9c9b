import type { Severity } from '../../core/reconcile/types';

/** Badge colours: red when anything is critical, amber for warnings only. */
export const BADGE_RED = '#c62828';
export const BADGE_AMBER = '#f9a825';

/** The badge for the open alerts: how many are warnings or critical, red if any is critical, empty when none. */
export function badgeFor(openBySeverity: Readonly<Record<Severity, number>>): { readonly text: string; readonly color: string } {
  const critical = openBySeverity.critical;
  const count = critical + openBySeverity.warning;
  if (count === 0) return { text: '', color: BADGE_AMBER };
  return { text: count > 999 ? '999+' : String(count), color: critical > 0 ? BADGE_RED : BADGE_AMBER };
}

/** Critical alerts not notified before (the opt-in notification is sent once per alert). */
export function newCritical(criticalIds: readonly string[], notified: readonly string[]): string[] {
  const done = new Set(notified);
  return criticalIds.filter(id => !done.has(id));
}
