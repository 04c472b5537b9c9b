import { openLedgerDb, type LedgerDb } from '../../core/db/db';
import type { LedgerSummary } from '../../core/db/schema';
import { isOpenAlert, tallyOpenAlerts } from '../../core/reconcile/open-alerts';
import {
  createLedgerHandlers,
  unwrap,
  type CaptureCounts,
  type CaptureOwner,
  type FileOutcome,
  type ImportSource,
  type LedgerHandlers,
  type TxnRow,
} from '../../core/ledger/index';
import type { MergeCounts } from '../../core/bridge/protocol';
import type { AlertTotal, CapturedRowStatus, CapturedTable, Overview } from '../messages';

/** A capture stored: the ledger keys of every row read, what became of them, and the overview after it. */
export interface StoredCapture {
  readonly keys: readonly (readonly [string, string])[];
  readonly outcome: CaptureCounts;
  readonly overview: Overview;
  /** The hash of the file the new rows were stored as (null when none were new). */
  readonly file: string | null;
}

/** The extension's worker API: the ledger's handlers (import, capture, reconcile) at an injected date. */
export interface ExtensionApi {
  /** Files dropped on the popup: the same import as the ledger page. */
  importFiles(files: ImportSource[], today: string): Promise<FileOutcome[]>;
  /** Rows a content script captured, through the same import as a file; answers with the overview after them. */
  storeCapture(table: CapturedTable, owner: CaptureOwner, currency: string, today: string): Promise<StoredCapture>;
  /** Open alerts, next credits and counts at `today`. */
  overview(today: string): Promise<Overview>;
  /** The bridge (core/ledger/bridge.ts): this ledger's inventory as JSON text. */
  bridgeInventory(today: string): Promise<string>;
  /** The bridge: what a ledger with this inventory lacks, as replica payload text. */
  bridgeLacking(inventory: string, today: string): Promise<string>;
  /** The bridge: merges what the PWA sent; counts what it added. */
  bridgeMerge(replica: string, today: string): Promise<MergeCounts>;
  /** Statuses of the given stored transactions at `today`. */
  statuses(
    today: string,
    keys: readonly (readonly [string, string])[],
  ): Promise<{ rows: CapturedRowStatus[]; asOf: string | null; error: string | null }>;
}

const KEEP_NEXT_CREDITS = 5;

/** What the popup and the badge show of a summary. */
export function overviewOf(summary: LedgerSummary, today: string): Overview {
  // Counted once, by the core's rule: the badge, its title and the popup show the same number as the ledger.
  const tally = tallyOpenAlerts(summary.alerts);
  const open = summary.alerts.filter(isOpenAlert);
  const criticalAlerts = open
    .filter(a => a.severity === 'critical')
    .map(({ id, kind, params, amountMinor, currency }) => ({ id, kind, params, amountMinor, currency }));
  const critical = criticalAlerts.map(a => a.id);
  const totals = new Map<string, AlertTotal>();
  for (const a of open) {
    const key = `${a.kind}|${a.currency}`;
    const t = totals.get(key);
    totals.set(key, { kind: a.kind, currency: a.currency, count: (t?.count ?? 0) + 1, amountMinor: (t?.amountMinor ?? 0) + a.amountMinor });
  }
  return {
    today,
    asOf: summary.asOf,
    bankCoverage: summary.bankCoverage,
    transactionCount: summary.transactionCount,
    bankLineCount: summary.bankLineCount,
    openAlertCount: tally.count,
    openAlertCounts: tally.byKind,
    openAlertTotals: [...totals.values()],
    openBySeverity: tally.bySeverity,
    criticalAlertIds: critical,
    criticalAlerts,
    nextCredits: summary.nextCredits.slice(0, KEEP_NEXT_CREDITS),
    acquirerNames: Object.fromEntries(summary.acquirers.map(a => [a.id, a.name])),
    error: summary.error,
    followUpsDue: (summary.followUps ?? []).filter(f => f.followUpOn <= today),
    ...freshnessOf(summary),
  };
}

/** The stale-data warning and export reminders of a summary (none for one stored before they existed). */
function freshnessOf(summary: LedgerSummary): Pick<Overview, 'bankStale' | 'exportReminders'> {
  const f = summary.freshness;
  if (!f) return { bankStale: null, exportReminders: [] };
  const { bank } = f;
  return {
    bankStale:
      bank.stale && bank.lastCovered && bank.importFrom
        ? { businessDaysOld: bank.businessDaysOld, lastCovered: bank.lastCovered, importFrom: bank.importFrom, importTo: bank.importTo }
        : null,
    exportReminders: f.acquirers.flatMap(a =>
      a.stale && a.exportFrom && a.exportBy
        ? [{ name: a.name, from: a.exportFrom, to: a.exportTo, by: a.exportBy, queryDays: a.queryDays, keptFrom: a.portalKeepsFrom }]
        : [],
    ),
  };
}

/** What the database holds, coarsely: enough to tell whether another context wrote since the handlers loaded it. */
interface DataVersion {
  readonly files: number;
  /** Files removed (kept for undo): removing a file, or undoing it, changes which rows count without a new file. */
  readonly removed: number;
  readonly lastFile: string;
  readonly decisions: number;
  readonly revoked: number;
  readonly config: string;
}

