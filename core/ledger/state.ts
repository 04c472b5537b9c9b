import type { Config } from '../config/types';
import type { LedgerDb } from '../db/db';
import { chunkKeyText, filesByHash, readChunkKeys, readLedgerImage, writeLedgerImage, type ChunkKey } from '../db/image';
import { deviceId, loadLedger, loadMappings, putSummary, type LedgerContents } from '../db/repo';
import { HlcClock, type HlcStamp } from '../replica/hlc';
import { clockOf } from '../replica/replica';
import { bankLineKey } from '../import/identity';
import type {
  LedgerSummary,
  Notice,
  StoredBankLine,
  StoredConfig,
  StoredDecision,
  StoredFile,
  StoredMapping,
  StoredTxn,
} from '../db/schema';
import type { Decision, Reconciliation } from '../reconcile/types';
import { deviceClock, type Clock } from './clock';
import { syncCases } from './casework';
import { DerivedLedger, type DerivedSnapshot } from './derived-store';
import { HeldIds } from './held-ids';
import { decodeImage, encodeImage, type StoredSlices } from './image';
import type { KeptRows } from './kept-rows';
import { mark } from './marks';
import { adoptOrder, tableOrder } from './queries';
import type { QueryIndex } from './queries';
import { failedSummary, summarize } from './summary';
import type { ImportProgress } from './types';

/**
 * The ledger as a worker holds it: the facts from IndexedDB in memory, the latest reconciliation and the
 * indexes the tables page through. The handlers of each domain (imports, mappings, settings, decisions,
 * queries, cases, summary) read and change it; every write goes to IndexedDB first, then to memory.
 */
export class LedgerState {
  config: Config | null = null;
  files: StoredFile[] = [];
  fileHashes = new Set<string>();
  txns: StoredTxn[] = [];
  bankLines: StoredBankLine[] = [];
  /** Which transaction ids are held per acquirer (an import's dedupe): a table over {@link txns}, caught up when asked. */
  readonly heldIds = new HeldIds(() => this.txns);
  // The indexes of the bank lines are built when first asked for (an import's dedupe, a case's lines), not on reopen.
  private linesById: Map<string, StoredBankLine> | null = null;
  private lineKeys: Set<string> | null = null;
  /** Rows added to the held ids between two turns of the worker while it warms them (~5 ms each at 50,000 in Node). */
  warmSlice = 50_000;
  /** The warm-up running while the worker is idle after a reopen (see warmIndexes); another one, or none, stops it. */
  private warming: object | null = null;

