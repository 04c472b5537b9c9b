import type { Config } from '../config/types';
import { bankLineChanges, bankLineKey, IdentityIndex, txnChanges } from '../import/identity';
import { PORTAL_TABLE_FORMAT } from '../import/portal-table';
import type { ParseIssue } from '../model/types';
import type { Decision } from '../reconcile/types';
import { chunkRows, type LedgerDb } from './db';
import type { LedgerSummary, StoredBankLine, StoredDecision, StoredFile, StoredMapping, StoredTxn } from './schema';

/** What storing a file did: stored it, or found the same bytes already imported. */
export type StoreOutcome = 'stored' | 'duplicate';

/**
 * Stores one file and its rows in a single transaction, so a file is either wholly in the ledger or
 * not at all. The duplicate check runs inside the transaction: two tabs importing the same bytes
 * cannot both store them. Rows are stored as the file reads them, repeats of facts held included:
 * loadLedger counts each fact once (identity.ts), so a later complete export repairs a cut one.
 */
export async function storeFile(
  db: LedgerDb,
  file: StoredFile,
  rows: { txns?: readonly StoredTxn[]; bankLines?: readonly StoredBankLine[] },
  notes?: ReadonlyMap<string, readonly ParseIssue[]>,
): Promise<StoreOutcome> {
  return db.transaction('rw', db.files, db.rowChunks, async () => {
    const held = await db.files.get(file.hash);
    if (held && !held.removedAt) return 'duplicate';
    // The same bytes again after the merchant removed them: the new import replaces the removed one.
    if (held) await deleteFileRows(db, file.hash);
    await db.files.add(file);
    const chunks = chunkRows(file.hash, rows.txns ?? [], rows.bankLines ?? []);
    if (chunks.length) await db.rowChunks.bulkAdd(chunks);
    // Warnings this file gives files stored before it (an export contradicting a captured page), in the same transaction.
    for (const [hash, issues] of notes ?? []) {
      const earlier = await db.files.get(hash);
      if (earlier) await db.files.put({ ...earlier, warnings: [...earlier.warnings, ...issues] });
    }
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
  /** Facts two files read differently: which reading is kept, as a warning on the file whose reading lost. */
  readonly changes: { readonly file: string; readonly issue: ParseIssue }[];
}

/** Reads the whole ledger (a consistent snapshot). */
export async function loadLedger(db: LedgerDb): Promise<LedgerContents> {
  return db.transaction('r', [db.config, db.files, db.rowChunks, db.decisions], async () => {
    const [config, allFiles, allChunks, decisions] = await Promise.all([
      db.config.get('current'),
      db.files.toArray(),
      db.rowChunks.toArray(),
      db.decisions.toArray(),
    ]);
    // A removed file (kept for undo) and its rows are not in the ledger.
    const files = allFiles.filter(f => !f.removedAt);
    const removed = new Set(allFiles.filter(f => f.removedAt).map(f => f.hash));
    const chunks = removed.size ? allChunks.filter(c => !removed.has(c.fileHash)) : allChunks;
    // Files in import order: each fact once, a complete file's reading over a cut one's, else the later one's.
    const byHash = new Map(files.map(f => [f.hash, f]));
    // Rows captured on a portal page come first and never count as complete: an export's reading of the
    // same transaction replaces them whichever was imported first.
    const captured = (f: StoredFile) => f.format === PORTAL_TABLE_FORMAT;
    const order = new Map(
      [...files]
        .sort((a, b) => Number(captured(b)) - Number(captured(a)) || a.importedAt.localeCompare(b.importedAt))
        .map((f, i) => [f.hash, i]),
    );
    chunks.sort((a, b) => (order.get(a.fileHash) ?? 0) - (order.get(b.fileHash) ?? 0) || a.chunk - b.chunk);
    const txns = new IdentityIndex<StoredTxn>(t => `${t.acquirer}\u0000${t.id}`, txnChanges);
    const bankLines = new IdentityIndex<StoredBankLine>(bankLineKey, bankLineChanges);
    const changes: LedgerContents['changes'] = [];
    for (const c of chunks) {
      const file = byHash.get(c.fileHash);
      const reading = { file: file?.name ?? c.fileHash, complete: (file?.warnings.length ?? 0) === 0 && !(file && captured(file)) };
      if (c.txns.length) changes.push(...txns.add({ ...reading, rows: c.txns }).changes);
      if (c.bankLines.length) changes.push(...bankLines.add({ ...reading, rows: c.bankLines }).changes);
    }
    return { config: config?.config ?? null, files, txns: txns.rows, bankLines: bankLines.rows, decisions, changes };
  });
}

/** Stores a config, and the config file's record when it came from a file (both or neither). */
export async function saveConfig(db: LedgerDb, config: Config, at: string, file?: StoredFile): Promise<StoreOutcome> {
  return db.transaction('rw', db.config, db.files, async () => {
    if (file && (await db.files.get(file.hash))) return 'duplicate';
    await db.config.put({ key: 'current', config, updatedAt: at });
    if (file) await db.files.add(file);
    return 'stored';
  });
}

async function deleteFileRows(db: LedgerDb, hash: string): Promise<void> {
  await db.rowChunks.where('fileHash').equals(hash).delete();
  await db.files.delete(hash);
}

/**
 * Takes a file and its rows out of the ledger, keeping them for undo (a config's record is not a file of rows:
 * the config is changed in Settings). Null when there is no such file in the ledger.
 */
export async function removeFile(db: LedgerDb, hash: string, at: string): Promise<StoredFile | null> {
  return db.transaction('rw', db.files, async () => {
    const file = await db.files.get(hash);
    if (!file || file.removedAt || file.role === 'config') return null;
    const removed = { ...file, removedAt: at };
    await db.files.put(removed);
    return removed;
  });
}

/** Puts a removed file and its rows back; false when it was not removed (or was purged meanwhile). */
export async function restoreFile(db: LedgerDb, hash: string): Promise<boolean> {
  return db.transaction('rw', db.files, async () => {
    const file = await db.files.get(hash);
    if (!file?.removedAt) return false;
    await db.files.put({ ...file, removedAt: null });
    return true;
  });
}

/** Deletes for good removed files (one, or all removed before `before`) and their rows; the merchant's decisions stay. */
export async function purgeRemovedFiles(db: LedgerDb, which: { hash: string } | { before: string }): Promise<number> {
  return db.transaction('rw', db.files, db.rowChunks, async () => {
    const files = 'hash' in which ? [await db.files.get(which.hash)] : await db.files.toArray();
    const gone = files.filter((f): f is StoredFile => !!f?.removedAt && ('hash' in which || f.removedAt < which.before));
    for (const f of gone) await deleteFileRows(db, f.hash);
    return gone.length;
  });
}

/** Every saved column mapping. */
export async function loadMappings(db: LedgerDb): Promise<StoredMapping[]> {
  return db.mappings.toArray();
}

/**
 * Saves a column mapping, replacing any other for the same layout (headerKey and delimiter) and role:
 * findProfile takes the first that fits, so an older one must not shadow the merchant's correction.
 */
export async function putMapping(db: LedgerDb, mapping: StoredMapping): Promise<string[]> {
  return db.transaction('rw', db.mappings, async () => {
    const same = await db.mappings.where('headerKey').equals(mapping.headerKey).toArray();
    const replaced = same.filter(m => m.id !== mapping.id && m.delimiter === mapping.delimiter && m.role === mapping.role).map(m => m.id);
    if (replaced.length) await db.mappings.bulkDelete(replaced);
    await db.mappings.put(mapping);
    return replaced;
  });
}

/** Deletes a column mapping; false when there was none with that id. */
export async function deleteMapping(db: LedgerDb, id: string): Promise<boolean> {
  return db.transaction('rw', db.mappings, async () => {
    if (!(await db.mappings.get(id))) return false;
    await db.mappings.delete(id);
    return true;
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

/** Removes every fact, decision, config, column mapping, summary and case (the merchant's "start over"). */
export async function clearLedger(db: LedgerDb): Promise<void> {
  const tables = [db.files, db.rowChunks, db.decisions, db.config, db.summary, db.mappings, db.cases, db.caseEntries, db.vouchers];
  await db.transaction('rw', tables, async () => {
    await Promise.all(tables.map(t => t.clear()));
  });
}
