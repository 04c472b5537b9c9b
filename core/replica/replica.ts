// The replica model (issue 13): what a device holds of the ledger, as plain data that merges with another
// device's. Imported rows are immutable facts keyed by their source (the file's hash, or a capture's) and
// their identity (identity.ts), merged by union. A person's records (decisions, the config, column mappings,
// cases with their timelines and vouchers: the tables listed in PERSON_TABLES) carry a hybrid logical clock each and merge last-writer-wins, a
// deletion being a tombstone with its own clock. Every list is kept in one canonical order, so merging is
// idempotent, commutative and associative as plain-data equality (replica.test.ts checks it with fast-check).
import type { StoredBankLine, StoredFile, StoredTxn } from '../db/schema';
import { bankLineKey } from '../import/identity';
import type { ParseIssue } from '../model/types';
import { compareHlc, hlcFromIso, type HlcStamp } from './hlc';

/** A table of a person's records that travels in a replica, and the field its records are keyed by. */
export interface PersonTable {
  readonly table: string;
  readonly key: string;
}

/**
 * The person's tables. A new table of records joins here with one line (records with a key and, when the
 * code that writes them stamps no clock, an `updatedAt` time the clock is read from: see clockOf).
 */
export const PERSON_TABLES: readonly PersonTable[] = [
  { table: 'decisions', key: 'id' },
  { table: 'config', key: 'key' },
  { table: 'mappings', key: 'id' },
  // Cases (core/cases): each case, its timeline entries and its vouchers, written with an `updatedAt`.
  { table: 'cases', key: 'id' },
  { table: 'caseEntries', key: 'id' },
  { table: 'vouchers', key: 'id' },
];

/** One of a person's records in a replica: its key, its clock and its value (null: deleted, a tombstone). */
export interface PersonRecord {
  readonly id: string;
  readonly hlc: HlcStamp;
  /** The stored record without its clock; null for a deletion. */
  readonly value: Readonly<Record<string, unknown>> | null;
}

/** The rows one source holds: a file's (or a capture's) transactions and bank lines, each fact once. */
export interface FileRows {
  readonly fileHash: string;
  readonly txns: readonly StoredTxn[];
  readonly bankLines: readonly StoredBankLine[];
}

/** A whole ledger as plain data: files by hash, their rows, and the person's records by table. */
export interface Replica {
  /** Sorted by hash. */
  readonly files: readonly StoredFile[];
  /** Sorted by file hash; only sources that hold rows. Rows in line order (then identity). */
  readonly rows: readonly FileRows[];
  /** By table name (sorted), each table's records sorted by key. */
  readonly records: Readonly<Record<string, readonly PersonRecord[]>>;
}

/** A deletion as the database keeps it: the table, the record's key and the clock of the deletion. */
export interface Tombstone {
  readonly table: string;
  readonly id: string;
  readonly hlc: HlcStamp;
}

/** What a ledger holds, as read from its database, to make a replica of. */
export interface ReplicaSource {
  readonly files: readonly StoredFile[];
  /** The stored row chunks (any number per file, in any order). */
  readonly chunks: readonly {
    readonly fileHash: string;
    readonly txns: readonly StoredTxn[];
    readonly bankLines: readonly StoredBankLine[];
  }[];
  /** The person's records by table, as stored (with their `hlc` field when they have one). */
  readonly tables: Readonly<Record<string, readonly object[]>>;
  readonly tombstones: readonly Tombstone[];
}

/** The identity of a transaction: its acquirer profile and the acquirer's reference. */
export const txnKey = (t: StoredTxn): string => `${t.acquirer}\u0000${t.id}`;

/**
 * The clock of a stored record: the later of its own stamp and one read from the time it says it was written.
 * Code that stamps only a time (`updatedAt`) may rewrite a record that a merge gave a stamp: its time, later
 * than that stamp, then counts.
 */
export function clockOf(record: Readonly<Record<string, unknown>>): HlcStamp {
  const time = [record.updatedAt, record.savedAt, record.revokedAt, (record.decision as { at?: unknown } | undefined)?.at, record.at].find(
    (t): t is string => typeof t === 'string',
  );
  const fromTime = hlcFromIso(time);
  return typeof record.hlc === 'string' && compareHlc(record.hlc, fromTime) > 0 ? record.hlc : fromTime;
}

