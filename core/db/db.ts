import Dexie, { liveQuery, type Observable, type Table } from 'dexie';
import type { LedgerSummary, StoredBankLine, StoredConfig, StoredDecision, StoredFile, StoredTxn } from './schema';

export type * from './schema';

/** The ledger database. Every schema version stays here with its upgrade, oldest first. */
export class LedgerDb extends Dexie {
  files!: Table<StoredFile, string>;
  txns!: Table<StoredTxn, [string, string]>;
  bankLines!: Table<StoredBankLine, string>;
  decisions!: Table<StoredDecision, string>;
  config!: Table<StoredConfig, 'current'>;
  summary!: Table<LedgerSummary, 'current'>;

  constructor(name = 'settlewatch-ledger') {
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
  }
}

/** Opens (or creates) the ledger database; the UI reads it, only the worker writes it. */
export function openLedgerDb(name?: string): LedgerDb {
  return new LedgerDb(name);
}

/** The latest summary, live: emits again whenever the worker stores a new one. */
export function watchSummary(db: LedgerDb): Observable<LedgerSummary | undefined> {
  return liveQuery(() => db.summary.get('current'));
}

/** Imported files, newest first, live. */
export function watchFiles(db: LedgerDb): Observable<StoredFile[]> {
  return liveQuery(() => db.files.orderBy('importedAt').reverse().toArray());
}

/** The config, live (undefined before one is imported or made from a preset). */
export function watchConfig(db: LedgerDb): Observable<StoredConfig | undefined> {
  return liveQuery(() => db.config.get('current'));
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
