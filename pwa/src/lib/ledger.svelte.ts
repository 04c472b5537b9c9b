import {
  LEDGER_DB_NAME,
  openLedgerDb,
  subscribe,
  watchConfig,
  watchDecisions,
  watchFiles,
  watchMappings,
  watchSummary,
  type LedgerDb,
  type Unsubscribe,
} from '../../../core/db/db';
import type { LedgerSummary, StoredConfig, StoredDecision, StoredFile, StoredMapping } from '../../../core/db/schema';
import type { MappingPreview, MappingProfile } from '../../../core/import/mapping/index';
import type { PresetFill } from '../../../core/config/presets';
import type { LedgerClient } from '../../../core/worker/client';
import type { CaseView, DecisionInput, FileOutcome, ImportProgress, ImportSource, LedgerError, Result } from '../../../core/worker/api';
import type { ReplicaExport, ReplicaMerged, ReplicaOpened, ReplicaProgress } from '../../../core/ledger/replica';
import { errorText } from '../../../core/ledger/result';
import { startLedgerClient, type WorkerFactory } from './worker-client';

/** What the import screen shows while files are being read. */
export interface ImportRun {
  readonly names: readonly string[];
  readonly progress: ImportProgress | null;
}

/** A decision just made, offered for undo. */
export interface UndoOffer {
  readonly id: string;
  readonly label: string;
}

// If the worker does not stop within this time after a cancel (it is inside one long parse), it is
// ended and started again: IndexedDB aborts the unfinished transaction, so nothing half-stored stays.
const CANCEL_GRACE_MS = 400;

/**
 * The ledger as the screens see it: live reads from IndexedDB (through core/db), every write
 * through the worker. One instance per app.
 */
export class LedgerStore {
  summary = $state.raw<LedgerSummary | undefined>(undefined);
  files = $state.raw<StoredFile[]>([]);
  config = $state.raw<StoredConfig | undefined>(undefined);
  decisions = $state.raw<StoredDecision[]>([]);
  /** Saved column mappings, by name. */
  mappings = $state.raw<StoredMapping[]>([]);
  /** True once the first summary read finished (even if there is none yet). */
  ready = $state(false);
  /** True once the worker answered its first call (it holds the ledger and takes imports, pages and decisions). */
  workerReady = $state(false);
  run = $state.raw<ImportRun | null>(null);
  outcomes = $state.raw<FileOutcome[]>([]);
  /** The files the merchant picked last, kept (across screens) so a refused export can be retried after choosing a preset. */
  lastSources = $state.raw<ImportSource[]>([]);
  /** Bumped when an import finished, so tests and screens can tell "done" from "idle". */
  importsDone = $state(0);
  working = $state(false);
  failure = $state<string | null>(null);
  undo = $state.raw<UndoOffer | null>(null);
  /** A file just removed with its rows, offered for undo until dismissed (or another file is removed). */
  removedFile = $state.raw<{ readonly hash: string; readonly name: string; readonly rows: number } | null>(null);

  private client: LedgerClient;
  private readonly db: LedgerDb;
  private readonly subs: Unsubscribe[] = [];
  private importToken = 0;

  constructor(
    private readonly factory?: WorkerFactory,
    /** The database this store reads and its worker writes: the merchant's ledger, or the demo's own. */
    readonly dbName: string = LEDGER_DB_NAME,
  ) {
    this.client = startLedgerClient(factory, dbName);
    this.db = openLedgerDb(dbName);
    this.subs.push(
      subscribe(
        watchSummary(this.db),
        s => {
          this.summary = s;
          this.ready = true;
        },
        err => this.fail(err),
      ),
      subscribe(
        watchFiles(this.db),
        f => {
          this.files = f;
        },
        err => this.fail(err),
      ),
      subscribe(
        watchConfig(this.db),
        c => {
          this.config = c;
        },
        err => this.fail(err),
      ),
      subscribe(
        watchDecisions(this.db),
        d => {
          this.decisions = d;
        },
        err => this.fail(err),
      ),
      subscribe(
        watchMappings(this.db),
        m => {
          this.mappings = m;
        },
        err => this.fail(err),
      ),
    );
    void this.call(this.client.api.init()).then(() => {
      this.workerReady = true;
    });
  }

  /** The worker API, for screens that page through rows (reads only). */
  get api(): LedgerClient['api'] {
    return this.client.api;
  }

  private fail(err: unknown): void {
    this.failure = err instanceof Error ? err.message : String(err);
  }

  private async call<T>(pending: Promise<Result<T>>): Promise<T | null> {
    try {
      const r = await pending;
      if (r.ok) return r.value;
      this.failure = errorText(r.error);
      return null;
    } catch (err) {
      this.fail(err);
      return null;
    }
  }