/** The record without its clock (the clock travels beside it). */
function withoutClock(record: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { hlc: _hlc, ...value } = record;
  return value;
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function issueOrder(a: ParseIssue, b: ParseIssue): number {
  return a.line - b.line || byString(a.field, b.field) || byString(a.message, b.message) || byString(a.severity, b.severity);
}

/** A file record in canonical form: its warnings once each, in line order. */
function canonicalFile(f: StoredFile): StoredFile {
  const seen = new Set<string>();
  const warnings = [...f.warnings].sort(issueOrder).filter(w => {
    const k = JSON.stringify(w);
    return !seen.has(k) && !!seen.add(k);
  });
  return { ...f, warnings };
}

/** Rows in canonical order (line, then identity), each identity once; the input when it already is. */
function canonicalRows<T extends { readonly line: number }>(rows: readonly T[], key: (row: T) => string): readonly T[] {
  let sorted = true;
  let unique = true;
  const keys = new Set<string>();
  for (let i = 0; i < rows.length; i++) {
    const k = key(rows[i]!);
    if (keys.has(k)) unique = false;
    keys.add(k);
    if (i > 0 && compareRows(rows[i - 1]!, rows[i]!, key) > 0) sorted = false;
  }
  if (sorted && unique) return rows;
  const first = new Map<string, T>();
  for (const r of rows) {
    const k = key(r);
    const was = first.get(k);
    if (!was || r.line < was.line) first.set(k, r);
  }
  return [...first.values()].sort((a, b) => compareRows(a, b, key));
}

function compareRows<T extends { readonly line: number }>(a: T, b: T, key: (row: T) => string): number {
  return a.line - b.line || byString(key(a), key(b));
}

/** Makes the replica of what a ledger holds: files, their rows each once, and the person's records with their clocks. */
export function replicaOf(source: ReplicaSource): Replica {
  const files = source.files.map(canonicalFile).sort((a, b) => byString(a.hash, b.hash));
  const byFile = new Map<string, { txns: StoredTxn[]; bankLines: StoredBankLine[] }>();
  for (const c of source.chunks) {
    let entry = byFile.get(c.fileHash);
    if (!entry) byFile.set(c.fileHash, (entry = { txns: [], bankLines: [] }));
    for (const t of c.txns) entry.txns.push(t);
    for (const b of c.bankLines) entry.bankLines.push(b);
  }
  const rows: FileRows[] = [...byFile]
    .filter(([, r]) => r.txns.length + r.bankLines.length > 0)
    .sort(([a], [b]) => byString(a, b))
    .map(([fileHash, r]) => ({ fileHash, txns: canonicalRows(r.txns, txnKey), bankLines: canonicalRows(r.bankLines, bankLineKey) }));
  const records: Record<string, PersonRecord[]> = {};
  for (const { table, key } of PERSON_TABLES) {
    const live = new Map<string, PersonRecord>();
    for (const stored of source.tables[table] ?? []) {
      const r = stored as Record<string, unknown>;
      const id = String(r[key]);
      live.set(id, { id, hlc: clockOf(r), value: withoutClock(r) });
    }
    for (const t of source.tombstones) {
      if (t.table !== table) continue;
      const was = live.get(t.id);
      if (!was || compareHlc(t.hlc, was.hlc) > 0) live.set(t.id, { id: t.id, hlc: t.hlc, value: null });
    }
    records[table] = [...live.values()].sort((a, b) => byString(a.id, b.id));
  }
  return { files, rows, records };
}

// ───────────────────────────── merging ─────────────────────────────

/**
 * The record of a file both sides hold: the earlier import's (the ledger orders readings by import time),
 * with the warnings of both. Both are canonical, so the result is too.
 */
export function mergeFile(a: StoredFile, b: StoredFile): StoredFile {
  const first = a.importedAt < b.importedAt ? a : b.importedAt < a.importedAt ? b : fileTie(a, b);
  const other = first === a ? b : a;
  if (other.warnings.length === 0 || sameJson(first.warnings, other.warnings)) return first;
  return canonicalFile({ ...first, warnings: [...first.warnings, ...other.warnings] });
}

function fileTie(a: StoredFile, b: StoredFile): StoredFile {
  const ka = JSON.stringify({ ...a, warnings: [] });
  const kb = JSON.stringify({ ...b, warnings: [] });
  return ka < kb ? a : kb < ka ? b : a.warnings.length >= b.warnings.length ? a : b;
}

const sameJson = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/** The union of two readings of one source's rows, by identity, in canonical order. */
function unionRows<T extends { readonly line: number }>(a: readonly T[], b: readonly T[], key: (row: T) => string): readonly T[] {
  if (a === b || b.length === 0) return a;
  if (a.length === 0) return b;
  const inA = new Set(a.map(key));
  let bExtra = 0;
  for (const r of b) if (!inA.has(key(r))) bExtra++;
  if (bExtra === 0 && b.length >= a.length) return a.length === b.length ? pickRows(a, b) : b;
  if (bExtra === 0) return a;
  return canonicalRows([...a, ...b], key);
}

/** Two row lists of the same identities: the same facts; either serves, chosen by content so the choice does not depend on order. */
function pickRows<T>(a: readonly T[], b: readonly T[]): readonly T[] {
  if (a.length === 0) return a;
  const ka = JSON.stringify(a[0]);
  const kb = JSON.stringify(b[0]);
  return ka <= kb ? a : b;
}

/** The later of two versions of a record by clock (a tie, which only a copied stamp makes, goes by content). */
export function laterRecord(a: PersonRecord, b: PersonRecord): PersonRecord {
  const c = compareHlc(a.hlc, b.hlc);
  if (c !== 0) return c > 0 ? a : b;
  const ka = JSON.stringify(a.value);
  const kb = JSON.stringify(b.value);
  return ka >= kb ? a : b;
}

/** Merges two replicas: files and rows by union, each record the later of its versions. */
export function merge(a: Replica, b: Replica): Replica {
  const files = new Map(a.files.map(f => [f.hash, f]));
  for (const f of b.files) {
    const was = files.get(f.hash);
    files.set(f.hash, was ? mergeFile(was, f) : f);
  }
  const rows = new Map(a.rows.map(r => [r.fileHash, r]));
  for (const r of b.rows) {
    const was = rows.get(r.fileHash);
    rows.set(
      r.fileHash,
      was
        ? { fileHash: r.fileHash, txns: unionRows(was.txns, r.txns, txnKey), bankLines: unionRows(was.bankLines, r.bankLines, bankLineKey) }
        : r,
    );
  }
  const records: Record<string, PersonRecord[]> = {};
  for (const table of [...new Set([...Object.keys(a.records), ...Object.keys(b.records)])].sort(byString)) {
    const byId = new Map((a.records[table] ?? []).map(r => [r.id, r]));
    for (const r of b.records[table] ?? []) {
      const was = byId.get(r.id);
      byId.set(r.id, was ? laterRecord(was, r) : r);
    }
    records[table] = [...byId.values()].sort((x, y) => byString(x.id, y.id));
  }
  return {
    files: [...files.values()].sort((x, y) => byString(x.hash, y.hash)),
    rows: [...rows.values()].sort((x, y) => byString(x.fileHash, y.fileHash)),
    records,
  };
}

/** An empty replica (a fresh device). */
export const EMPTY_REPLICA: Replica = { files: [], rows: [], records: {} };

// ───────────────────────────── what the other lacks ─────────────────────────────

/** What a replica holds, small enough to send first: per file its rows (counted, and a digest of their identities) and a digest of its record (import time, warnings…), per record its clock. */
export interface Inventory {
  readonly files: Readonly<Record<string, { readonly rows: number; readonly digest: string; readonly record: string }>>;
  readonly records: Readonly<Record<string, Readonly<Record<string, HlcStamp>>>>;
}

/**
 * FNV-1a over a string's UTF-16 units, from a seed, finished with MurmurHash3's mixer: without it, keys that
 * differ in their last character hash almost linearly, and sums of them collide ({…-3, …-4} and {…-2, …-5}).
 */
function fnv(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A digest of a source's row identities that does not depend on their order (sums of two 32-bit hashes). */
function rowDigest(r: FileRows | undefined): string {
  let a = 0,
    b = 0;
  const add = (key: string) => {
    a = (a + fnv(key, 0x811c9dc5)) >>> 0;
    b = (b + fnv(key, 0x01000193)) >>> 0;
  };
  for (const t of r?.txns ?? []) add(txnKey(t));
  for (const l of r?.bankLines ?? []) add(bankLineKey(l));
  return `${a.toString(16)}-${b.toString(16)}`;
}

/** A digest of a file record (canonical, so equal records give equal digests). */
const recordDigest = (f: StoredFile) => {
  const text = JSON.stringify(f);
  return `${fnv(text, 0x811c9dc5).toString(16)}-${fnv(text, 0x01000193).toString(16)}`;
};

/** The inventory of a replica. */
export function inventoryOf(r: Replica): Inventory {
  const rowsOf = new Map(r.rows.map(x => [x.fileHash, x]));
  const files: Record<string, { rows: number; digest: string; record: string }> = {};
  for (const f of r.files) {
    const rows = rowsOf.get(f.hash);
    files[f.hash] = { rows: rows ? rows.txns.length + rows.bankLines.length : 0, digest: rowDigest(rows), record: recordDigest(f) };
  }
  const records: Record<string, Record<string, HlcStamp>> = {};
  for (const [table, list] of Object.entries(r.records)) records[table] = Object.fromEntries(list.map(x => [x.id, x.hlc]));
  return { files, records };
}

/**
 * The part of a replica that a device with this inventory lacks: files it does not hold, or holds with
 * other rows or another record (import time, warnings; the rows sent whole: merging counts each row once), and records whose
 * clock is later than the one it holds. Merging the part into that device gives what merging the whole would.
 */
export function missingFrom(r: Replica, inventory: Inventory): Replica {
  const rowsOf = new Map(r.rows.map(x => [x.fileHash, x]));
  const files: StoredFile[] = [];
  const rows: FileRows[] = [];
  for (const f of r.files) {
    const held = inventory.files[f.hash];
    const mine = rowsOf.get(f.hash);
    const sameRows = held !== undefined && held.digest === rowDigest(mine);
    if (sameRows && held.record === recordDigest(f)) continue;
    files.push(f);
    if (mine && !sameRows) rows.push(mine);
  }
  const records: Record<string, PersonRecord[]> = {};
  for (const [table, list] of Object.entries(r.records)) {
    const held = inventory.records[table] ?? {};
    records[table] = list.filter(x => {
      const h = held[x.id];
      return h === undefined || compareHlc(x.hlc, h) > 0;
    });
  }
  return { files, rows, records };
}

// ───────────────────────────── applying to a ledger ─────────────────────────────

/** What merging a replica into a ledger writes: file records to put, rows to add per source, records to put or delete. */
export interface ReplicaDelta {
  /** File records new to the ledger or changed by the merge (warnings added). */
  readonly files: readonly { readonly file: StoredFile; readonly isNew: boolean }[];
  /** Rows each source adds (only those its local reading lacks). */
  readonly rows: readonly FileRows[];
  /** Per table, the records whose incoming version wins: value null deletes (leaves a tombstone). */
  readonly records: Readonly<Record<string, readonly PersonRecord[]>>;
}

/** What merging `incoming` into `local` changes (nothing, when the local ledger already holds it all). */
export function deltaOf(local: Replica, incoming: Replica): ReplicaDelta {
  const localFiles = new Map(local.files.map(f => [f.hash, f]));
  const files: { file: StoredFile; isNew: boolean }[] = [];
  for (const f of incoming.files) {
    const was = localFiles.get(f.hash);
    if (!was) files.push({ file: f, isNew: true });
    else {
      const merged = mergeFile(was, f);
      if (!sameJson(merged, was)) files.push({ file: merged, isNew: false });
    }
  }
  const localRows = new Map(local.rows.map(r => [r.fileHash, r]));
  const rows: FileRows[] = [];
  for (const r of incoming.rows) {
    const was = localRows.get(r.fileHash);
    if (!was) {
      rows.push(r);
      continue;
    }
    // Both canonical: the same identities in the same order (a ledger given its own replica again) need no sets.
    if (sameIdentities(was.txns, r.txns, sameTxn) && sameIdentities(was.bankLines, r.bankLines, sameBankLine)) continue;
    const txnsHeld = new Set(was.txns.map(txnKey));
    const linesHeld = new Set(was.bankLines.map(bankLineKey));
    const txns = r.txns.filter(t => !txnsHeld.has(txnKey(t)));
    const bankLines = r.bankLines.filter(b => !linesHeld.has(bankLineKey(b)));
    if (txns.length + bankLines.length > 0) rows.push({ fileHash: r.fileHash, txns, bankLines });
  }
  const records: Record<string, PersonRecord[]> = {};
  for (const [table, list] of Object.entries(incoming.records)) {
    const held = new Map((local.records[table] ?? []).map(x => [x.id, x]));
    const winners = list.filter(x => {
      const was = held.get(x.id);
      return !was || (laterRecord(was, x) === x && !sameJson(was, x));
    });
    if (winners.length) records[table] = winners;
  }
  return { files, rows, records };
}

const sameTxn = (a: StoredTxn, b: StoredTxn) => a.id === b.id && a.acquirer === b.acquirer;
const sameBankLine = (a: StoredBankLine, b: StoredBankLine) => a.id === b.id && a.account === b.account;

/** True when two row lists hold the same identities in the same order. */
function sameIdentities<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!same(a[i]!, b[i]!)) return false;
  return true;
}

