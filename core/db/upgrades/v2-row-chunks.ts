// Version 2 of the ledger database: rows move from one record per row (tables `txns`, `bankLines`) into
// chunks per file (table `rowChunks`). An upgrade runs against data written by older code long after the
// live types have moved on, so it names the shapes it reads and writes here, as they were at version 2,
// and imports nothing of the project (the lint forbids it: eslint.config.mjs, core/db/upgrades).
import type { Transaction } from 'dexie';

/** A version 1 row: whatever it held, it named the file it came from. */
interface V1Row {
  readonly fileHash: string;
}

/** A version 2 chunk record. */
interface V2Chunk {
  readonly fileHash: string;
  readonly chunk: number;
  readonly txns: V1Row[];
  readonly bankLines: V1Row[];
}

/** Rows per chunk at version 2. */
const V2_CHUNK_ROWS = 5000;

/** Moves every version 1 row into version 2 chunks, per file, transactions first. */
export async function upgradeToV2(tx: Transaction): Promise<void> {
  const txns = await tx.table<V1Row>('txns').toArray();
  const lines = await tx.table<V1Row>('bankLines').toArray();
  const byFile = new Map<string, { txns: V1Row[]; bankLines: V1Row[] }>();
  const of = (hash: string) => {
    let entry = byFile.get(hash);
    if (!entry) byFile.set(hash, (entry = { txns: [], bankLines: [] }));
    return entry;
  };
  for (const t of txns) of(t.fileHash).txns.push(t);
  for (const l of lines) of(l.fileHash).bankLines.push(l);
  const chunks: V2Chunk[] = [];
  for (const [fileHash, rows] of byFile) {
    let n = 0;
    for (let i = 0; i < rows.txns.length; i += V2_CHUNK_ROWS)
      chunks.push({ fileHash, chunk: n++, txns: rows.txns.slice(i, i + V2_CHUNK_ROWS), bankLines: [] });
    for (let i = 0; i < rows.bankLines.length; i += V2_CHUNK_ROWS) {
      chunks.push({ fileHash, chunk: n++, txns: [], bankLines: rows.bankLines.slice(i, i + V2_CHUNK_ROWS) });
    }
  }
  if (chunks.length) await tx.table<V2Chunk>('rowChunks').bulkAdd(chunks);
}
