// Replicas: the whole ledger as one encrypted file (export; open it to see what it adds; merge it), and the
// pieces the extension ⇄ PWA bridge exchanges (an inventory; what the other lacks; merging it). Merging is
// core/replica's: files and rows by union, a person's records by their clocks. Nothing is written until the
// merge, and the merge is one transaction: a wrong passphrase or a damaged file changes nothing.
import { validateConfig } from '../config/validate';
import { applyReplicaDelta, ledgerContents, loadReplicaSource } from '../db/repo';
import type { LedgerSummary, StoredConfig, StoredDecision, StoredMapping } from '../db/schema';
import { openReplicaFile, SCRYPT_WORK_FACTOR, writeReplicaFile, type FileProgress, type ReplicaFileError } from '../replica/age';
import {
  deltaOf,
  inventoryOf,
  merge,
  missingFrom,
  previewOf,
  replicaOf,
  type Inventory,
  type Replica,
  type ReplicaPreview,
} from '../replica/replica';
import { attempt, fail, ok, type Result } from './result';
import type { LedgerState } from './state';

/** Where exporting or opening a replica file stands, for a progress bar. */
export type ReplicaProgress = FileProgress;

/** An exported replica file. */
export interface ReplicaExport {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly files: number;
  readonly rows: number;
}

/** What the merchant sees before merging a replica file: what it holds that this ledger does not. */
export interface ReplicaOpened {
  readonly preview: ReplicaPreview;
  /** When the replica was written (its header), if it says. */
  readonly createdAt: string | null;
}

/** What merging did: the counts it added and the ledger after it. */
export interface ReplicaMerged {
  readonly preview: ReplicaPreview;
  readonly summary: LedgerSummary;
}

/**
 * Replicas opened and waiting for the merchant's confirmation, per ledger (only the latest), with what the
 * preview found and the ledger's revision then.
 */
const opened = new WeakMap<LedgerState, { readonly replica: Replica; readonly preview: ReplicaPreview; readonly revision: number }>();

/** The replica of what the ledger holds now. */
async function currentReplica(store: LedgerState): Promise<Replica> {
  await store.init();
  return replicaOf(await loadReplicaSource(store.db));
}

/** A reason the incoming replica cannot be merged as it is (a config this version cannot read), or null. */
function incomingProblem(incoming: Replica): string | null {
  for (const r of incoming.records.config ?? []) {
    if (r.value === null) continue;
    const checked = validateConfig(r.value.config);
    if (!checked.ok) return `its config is not valid: ${checked.issues.map(i => `${i.path}: ${i.message}`).join('; ')}`;
  }
  return null;
}

/** A person's live records of a table, as stored (the value with its clock). */
function storedRecords<T>(r: Replica, table: string): T[] {
  return (r.records[table] ?? []).filter(x => x.value !== null).map(x => ({ ...x.value, hlc: x.hlc }) as T);
}

/**
 * Merges a replica into the ledger (one transaction), then holds the merged ledger: what the database now
 * holds is the merge of what it held and the replica, so it is made in memory instead of read back.
 */
async function mergeInto(store: LedgerState, incoming: Replica): Promise<ReplicaMerged> {
  const local = await currentReplica(store);
  const delta = deltaOf(local, incoming);
  const preview = previewOf(local, incoming, delta);
  if (preview.nothingNew) return { preview, summary: await store.init() };
  await applyReplicaDelta(store.db, delta);
  for (const list of Object.values(delta.records)) for (const r of list) store.observe(r.hlc);
  const merged = merge(local, incoming);
  const config = storedRecords<StoredConfig>(merged, 'config').find(c => c.key === 'current') ?? null;
  const contents = ledgerContents(
    config?.config ?? null,
    [...merged.files],
    merged.rows,
    storedRecords<StoredDecision>(merged, 'decisions'),
  );
  return { preview, summary: await store.replaceWith(contents, storedRecords<StoredMapping>(merged, 'mappings'), config?.hlc ?? null) };
}

const refused = (reason: ReplicaFileError, message: string) => fail({ code: 'replica_refused', params: { reason, message } });

/** Today's date for a file name, from the store's clock. */
const fileDate = (store: LedgerState) => store.clock.today();

/** The replica handlers. */
export function replicaHandlers(store: LedgerState, workFactor = SCRYPT_WORK_FACTOR) {
  return {
    /** The whole ledger as an encrypted replica file (age, passphrase). */
    exportReplica: (passphrase: string, onProgress?: (p: ReplicaProgress) => void): Promise<Result<ReplicaExport>> =>
      attempt(async () => {
        if (!passphrase) return refused('replica_no_passphrase', 'no passphrase');
        const replica = await currentReplica(store);
        const bytes = await writeReplicaFile(replica, passphrase, store.clock.now(), onProgress, workFactor);
        const rows = replica.rows.reduce((s, r) => s + r.txns.length + r.bankLines.length, 0);
        return ok({ name: `settlewatch-${fileDate(store)}.age`, bytes, files: replica.files.length, rows });
      }),

    /**
     * Opens a replica file and says what merging it would add, changing nothing; the replica waits for
     * {@link confirmReplica}. A wrong passphrase or a damaged file is a `replica_refused` error.
     */
    openReplica: (file: Uint8Array | Blob, passphrase: string, onProgress?: (p: ReplicaProgress) => void): Promise<Result<ReplicaOpened>> =>
      attempt(async () => {
        opened.delete(store);
        const bytes = file instanceof Uint8Array ? file : new Uint8Array(await file.arrayBuffer());
        const read = await openReplicaFile(bytes, passphrase, onProgress);
        if (!read.ok) return refused(read.code, read.detail);
        const problem = incomingProblem(read.replica);
        if (problem) return refused('replica_damaged', problem);
        const local = await currentReplica(store);
        const preview = previewOf(local, read.replica, deltaOf(local, read.replica));
        opened.set(store, { replica: read.replica, preview, revision: store.revision });
        return ok({ preview, createdAt: read.createdAt });
      }),

    /** Merges the replica {@link openReplica} opened; null when none waits (opened elsewhere, or already merged). */
    confirmReplica: (): Promise<Result<ReplicaMerged | null>> =>
      attempt(async () => {
        const waiting = opened.get(store);
        if (!waiting) return ok(null);
        opened.delete(store);
        // Nothing new at the preview and the ledger not reconciled since (a clear would have been): local writes
        // only add files or later clocks, so there is still nothing to merge and nothing to read again.
        if (waiting.preview.nothingNew && waiting.revision === store.revision)
          return ok({ preview: waiting.preview, summary: await store.init() });
        return ok(await mergeInto(store, waiting.replica));
      }),

    /** Forgets an opened replica without merging it. */
    discardReplica: (): Promise<Result<null>> =>
      attempt(() => {
        opened.delete(store);
        return ok(null);
      }),

    /** What this ledger holds, in brief (file hashes with row counts, record clocks): what a peer compares with. */
    replicaInventory: (): Promise<Result<Inventory>> => attempt(async () => ok(inventoryOf(await currentReplica(store)))),

    /** The part of this ledger a peer with that inventory lacks. */
    replicaFor: (inventory: Inventory): Promise<Result<Replica>> =>
      attempt(async () => ok(missingFrom(await currentReplica(store), inventory))),

    /** Merges a replica (or a part of one) a peer sent; returns what it added. */
    mergeReplica: (incoming: Replica): Promise<Result<ReplicaMerged>> =>
      attempt(async () => {
        const problem = incomingProblem(incoming);
        if (problem) return refused('replica_damaged', problem);
        return ok(await mergeInto(store, incoming));
      }),
  };
}