/** True when a delta changes nothing. */
export function isEmptyDelta(d: ReplicaDelta): boolean {
  return d.files.length === 0 && d.rows.length === 0 && Object.values(d.records).every(l => l.length === 0);
}

/** How many distinct facts of a kind a replica holds (a fact two of its files hold counts once). */
function distinctFacts(r: Replica, kind: 'txns' | 'bankLines'): number {
  const sources = r.rows.filter(x => x[kind].length > 0);
  if (sources.length <= 1) return sources[0]?.[kind].length ?? 0;
  const keys = new Set<string>();
  for (const x of r.rows) {
    if (kind === 'txns') for (const t of x.txns) keys.add(txnKey(t));
    else for (const b of x.bankLines) keys.add(bankLineKey(b));
  }
  return keys.size;
}

/** New and already-held counts of one kind of thing, for the preview before an import. */
export interface Tally {
  readonly new: number;
  readonly held: number;
}

/** A person's table in the preview: records added, records changed (a later version, or a deletion), and held as they are. */
export interface RecordTally extends Tally {
  readonly updated: number;
  readonly deleted: number;
}

/** What importing a replica will add to a ledger, shown before it does. */
export interface ReplicaPreview {
  readonly files: Tally;
  readonly txns: Tally;
  readonly bankLines: Tally;
  readonly records: Readonly<Record<string, RecordTally>>;
  /** True when the import would change nothing. */
  readonly nothingNew: boolean;
}

