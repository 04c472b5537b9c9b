import type { Reconciliation, ReconcileInput } from './types';

/**
 * Reconciles acquirer transactions against bank lines: expected credits per batch, links in passes,
 * statuses at the as-of date and alerts, exactly per spec/reconcile.md. Pure and deterministic.
 */
export function reconcile(input: ReconcileInput): Reconciliation {
  void input;
  throw new Error('reconcile: being written by the lead (issue 3)');
}