  /**
   * After a reopen from the image, the import's dedupe indexes are built while the worker is idle, a slice of rows at a
   * time (it answers calls in between), so the first import after a reopen does not wait for them. A call that needs
   * them meanwhile finishes what was built; rows read again stop it.
   */
  private async warmIndexes(): Promise<void> {
    const rows = this.txns;
    const warm = (this.warming = {});
    const current = () => this.warming === warm && this.txns === rows;
    while (this.heldIds.behind() > 0) {
      await new Promise(resolve => setTimeout(resolve, 0));
      if (!current()) return;
      this.heldIds.catchUp(this.warmSlice);
    }
    if (!current()) return;
    this.warming = null;
    void this.bankKeys;
    void this.bankById;
  }
  get bankById(): Map<string, StoredBankLine> {
    return (this.linesById ??= new Map(this.bankLines.map(b => [b.id, b])));
  }
  /** Bank lines held, by (account, the bank's id) as identity.ts keys them: two accounts may number their lines alike. */
  get bankKeys(): Set<string> {
    return (this.lineKeys ??= new Set(this.bankLines.map(bankLineKey)));
  }
  decisions: StoredDecision[] = [];
  requestedAsOf: string | null = null;
  recon: Reconciliation | null = null;
  /**
   * The rows per acquirer exactly as the latest reconciliation holds them, the config's profiles in turn (its
   * transaction indexes point here); built when first asked for (an evidence pack), not at every recompute.
   */
  get reconRows(): readonly { readonly acquirer: string; readonly txns: readonly StoredTxn[] }[] {
    return this.recon ? this.derived.rowsByProfile() : [];
  }
  /** The tables' index over the latest reconciliation, built on first use (see queries.ts). */
  index: QueryIndex | null = null;
  /** What the tables keep about the rows across recomputations (their time order; see kept-rows.ts). */
  keptRows: KeptRows | null = null;
  revision = 0;
  summary: LedgerSummary | null = null;
  mappings: StoredMapping[] = [];
  /** Files refused for want of a mapping, kept (by hash) so saving a mapping can import them. */
  pending = new Map<string, { name: string; bytes: Uint8Array }>();
  /** What is derived from the rows, kept between recomputations so an import or a decision costs its own size. */
  readonly derived = new DerivedLedger();
  /** Set by cancelImport: a running import stops before it stores its next file. */
  cancelled = false;
  private loaded: Promise<void> | null = null;
  /** The first recomputation after the load, while it runs. */
  private settling: Promise<LedgerSummary> | null = null;
  /** This device's hybrid logical clock, for stamping a person's records (set when the ledger loads). */
  private hlc: HlcClock | null = null;
  /** How many times the rows were read from IndexedDB: rows read again (a file removed or put back) are never appended. */
  private loads = 0;
  /** Where the last load took the rows from: the stored image, or every row chunk (for tests and the bench). */
  openedFrom: 'image' | 'rows' | null = null;
  /** Handler calls in flight (handlers.ts counts them): the image is written only when there are none. */
  busy = 0;
  /** Milliseconds after the last recomputation the image is written, the worker idle; null: only when writeImage is called. */
  imageDelayMs: number | null = IMAGE_DELAY_MS;
  private imageTimer: ReturnType<typeof setTimeout> | null = null;
  /** What the stored image holds (the rows, config and files it was made of, and whether what was derived from them), so an unchanged ledger is not written again. */
  private imaged: (HeldRows & { readonly derived: boolean }) | null = null;
  /** The image's transaction slices in the database as this worker last read or wrote them (a write stores only those that changed). */
  private slices: StoredSlices | null = null;
  /** Whether the image just read offered a derived state to the next recomputation. */
  private offered = false;
  /**
   * The summary stored when the ledger was read: when the first recomputation gives the same (a reopen with nothing
   * changed), it keeps its revision and is not written again, so the screens that show it have nothing to fetch again.
   */
  private loadedSummary: LedgerSummary | null = null;
  /**
   * The row chunks the rows held came from (read with them), and the files this worker stored itself since: another
   * context (the extension's other worker, a second tab) may add chunks to a file held, and an image written from this
   * memory would then hide those rows. Null when not known (the image is then not written).
   */
  private knownChunks: Set<string> | null = null;
  private readonly storedHere = new Set<string>();
  /** The tables' time order read back with the image, taken by the first recomputation when it restored what was derived. */
  private storedOrder: Int32Array | null = null;
  /** Whether the steps of a load and the recomputation after it leave performance marks (the bench reads them). */
  private marking = false;
  /** What the last recomputation read (the derived state is of these rows until the next one). */
  private computedFrom: HeldRows | null = null;

  constructor(
    readonly db: LedgerDb,
    readonly clock: Clock = deviceClock,
  ) {}

  /** Loads the ledger from IndexedDB and reconciles it (once; later calls wait for the first). */
  async init(onProgress?: (p: ImportProgress) => void): Promise<LedgerSummary> {
    this.loaded ??= this.load();
    await this.loaded;
    if (this.summary) return this.summary;
    // Calls that come while the first recomputation runs (the overview, a table, the cases all ask at once) wait for it.
    this.settling ??= this.recompute(onProgress).finally(() => (this.settling = null));
    return this.settling;
  }

  /** Reads the ledger from IndexedDB again (after a write that changes which rows count, such as removing a file). */
  async reload(): Promise<void> {
    this.loaded = this.load();
    await this.loaded;
  }

  private async load(): Promise<void> {
    // What the worker needs besides the rows is asked for at once: IndexedDB answers it while the rows are read.
    const [contents, stored, config, mappings, device] = await Promise.all([
      this.read(),
      this.db.summary.get('current'),
      this.db.config.get('current'),
      loadMappings(this.db),
      deviceId(this.db),
    ]);
    this.revision = stored?.revision ?? 0;
    this.loadedSummary = stored ?? null;
    await this.adopt(contents, mappings, config?.hlc ?? null, device);
  }