/** Counts what a delta adds against what the incoming replica holds (rows new as facts to the whole ledger, not just to their file). */
export function previewOf(local: Replica, incoming: Replica, delta: ReplicaDelta): ReplicaPreview {
  // The rows the delta adds are the only candidates for new facts: the local ledger's identities are
  // gathered only when there are some (a ledger given its own replica again builds no set of its rows).
  const heldTxns = new Set<string>();
  const heldLines = new Set<string>();
  if (delta.rows.length > 0)
    for (const r of local.rows) {
      for (const t of r.txns) heldTxns.add(txnKey(t));
      for (const b of r.bankLines) heldLines.add(bankLineKey(b));
    }
  /** New facts among the rows the delta adds; into a ledger that holds none of that kind, every fact of the replica is new. */
  const fresh = (kind: 'txns' | 'bankLines', held: Set<string>): Tally => {
    const all = distinctFacts(incoming, kind);
    if (held.size === 0 && delta.rows.length > 0 && local.rows.every(r => r[kind].length === 0)) return { new: all, held: 0 };
    const keys = new Set<string>();
    for (const r of delta.rows) {
      if (kind === 'txns') for (const t of r.txns) if (!held.has(txnKey(t))) keys.add(txnKey(t));
      if (kind === 'bankLines') for (const b of r.bankLines) if (!held.has(bankLineKey(b))) keys.add(bankLineKey(b));
    }
    return { new: keys.size, held: all - keys.size };
  };
  const newFiles = delta.files.filter(f => f.isNew).length;
  const records: Record<string, RecordTally> = {};
  for (const { table } of PERSON_TABLES) {
    const incomingList = incoming.records[table] ?? [];
    const held = new Map((local.records[table] ?? []).map(x => [x.id, x]));
    let fresh = 0,
      updated = 0,
      deleted = 0;
    for (const x of delta.records[table] ?? []) {
      const was = held.get(x.id);
      if (x.value === null) {
        if (was && was.value !== null) deleted++;
      } else if (!was || was.value === null) fresh++;
      else updated++;
    }
    const live = incomingList.filter(x => x.value !== null).length;
    records[table] = { new: fresh, updated, deleted, held: Math.max(0, live - fresh - updated) };
  }
  return {
    files: { new: newFiles, held: incoming.files.length - newFiles },
    txns: fresh('txns', heldTxns),
    bankLines: fresh('bankLines', heldLines),
    records,
    nothingNew: isEmptyDelta(delta),
  };
}
