// The replica's bytes before encryption: gzip of JSON lines, so a year of 700,000 transactions stays a few
// tens of megabytes and is written and read a piece at a time (progress, bounded strings). `age -d | gunzip`
// shows them. Line 1 is the header (schema, files, the person's records, counts); each next line holds up to
// PIECE_ROWS rows of one source as columns (a column of few distinct values as a dictionary, the source's
// hash named once); the last line says the replica ended, so a cut payload is told from a short ledger.
import { Gunzip, Gzip } from 'fflate';
import type { StoredBankLine, StoredFile, StoredTxn } from '../db/schema';
import type { FileRows, PersonRecord, Replica } from './replica';

/** The version of the payload; a reader refuses a later one rather than guess. */
export const REPLICA_SCHEMA = 'settlewatch.replica/1';

/** Rows per line of the payload. */
const PIECE_ROWS = 10_000;

/** Line 1 of the payload. */
interface Header {
  readonly schema: typeof REPLICA_SCHEMA;
  readonly createdAt: string;
  readonly files: readonly StoredFile[];
  readonly records: Readonly<Record<string, readonly PersonRecord[]>>;
  readonly txns: number;
  readonly bankLines: number;
}

/** A column of values: the source's hash in every row, a dictionary of few values, or the values themselves. */
type Column = { readonly h: 1 } | { readonly d: readonly unknown[]; readonly i: readonly number[] } | { readonly v: readonly unknown[] };

/** Rows as columns; `absent` lists, per column, the rows that lack the field (an optional field left out). */
interface Columns {
  readonly n: number;
  readonly keys: readonly string[];
  readonly cols: readonly Column[];
  readonly absent?: Readonly<Record<string, readonly number[]>>;
}

/** A line of rows: which source, and its transactions or bank lines. */
type Piece = { readonly f: string; readonly txns: Columns } | { readonly f: string; readonly bankLines: Columns };

/** Where encoding or decoding stands, 0..1. */
export type Progress = (share: number) => void;

/** Why a payload could not be read (after decryption succeeded). */
export class PayloadError extends Error {
  constructor(
    readonly code: 'replica_damaged' | 'replica_unsupported',
    message: string,
  ) {
    super(message);
  }
}

/** Most distinct values a column may have to be written as a dictionary. */
const DICTIONARY_MAX = 256;

function toColumns(rows: readonly object[], sourceHash: string): Columns {
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const r of rows)
    for (const k of Object.keys(r))
      if (!seen.has(k)) {
        seen.add(k);
        keys.push(k);
      }
  const absent: Record<string, number[]> = {};
  const cols = keys.map((k): Column => {
    const values = new Array<unknown>(rows.length);
    // A dictionary while the values are few and plain; given up at the first value past the limit.
    let distinct: Map<unknown, number> | null = new Map();
    let allHash = true;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i] as Record<string, unknown>;
      let v = r[k];
      if (v === undefined) {
        if (!(k in r)) (absent[k] ??= []).push(i);
        v = null;
      }
      values[i] = v;
      if (allHash && v !== sourceHash) allHash = false;
      if (distinct !== null && !distinct.has(v)) {
        if (distinct.size >= DICTIONARY_MAX || (v !== null && typeof v === 'object')) distinct = null;
        else distinct.set(v, distinct.size);
      }
    }
    if (allHash && !absent[k]) return { h: 1 };
    if (distinct !== null && distinct.size * 4 < rows.length) {
      const codes = new Array<number>(rows.length);
      for (let i = 0; i < rows.length; i++) codes[i] = distinct.get(values[i])!;
      return { d: [...distinct.keys()], i: codes };
    }
    return { v: values };
  });
  return Object.keys(absent).length ? { n: rows.length, keys, cols, absent } : { n: rows.length, keys, cols };
}

/** Rows from columns, built column by column (a call per cell would cost more than the rows themselves). */
function fromColumns<T>(c: Columns, sourceHash: string): T[] {
  if (!Number.isInteger(c?.n) || !Array.isArray(c.keys) || !Array.isArray(c.cols) || c.cols.length !== c.keys.length)
    throw new PayloadError('replica_damaged', 'a block of rows is malformed');
  const rows = new Array<Record<string, unknown>>(c.n);
  for (let i = 0; i < c.n; i++) rows[i] = {};
  c.cols.forEach((col, j) => {
    const key = c.keys[j]!;
    const skip = c.absent?.[key] ? new Set(c.absent[key]) : null;
    if (typeof col !== 'object' || col === null) throw new PayloadError('replica_damaged', `the column ${key} is malformed`);
    if ('h' in col) {
      for (let i = 0; i < c.n; i++) if (!skip?.has(i)) rows[i]![key] = sourceHash;
      return;
    }
    const length = 'd' in col ? col.i?.length : col.v?.length;
    if (length !== c.n) throw new PayloadError('replica_damaged', `the column ${key} has ${length} values for ${c.n} rows`);
    if ('d' in col) {
      for (let i = 0; i < c.n; i++) if (!skip?.has(i)) rows[i]![key] = col.d[col.i[i]!];
    } else for (let i = 0; i < c.n; i++) if (!skip?.has(i)) rows[i]![key] = col.v[i];
  });
  return rows as T[];
}