  /** Imports files (from the picker, a drop or the demo) through the worker. */
  async importFiles(sources: ImportSource[]): Promise<FileOutcome[] | null> {
    if (!sources.length) return null;
    const token = ++this.importToken;
    this.run = { names: sources.map(s => s.name), progress: null };
    this.outcomes = [];
    let last = 0;
    const onProgress = (p: ImportProgress) => {
      const now = performance.now();
      if (token !== this.importToken || (now - last < 50 && p.share !== 0 && p.share !== 1)) return;
      last = now;
      this.run = { names: this.run?.names ?? [], progress: p };
    };
    const outcomes = await this.client.withProgress(onProgress, progress => this.call(this.client.api.importFiles(sources, progress)));
    if (token !== this.importToken) return null;
    this.run = null;
    this.outcomes = outcomes ?? [];
    this.importsDone++;
    return outcomes;
  }

  /** Stops an import: no file after the current one is stored, and a long parse is abandoned. */
  async cancelImport(): Promise<void> {
    if (!this.run) return;
    const token = this.importToken;
    const names = this.run.names;
    void this.client.api.cancelImport();
    await new Promise(ok => setTimeout(ok, CANCEL_GRACE_MS));
    if (token !== this.importToken || !this.run) return;
    this.importToken++;
    this.client.terminate();
    this.client = startLedgerClient(this.factory, this.dbName);
    this.run = null;
    this.outcomes = names.map(name => ({
      name,
      hash: '',
      status: 'refused',
      role: null,
      format: null,
      rows: 0,
      newRows: 0,
      from: null,
      to: null,
      acquirer: null,
      issues: [],
      issueCount: 0,
      refusal: { code: 'cancelled', detail: '' },
      merchantIds: [],
      acquirerFormat: null,
    }));
    this.importsDone++;
    await this.call(this.client.api.init());
  }

  /** Fetches the demo ledger bundled with the app and imports it like any other files. */
  async loadDemo(baseUrl: string): Promise<void> {
    this.working = true;
    try {
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- addresses built and used at once, never kept
      const base = new URL(baseUrl, document.baseURI);
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- addresses built and used at once, never kept
      const manifest = (await (await fetch(new URL('manifest.json', base))).json()) as { files: { path: string; role: string }[] };
      const wanted = manifest.files.filter(f => f.role === 'config' || f.role === 'acquirer' || f.role === 'bank');
      const sources = await Promise.all(
        wanted.map(async f => {
          // eslint-disable-next-line svelte/prefer-svelte-reactivity -- addresses built and used at once, never kept
          const res = await fetch(new URL(f.path, base));
          if (!res.ok) throw new Error(`${f.path}: ${res.status}`);
          return { name: f.path, data: await res.blob() };
        }),
      );
      await this.importFiles(sources);
    } catch (err) {
      this.fail(err);
    } finally {
      this.working = false;
    }
  }

  /** Adds a preset acquirer profile, then imports the files that were waiting for it. */
  async applyPreset(
    presetId: string,
    merchantIds: readonly string[],
    retry: ImportSource[],
    fill: PresetFill = {},
  ): Promise<LedgerError | null> {
    const r = await this.client.api.applyPreset(presetId, [...merchantIds], fill);
    if (!r.ok) return r.error;
    if (retry.length) await this.importFiles(retry);
    return null;
  }

  /** Saves an edited or imported config; returns its problems by path when it is not valid. */
  async saveConfig(config: unknown): Promise<LedgerError | null> {
    const r = await this.client.api.saveConfig(config);
    return r.ok ? null : r.error;
  }

  /** Records a decision; the summary updates through the live query. */
  async decide(decision: DecisionInput, label: string): Promise<boolean> {
    this.working = true;
    try {
      const r = await this.call(this.client.api.decide(decision));
      if (r) this.undo = { id: r.id, label };
      return r !== null;
    } finally {
      this.working = false;
    }
  }

  /** Changes a case through the worker (status, timeline, checklist, vouchers); the screen words a refusal itself. */
  async changeCase(run: (api: LedgerClient['api']) => Promise<Result<CaseView>>): Promise<Result<CaseView>> {
    this.working = true;
    try {
      return await run(this.client.api);
    } catch (err) {
      return { ok: false, error: { code: 'failed', params: { message: err instanceof Error ? err.message : String(err) } } };
    } finally {
      this.working = false;
    }
  }

  /** Undoes a decision. */
  async undoDecision(id: string): Promise<void> {
    this.working = true;
    try {
      await this.call(this.client.api.undo(id));
      if (this.undo?.id === id) this.undo = null;
    } finally {
      this.working = false;
    }
  }

