import type { Config } from '../config/types';
import { bankLineChanges, bankLineKey, IdentityIndex, txnChanges } from '../import/identity';
import { PORTAL_TABLE_FORMAT } from '../import/portal-table';
import type { ParseIssue } from '../model/types';
import type { Decision } from '../reconcile/types';
import type { Table } from 'dexie';
import { PERSON_TABLES, type ReplicaDelta, type ReplicaSource } from '../replica/replica';
import { chunkRows, type LedgerDb } from './db';
import { ledgerStamp } from './image';
import {
  REPEATS_CHUNK,
  type LedgerSummary,
  type RepeatedKeys,
  type StoredBankLine,
  type StoredDecision,
  type StoredFile,
  type StoredMapping,
  type StoredRowChunk,
  type StoredTxn,
} from './schema';

/** What storing a file did: stored it, or found the same bytes already imported. */
export type StoreOutcome = 'stored' | 'duplicate';

/**
 * Stores one file and its rows in a single transaction, so a file is either wholly in the ledger or
 * not at all. The duplicate check runs inside the transaction: two tabs importing the same bytes
 * cannot both store them. Rows the ledger already held are not stored again (imports.ts claims the new
 * ones); only their keys are, in `repeated`, so removing the file that stored them leaves them while
 * this file is in the ledger (loadLedger, deleteFileRows).
 */
export async function storeFile(
  db: LedgerDb,
  file: StoredFile,
  rows: { txns?: readonly StoredTxn[]; bankLines?: readonly StoredBankLine[]; repeated?: RepeatedKeys },
  notes?: ReadonlyMap<string, readonly ParseIssue[]>,
): Promise<StoreOutcome> {
  return db.transaction('rw', db.files, db.rowChunks, async () => {
    const held = await db.files.get(file.hash);
    if (held && !held.removedAt) return 'duplicate';
    // The same bytes again after the merchant removed them: the new import replaces the removed one.
    if (held) await deleteFileRows(db, file.hash);
    await db.files.add(file);
    const chunks = chunkRows(file.hash, rows.txns ?? [], rows.bankLines ?? []);
    // Always written for a file of rows, empty or not: a file without it was stored before the key lists.
    if (file.role !== 'config') chunks.push(repeatsRecord(file.hash, rows.repeated ?? { txns: [], bankLines: [] }));
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
  /** What these contents were read from ({@link ledgerStamp}), when read from the database in one transaction. */
  readonly stamp?: string;
  /** The key of every stored row chunk when these contents were read (absent where they were not read from the database). */
  readonly chunkKeys?: readonly (readonly [string, number])[];
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
    const files = allFiles.filter(f => !f.removedAt);
    const chunkKeys = allChunks.map(c => [c.fileHash, c.chunk] as const);
    const stamp = ledgerStamp(config, allFiles, chunkKeys);
    return { ...ledgerContents(config?.config ?? null, files, liveChunks(allFiles, allChunks), decisions), stamp, chunkKeys };
  });
}

/**
 * The row chunks of the files in the ledger: a removed file (kept for undo) and its rows are not in it,
 * except the rows a file in the ledger repeated, which count as that file's (see adoptedRows). Files'
 * records of the rows they repeated are no rows.
 */
function liveChunks(allFiles: readonly StoredFile[], allChunks: readonly StoredRowChunk[]): StoredRowChunk[] {
  const removed = new Set(allFiles.filter(f => f.removedAt).map(f => f.hash));
  const rowChunks = allChunks.filter(c => c.chunk !== REPEATS_CHUNK);
  if (!removed.size) return rowChunks;
  const chunks = rowChunks.filter(c => !removed.has(c.fileHash));
  const gone = rowChunks.filter(c => removed.has(c.fileHash));
  const live = importOrder(allFiles.filter(f => !f.removedAt));
  for (const [fileHash, rows] of adoptedRows(live, repeatsOf(allChunks), gone, allFiles))
    chunks.push({ fileHash, chunk: Number.MAX_SAFE_INTEGER, ...rows });
  return chunks;
}

/**
 * The ledger's contents from its stored parts: each fact once, files in import order, a complete file's reading
 * over a cut one's, else the later one's (also what a merged replica gives, without reading it back).
 */