  /** The ledger's contents: from the stored image when it was derived from what the database holds, else every row. */
  private async read(): Promise<LedgerContents> {
    this.marking = true;
    mark('read');
    const held = await readLedgerImage(this.db);
    mark('image-read');
    if (held.parts) {
      try {
        const image = decodeImage(held.parts);
        mark('image-decoded');
        this.openedFrom = 'image';
        const files = held.allFiles.filter(f => !f.removedAt);
        const contents = {
          config: held.config?.config ?? null,
          files,
          txns: image.txns,
          bankLines: image.bankLines,
          decisions: held.decisions,
        };
        this.imaged = { ...heldRows(contents), derived: image.derived !== undefined };
        this.chunksRead(held.chunkKeys);
        this.slices = image.stored;
        // What was derived from these rows: the first recomputation takes it back instead of reconciling every row.
        this.derived.restoreNext((image.derived as DerivedSnapshot | undefined) ?? null);
        this.offered = image.derived !== undefined;
        this.storedOrder = image.order ?? null;
        // Which readings two files gave differently is known when the rows are read (loadLedger); nothing here uses it.
        return { ...contents, changes: [], stamp: held.stamp };
      } catch {
        // A damaged image: the rows are read instead, and a new image is written after.
      }
    }
    this.openedFrom = 'rows';
    this.storedOrder = null;
    this.imaged = null;
    this.slices = null;
    this.derived.restoreNext(null);
    const contents = await loadLedger(this.db);
    this.chunksRead(contents.chunkKeys ?? null);
    return contents;
  }

  /** Holds these contents (read from the database, or what a merge just wrote there) and sets the device's clock past their stamps. */
  private async adopt(contents: LedgerContents, mappings: StoredMapping[], configClock: HlcStamp | null, device?: string): Promise<void> {
    // Rows held anew (read back, or merged anywhere in the lists) are never taken as appended.
    this.loads++;
    this.config = contents.config;
    this.files = contents.files;
    this.fileHashes = new Set(contents.files.map(f => f.hash));
    this.txns = contents.txns;
    this.heldIds.forget();
    this.warming = null;
    this.bankLines = contents.bankLines;
    this.linesById = null;
    this.lineKeys = null;
    this.decisions = contents.decisions;
    this.mappings = mappings;
    const last = this.hlc;
    this.hlc = new HlcClock(device ?? (await deviceId(this.db)), () => Date.parse(this.clock.now()));
    // The stamps made before still order before every later one.
    if (last) this.hlc.observe(last.tick());
    for (const r of [...this.decisions, ...this.mappings]) this.hlc.observe(clockOf(r as unknown as Record<string, unknown>));
    if (configClock) this.hlc.observe(configClock);
  }

  /** A clock stamp for a write of a person's record now (after init). */
  stamp(): HlcStamp {
    if (!this.hlc) throw new Error('the ledger is not loaded yet');
    return this.hlc.tick();
  }

  /** Moves this device's clock past a stamp merged from another replica. */
  observe(stamp: HlcStamp): void {
    this.hlc?.observe(stamp);
  }

  /**
   * Holds what a replica merge just wrote to IndexedDB (the caller passes the ledger as it now is there, so
   * 700,000 rows need not be read back) and reconciles it.
   */
  async replaceWith(contents: LedgerContents, mappings: StoredMapping[], configClock: HlcStamp | null): Promise<LedgerSummary> {
    await this.loaded;
    await this.adopt(contents, mappings, configClock);
    // The merge wrote these rows' chunks just now, in this worker.
    this.chunksRead(await readChunkKeys(this.db));
    return this.recompute();
  }

  /** The row chunks the rows now held were read with (null: not known). */
  private chunksRead(keys: readonly ChunkKey[] | null): void {
    this.knownChunks = keys && new Set(keys.map(chunkKeyText));
    this.storedHere.clear();
  }

  /** A file this worker stored (its rows are held): its row chunks are known to memory. */
  storedFile(hash: string): void {
    this.storedHere.add(hash);
  }

  /** Whether every row chunk the database holds is one memory's rows came from (read, or stored by this worker). */
  private holdsChunks(keys: readonly ChunkKey[]): boolean {
    const known = this.knownChunks;
    return known !== null && keys.every(k => known.has(chunkKeyText(k)) || this.storedHere.has(k[0]));
  }

  /** Forgets everything held (after the database was cleared). */
  reset(): void {
    this.config = null;
    this.files = [];
    this.fileHashes.clear();
    this.txns = [];
    this.heldIds.forget(true);
    this.warming = null;
    this.bankLines = [];
    this.linesById = null;
    this.lineKeys = null;
    this.imaged = null;
    this.slices = null;
    this.decisions = [];
    this.requestedAsOf = null;
    this.mappings = [];
    this.pending.clear();
    this.chunksRead([]);
  }

  private activeDecisions(): Decision[] {
    return this.decisions
      .filter(d => !d.revokedAt)
      .map(d => d.decision)
      .sort((a, b) => a.at.localeCompare(b.at));
  }