const encoder = new TextEncoder();

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Bytes as base64 (the core has no btoa). */
function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += BASE64[(n >> 18) & 63]! + BASE64[(n >> 12) & 63]!;
    out += i + 1 < bytes.length ? BASE64[(n >> 6) & 63]! : '=';
    out += i + 2 < bytes.length ? BASE64[n & 63]! : '=';
  }
  return out;
}

/** Base64 back to bytes; null when the text is not base64. */
function fromBase64(text: string): Uint8Array | null {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  for (let i = 0, o = 0; i < text.length; i += 4) {
    const n = [0, 1, 2, 3].reduce((acc, k) => (acc << 6) | Math.max(0, BASE64.indexOf(text[i + k]!)), 0);
    for (const [shift, at] of [
      [16, o],
      [8, o + 1],
      [0, o + 2],
    ] as const)
      if (at < out.length) out[at] = (n >> shift) & 255;
    o += 3;
  }
  return out;
}

/** In the header, bytes a record holds (a voucher's photo) are written as `{ "$bytes": base64 }`. */
const writeBytes = (_key: string, value: unknown) => (value instanceof Uint8Array ? { $bytes: toBase64(value) } : value);

const readBytes = (_key: string, value: unknown) => {
  if (typeof value !== 'object' || value === null || !('$bytes' in value) || Object.keys(value).length !== 1) return value;
  const bytes = typeof value.$bytes === 'string' ? fromBase64(value.$bytes) : null;
  if (!bytes) throw new PayloadError('replica_damaged', 'bytes in a record of the replica are not base64');
  return bytes;
};

/**
 * Encodes a replica as its payload, handing each compressed part to `out` as it is made (so a caller can
 * encrypt while this compresses). `createdAt` is the time to print in the header.
 */
export function encodeReplica(replica: Replica, createdAt: string, out: (part: Uint8Array) => void, progress?: Progress): void {
  // Level 1: a third of level 6's time for 8 % more bytes (a 700,000-row year: 18 MB instead of 16.6 MB).
  const gzip = new Gzip({ level: 1, mem: 8 });
  gzip.ondata = (chunk: Uint8Array) => out(chunk);
  const txns = replica.rows.reduce((s, r) => s + r.txns.length, 0);
  const bankLines = replica.rows.reduce((s, r) => s + r.bankLines.length, 0);
  const header: Header = { schema: REPLICA_SCHEMA, createdAt, files: replica.files, records: replica.records, txns, bankLines };
  gzip.push(encoder.encode(JSON.stringify(header, writeBytes) + '\n'));
  const total = txns + bankLines || 1;
  let done = 0;
  for (const r of replica.rows) {
    for (const [field, rows] of [
      ['txns', r.txns],
      ['bankLines', r.bankLines],
    ] as const) {
      for (let i = 0; i < rows.length; i += PIECE_ROWS) {
        const part = rows.slice(i, i + PIECE_ROWS);
        gzip.push(encoder.encode(JSON.stringify({ f: r.fileHash, [field]: toColumns(part, r.fileHash) }) + '\n'));
        done += part.length;
        progress?.(done / total);
      }
    }
  }
  gzip.push(encoder.encode('{"end":true}\n'), true);
}

/**
 * Reads a payload pushed in parts (`push`, then `end`): the replica, or a PayloadError saying why not
 * (not gzip, not JSON lines, a later schema, counts that do not add up, cut short).
 */
export class ReplicaDecoder {
  private readonly gunzip = new Gunzip();
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  /** The start of a line not yet ended, in pieces (a line of rows is a megabyte; joining at every piece would copy it again and again). */
  private carry: string[] = [];
  private header: Header | null = null;
  private ended = false;
  private readonly rows = new Map<string, { txns: StoredTxn[]; bankLines: StoredBankLine[] }>();
  private txns = 0;
  private bankLines = 0;

  constructor(private readonly progress?: Progress) {
    this.gunzip.ondata = (chunk: Uint8Array, final: boolean) => this.text(this.decoder.decode(chunk, { stream: !final }), final);
  }

  /** Feeds the next part of the payload. */
  push(part: Uint8Array): void {
    try {
      this.gunzip.push(part);
    } catch (err) {
      throw err instanceof PayloadError ? err : new PayloadError('replica_damaged', `the payload is not compressed data (${String(err)})`);
    }
  }

  /** When the replica was written, as its header says (null before the header is read). */
  get createdAt(): string | null {
    return this.header?.createdAt ?? null;
  }

