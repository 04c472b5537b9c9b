import { openLedgerDb } from '../db/db';
import type { LedgerSummary, StoredMapping } from '../db/schema';
import type { MappingPreview, MappingProfile } from '../import/mapping/index';
import { Ledger, type BankQuery, type BankRow, type CaseDetail, type DecisionInput, type FileOutcome, type ImportProgress, type ImportSource, type Page, type TxnQuery, type TxnRow } from './ledger';

export type * from './ledger';

/** What every API call returns: Comlink drops custom error classes, so failures are plain data. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiError };

/** A failure the screens can show: a message, and for configs the path of every bad field. */
export interface ApiError {
  readonly message: string;
  readonly issues?: readonly { readonly path: string; readonly message: string }[];
}

/** The ledger worker's API: plain data in, plain data out. */
export interface LedgerApi {
  init(onProgress?: (p: ImportProgress) => void): Promise<Result<LedgerSummary>>;
  importFiles(files: ImportSource[], onProgress?: (p: ImportProgress) => void): Promise<Result<FileOutcome[]>>;
  cancelImport(): Promise<Result<null>>;
  saveConfig(config: unknown): Promise<Result<LedgerSummary>>;
  applyPreset(presetId: string, merchantIds: string[]): Promise<Result<LedgerSummary>>;
  decide(decision: DecisionInput): Promise<Result<{ id: string }>>;
  undo(decisionId: string): Promise<Result<{ undone: boolean }>>;
  setAsOf(date: string | null): Promise<Result<LedgerSummary>>;
  queryTxns(q: TxnQuery): Promise<Result<Page<TxnRow>>>;
  queryBankLines(q: BankQuery): Promise<Result<Page<BankRow>>>;
  alertDetail(alertId: string): Promise<Result<CaseDetail | null>>;
  batchDetail(batchIds: string[]): Promise<Result<CaseDetail | null>>;
  clear(): Promise<Result<LedgerSummary>>;
  /** What a column mapping reads from a file's first rows, with every issue the file has under it. */
  previewMapping(bytes: Uint8Array, profile: MappingProfile): Promise<Result<MappingPreview>>;
  /** Saves a column mapping (refused with the reason when unusable) and imports the files that waited for it. */
  saveMapping(profile: MappingProfile): Promise<Result<{ mapping: StoredMapping; outcomes: FileOutcome[] }>>;
  deleteMapping(id: string): Promise<Result<{ deleted: boolean }>>;
}

async function attempt<T>(run: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (err) {
    return { ok: false, error: { message: err instanceof Error ? err.message : String(err) } };
  }
}

/** Builds the API object over a ledger database (a name for tests; the app's default otherwise). */
export function createLedgerApi(dbName?: string, ledger: Ledger = new Ledger(openLedgerDb(dbName))): LedgerApi {
  return {
    init: onProgress => attempt(() => ledger.init(onProgress)),
    importFiles: (files, onProgress) => attempt(() => ledger.importFiles(files, onProgress)),
    cancelImport: () => attempt(async () => { ledger.cancel(); return null; }),
    saveConfig: async config => {
      const r = await attempt(() => ledger.saveConfig(config));
      if (!r.ok) return r;
      return r.value.ok ? { ok: true, value: r.value.summary } : { ok: false, error: { message: 'config_invalid', issues: r.value.issues } };
    },
    applyPreset: async (presetId, merchantIds) => {
      const r = await attempt(() => ledger.applyPreset(presetId, merchantIds));
      if (!r.ok) return r;
      return r.value.ok ? { ok: true, value: r.value.summary } : { ok: false, error: { message: 'config_invalid', issues: r.value.issues } };
    },
    decide: decision => attempt(async () => ({ id: (await ledger.decide(decision)).id })),
    undo: id => attempt(async () => ({ undone: (await ledger.undo(id)).undone })),
    setAsOf: date => attempt(() => ledger.setAsOf(date)),
    queryTxns: q => attempt(() => ledger.queryTxns(q)),
    queryBankLines: q => attempt(() => ledger.queryBankLines(q)),
    alertDetail: id => attempt(() => ledger.alertDetail(id)),
    batchDetail: ids => attempt(() => ledger.batchDetail(ids)),
    clear: () => attempt(() => ledger.clear()),
    previewMapping: async (bytes, profile) => {
      const r = await attempt(async () => ledger.previewMapping(bytes, profile));
      if (!r.ok) return r;
      return r.value.ok ? { ok: true, value: r.value.preview } : { ok: false, error: { message: r.value.message } };
    },
    saveMapping: async profile => {
      const r = await attempt(() => ledger.saveMapping(profile));
      if (!r.ok) return r;
      return r.value.ok ? { ok: true, value: { mapping: r.value.mapping, outcomes: r.value.outcomes } } : { ok: false, error: { message: r.value.message } };
    },
    deleteMapping: id => attempt(async () => ({ deleted: await ledger.deleteMapping(id) })),
  };
}
