import Dexie, { liveQuery, type Observable, type Table } from 'dexie';
import type {
  LedgerSummary,
  StoredCase,
  StoredCaseEntry,
  StoredVoucher,
  StoredBankLine,
  StoredConfig,
  StoredDecision,
  StoredImagePart,
  StoredFile,
  StoredMapping,
  StoredReplicaMeta,
  StoredRowChunk,
  StoredTombstone,
  StoredTxn,
} from './schema';
import { upgradeToV2 } from './upgrades/v2-row-chunks';
import { upgradeToV5 } from './upgrades/v5-replica-clocks';

export type * from './schema';
export { REPEATS_CHUNK } from './schema';

/** The merchant's ledger database. */
export const LEDGER_DB_NAME = 'settlewatch-ledger';
/** The demo's own database: the demo never reads or writes the merchant's ledger (issue 14). */
export const DEMO_DB_NAME = 'settlewatch-demo';

/**
 * The ledger database. Every schema version stays here, oldest first; each upgrade lives in core/db/upgrades
 * with the shapes it reads and writes frozen as they were (it never imports the live types).
 */
export class LedgerDb extends Dexie {
  files!: Table<StoredFile, string>;
  rowChunks!: Table<StoredRowChunk, [string, number]>;
  decisions!: Table<StoredDecision, string>;
  config!: Table<StoredConfig, 'current'>;
  summary!: Table<LedgerSummary, 'current'>;
  mappings!: Table<StoredMapping, string>;
  cases!: Table<StoredCase, string>;
  caseEntries!: Table<StoredCaseEntry, string>;
  vouchers!: Table<StoredVoucher, string>;
  tombstones!: Table<StoredTombstone, [string, string]>;
  replicaMeta!: Table<StoredReplicaMeta, 'device'>;
  image!: Table<StoredImagePart, string>;

  constructor(name = LEDGER_DB_NAME) {
    super(name);
    // Version 1: facts (files, txns, bank lines) are immutable rows keyed by their source ids;
    // decisions are small records; config and summary are single rows.
    this.version(1).stores({
      files: '&hash, role, importedAt',
      txns: '&[acquirer+id], fileHash',
      bankLines: '&id, fileHash, bookedOn',
      decisions: '&id',
      config: '&key',
      summary: '&key',
    });
    // Version 2: rows are stored in chunks per file (one record per few thousand rows, not per row).
    this.version(2)
      .stores({
        txns: null,
        bankLines: null,
        rowChunks: '&[fileHash+chunk], fileHash',
      })
      .upgrade(upgradeToV2);
    // Version 3: column mappings the merchant confirmed for CSV/XLSX files no format recognises,
    // found again by the file's header (headerKey). A new table: nothing to upgrade.
    this.version(3).stores({
      mappings: '&id, headerKey',
    });
    // Version 4: cases the merchant follows (one record each, keyed by the subject they were opened on),
    // their timelines (append-only entries) and the vouchers attached to them. New tables: nothing to upgrade.
    this.version(4).stores({
      cases: '&id, status, followUpOn',
      caseEntries: '&id, caseId',
      vouchers: '&id, caseId',
    });
    // Version 5 (4 is the cases helper's): a person's records carry a hybrid logical clock (`hlc`) so replicas
    // merge last-writer-wins; deletions leave tombstones; the device's id for its stamps. Existing records
    // get a clock read from their own times.
    this.version(5)
      .stores({
        tombstones: '&[table+id]',
        replicaMeta: '&key',
      })
      .upgrade(upgradeToV5);
    // Version 6: the ledger image (core/ledger/image.ts), what the worker derived from the rows, stored in a few
    // large records so a reopen need not read every row nor reconcile again. A cache: a new table, nothing to upgrade.
    this.version(6).stores({
      image: '&key',
    });
  }
}

/** Rows per stored chunk: large enough that IndexedDB's per-record cost vanishes, small enough to clone quickly. */
export const CHUNK_ROWS = 5000;

/** Splits a file's rows into chunk records. */
export function chunkRows(fileHash: string, txns: readonly StoredTxn[], bankLines: readonly StoredBankLine[]): StoredRowChunk[] {
  const chunks: StoredRowChunk[] = [];
  for (let i = 0; i < txns.length; i += CHUNK_ROWS)
    chunks.push({ fileHash, chunk: chunks.length, txns: txns.slice(i, i + CHUNK_ROWS), bankLines: [] });
  for (let i = 0; i < bankLines.length; i += CHUNK_ROWS)
    chunks.push({ fileHash, chunk: chunks.length, txns: [], bankLines: bankLines.slice(i, i + CHUNK_ROWS) });
  return chunks;
}

/** Opens (or creates) the ledger database; the UI reads it, only the worker writes it. */
export function openLedgerDb(name?: string): LedgerDb {
  return new LedgerDb(name);
}

/** Deletes a ledger database (the demo's, when the merchant leaves it); waits until no connection holds it. */
export async function deleteLedgerDb(name: string): Promise<void> {
  await Dexie.delete(name);
}

/** The latest summary, live: emits again whenever the worker stores a new one. */
export function watchSummary(db: LedgerDb): Observable<LedgerSummary | undefined> {
  return liveQuery(() => db.summary.get('current'));
}

/** Imported files in the ledger (not those removed and kept for undo), newest first, live. */
export function watchFiles(db: LedgerDb): Observable<StoredFile[]> {
  return liveQuery(async () => (await db.files.orderBy('importedAt').reverse().toArray()).filter(f => !f.removedAt));
}

/** The config, live (undefined before one is imported or made from a preset). */
export function watchConfig(db: LedgerDb): Observable<StoredConfig | undefined> {
  return liveQuery(() => db.config.get('current'));
}

/** The saved column mappings, by name, live. */
export function watchMappings(db: LedgerDb): Observable<StoredMapping[]> {
  return liveQuery(async () => (await db.mappings.toArray()).sort((a, b) => a.name.localeCompare(b.name)));
}

/** Every decision, including revoked ones, live. */
export function watchDecisions(db: LedgerDb): Observable<StoredDecision[]> {
  return liveQuery(() => db.decisions.toArray());
}

/** Read-only subscription handle, so screens need not know the Observable type. */
export type Unsubscribe = () => void;

/** Subscribes to a live query; errors are reported instead of thrown. */
export function subscribe<T>(obs: Observable<T>, next: (value: T) => void, error: (err: unknown) => void = () => {}): Unsubscribe {
  const sub = obs.subscribe({ next, error });
  return () => sub.unsubscribe();
}