  /** Ends the payload and returns the replica it holds. */
  end(): Replica {
    try {
      this.gunzip.push(new Uint8Array(0), true);
    } catch (err) {
      throw err instanceof PayloadError ? err : new PayloadError('replica_damaged', `the payload is cut short (${String(err)})`);
    }
    if (!this.header || !this.ended) throw new PayloadError('replica_damaged', 'the payload is cut short');
    const h = this.header;
    if (this.txns !== h.txns || this.bankLines !== h.bankLines)
      throw new PayloadError(
        'replica_damaged',
        `the payload holds ${this.txns + this.bankLines} rows where its header counts ${h.txns + h.bankLines}`,
      );
    const known = new Set(h.files.map(f => f.hash));
    const rows: FileRows[] = [];
    for (const [fileHash, r] of [...this.rows].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (!known.has(fileHash))
        throw new PayloadError('replica_damaged', `rows of a file the header does not list (${fileHash.slice(0, 12)})`);
      rows.push({ fileHash, txns: r.txns, bankLines: r.bankLines });
    }
    return { files: h.files, rows, records: h.records };
  }

  private text(text: string, final: boolean): void {
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      this.carry.push(text.slice(start, nl));
      const line = this.carry.join('');
      this.carry = [];
      if (line) this.line(line);
      start = nl + 1;
    }
    if (start < text.length) this.carry.push(text.slice(start));
    if (final && this.carry.length) {
      const line = this.carry.join('');
      this.carry = [];
      if (line) this.line(line);
    }
  }

  private line(line: string): void {
    if (this.ended) throw new PayloadError('replica_damaged', 'data after the end of the replica');
    let value: unknown;
    try {
      value = this.header ? JSON.parse(line) : JSON.parse(line, readBytes);
    } catch (err) {
      if (err instanceof PayloadError) throw err;
      throw new PayloadError('replica_damaged', `line ${this.lineNo()} of the payload is not JSON`);
    }
    if (!this.header) {
      this.header = checkHeader(value);
      return;
    }
    const o = value as Record<string, unknown>;
    if (o.end === true) {
      this.ended = true;
      return;
    }
    const piece = value as Piece;
    if (typeof piece?.f !== 'string') throw new PayloadError('replica_damaged', `line ${this.lineNo()} of the payload names no file`);
    let entry = this.rows.get(piece.f);
    if (!entry) this.rows.set(piece.f, (entry = { txns: [], bankLines: [] }));
    if ('txns' in piece) {
      for (const t of fromColumns<StoredTxn>(piece.txns, piece.f)) entry.txns.push(t);
      this.txns += piece.txns.n;
    } else if ('bankLines' in piece) {
      for (const b of fromColumns<StoredBankLine>(piece.bankLines, piece.f)) entry.bankLines.push(b);
      this.bankLines += piece.bankLines.n;
    } else throw new PayloadError('replica_damaged', `line ${this.lineNo()} of the payload holds no rows`);
    const total = this.header.txns + this.header.bankLines;
    if (total) this.progress?.(Math.min(1, (this.txns + this.bankLines) / total));
  }

  private lineNo(): number {
    return 1 + (this.header ? 1 : 0) + this.rows.size;
  }
}

function checkHeader(value: unknown): Header {
  const h = value as Partial<Header> | null;
  if (typeof h !== 'object' || h === null || typeof h.schema !== 'string' || !h.schema.startsWith('settlewatch.replica/'))
    throw new PayloadError('replica_damaged', 'the payload does not start with a settlewatch replica header');
  if (h.schema !== REPLICA_SCHEMA)
    throw new PayloadError('replica_unsupported', `the replica is ${h.schema}; this version reads ${REPLICA_SCHEMA}`);
  if (
    !Array.isArray(h.files) ||
    typeof h.records !== 'object' ||
    h.records === null ||
    !Number.isInteger(h.txns) ||
    !Number.isInteger(h.bankLines)
  )
    throw new PayloadError('replica_damaged', 'the replica header is missing its files, records or counts');
  for (const [table, list] of Object.entries(h.records)) {
    if (!Array.isArray(list) || !list.every(r => typeof r?.id === 'string' && typeof r.hlc === 'string' && typeof r.value === 'object'))
      throw new PayloadError('replica_damaged', `the records of ${table} are malformed`);
  }
  if (!h.files.every(f => typeof f?.hash === 'string' && typeof f.importedAt === 'string' && Array.isArray(f.warnings)))
    throw new PayloadError('replica_damaged', 'a file record of the replica is malformed');
  return h as Header;
}

/** Encodes a replica into one array of bytes (tests, small ledgers). */
export function encodeReplicaBytes(replica: Replica, createdAt: string): Uint8Array {
  const parts: Uint8Array[] = [];
  encodeReplica(replica, createdAt, p => parts.push(p));
  return concat(parts);
}

/** Decodes a whole payload at once. */
export function decodeReplicaBytes(bytes: Uint8Array): Replica {
  const d = new ReplicaDecoder();
  d.push(bytes);
  return d.end();
}

/** Joins parts into one array. */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