  private notices(): Notice[] {
    const known = new Set(this.config?.acquirers.map(a => a.id) ?? []);
    return [...this.derived.countByAcquirer]
      .filter(([acquirer]) => !known.has(acquirer))
      .map(([acquirer, transactions]) => ({ kind: 'orphan_profile', acquirer, transactions }));
  }

  /** Reconciles what is held, stores the summary and returns it. */
  async recompute(onProgress?: (p: ImportProgress) => void): Promise<LedgerSummary> {
    this.revision++;
    this.index = null;
    this.recon = null;
    const today = this.clock.today();
    let recon: Reconciliation | null = null;
    let error: string | null = null;
    if (this.marking) mark('reconcile');
    try {
      recon = this.derived.refresh({
        config: this.config,
        txns: this.txns,
        bankLines: this.bankLines,
        periods: this.files.flatMap(f => f.periods),
        decisions: this.activeDecisions(),
        loaded: this.loads,
        asOf: this.requestedAsOf,
        today,
        onProgress: (stage, share) => onProgress?.({ file: 0, files: 0, name: stage, stage: 'reconcile', share }),
      });
    } catch (err) {
      error = `engine: ${err instanceof Error ? err.message : String(err)}`;
    }
    // Rows read again: what the tables kept is of the old lists (and would hold those rows in memory).
    if (this.keptRows && this.keptRows.rows !== this.derived.rows && this.keptRows.rows !== this.txns) this.keptRows = null;
    if (this.marking) mark(this.derived.last);
    // A stored state that was not taken back (it did not fit) is replaced at the next idle time.
    if (this.offered && this.imaged && this.derived.last !== 'restored') this.imaged = { ...this.imaged, derived: false };
    this.offered = false;
    const base = {
      revision: this.revision,
      computedAt: this.clock.now(),
      today,
      requestedAsOf: this.requestedAsOf,
      notices: this.notices(),
    };
    const counts = { transactionCount: this.txns.length, bankLineCount: this.bankLines.length };
    let summary: LedgerSummary;
    if (!this.config) summary = failedSummary({ ...base, ...counts }, 'no_config');
    else if (!recon) summary = failedSummary({ ...base, ...counts }, error ?? 'engine: no result');
    else {
      this.recon = recon;
      // The order stored with the image is of the rows it restored: the tables need not sort a year on their first page.
      if (this.storedOrder && this.derived.last === 'restored') adoptOrder(this, this.storedOrder);
      this.storedOrder = null;
      const fees = this.derived.feeTotals;
      summary = summarize(recon, { ...base, config: this.config, fees: asOf => fees.series(asOf), bankLineById: this.bankById });
    }
    // Cases move on with the reconciliation (a credit that arrived resolves its case); the summary carries their follow-ups.
    if (this.marking) mark('summarized');
    summary = { ...summary, followUps: await syncCases(this) };
    const unchanged = this.loadedSummary !== null && sameSummary(this.loadedSummary, summary) ? this.loadedSummary : null;
    this.loadedSummary = null;
    if (unchanged) {
      this.revision = unchanged.revision;
      summary = unchanged;
    }
    this.summary = summary;
    this.computedFrom = recon ? heldRows(this) : null;
    if (!unchanged) await putSummary(this.db, summary);
    if (this.marking) mark(unchanged ? 'summary-kept' : 'summary-stored');
    this.marking = false;
    if (this.derived.last === 'restored' && this.heldIds.behind() > 0) void this.warmIndexes();
    this.scheduleImage();
    return summary;
  }

  /** Writes the image once the worker has been idle for {@link imageDelayMs} after the last recomputation. */
  private scheduleImage(): void {
    if (this.imageDelayMs === null) return;
    if (this.imageTimer !== null) clearTimeout(this.imageTimer);
    this.imageTimer = setTimeout(() => {
      this.imageTimer = null;
      if (this.busy > 0) this.scheduleImage();
      // A cache: when it cannot be written (the database closed, full), the next reopen reads the rows.
      else this.writeImage().catch(() => {});
    }, this.imageDelayMs);
  }

