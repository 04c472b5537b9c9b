// The ledger image's records (core/ledger/image.ts makes and reads what is in them): read with what a reopen
// needs besides the rows, in one transaction, and written in one transaction that stamps them with what the
// database holds at that moment. The stamp says what the rows that count were derived from: an image whose stamp
// is not the database's current one is never used.
import type { LedgerDb } from './db';
import type { StoredConfig, StoredDecision, StoredFile, StoredImagePart } from './schema';

/** A stored row chunk's key: its file and number. */
export type ChunkKey = readonly [string, number];

/** A row chunk's key as one string (`hash:chunk`). */
export const chunkKeyText = ([hash, chunk]: ChunkKey): string => `${hash}:${chunk}`;

/** Files in one fixed order (by hash), whatever order they were read or held in. */
export const filesByHash = (files: readonly StoredFile[]): StoredFile[] =>
  [...files].sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));

/** The key of every stored row chunk, read now. */
export async function readChunkKeys(db: LedgerDb): Promise<ChunkKey[]> {
  return (await db.rowChunks.toCollection().primaryKeys()) as unknown as ChunkKey[];
}

/** The key of the image's head record (its other records are slices, keyed by what they hold). */
export const IMAGE_HEAD = 'head';

/**
 * What decides which rows count in the ledger and how they read: the config, every file record (live or removed,
 * with its warnings: a file with warnings reads as incomplete) and the key of every stored row chunk. Every write
 * that changes the rows that count changes one of these: an import or capture adds a file and chunks, removing a
 * file or putting it back changes its record, a purge deletes records and moves rows into new chunks, a replica
 * merge adds files or chunks, clearing deletes them all. Returned as a digest of their JSON.
 */
export function ledgerStamp(config: StoredConfig | undefined, files: readonly StoredFile[], chunks: readonly ChunkKey[]): string {
  const keys = chunks.map(chunkKeyText).sort();
  return digest(JSON.stringify([config?.config ?? null, filesByHash(files), keys]));
}

/** Two independent 32-bit FNV-1a style lanes over the UTF-16 code units, with the length: an exact-enough fingerprint. */
function digest(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
  return `${hex(a)}${hex(b)}-${text.length.toString(36)}`;
}

/** What a reopen reads besides the rows, with the image when its stamp is the database's (else `parts` is null). */
export interface ImageRead {
  readonly config: StoredConfig | undefined;
  readonly allFiles: StoredFile[];
  readonly decisions: StoredDecision[];
  /** The database's stamp now. */
  readonly stamp: string;
  /** The key of every stored row chunk now (what the rows read or taken from the image came from). */
  readonly chunkKeys: readonly ChunkKey[];
  /** The image's records, head first; null when there is none or it was derived from something else. */
  readonly parts: StoredImagePart[] | null;
}

/** Reads the config, files, decisions and (when it was derived from what the database holds) the image, in one transaction. */
export async function readLedgerImage(db: LedgerDb): Promise<ImageRead> {
  return db.transaction('r', [db.config, db.files, db.rowChunks, db.decisions, db.image], async () => {
    // The image is read with the rest, not after its head: a reopen waits for one round of reads, not two (a stale
    // image, rare since it is written after every change, is read for nothing before the rows are).
    const [config, allFiles, keys, decisions, records] = await Promise.all([
      db.config.get('current'),
      db.files.toArray(),
      readChunkKeys(db),
      db.decisions.toArray(),
      db.image.toArray(),
    ]);
    const stamp = ledgerStamp(config, allFiles, keys);
    const head = records.find(r => r.key === IMAGE_HEAD) as (StoredImagePart & { readonly stamp?: string }) | undefined;
    const parts = head && head.stamp === stamp ? [head, ...records.filter(r => r !== head)] : null;
    return { config, allFiles, decisions, stamp, parts, chunkKeys: keys };
  });
}

/**
 * Replaces the image with `parts` (its head first, without a stamp), stamped with what the database holds now, in
 * one transaction; only when `holds` says the caller's memory is what the database holds (its live files, config
 * and row chunks), else nothing is written ('refused'). With `keep`, the slices it names are the database's already, from
 * the write `keep.writeId`: they stay as they are; when the database holds another image, nothing is written either
 * ('other': the caller makes the image whole).
 */
export async function writeLedgerImage(
  db: LedgerDb,
  parts: readonly StoredImagePart[],
  holds: (config: StoredConfig | undefined, liveFiles: readonly StoredFile[], chunkKeys: readonly ChunkKey[]) => boolean,
  keep?: { readonly writeId: string; readonly unchanged: readonly string[] },
): Promise<'written' | 'refused' | 'other'> {
  const [head, ...rest] = parts;
  if (head?.key !== IMAGE_HEAD) throw new Error('a ledger image starts with its head');
  return db.transaction('rw', [db.config, db.files, db.rowChunks, db.image], async () => {
    const [config, allFiles, keys, held] = await Promise.all([
      db.config.get('current'),
      db.files.toArray(),
      readChunkKeys(db),
      db.image.get(IMAGE_HEAD),
    ]);
    const live = allFiles.filter(f => !f.removedAt);
    if (!holds(config, live, keys)) return 'refused';
    if (keep) {
      if (held?.writeId !== keep.writeId) return 'other';
      const wanted = new Set([...parts.map(p => p.key), ...keep.unchanged]);
      const gone = ((await db.image.toCollection().primaryKeys()) as string[]).filter(k => !wanted.has(k));
      await db.image.bulkDelete(gone);
    } else await db.image.clear();
    await db.image.bulkPut([...rest, { ...head, stamp: ledgerStamp(config, allFiles, keys) }]);
    return 'written';
  });
}

/** Deletes the image (the next reopen reads every row). */
export async function dropLedgerImage(db: LedgerDb): Promise<void> {
  await db.image.clear();
}
