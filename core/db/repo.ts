import type { Config } from '../config/types';
import type { Decision } from '../reconcile/types';
import type { LedgerDb } from './db';
import type { LedgerSummary, StoredBankLine, StoredDecision, StoredFile, StoredTxn } from './schema';

/** What storing a file did: stored it, or found the same bytes already imported. */
export type StoreOutcome = 'stored' | 'duplicate';

/**
 * Stores one file and its rows in a single transaction, so a file is either wholly in the ledger or
 * not at all. The duplicate check runs inside the transaction: two tabs importing the same bytes
 * cannot both store them. The caller leaves out rows it already holds (same acquirer and id, same
 * bank line id) so the first import of a fact wins; `bulkPut` keeps a row that slipped through
 * (another tab) from failing the whole file.
 */
export async function storeFile(
  db: LedgerDb, file: StoredFile, rows: { txns?: readonly StoredTxn[]; bankLines?: readonly StoredBankLine[] },
): Promise<StoreOutcome> {
  return db.transaction('rw', db.files, db.txns, db.bankLines, async () => {
    if (await db.files.get(file.hash)) return 'duplicate';
    await db.files.add(file);
    if (rows.txns?.length) await db.txns.bulkPut(rows.txns as StoredTxn[]);
    if (rows.bankLines?.length) await db.bankLines.bulkPut(rows.bankLines as StoredBankLine[]);
    return 'stored';
  });
}

/** Everything the worker needs to reconcile, read in one transaction. */
export interface LedgerContents {
  readonly config: Config | null;
  readonly files: StoredFile[];
  readonly txns: StoredTxn[];
  readonly bankLines: StoredBankLine[];
  readonly decisions: StoredDecision[];
}

/** Reads the whole ledger (a consistent snapshot). */
export async function loadLedger(db: LedgerDb): Promise<LedgerContents> {
  return db.transaction('r', [db.config, db.files, db.txns, db.bankLines, db.decisions], async () => {
    const [config, files, txns, bankLines, decisions] = await Promise.all([
      db.config.get('current'), db.files.toArray(), db.txns.toArray(), db.bankLines.toArray(), db.decisions.toArray(),
    ]);
    return { config: config?.config ?? null, files, txns, bankLines, decisions };
  });
}

/** Stores a config, and the config file's record when it came from a file (both or neither). */
export async function saveConfig(db: LedgerDb, config: Config, at: string, file?: StoredFile): Promise<StoreOutcome> {
  return db.transaction('rw', db.config, db.files, async () => {
    if (file && await db.files.get(file.hash)) return 'duplicate';
    await db.config.put({ key: 'current', config, updatedAt: at });
    if (file) await db.files.add(file);
    return 'stored';
  });
}

/** Records a decision. */
export async function addDecision(db: LedgerDb, id: string, decision: Decision): Promise<void> {
  await db.decisions.add({ id, decision, revokedAt: null });
}

/** Undoes a decision (the record stays, marked revoked); false when there is no such active decision. */
export async function revokeDecision(db: LedgerDb, id: string, at: string): Promise<boolean> {
  return db.transaction('rw', db.decisions, async () => {
    const d = await db.decisions.get(id);
    if (!d || d.revokedAt) return false;
    await db.decisions.put({ ...d, revokedAt: at });
    return true;
  });
}

/** Stores the latest summary for the screens. */
export async function putSummary(db: LedgerDb, summary: LedgerSummary): Promise<void> {
  await db.summary.put(summary);
}

/** Removes every fact, decision, config and summary (the merchant's "start over"). */
export async function clearLedger(db: LedgerDb): Promise<void> {
  await db.transaction('rw', [db.files, db.txns, db.bankLines, db.decisions, db.config, db.summary], async () => {
    await Promise.all([db.files.clear(), db.txns.clear(), db.bankLines.clear(), db.decisions.clear(), db.config.clear(), db.summary.clear()]);
  });
}
