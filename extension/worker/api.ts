import { openLedgerDb, type LedgerDb } from '../../core/db/db';
import { createLedgerHandlers, unwrap, type FileOutcome, type ImportSource, type LedgerHandlers, type TxnRow } from '../../core/ledger/index';
import type { AlertTotal, CapturedRowStatus, CapturedTable, Overview } from '../messages';
import { storeCapture, type KnownIdsCache, type StoredCapture } from './capture-store';

/** The extension's worker API: the core ledger (import, reconcile) plus capture, at an injected date. */
export interface ExtensionApi {
  /** Files dropped on the popup: the same importers as the ledger page. */
  importFiles(files: ImportSource[], today: string): Promise<FileOutcome[]>;
  /** Rows a content script captured. */
  storeCapture(table: CapturedTable, currency: string): Promise<StoredCapture>;
  /** Open alerts, next credits and counts at `today`. */
  overview(today: string): Promise<Overview>;
  /** Statuses of the given stored transactions at `today`. */
  statuses(today: string, keys: readonly (readonly [string, string])[]): Promise<{ rows: CapturedRowStatus[]; asOf: string | null; error: string | null }>;
}

const KEEP_NEXT_CREDITS = 5;

/**
 * Another context (the ledger page's own worker) may write the database at any time, and the ledger's
 * handlers keep what they loaded in memory. So they are reused only while the data (files, decisions,
 * config) and the date are what they were built on; otherwise new ones load the database afresh.
 */
export function createExtensionApi(db: LedgerDb = openLedgerDb(), now: () => string = () => new Date().toISOString()): ExtensionApi {
  let cached: Entry | null = null;
  const knownIds: KnownIdsCache = new Map();

  async function dataVersion(): Promise<string> {
    return db.transaction('r', [db.files, db.decisions, db.config], async () => {
      const [files, lastFile, decisions, config] = await Promise.all([
        db.files.count(), db.files.orderBy('importedAt').last(), db.decisions.toArray(), db.config.get('current'),
      ]);
      const revoked = decisions.filter(d => d.revokedAt).length;
      return [files, lastFile?.hash ?? '', decisions.length, revoked, config?.updatedAt ?? ''].join('|');
    });
  }

  type Entry = { key: string; ledger: LedgerHandlers; rows: Map<string, TxnRow> | null };

  async function entryAt(today: string): Promise<Entry> {
    const key = `${await dataVersion()}|${today}`;
    if (cached?.key !== key) cached = { key, ledger: createLedgerHandlers(db, { today: () => today, now }), rows: null };
    const entry = cached;
    unwrap(await entry.ledger.init());
    return entry;
  }

  async function ledgerAt(today: string): Promise<LedgerHandlers> {
    return (await entryAt(today)).ledger;
  }

  return {
    async importFiles(files, today) {
      const ledger = await ledgerAt(today);
      const outcomes = unwrap(await ledger.importFiles(files));
      cached = null;
      return outcomes;
    },

    async storeCapture(table, currency) {
      const stored = await storeCapture(db, table, currency, now(), knownIds);
      if (stored.outcome.stored > 0) cached = null;
      return stored;
    },

    async overview(today) {
      const summary = unwrap(await (await ledgerAt(today)).init());
      const open = summary.alerts.filter(a => !a.dismissed);
      const critical = open.filter(a => a.severity === 'critical').map(a => a.id);
      const totals = new Map<string, AlertTotal>();
      for (const a of open) {
        const key = `${a.kind}|${a.currency}`;
        const t = totals.get(key);
        totals.set(key, { kind: a.kind, currency: a.currency, count: (t?.count ?? 0) + 1, amountMinor: (t?.amountMinor ?? 0) + a.amountMinor });
      }
      return {
        today, asOf: summary.asOf, bankCoverage: summary.bankCoverage,
        transactionCount: summary.transactionCount, bankLineCount: summary.bankLineCount,
        openAlertCounts: summary.openAlertCounts, openAlertTotals: [...totals.values()], openBySeverity: summary.openBySeverity,
        criticalAlertIds: critical, nextCredits: summary.nextCredits.slice(0, KEEP_NEXT_CREDITS),
        acquirerNames: Object.fromEntries(summary.acquirers.map(a => [a.id, a.name])), error: summary.error,
      };
    },

    async statuses(today, keys) {
      const current = await entryAt(today);
      const ledger = current.ledger;
      const summary = unwrap(await ledger.init());
      // The popup asks every second or so: the ledger's rows are indexed once per reconciliation.
      if (!current.rows) {
        const page = unwrap(await ledger.queryTxns({ offset: 0, limit: Number.MAX_SAFE_INTEGER }));
        current.rows = new Map(page.rows.map(r => [`${r.acquirer}\u0000${r.id}`, r]));
      }
      const rows: CapturedRowStatus[] = [];
      for (const [acquirer, id] of keys) {
        const r = current.rows.get(`${acquirer}\u0000${id}`);
        if (!r) continue;
        rows.push({ id, acquirer, at: r.at, netMinor: r.netMinor, currency: r.currency, status: r.status ?? 'unreconciled', expectedOn: r.expectedOn });
      }
      return { rows, asOf: summary.asOf, error: summary.error };
    },
  };
}