export function ledgerContents(
  config: Config | null,
  files: StoredFile[],
  chunks: readonly Pick<StoredRowChunk, 'fileHash' | 'txns' | 'bankLines'>[],
  decisions: StoredDecision[],
): LedgerContents {
  const byHash = new Map(files.map(f => [f.hash, f]));
  const order = new Map(importOrder(files).map((f, i) => [f.hash, i]));
  const sorted = chunks
    .map((c, i) => ({ c, i }))
    .sort((a, b) => (order.get(a.c.fileHash) ?? 0) - (order.get(b.c.fileHash) ?? 0) || chunkOrder(a.c) - chunkOrder(b.c) || a.i - b.i);
  const txns = new IdentityIndex<StoredTxn>(t => `${t.acquirer}\u0000${t.id}`, txnChanges);
  const bankLines = new IdentityIndex<StoredBankLine>(bankLineKey, bankLineChanges);
  const changes: LedgerContents['changes'] = [];
  const pool = new Map<string, string>();
  for (const { c } of sorted) {
    shareStrings(c.txns, TXN_SHARED, pool);
    shareStrings(c.bankLines, LINE_SHARED, pool);
    const file = byHash.get(c.fileHash);
    const reading = { file: file?.name ?? c.fileHash, complete: (file?.warnings.length ?? 0) === 0 && !(file && captured(file)) };
    if (c.txns.length) changes.push(...txns.add({ ...reading, rows: c.txns }).changes);
    if (c.bankLines.length) changes.push(...bankLines.add({ ...reading, rows: c.bankLines }).changes);
  }
  return { config, files, txns: txns.rows, bankLines: bankLines.rows, decisions, changes };
}

/** A stored chunk's number (parts without one keep their order). */
const chunkOrder = (c: object) => ('chunk' in c && typeof c.chunk === 'number' ? c.chunk : 0);

/** The fields rows repeat (profile, file, currency, terminal, dates…): a row read back from IndexedDB has its own copy of each. */
const TXN_SHARED = ['acquirer', 'fileHash', 'kind', 'currency', 'merchantId', 'terminal', 'cardType', 'payoutId', 'settlementDate'];
const LINE_SHARED = ['fileHash', 'account', 'currency', 'counterparty', 'bookedOn', 'valueOn'];

/**
 * Makes rows read back share one copy of each repeated string (issue 17: a reopened year held 320 MiB against
 * 207 MiB after importing it). Rows in a chunk mostly repeat the row before, so that is compared first.
 */
function shareStrings(rows: readonly object[], fields: readonly string[], pool: Map<string, string>): void {
  const last: (string | undefined)[] = fields.map(() => undefined);
  for (const row of rows) {
    const r = row as Record<string, unknown>;
    for (let f = 0; f < fields.length; f++) {
      const v = r[fields[f]!];
      if (typeof v !== 'string') continue;
      let shared = last[f];
      if (v !== shared) {
        shared = pool.get(v);
        if (shared === undefined) pool.set(v, (shared = v));
        last[f] = shared;
      }
      r[fields[f]!] = shared;
    }
  }
}

/** Stores a config (with the clock of the write), and the config file's record when it came from a file (both or neither). */
export async function saveConfig(db: LedgerDb, config: Config, at: string, hlc: string, file?: StoredFile): Promise<StoreOutcome> {
  return db.transaction('rw', db.config, db.files, async () => {
    if (file && (await db.files.get(file.hash))) return 'duplicate';
    await db.config.put({ key: 'current', config, updatedAt: at, hlc });
    if (file) await db.files.add(file);
    return 'stored';
  });
}

/** Rows captured on a portal page never count as complete: an export's reading of the same transaction replaces them. */
const captured = (f: StoredFile) => f.format === PORTAL_TABLE_FORMAT;

/**
 * Files in the order their readings are taken: captured pages first (an export's reading replaces theirs
 * whichever was imported first), then by import time.
 */
function importOrder(files: readonly StoredFile[]): StoredFile[] {
  return [...files].sort((a, b) => Number(captured(b)) - Number(captured(a)) || a.importedAt.localeCompare(b.importedAt));
}

const txnKey = (acquirer: string, id: string) => `${acquirer}\u0000${id}`;

function repeatsRecord(fileHash: string, repeated: RepeatedKeys): StoredRowChunk {
  return { fileHash, chunk: REPEATS_CHUNK, txns: [], bankLines: [], repeated };
}

/** The rows each file repeated, by file hash (files stored before the key lists have none). */
function repeatsOf(chunks: readonly StoredRowChunk[]): Map<string, RepeatedKeys> {
  const out = new Map<string, RepeatedKeys>();
  for (const c of chunks) if (c.chunk === REPEATS_CHUNK && c.repeated) out.set(c.fileHash, c.repeated);
  return out;
}

