// Decisions: what a person decided about a link or an alert, and undoing it. Each recomputes the ledger.
import { addDecision, revokeDecision } from '../db/repo';
import type { Decision } from '../reconcile/types';
import { attempt, ok, type Result } from './result';
import type { LedgerState } from './state';
import type { DecisionInput } from './types';

/**
 * A fee incident is dismissed for the sales it lists now (engine: dismissals.ts): a sale that joins the incident
 * with a later export is a new overcharge, open until dismissed too.
 */
function feeSales(store: LedgerState, input: DecisionInput): { transactionIds?: string[] } {
  if (input.kind !== 'dismiss_alert') return {};
  const alert = store.recon?.report.alerts.find(a => a.id === input.alertId);
  return alert?.kind === 'fee_mismatch' ? { transactionIds: [...alert.transactionIds] } : {};
}

/** The decision handlers. */
export function decisionHandlers(store: LedgerState) {
  return {
    /** Records a person's decision (the store stamps the time) and recomputes. */
    decide: (input: DecisionInput): Promise<Result<{ id: string }>> =>
      attempt(async () => {
        await store.init();
        const id = crypto.randomUUID();
        const decision = { ...input, ...feeSales(store, input), at: store.clock.now() } as Decision;
        store.decisions.push(await addDecision(store.db, id, decision, store.stamp()));
        await store.recompute();
        return ok({ id });
      }),

    /** Undoes a decision and recomputes; `undone` is false when it was not active. */
    undo: (decisionId: string): Promise<Result<{ undone: boolean }>> =>
      attempt(async () => {
        await store.init();
        const at = store.clock.now();
        const revoked = await revokeDecision(store.db, decisionId, at, store.stamp());
        if (revoked) store.decisions = store.decisions.map(d => (d.id === decisionId ? revoked : d));
        if (revoked) await store.recompute();
        return ok({ undone: revoked !== null });
      }),
  };
}