  /** Reviews the ledger at a past date, or back to the latest (null). */
  async setAsOf(date: string | null): Promise<void> {
    this.working = true;
    try {
      await this.call(this.client.api.setAsOf(date));
    } finally {
      this.working = false;
    }
  }

  /** What a column mapping reads from a file, or why the worker cannot try it. */
  async previewMapping(bytes: Uint8Array, profile: MappingProfile): Promise<Result<MappingPreview>> {
    try {
      return await this.client.api.previewMapping(bytes, profile);
    } catch (err) {
      return { ok: false, error: { code: 'failed', params: { message: err instanceof Error ? err.message : String(err) } } };
    }
  }

  /**
   * Saves a column mapping; the worker imports the files that waited for it and their outcomes replace
   * the refusals shown. When the worker no longer holds the file (it was restarted), it is imported again.
   */
  async saveMapping(profile: MappingProfile, source?: ImportSource): Promise<LedgerError | null> {
    this.working = true;
    try {
      const r = await this.client.api.saveMapping(profile);
      if (!r.ok) return r.error;
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a lookup built and used at once, never kept
      const byHash = new Map(r.value.outcomes.map(o => [o.hash, o]));
      this.outcomes = this.outcomes.map(o => byHash.get(o.hash) ?? o);
      if (source && !r.value.outcomes.some(o => o.name === source.name)) await this.importFiles([source]);
      else this.importsDone++;
      return null;
    } catch (err) {
      return { code: 'failed', params: { message: err instanceof Error ? err.message : String(err) } };
    } finally {
      this.working = false;
    }
  }

  /** Deletes a saved column mapping (files imported with it stay). */
  async deleteMapping(id: string): Promise<void> {
    await this.call(this.client.api.deleteMapping(id));
  }

  /** Takes one imported file and its rows out of the ledger, offering undo; an earlier offer is settled for good. */
  async removeFile(hash: string): Promise<void> {
    this.working = true;
    try {
      if (this.removedFile) await this.forgetRemovedFile();
      const r = await this.call(this.client.api.removeFile(hash));
      if (r) this.removedFile = { hash: r.hash, name: r.name, rows: r.rows };
    } finally {
      this.working = false;
    }
  }

  /** Puts the removed file and its rows back. */
  async restoreRemovedFile(): Promise<void> {
    const removed = this.removedFile;
    if (!removed) return;
    this.working = true;
    try {
      if ((await this.call(this.client.api.restoreFile(removed.hash))) !== null) this.removedFile = null;
    } finally {
      this.working = false;
    }
  }

  /** Lets the removed file go: its rows are deleted for good. */
  async forgetRemovedFile(): Promise<void> {
    const removed = this.removedFile;
    if (!removed) return;
    this.removedFile = null;
    await this.call(this.client.api.forgetRemovedFile(removed.hash));
  }

  /** The whole ledger as an encrypted replica file (the worker encrypts; progress comes back as it goes). */
  async exportReplica(passphrase: string, onProgress: (p: ReplicaProgress) => void): Promise<Result<ReplicaExport>> {
    return this.replicaCall(() =>
      this.client.withProgress<Result<ReplicaExport>, ReplicaProgress>(onProgress, progress =>
        this.client.api.exportReplica(passphrase, progress),
      ),
    );
  }

  /** Opens a replica file and says what merging it would add; nothing changes until {@link confirmReplica}. */
  async openReplica(file: Blob, passphrase: string, onProgress: (p: ReplicaProgress) => void): Promise<Result<ReplicaOpened>> {
    return this.replicaCall(() =>
      this.client.withProgress<Result<ReplicaOpened>, ReplicaProgress>(onProgress, progress =>
        this.client.api.openReplica(file, passphrase, progress),
      ),
    );
  }

  /** Merges the replica file opened last (null when none waits); the screens update through the live queries. */
  async confirmReplica(): Promise<Result<ReplicaMerged | null>> {
    return this.replicaCall(() => this.client.api.confirmReplica());
  }

  /** Forgets the replica file opened last. */
  async discardReplica(): Promise<void> {
    await this.call(this.client.api.discardReplica());
  }

  private async replicaCall<T>(run: () => Promise<Result<T>>): Promise<Result<T>> {
    this.working = true;
    try {
      return await run();
    } catch (err) {
      return { ok: false, error: { code: 'failed', params: { message: err instanceof Error ? err.message : String(err) } } };
    } finally {
      this.working = false;
    }
  }

  /** Deletes the whole ledger on this device. */
  async clear(): Promise<void> {
    await this.call(this.client.api.clear());
    this.outcomes = [];
  }

  /** Stops the worker and the live queries (when a host unmounts the app). */
  destroy(): void {
    for (const u of this.subs) u();
    this.client.terminate();
    this.db.close();
  }
}
