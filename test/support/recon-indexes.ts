import type { Config } from '../../core/config/types';
import type { StoredTxn } from '../../core/db/schema';

/**
 * Per row, its index in a reconciliation of these rows under `config` (the config's profiles in turn, each profile's
 * rows in the order held), or -1 when its profile is not in the config: a plain reference for the tables' kept
 * places (core/ledger/kept-rows.ts), worked out the obvious way.
 */
export function reconIndexesOf(rows: readonly StoredTxn[], config: Config | null): Int32Array {
  const counts = new Map<string, number>();
  for (const t of rows) counts.set(t.acquirer, (counts.get(t.acquirer) ?? 0) + 1);
  const next = new Map<string, number>();
  let at = 0;
  for (const a of config?.acquirers ?? []) {
    next.set(a.id, at);
    at += counts.get(a.id) ?? 0;
  }
  return Int32Array.from(rows, t => {
    const k = next.get(t.acquirer);
    if (k === undefined) return -1;
    next.set(t.acquirer, k + 1);
    return k;
  });
}