/** Which file holds each repeated row's key for the ledger: the first of `files` (in that order) that repeated it. */
function repeaters(files: readonly StoredFile[], repeats: ReadonlyMap<string, RepeatedKeys>): Map<string, string> {
  const owner = new Map<string, string>();
  for (const f of files) {
    const r = repeats.get(f.hash);
    if (!r) continue;
    for (const id of r.txns) {
      const k = txnKey(f.acquirer ?? '', id);
      if (!owner.has(k)) owner.set(k, f.hash);
    }
    for (const k of r.bankLines) if (!owner.has(k)) owner.set(k, f.hash);
  }
  return owner;
}

/**
 * Who takes a row of a removed file: the first of `files` that repeated its key; else, for files stored before
 * the key lists (no record), the first one that would have repeated it: imported after the row's file, and of
 * the same acquirer profile with the row's day in its dates, or printing a statement of the row's account
 * over its booking day (an export or statement is whole over the dates it covers). Undefined: nobody.
 */
function rowOwner(files: readonly StoredFile[], repeats: ReadonlyMap<string, RepeatedKeys>) {
  const owner = repeaters(files, repeats);
  const legacy = files.filter(f => f.role !== 'config' && !repeats.has(f.hash));
  const byTxn = (t: StoredTxn, from: StoredFile | undefined) =>
    owner.get(txnKey(t.acquirer, t.id)) ??
    legacy.find(g => after(g, from) && g.acquirer === t.acquirer && within(t.at.slice(0, 10), g.from, g.to))?.hash;
  const byLine = (b: StoredBankLine, from: StoredFile | undefined) =>
    owner.get(bankLineKey(b)) ??
    legacy.find(
      g => after(g, from) && g.role === 'bank' && g.periods.some(p => p.account === b.account && within(b.bookedOn, p.from, p.to)),
    )?.hash;
  return { byTxn, byLine, none: owner.size === 0 && legacy.length === 0 };
}

const after = (g: StoredFile, f: StoredFile | undefined) => !!f && g.importedAt > f.importedAt;
const within = (day: string, from: string | null, to: string | null) => from !== null && to !== null && from <= day && day <= to;

/**
 * The rows of removed files that files in the ledger repeated, as those files' rows (by file hash): a
 * row stays in the ledger while any file in it brought it. Where two removed files hold one row (a
 * captured page and the export that replaced its reading), the reading that counted is kept: the
 * export's, else the later file's.
 */
function adoptedRows(
  live: readonly StoredFile[],
  repeats: ReadonlyMap<string, RepeatedKeys>,
  removedChunks: readonly StoredRowChunk[],
  allFiles: readonly StoredFile[],
): Map<string, { txns: StoredTxn[]; bankLines: StoredBankLine[] }> {
  const owner = rowOwner(live, repeats);
  const out = new Map<string, { txns: StoredTxn[]; bankLines: StoredBankLine[] }>();
  if (owner.none) return out;
  const fileOf = new Map(allFiles.map(f => [f.hash, f]));
  const rank = new Map(importOrder(allFiles).map((f, i) => [f.hash, i]));
  const sorted = [...removedChunks].sort((a, b) => (rank.get(a.fileHash) ?? 0) - (rank.get(b.fileHash) ?? 0));
  const txns = new Map<string, StoredTxn>();
  const lines = new Map<string, StoredBankLine>();
  for (const c of sorted) {
    const from = fileOf.get(c.fileHash);
    for (const t of c.txns) {
      const to = owner.byTxn(t, from);
      if (to !== undefined) txns.set(txnKey(t.acquirer, t.id), { ...t, fileHash: to });
    }
    for (const b of c.bankLines) {
      const to = owner.byLine(b, from);
      if (to !== undefined) lines.set(bankLineKey(b), { ...b, fileHash: to });
    }
  }
  const of = (hash: string) => {
    let rows = out.get(hash);
    if (!rows) out.set(hash, (rows = { txns: [], bankLines: [] }));
    return rows;
  };
  for (const t of txns.values()) of(t.fileHash).txns.push(t);
  for (const b of lines.values()) of(b.fileHash).bankLines.push(b);
  return out;
}

/**
 * Deletes a file and its rows for good. A row of it that another file repeated (so did not store) moves to
 * that file's chunks first, and leaves its list of repeated keys: the ledger holds the same rows after as
 * before. A file in the ledger takes such a row before a removed one (kept for undo).
 */