const sameVersion = (a: DataVersion, b: DataVersion) =>
  a.files === b.files &&
  a.removed === b.removed &&
  a.lastFile === b.lastFile &&
  a.decisions === b.decisions &&
  a.revoked === b.revoked &&
  a.config === b.config;

/**
 * Another context (the ledger page's own worker) may write the database at any time, and the ledger's
 * handlers keep what they loaded in memory. So they are reused only while the data (files, decisions,
 * config) is what they were built on; otherwise new ones load the database afresh. A capture or an import
 * stored by these handlers themselves keeps them: they already hold its rows, and reconcile only what the
 * rows change. A new date (the hourly alarm past midnight) keeps them too: only the statuses the calendar
 * moves are worked out again (issue 17).
 */
export function createExtensionApi(db: LedgerDb = openLedgerDb(), now: () => string = () => new Date().toISOString()): ExtensionApi {
  type Entry = { version: DataVersion; today: string; ledger: LedgerHandlers; rows: Map<string, TxnRow> | null };
  /** The date the cached handlers' clock says: moved forward with the calls instead of building new handlers. */
  let day = '';
  let cached: Entry | null = null;

  async function dataVersion(): Promise<DataVersion> {
    return db.transaction('r', [db.files, db.decisions, db.config], async () => {
      const [files, removed, lastFile, decisions, config] = await Promise.all([
        db.files.count(),
        db.files.filter(f => !!f.removedAt).count(),
        db.files.orderBy('importedAt').last(),
        db.decisions.toArray(),
        db.config.get('current'),
      ]);
      const revoked = decisions.filter(d => d.revokedAt).length;
      return { files, removed, lastFile: lastFile?.hash ?? '', decisions: decisions.length, revoked, config: config?.updatedAt ?? '' };
    });
  }

  async function entryAt(today: string): Promise<Entry> {
    const version = await dataVersion();
    if (!cached || !sameVersion(cached.version, version)) {
      day = today;
      cached = { version, today, ledger: createLedgerHandlers(db, { today: () => day, now }), rows: null };
    }
    const entry = cached;
    unwrap(await entry.ledger.init());
    if (entry.today !== today) {
      // Same data, another date: the same ledger recomputed at it (no as-of is ever set here).
      day = today;
      entry.today = today;
      entry.rows = null;
      unwrap(await entry.ledger.setAsOf(null));
    }
    return entry;
  }

  return {
    async importFiles(files, today) {
      const entry = await entryAt(today);
      const outcomes = unwrap(await entry.ledger.importFiles(files));
      entry.rows = null;
      // The files stored here are the only change: keep the handlers. A config, or another context's write
      // meanwhile, means the next call loads afresh.
      const stored = outcomes.filter(o => o.status === 'stored');
      const after = await dataVersion();
      const expected = { ...entry.version, files: entry.version.files + stored.length, lastFile: after.lastFile };
      const keep = cached === entry && !stored.some(o => o.role === 'config') && sameVersion(after, expected);
      cached = keep ? { ...entry, version: after } : null;
      return outcomes;
    },

    async storeCapture(table, owner, currency, today) {
      const entry = await entryAt(today);
      const stored = unwrap(await entry.ledger.importCapture({ ...table, currency, owner }));
      if (stored.file !== null) {
        entry.rows = null;
        // The one file this capture added is the only change: keep the handlers (no reload of the ledger).
        // Anything more means another context wrote meanwhile, and the next call loads afresh.
        const after = await dataVersion();
        const expected = { ...entry.version, files: entry.version.files + 1, lastFile: after.lastFile };
        if (cached === entry) cached = sameVersion(after, expected) ? { ...entry, version: after } : null;
      }
      return { keys: stored.keys, outcome: stored.outcome, overview: overviewOf(stored.summary, today), file: stored.file };
    },

    async overview(today) {
      const { ledger } = await entryAt(today);
      return overviewOf(unwrap(await ledger.init()), today);
    },

    async bridgeInventory(today) {
      const { ledger } = await entryAt(today);
      return unwrap(await ledger.bridgeInventory());
    },

    async bridgeLacking(inventory, today) {
      const { ledger } = await entryAt(today);
      return unwrap(await ledger.bridgeLacking(inventory));
    },

    async bridgeMerge(replica, today) {
      const { ledger } = await entryAt(today);
      const merged = unwrap(await ledger.bridgeMerge(replica));
      // The merge wrote rows and records: the next call loads the ledger afresh.
      cached = null;
      return merged;
    },

    async statuses(today, keys) {
      const current = await entryAt(today);
      const ledger = current.ledger;
      const summary = unwrap(await ledger.init());
      // The rows are indexed once per reconciliation, then each tab's keys are looked up in them.
      if (!current.rows) {
        const page = unwrap(await ledger.queryTxns({ offset: 0, limit: Number.MAX_SAFE_INTEGER }));
        current.rows = new Map(page.rows.map(r => [`${r.acquirer}\u0000${r.id}`, r]));
      }
      const rows: CapturedRowStatus[] = [];
      for (const [acquirer, id] of keys) {
        const r = current.rows.get(`${acquirer}\u0000${id}`);
        if (!r) continue;
        rows.push({
          id,
          acquirer,
          at: r.at,
          netMinor: r.netMinor,
          currency: r.currency,
          status: r.status ?? 'unreconciled',
          expectedOn: r.expectedOn,
        });
      }
      return { rows, asOf: summary.asOf, error: summary.error };
    },
  };
}