  /**
   * Stores the image of the rows held now, unless it holds them already; only when nothing changed meanwhile and the
   * database holds what memory does (another context may have written it). Whether an image was written.
   */
  async writeImage(): Promise<boolean> {
    await this.loaded;
    const held = heldRows(this);
    // What was derived goes with the rows only when it is of these very rows (no change since the last recomputation).
    const current = this.computedFrom !== null && sameRows(this.computedFrom, held);
    if (this.imaged && sameRows(this.imaged, held) && (this.imaged.derived || !current)) return false;
    const started = performance.now();
    const derived = current ? this.derived.snapshot(this) : null;
    let busyMs = performance.now() - started;
    let since = performance.now();
    // A slice at a time, the worker answering in between; anything changed meanwhile, the image waits for the next idle time.
    const pause = async () => {
      busyMs += performance.now() - since;
      await new Promise(resolve => setTimeout(resolve, 0));
      since = performance.now();
      if (!sameRows(held, heldRows(this))) throw new ImageOutdated();
    };
    // The tables' time order travels with what was derived (both are of these very rows): a reopen's first page sorts nothing.
    const order = derived && this.derived.rows.length === this.txns.length ? tableOrder(this) : null;
    const rows = { txns: this.txns, bankLines: this.bankLines, ...(derived ? { derived } : {}), ...(order ? { order } : {}) };
    const holds = (config: StoredConfig | undefined, files: readonly StoredFile[], chunks: readonly ChunkKey[]) =>
      this.busy === 0 &&
      sameRows(held, heldRows(this)) &&
      held.config === JSON.stringify(config?.config ?? null) &&
      held.files === filesKey(files) &&
      this.holdsChunks(chunks);
    try {
      // The slices the database holds from this worker's last write (or read) are kept; another image there, it is made whole.
      for (const before of this.slices ? [this.slices, null] : [null]) {
        const image = await encodeImage(rows, before, pause);
        const [head, ...rest] = image.parts;
        const parts = [{ ...head!, encodedMs: Math.round(busyMs + performance.now() - since) }, ...rest];
        const done = await writeLedgerImage(
          this.db,
          parts,
          holds,
          before ? { writeId: before.writeId, unchanged: image.unchanged } : undefined,
        );
        if (done === 'other') continue;
        if (done === 'written') {
          this.slices = image.stored;
          this.imaged = { ...held, derived: derived !== null };
          return true;
        }
        // Refused while a call was running (its change may be half made): tried again once the worker is idle.
        if (this.busy > 0) this.scheduleImage();
        return false;
      }
      return false;
    } catch (err) {
      if (!(err instanceof ImageOutdated)) throw err;
      this.scheduleImage();
      return false;
    }
  }
}

/** Whether two summaries say the same, their revision and the time each was computed aside. */
function sameSummary(a: LedgerSummary, b: LedgerSummary): boolean {
  const { revision: _ra, computedAt: _ca, ...x } = a;
  const { revision: _rb, computedAt: _cb, ...y } = b;
  return samePlainData(x, y);
}

/** Deep equality of plain data (objects, arrays, strings, numbers, booleans, null); anything else is never equal. */
function samePlainData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => samePlainData(v, b[i]));
  const plain = (o: object) => Object.getPrototypeOf(o) === Object.prototype;
  if (Array.isArray(b) || !plain(a) || !plain(b)) return false;
  const ka = Object.keys(a),
    kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const rb = b as Record<string, unknown>;
  return ka.every(k => Object.prototype.hasOwnProperty.call(rb, k) && samePlainData((a as Record<string, unknown>)[k], rb[k]));
}

/** Thrown between slices of an image being encoded when what it is made of changed meanwhile. */
class ImageOutdated extends Error {}

/** The delay after the last recomputation before the image is written: a burst of changes writes it once. */
export const IMAGE_DELAY_MS = 2000;

/** What memory holds that the image is made of: the row lists (the same arrays, as long) and the config and files, as JSON. */
interface HeldRows {
  readonly txns: readonly StoredTxn[];
  readonly txnCount: number;
  readonly bankLines: readonly StoredBankLine[];
  readonly lineCount: number;
  readonly config: string;
  readonly files: string;
}

function heldRows(held: Pick<LedgerState, 'txns' | 'bankLines' | 'config' | 'files'>): HeldRows {
  return {
    txns: held.txns,
    txnCount: held.txns.length,
    bankLines: held.bankLines,
    lineCount: held.bankLines.length,
    config: JSON.stringify(held.config),
    files: filesKey(held.files),
  };
}

const sameRows = (a: HeldRows, b: HeldRows) =>
  a.txns === b.txns &&
  a.txnCount === b.txnCount &&
  a.bankLines === b.bankLines &&
  a.lineCount === b.lineCount &&
  a.config === b.config &&
  a.files === b.files;

/** The live files, in a fixed order, as JSON. */
const filesKey = (files: readonly StoredFile[]) => JSON.stringify(filesByHash(files));