async function deleteFileRows(db: LedgerDb, hash: string): Promise<void> {
  const files = await db.files.toArray();
  const others = files.filter(f => f.hash !== hash && f.role !== 'config');
  const candidates = [...importOrder(others.filter(f => !f.removedAt)), ...importOrder(others.filter(f => f.removedAt))];
  const records = await db.rowChunks.bulkGet(candidates.map(f => [f.hash, REPEATS_CHUNK] as [string, number]));
  const repeats = repeatsOf(records.filter((r): r is StoredRowChunk => !!r));
  const owner = rowOwner(candidates, repeats);
  const from = files.find(f => f.hash === hash);
  const chunks = owner.none ? [] : await db.rowChunks.where('fileHash').equals(hash).toArray();
  const moved = new Map<string, { txns: StoredTxn[]; bankLines: StoredBankLine[]; keys: Set<string> }>();
  const of = (h: string) => {
    let rows = moved.get(h);
    if (!rows) moved.set(h, (rows = { txns: [], bankLines: [], keys: new Set() }));
    return rows;
  };
  for (const c of chunks) {
    if (c.chunk === REPEATS_CHUNK) continue;
    for (const t of c.txns) {
      const to = owner.byTxn(t, from);
      if (to === undefined) continue;
      const rows = of(to);
      rows.txns.push({ ...t, fileHash: to });
      rows.keys.add(t.id);
    }
    for (const b of c.bankLines) {
      const to = owner.byLine(b, from);
      if (to === undefined) continue;
      const rows = of(to);
      rows.bankLines.push({ ...b, fileHash: to });
      rows.keys.add(bankLineKey(b));
    }
  }
  for (const [to, rows] of moved) {
    const held = (await db.rowChunks.where('fileHash').equals(to).primaryKeys()) as [string, number][];
    const next = Math.max(-1, ...held.map(k => k[1])) + 1;
    const added = chunkRows(to, rows.txns, rows.bankLines).map(c => ({ ...c, chunk: c.chunk + next }));
    // A file stored before the key lists has none to shorten.
    const was = repeats.get(to);
    const left = was && { txns: was.txns.filter(id => !rows.keys.has(id)), bankLines: was.bankLines.filter(k => !rows.keys.has(k)) };
    await db.rowChunks.bulkPut(left ? [...added, repeatsRecord(to, left)] : added);
  }
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
 * Saves a column mapping (its `hlc` stamped by the caller), replacing any other for the same layout
 * (headerKey and delimiter) and role: findProfile takes the first that fits, so an older one must not
 * shadow the merchant's correction. The replaced ones leave tombstones with the same clock.
 */
export async function putMapping(db: LedgerDb, mapping: StoredMapping & { readonly hlc: string }): Promise<string[]> {
  return db.transaction('rw', db.mappings, db.tombstones, async () => {
    const same = await db.mappings.where('headerKey').equals(mapping.headerKey).toArray();
    const replaced = same.filter(m => m.id !== mapping.id && m.delimiter === mapping.delimiter && m.role === mapping.role).map(m => m.id);
    if (replaced.length) {
      await db.mappings.bulkDelete(replaced);
      await db.tombstones.bulkPut(replaced.map(id => ({ table: 'mappings', id, hlc: mapping.hlc })));
    }
    await db.mappings.put(mapping);
    await db.tombstones.delete(['mappings', mapping.id]);
    return replaced;
  });
}

/** Deletes a column mapping, leaving a tombstone with the clock of the deletion; false when there was none with that id. */
export async function deleteMapping(db: LedgerDb, id: string, hlc: string): Promise<boolean> {
  return db.transaction('rw', db.mappings, db.tombstones, async () => {
    if (!(await db.mappings.get(id))) return false;
    await db.mappings.delete(id);
    await db.tombstones.put({ table: 'mappings', id, hlc });
    return true;
  });
}

/** Records a decision with the clock of the write. */
export async function addDecision(db: LedgerDb, id: string, decision: Decision, hlc: string): Promise<StoredDecision> {
  const record: StoredDecision = { id, decision, revokedAt: null, hlc };
  await db.decisions.add(record);
  return record;
}

/** Undoes a decision (the record stays, marked revoked, with a new clock); null when there is no such active decision. */
export async function revokeDecision(db: LedgerDb, id: string, at: string, hlc: string): Promise<StoredDecision | null> {
  return db.transaction('rw', db.decisions, async () => {
    const d = await db.decisions.get(id);
    if (!d || d.revokedAt) return null;
    const revoked: StoredDecision = { ...d, revokedAt: at, hlc };
    await db.decisions.put(revoked);
    return revoked;
  });
}

/** Stores the latest summary for the screens. */
export async function putSummary(db: LedgerDb, summary: LedgerSummary): Promise<void> {
  await db.summary.put(summary);
}

/**
 * Removes every fact, decision, config, column mapping, case, tombstone and summary (the merchant's "start over",
 * on this device only: it is no deletion another replica hears of). The device keeps its id.
 */
export async function clearLedger(db: LedgerDb): Promise<void> {
  const tables = [
    db.files,
    db.rowChunks,
    db.decisions,
    db.config,
    db.summary,
    db.mappings,
    db.cases,
    db.caseEntries,
    db.vouchers,
    db.tombstones,
    db.image,
  ];
  await db.transaction('rw', tables, async () => {
    await Promise.all(tables.map(t => t.clear()));
  });
}

/** This device's id for clock stamps, made and kept on first use. */
export async function deviceId(db: LedgerDb): Promise<string> {
  return db.transaction('rw', db.replicaMeta, async () => {
    const meta = await db.replicaMeta.get('device');
    if (meta) return meta.device;
    const device = crypto.randomUUID();
    await db.replicaMeta.put({ key: 'device', device });
    return device;
  });
}

/** The person's tables of this database that travel in a replica (those PERSON_TABLES names that exist here). */
function personTables(db: LedgerDb): Table[] {
  const names = new Set(db.tables.map(t => t.name));
  return PERSON_TABLES.filter(t => names.has(t.table)).map(t => db.table(t.table));
}

/** Everything a replica is made of, read in one transaction (a consistent snapshot). */
export async function loadReplicaSource(db: LedgerDb): Promise<ReplicaSource> {
  const tables = personTables(db);
  return db.transaction('r', [db.files, db.rowChunks, db.tombstones, ...tables], async () => {
    const [allFiles, allChunks, tombstones, ...records] = await Promise.all([
      db.files.toArray(),
      db.rowChunks.toArray(),
      db.tombstones.toArray(),
      ...tables.map(t => t.toArray() as Promise<object[]>),
    ]);
    // The ledger's files and rows (a removed file, kept for undo, is not in it), as loadLedger reads them.
    const files = allFiles.filter(f => !f.removedAt);
    return {
      files,
      chunks: liveChunks(allFiles, allChunks),
      tombstones,
      tables: Object.fromEntries(tables.map((t, i) => [t.name, records[i]!])),
    };
  });
}

/**
 * Writes what merging a replica changes, in one transaction: new files with their rows (replacing the rows
 * a removed file kept for undo), rows a held file lacked (as further chunks of it), changed file records, and
 * each person's record whose incoming version is later (a deletion removes the record and leaves its
 * tombstone; a record written removes any tombstone).
 */
export async function applyReplicaDelta(db: LedgerDb, delta: ReplicaDelta): Promise<void> {
  const tables = personTables(db);
  await db.transaction('rw', [db.files, db.rowChunks, db.tombstones, ...tables], async () => {
    for (const { file } of delta.files) {
      // A file the merchant removed here (its undo pending) comes back whole, as importing its bytes again would.
      if ((await db.files.get(file.hash))?.removedAt) await deleteFileRows(db, file.hash);
      await db.files.put(file);
    }
    for (const rows of delta.rows) {
      const held = await db.rowChunks.where('fileHash').equals(rows.fileHash).primaryKeys();
      const next = held.reduce((n, [, chunk]) => Math.max(n, chunk + 1), 0);
      const chunks = chunkRows(rows.fileHash, rows.txns, rows.bankLines).map(c => ({ ...c, chunk: c.chunk + next }));
      if (chunks.length) await db.rowChunks.bulkAdd(chunks);
    }
    const byName = new Map(tables.map(t => [t.name, t]));
    const keyOf = new Map(PERSON_TABLES.map(t => [t.table, t.key]));
    for (const [name, records] of Object.entries(delta.records)) {
      const table = byName.get(name);
      if (!table) continue; // a table this version does not have: its records wait in the replica's next merge
      for (const r of records) {
        if (r.value === null) {
          await table.delete(r.id);
          await db.tombstones.put({ table: name, id: r.id, hlc: r.hlc });
        } else {
          await table.put({ ...r.value, [keyOf.get(name)!]: r.value[keyOf.get(name)!] ?? r.id, hlc: r.hlc });
          await db.tombstones.delete([name, r.id]);
        }
      }
    }
  });
}
