// The bridge's ledger side, the same in the PWA's worker and the extension's: the replica handlers
// (replica.ts) with their data as text, as the bridge carries it between the two (chrome messaging is
// JSON). The inventory travels as JSON; what the other lacks as the replica file's payload (gzip JSON
// lines, codec.ts) in base64, which is smaller and which the decoder checks piece by piece.
import { fromBase64, toBase64 } from '../bridge/base64';
import type { MergeCounts } from '../bridge/protocol';
import { encodeReplicaBytes, decodeReplicaBytes } from '../replica/codec';
import type { Inventory } from '../replica/replica';
import { attempt, fail, ok, type Result } from './result';
import type { replicaHandlers } from './replica';
import type { LedgerState } from './state';

const malformed = (message: string) => fail<never>({ code: 'failed', params: { message: `bridge: ${message}` } });

/** Whether parsed JSON has the inventory's shape (files by hash, records' clocks by table). */
function isInventory(v: unknown): v is Inventory {
  if (typeof v !== 'object' || v === null) return false;
  const { files, records } = v as Record<string, unknown>;
  const isMap = (m: unknown) => typeof m === 'object' && m !== null && !Array.isArray(m);
  if (!isMap(files) || !isMap(records)) return false;
  // Per file a row count and digests (their names are replica.ts's business): plain numbers and texts.
  for (const f of Object.values(files as object))
    if (!isMap(f) || typeof f.rows !== 'number' || !Object.values(f as object).every(x => typeof x === 'string' || typeof x === 'number'))
      return false;
  for (const t of Object.values(records as object)) {
    if (!isMap(t)) return false;
    if (!Object.values(t as object).every(c => typeof c === 'string')) return false;
  }
  return true;
}

/** The bridge handlers over the replica handlers of the same ledger. */
export function bridgeHandlers(store: LedgerState, replica: ReturnType<typeof replicaHandlers>) {
  return {
    /** This ledger's inventory as JSON text. */
    bridgeInventory: async (): Promise<Result<string>> => {
      const r = await replica.replicaInventory();
      return r.ok ? ok(JSON.stringify(r.value)) : r;
    },

    /** What a ledger with this inventory (JSON text) lacks, as the replica payload in base64. */
    bridgeLacking: (inventoryText: string): Promise<Result<string>> =>
      attempt(async () => {
        let inventory: unknown;
        try {
          inventory = JSON.parse(inventoryText);
        } catch (err) {
          return malformed(`the inventory is not JSON (${err instanceof Error ? err.message : String(err)})`);
        }
        if (!isInventory(inventory)) return malformed('the inventory does not have the shape of one');
        const r = await replica.replicaFor(inventory);
        return r.ok ? ok(toBase64(encodeReplicaBytes(r.value, store.clock.now()))) : r;
      }),

    /** Merges what the other side sent (the replica payload in base64); counts what it added. */
    bridgeMerge: (payload: string): Promise<Result<MergeCounts>> =>
      attempt(async () => {
        const bytes = fromBase64(payload);
        if (!bytes) return malformed('the replica is not base64');
        const r = await replica.mergeReplica(decodeReplicaBytes(bytes));
        if (!r.ok) return r;
        const p = r.value.preview;
        const records = Object.values(p.records).reduce((s, t) => s + t.new + t.updated + t.deleted, 0);
        return ok({ files: p.files.new, rows: p.txns.new + p.bankLines.new, records });
      }),
  };
}
