import { ACQUIRER_PRESETS, withPreset } from '../config/presets';
import type { AcquirerProfile, Config } from '../config/types';
import { validateConfig } from '../config/validate';
import { addDecision, clearLedger, deleteMapping, loadLedger, loadMappings, putMapping, putSummary, revokeDecision, saveConfig, storeFile } from '../db/repo';
import type { LedgerDb } from '../db/db';
import type { LedgerSummary, Notice, StoredBankLine, StoredDecision, StoredFile, StoredMapping, StoredTxn } from '../db/schema';
import { parseFile } from '../import/detect';
import { findProfile, guessMapping, parseWithProfile, previewWithProfile, profileKey, profileProblem, type MappingPreview, type MappingProfile } from '../import/mapping/index';
import { parseAmount } from '../model/money';
import type { BankLine, ParseIssue, ParseResult } from '../model/types';
import { localParts, tradeDate } from '../model/zone';
import { assignAcquirer } from '../reconcile/assign';
import { reconcile } from '../reconcile/engine';
import { STATUSES, type Alert, type Batch, type Decision, type Link, type Reconciliation, type TxnStatus } from '../reconcile/types';
import { failedSummary, summarize } from './summary';

/** A file handed to the worker: a File/Blob from a picker or a fetch, or raw bytes. */
export interface ImportSource {
  readonly name: string;
  readonly data: Blob | ArrayBuffer | Uint8Array;
}

/** Where an import stands, for a progress bar. */
export interface ImportProgress {
  /** 0-based index of the file being processed (files.length while reconciling). */
  readonly file: number;
  readonly files: number;
  readonly name: string;
  readonly stage: 'read' | 'parse' | 'store' | 'reconcile';
  /** Share of this stage done, 0..1. */
  readonly share: number;
}

/** Why a file was not stored, as a code the screens translate, with the detail from the parser or matcher. */
export type RefusalCode = 'issues' | 'no_config' | 'no_profile' | 'config_invalid' | 'cancelled' | 'needs_mapping';

/** For a file no format recognises: first guesses at a column mapping, and what the bank guess reads. */
export interface MappingRequest {
  /** The guess for each role; the merchant says whether the file is a bank statement or an acquirer export. */
  readonly guesses: { readonly bank: MappingProfile; readonly acquirer: MappingProfile };
  /** The first rows as the bank guess reads them (raw cells too). */
  readonly preview: MappingPreview;
}

/** What became of one file. */
export interface FileOutcome {
  readonly name: string;
  readonly hash: string;
  readonly status: 'stored' | 'duplicate' | 'refused';
  readonly role: 'acquirer' | 'bank' | 'config' | null;
  readonly format: string | null;
  readonly rows: number;
  /** Rows new to the ledger (the rest were already there from another file). */
  readonly newRows: number;
  readonly from: string | null;
  readonly to: string | null;
  readonly acquirer: string | null;
  /** The first issues (errors first), each naming line and field; `issueCount` says how many there were. */
  readonly issues: readonly ParseIssue[];
  readonly issueCount: number;
  readonly refusal: { readonly code: RefusalCode; readonly detail: string } | null;
  /** Merchant numbers printed in a refused acquirer file, to fill in a preset profile. */
  readonly merchantIds: readonly string[];
  /** The acquirer format, for choosing which presets fit. */
  readonly acquirerFormat: string | null;
  /** With refusal `needs_mapping`: the guessed mapping and a preview, for the mapping form. */
  readonly mapping?: MappingRequest;
}

/** One transaction as the tables show it. */
export interface TxnRow {
  readonly acquirer: string;
  readonly id: string;
  readonly kind: StoredTxn['kind'];
  readonly at: string;
  readonly grossMinor: number;
  readonly feeMinor: number;
  readonly netMinor: number;
  readonly currency: string;
  readonly terminal: string | null;
  readonly card: string | null;
  readonly status: TxnStatus | null;
  readonly expectedOn: string | null;
  readonly bankLineIds: readonly string[];
  readonly batchId: string | null;
  readonly line: number;
}

/** One bank line as the tables show it. */
export interface BankRow extends BankLine {
  /** The acquirer profile whose bank names appear on the line, if any. */
  readonly acquirer: string | null;
  readonly linkedBatchIds: readonly string[];
  readonly linkPass: Link['reason']['pass'] | null;
}

/** Filters for the transactions table. */
export interface TxnQuery {
  readonly search?: string;
  readonly status?: TxnStatus | null;
  readonly acquirer?: string | null;
  readonly offset: number;
  readonly limit: number;
}

/** Filters for the bank lines table. */
export interface BankQuery {
  readonly search?: string;
  readonly linked?: 'all' | 'linked' | 'unlinked';
  readonly offset: number;
  readonly limit: number;
}

/** A page of rows and how many match in all. */
export interface Page<T> {
  readonly total: number;
  readonly offset: number;
  readonly rows: T[];
  readonly revision: number;
}

/** A batch with the credit linked to it, if any. */
export interface BatchView extends Batch {
  readonly bankLineId: string | null;
}

/** Everything behind one alert or batch: what a merchant needs to decide. */
export interface CaseDetail {
  readonly alert: Alert | null;
  readonly batches: BatchView[];
  readonly links: { readonly link: Link; readonly bankLine: BankLine | null }[];
  readonly bankLines: BankLine[];
  readonly txns: TxnRow[];
  readonly txnTotal: number;
  /** Unlinked bank credits that could pay the unlinked batches, closest amount first. */
  readonly candidateLines: (BankRow & { readonly deltaMinor: number })[];
  /** Unlinked batches a credit of this case could pay, closest amount first. */
  readonly candidateBatches: BatchView[];
  /** Active decisions that touch this case, newest first (each can be undone). */
  readonly decisions: StoredDecision[];
}

/** A decision as a screen makes it; the worker stamps the time. */
export type DecisionInput =
  | { readonly kind: 'confirm_link'; readonly bankLineId: string; readonly batchIds: string[] }
  | { readonly kind: 'unlink'; readonly bankLineId: string }
  | { readonly kind: 'manual_link'; readonly bankLineId: string; readonly batchIds: string[] }
  | { readonly kind: 'dismiss_alert'; readonly alertId: string; readonly reason: string };

const MAX_ISSUES = 50;
const MAX_PENDING = 8;
const CASE_TXNS = 300;
const CANDIDATES = 15;

/** Today's date on this device, `YYYY-MM-DD` in its own time zone. */
export function deviceToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** SHA-256 of bytes as hex: the identity of an imported file. */
export async function contentHash(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map(b => b.toString(16).padStart(2, '0')).join('');
}

/** A JSON file that is (or tries to be) a settlewatch config; null when the bytes are something else. */
export function readConfigJson(bytes: Uint8Array): unknown | null {
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  if (bytes[i] !== 0x7b) return null; // '{'
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8').decode(bytes.subarray(i)));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const o = value as Record<string, unknown>;
  const looksLikeConfig = (typeof o.schema === 'string' && o.schema.startsWith('settlewatch.config')) || Array.isArray(o.acquirers);
  return looksLikeConfig ? value : null;
}

/**
 * What identifies a transaction's batch, per the contract: its payout id, else its trade date and
 * expected credit date. Batches are found by these fields, not by parsing the engine's batch ids.
 */
export function batchKeyOf(txn: StoredTxn, expectedOn: string | null, profile: AcquirerProfile | undefined): string | null {
  if (txn.payoutId) return `${txn.acquirer}\u0000p\u0000${txn.payoutId}`;
  if (!profile || !expectedOn) return null;
  const local = localParts(txn.at, profile.timezone);
  return `${txn.acquirer}\u0000d\u0000${tradeDate(local.date, local.time, profile.cutoff)}\u0000${expectedOn}`;
}

/** The key {@link batchKeyOf} gives the transactions of a batch. */
export function keyOfBatch(b: Batch): string {
  return b.payoutId ? `${b.acquirer}\u0000p\u0000${b.payoutId}` : `${b.acquirer}\u0000d\u0000${b.tradeDate}\u0000${b.expectedOn}`;
}

/** Whether a bank line's text names one of an acquirer's counterparties (counterparty, else description). */
export function lineAcquirer(line: BankLine, config: Config | null): string | null {
  if (!config) return null;
  const text = (line.counterparty.trim() ? line.counterparty : line.description).toLowerCase();
  for (const a of config.acquirers) if (a.bankCounterparties.some(n => text.includes(n.toLowerCase()))) return a.id;
  return null;
}

function issueOrder(a: ParseIssue, b: ParseIssue): number {
  return (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) || a.line - b.line;
}

function coveredDates(result: ParseResult): { from: string | null; to: string | null } {
  let from: string | null = null, to: string | null = null;
  const see = (d: string | null | undefined) => {
    if (!d) return;
    if (from === null || d < from) from = d;
    if (to === null || d > to) to = d;
  };
  if (result.role === 'bank') {
    for (const p of result.periods) { see(p.from); see(p.to); }
    if (from === null) for (const b of result.bankLines) see(b.bookedOn);
  } else {
    for (const t of result.acquirerTxns) see(t.at.slice(0, 10));
  }
  return { from, to };
}

interface QueryIndex {
  readonly txns: StoredTxn[];
  readonly status: Uint8Array;
  readonly expectedOn: (string | null)[];
  readonly bankLineIds: (readonly string[])[];
  readonly batchOf: (string | null)[];
  readonly lines: StoredBankLine[];
  readonly lineAcquirer: (string | null)[];
  readonly linkOfLine: Map<string, Link>;
  readonly linkOfBatch: Map<string, Link>;
  readonly batchById: Map<string, Batch>;
  readonly txnsOfBatch: Map<string, number[]>;
  readonly cache: Map<string, Int32Array>;
}

const NO_STATUS = 255;

/**
 * The ledger as the worker holds it: the facts from IndexedDB in memory, the latest reconciliation,
 * and the indexes the tables page through. Every write goes to IndexedDB first, then to memory.
 */
export class Ledger {
  private config: Config | null = null;
  private files: StoredFile[] = [];
  private fileHashes = new Set<string>();
  private txns: StoredTxn[] = [];
  /** Transaction ids held, per acquirer profile. */
  private txnIds = new Map<string, Set<string>>();
  private bankLines: StoredBankLine[] = [];
  private bankById = new Map<string, StoredBankLine>();
  private decisions: StoredDecision[] = [];
  private requestedAsOf: string | null = null;
  private recon: Reconciliation | null = null;
  private index: QueryIndex | null = null;
  private revision = 0;
  private loaded: Promise<void> | null = null;
  private cancelled = false;
  private summary: LedgerSummary | null = null;
  private mappings: StoredMapping[] = [];
  /** Files refused for want of a mapping, kept (by hash) so saving a mapping can import them. */
  private pending = new Map<string, { name: string; bytes: Uint8Array }>();

  constructor(private readonly db: LedgerDb, private readonly today: () => string = deviceToday, private readonly now: () => string = () => new Date().toISOString()) {}

  /** Loads the ledger from IndexedDB and reconciles it (once; later calls wait for the first). */
  async init(onProgress?: (p: ImportProgress) => void): Promise<LedgerSummary> {
    this.loaded ??= this.load();
    await this.loaded;
    return this.summary ?? this.recompute(onProgress);
  }

  private async load(): Promise<void> {
    const contents = await loadLedger(this.db);
    const stored = await this.db.summary.get('current');
    this.revision = stored?.revision ?? 0;
    this.config = contents.config;
    this.files = contents.files;
    this.fileHashes = new Set(contents.files.map(f => f.hash));
    this.txns = contents.txns;
    this.txnIds = new Map();
    for (const t of contents.txns) this.idsOf(t.acquirer).add(t.id);
    this.bankLines = contents.bankLines;
    this.bankById = new Map(contents.bankLines.map(b => [b.id, b]));
    this.decisions = contents.decisions;
    this.mappings = await loadMappings(this.db);
  }

  private idsOf(acquirer: string): Set<string> {
    let ids = this.txnIds.get(acquirer);
    if (!ids) { ids = new Set(); this.txnIds.set(acquirer, ids); }
    return ids;
  }

  /** Asks a running import to stop before it stores its next file. */
  cancel(): void {
    this.cancelled = true;
  }

  /**
   * Imports files: configs first (so exports in the same drop can be assigned), then the rest in
   * the order given. Each file is stored whole in one transaction or refused before any write;
   * the ledger is reconciled once at the end.
   */
  async importFiles(sources: readonly ImportSource[], onProgress?: (p: ImportProgress) => void): Promise<FileOutcome[]> {
    this.cancelled = false;
    await this.init();
    const report = (p: ImportProgress) => onProgress?.(p);
    const read: { name: string; bytes: Uint8Array; index: number }[] = [];
    for (const [index, s] of sources.entries()) {
      report({ file: index, files: sources.length, name: s.name, stage: 'read', share: 0 });
      const bytes = s.data instanceof Uint8Array ? s.data : new Uint8Array(s.data instanceof ArrayBuffer ? s.data : await s.data.arrayBuffer());
      read.push({ name: s.name, bytes, index });
    }
    const configs = read.map(r => ({ ...r, json: readConfigJson(r.bytes) }));
    const ordered = [...configs.filter(c => c.json !== null), ...configs.filter(c => c.json === null)];
    const outcomes: FileOutcome[] = new Array(sources.length);
    // A file's write commits while the next file is read: IndexedDB runs the transactions in order.
    const writes: Promise<void>[] = [];
    let changed = false;
    for (const [n, f] of ordered.entries()) {
      if (this.cancelled) {
        outcomes[f.index] = refused(f.name, '', null, null, [], { code: 'cancelled', detail: '' });
        continue;
      }
      const progress = (stage: ImportProgress['stage'], share: number) => report({ file: n, files: ordered.length, name: f.name, stage, share });
      if (f.json !== null) {
        await Promise.all(writes);
        const outcome = await this.importConfig(f.name, f.bytes, f.json);
        outcomes[f.index] = outcome;
        if (outcome.status === 'stored') changed = true;
        continue;
      }
      const result = await this.importRows(f.name, f.bytes, progress);
      if ('writing' in result) {
        writes.push(result.writing.then(outcome => {
          outcomes[f.index] = outcome;
          if (outcome.status === 'stored') changed = true;
        }));
      } else {
        outcomes[f.index] = result;
      }
    }
    await Promise.all(writes);
    if (changed) await this.recompute(p => report({ ...p, files: ordered.length, file: ordered.length }));
    return outcomes;
  }

  private async importConfig(name: string, bytes: Uint8Array, json: unknown): Promise<FileOutcome> {
    const hash = await contentHash(bytes);
    if (this.fileHashes.has(hash)) return outcome(name, hash, 'duplicate', 'config', 'settlewatch.config/1');
    const checked = validateConfig(json);
    if (!checked.ok) {
      const issues: ParseIssue[] = checked.issues.map(i => ({ line: 0, field: i.path, message: i.message, severity: 'error' }));
      return refused(name, hash, 'config', 'settlewatch.config/1', issues, { code: 'config_invalid', detail: '' });
    }
    const at = this.now();
    const file: StoredFile = {
      hash, name, size: bytes.length, role: 'config', format: 'settlewatch.config/1', acquirer: null,
      rows: checked.config.acquirers.length, from: null, to: null, periods: [], warnings: [], importedAt: at,
    };
    const stored = await saveConfig(this.db, checked.config, at, file);
    if (stored === 'duplicate') return outcome(name, hash, 'duplicate', 'config', 'settlewatch.config/1');
    this.config = checked.config;
    this.files.push(file);
    this.fileHashes.add(hash);
    return { ...outcome(name, hash, 'stored', 'config', 'settlewatch.config/1'), rows: file.rows, newRows: file.rows };
  }

  private async importRows(
    name: string, bytes: Uint8Array, progress: (stage: ImportProgress['stage'], share: number) => void, mapping?: MappingProfile,
  ): Promise<FileOutcome | { writing: Promise<FileOutcome> }> {
    const hash = await contentHash(bytes);
    if (this.fileHashes.has(hash)) return outcome(name, hash, 'duplicate', null, null);
    progress('parse', 0);
    let last = 0;
    const ctx = {
      fileName: name,
      onProgress: (share: number) => { if (share - last >= 0.02 || share === 1) { last = share; progress('parse', share); } },
    };
    let result = mapping ? parseWithProfile(bytes, mapping, ctx) : parseFile(bytes, ctx);
    // No format recognises the file: a mapping the merchant saved for its header reads it; without one,
    // and when the file has a table at all, ask for a mapping (the guess is the starting point).
    if (result.format === 'unknown' && profileKey(bytes) !== null) {
      const saved = findProfile(bytes, this.mappings);
      if (!saved) {
        this.pending.set(hash, { name, bytes });
        // Kept for this session only, and only the latest few: a merchant maps one layout at a time.
        if (this.pending.size > MAX_PENDING) this.pending.delete(this.pending.keys().next().value!);
        return { ...refused(name, hash, null, null, [], { code: 'needs_mapping', detail: result.issues[0]?.message ?? '' }), mapping: mappingRequest(bytes) };
      }
      result = parseWithProfile(bytes, saved, ctx);
    }
    const issues = [...result.issues].sort(issueOrder);
    const errors = issues.filter(i => i.severity === 'error');
    const rows = result.role === 'bank' ? result.bankLines.length : result.acquirerTxns.length;
    const { from, to } = coveredDates(result);
    const base = { ...outcome(name, hash, 'refused', result.role, result.format), rows, from, to, issues: issues.slice(0, MAX_ISSUES), issueCount: issues.length };
    if (errors.length) return { ...base, refusal: { code: 'issues', detail: '' } };

    let acquirer: string | null = null;
    if (result.role === 'acquirer') {
      const merchantIds = [...new Set([...result.merchantIds, ...result.acquirerTxns.map(t => t.merchantId).filter((m): m is string => !!m)])].slice(0, 20);
      if (!this.config) return { ...base, merchantIds, acquirerFormat: result.format, refusal: { code: 'no_config', detail: '' } };
      const assigned = assignAcquirer(result, this.config);
      if (!assigned.ok) return { ...base, merchantIds, acquirerFormat: result.format, refusal: { code: 'no_profile', detail: assigned.message } };
      acquirer = assigned.acquirer;
    }
    if (this.cancelled) return { ...base, refusal: { code: 'cancelled', detail: '' } };

    progress('store', 0);
    const file: StoredFile = {
      hash, name, size: bytes.length, role: result.role, format: result.format, acquirer, rows, from, to,
      periods: result.periods, warnings: issues.slice(0, MAX_ISSUES), importedAt: this.now(),
    };
    const newTxns: StoredTxn[] = [];
    const newLines: StoredBankLine[] = [];
    if (acquirer !== null) {
      const held = this.txnIds.get(acquirer);
      const seen = new Set<string>();
      for (const t of result.acquirerTxns) {
        if (held?.has(t.id) || seen.has(t.id)) continue;
        seen.add(t.id);
        newTxns.push({ ...t, acquirer, fileHash: hash });
      }
    } else {
      const seen = new Set<string>();
      for (const b of result.bankLines) {
        if (this.bankById.has(b.id) || seen.has(b.id)) continue;
        seen.add(b.id);
        newLines.push({ ...b, fileHash: hash });
      }
    }
    // Claim the ids now, so a later file of the same drop leaves them out; give them back if the write fails.
    const ids = acquirer !== null ? this.idsOf(acquirer) : null;
    for (const t of newTxns) ids!.add(t.id);
    for (const b of newLines) this.bankById.set(b.id, b);
    const release = () => {
      for (const t of newTxns) ids!.delete(t.id);
      for (const b of newLines) this.bankById.delete(b.id);
    };
    const writing = storeFile(this.db, file, { txns: newTxns, bankLines: newLines }).then(stored => {
      if (stored === 'duplicate') { release(); return { ...base, status: 'duplicate' } as FileOutcome; }
      progress('store', 1);
      this.files.push(file);
      this.fileHashes.add(hash);
      for (const t of newTxns) this.txns.push(t);
      for (const b of newLines) this.bankLines.push(b);
      this.pending.delete(hash);
      return { ...base, status: 'stored', acquirer, newRows: newTxns.length + newLines.length } as FileOutcome;
    }, err => { release(); throw err; });
    return { writing };
  }

  /** What a mapping reads from a file: the first rows raw and parsed, and the issues of the whole file. */
  previewMapping(bytes: Uint8Array, profile: MappingProfile): { ok: true; preview: MappingPreview } | { ok: false; message: string } {
    // The currency may still be missing while the merchant fills in the form; the preview names it as an issue.
    const shape = mappingShapeProblem(profile, false);
    return shape ? { ok: false, message: shape } : { ok: true, preview: previewWithProfile(bytes, profile) };
  }

  /**
   * Saves a column mapping (checked first), then imports with it every file of this session that
   * waited for a mapping of this layout. Returns what became of those files.
   */
  async saveMapping(profile: MappingProfile): Promise<{ ok: true; mapping: StoredMapping; outcomes: FileOutcome[] } | { ok: false; message: string }> {
    const problem = mappingShapeProblem(profile) ?? profileProblem(profile);
    if (problem) return { ok: false, message: problem };
    await this.init();
    const mapping: StoredMapping = { ...plainProfile(profile), savedAt: this.now() };
    const replaced = await putMapping(this.db, mapping);
    this.mappings = [...this.mappings.filter(m => m.id !== mapping.id && !replaced.includes(m.id)), mapping];
    const waiting = [...this.pending].filter(([, p]) => profileKey(p.bytes) === mapping.headerKey);
    const outcomes: FileOutcome[] = [];
    let changed = false;
    for (const [hash, p] of waiting) {
      const result = await this.importRows(p.name, p.bytes, () => {}, mapping);
      const done = 'writing' in result ? await result.writing : result;
      if (done.status !== 'refused') this.pending.delete(hash);
      if (done.status === 'stored') changed = true;
      outcomes.push(done);
    }
    if (changed) await this.recompute();
    return { ok: true, mapping, outcomes };
  }

  /** Deletes a saved column mapping; files already imported with it stay. */
  async deleteMapping(id: string): Promise<boolean> {
    await this.init();
    const deleted = await deleteMapping(this.db, id);
    this.mappings = this.mappings.filter(m => m.id !== id);
    return deleted;
  }

  /** Replaces the config with one the merchant edited or imported (validated first). */
  async saveConfig(value: unknown): Promise<{ ok: true; summary: LedgerSummary } | { ok: false; issues: { path: string; message: string }[] }> {
    await this.init();
    const checked = validateConfig(value);
    if (!checked.ok) return { ok: false, issues: checked.issues };
    await saveConfig(this.db, checked.config, this.now());
    this.config = checked.config;
    return { ok: true, summary: await this.recompute() };
  }

  /** Adds a preset profile (with the merchant numbers printed in a refused file) to the config. */
  async applyPreset(presetId: string, merchantIds: readonly string[]): Promise<{ ok: true; summary: LedgerSummary } | { ok: false; issues: { path: string; message: string }[] }> {
    const preset = ACQUIRER_PRESETS.find(p => p.id === presetId);
    if (!preset) return { ok: false, issues: [{ path: 'preset', message: `no preset "${presetId}"` }] };
    await this.init();
    return this.saveConfig(withPreset(this.config, preset, merchantIds));
  }

  /** Records a person's decision and recomputes. */
  async decide(input: DecisionInput): Promise<{ id: string; summary: LedgerSummary }> {
    await this.init();
    const id = crypto.randomUUID();
    const decision = { ...input, at: this.now() } as Decision;
    await addDecision(this.db, id, decision);
    this.decisions.push({ id, decision, revokedAt: null });
    return { id, summary: await this.recompute() };
  }

  /** Undoes a decision and recomputes; false when it was not active. */
  async undo(id: string): Promise<{ undone: boolean; summary: LedgerSummary }> {
    await this.init();
    const at = this.now();
    const undone = await revokeDecision(this.db, id, at);
    if (undone) this.decisions = this.decisions.map(d => (d.id === id ? { ...d, revokedAt: at } : d));
    return { undone, summary: undone ? await this.recompute() : this.summary! };
  }

  /** Reviews the ledger as of a past date (null: the latest the bank data allows). */
  async setAsOf(date: string | null): Promise<LedgerSummary> {
    await this.init();
    this.requestedAsOf = date;
    return this.recompute();
  }

  /** Deletes everything stored. */
  async clear(): Promise<LedgerSummary> {
    await this.init();
    await clearLedger(this.db);
    this.config = null; this.files = []; this.fileHashes.clear(); this.txns = []; this.txnIds.clear();
    this.bankLines = []; this.bankById.clear(); this.decisions = []; this.requestedAsOf = null; this.mappings = []; this.pending.clear();
    return this.recompute();
  }

  private activeDecisions(): Decision[] {
    return this.decisions.filter(d => !d.revokedAt).map(d => d.decision).sort((a, b) => a.at.localeCompare(b.at));
  }

  private notices(): Notice[] {
    const known = new Set(this.config?.acquirers.map(a => a.id) ?? []);
    const orphans = new Map<string, number>();
    for (const t of this.txns) if (!known.has(t.acquirer)) orphans.set(t.acquirer, (orphans.get(t.acquirer) ?? 0) + 1);
    return [...orphans].map(([acquirer, transactions]) => ({ kind: 'orphan_profile', acquirer, transactions }));
  }

  private async recompute(onProgress?: (p: ImportProgress) => void): Promise<LedgerSummary> {
    this.revision++;
    this.index = null;
    this.recon = null;
    const notices = this.notices();
    const base = { revision: this.revision, computedAt: this.now(), today: this.today(), requestedAsOf: this.requestedAsOf, notices };
    let summary: LedgerSummary;
    if (!this.config) {
      summary = failedSummary({ ...base, transactionCount: this.txns.length, bankLineCount: this.bankLines.length }, 'no_config');
    } else {
      const config = this.config;
      const byAcquirer = new Map<string, StoredTxn[]>(config.acquirers.map(a => [a.id, []]));
      for (const t of this.txns) byAcquirer.get(t.acquirer)?.push(t);
      try {
        const recon = reconcile({
          config,
          acquirers: [...byAcquirer].map(([acquirer, txns]) => ({ acquirer, txns })),
          bankLines: this.bankLines,
          periods: this.files.flatMap(f => f.periods),
          decisions: this.activeDecisions(),
          asOf: this.requestedAsOf,
          today: base.today,
          onProgress: (stage, share) => onProgress?.({ file: 0, files: 0, name: stage, stage: 'reconcile', share }),
        });
        this.recon = recon;
        const included = this.txns.filter(t => byAcquirer.has(t.acquirer));
        summary = summarize(recon, { ...base, config, txns: included, bankLineById: this.bankById });
      } catch (err) {
        summary = failedSummary({ ...base, transactionCount: this.txns.length, bankLineCount: this.bankLines.length }, `engine: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    this.summary = summary;
    await putSummary(this.db, summary);
    return summary;
  }

  private buildIndex(): QueryIndex {
    if (this.index) return this.index;
    const profiles = new Map(this.config?.acquirers.map(a => [a.id, a]) ?? []);
    const txns = [...this.txns].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const reportOf = new Map<string, Reconciliation['report']['transactions'][number]>();
    for (const r of this.recon?.report.transactions ?? []) reportOf.set(`${r.acquirer}\u0000${r.id}`, r);
    const status = new Uint8Array(txns.length).fill(NO_STATUS);
    const expectedOn: (string | null)[] = new Array(txns.length);
    const bankLineIds: (readonly string[])[] = new Array(txns.length);
    const batchOf: (string | null)[] = new Array(txns.length);
    const batchById = new Map((this.recon?.batches ?? []).map(b => [b.id, b]));
    const batchByKey = new Map((this.recon?.batches ?? []).map(b => [keyOfBatch(b), b.id]));
    const txnsOfBatch = new Map<string, number[]>();
    for (let i = 0; i < txns.length; i++) {
      const t = txns[i]!;
      const r = reportOf.get(`${t.acquirer}\u0000${t.id}`);
      if (r) status[i] = STATUSES.indexOf(r.status);
      expectedOn[i] = r?.expectedOn ?? null;
      bankLineIds[i] = r?.bankLineIds ?? [];
      const key = r && r.status !== 'voided' ? batchKeyOf(t, r.expectedOn, profiles.get(t.acquirer)) : null;
      const batch = key === null ? null : batchByKey.get(key) ?? null;
      batchOf[i] = batch;
      if (batch !== null) {
        const list = txnsOfBatch.get(batch);
        if (list) list.push(i); else txnsOfBatch.set(batch, [i]);
      }
    }
    const lines = [...this.bankLines].sort((a, b) => (a.bookedOn < b.bookedOn ? -1 : a.bookedOn > b.bookedOn ? 1 : a.id < b.id ? -1 : 1));
    const linkOfLine = new Map<string, Link>();
    const linkOfBatch = new Map<string, Link>();
    for (const l of this.recon?.links ?? []) {
      linkOfLine.set(l.bankLineId, l);
      for (const b of l.batchIds) linkOfBatch.set(b, l);
    }
    this.index = {
      txns, status, expectedOn, bankLineIds, batchOf, lines, lineAcquirer: lines.map(l => lineAcquirer(l, this.config)),
      linkOfLine, linkOfBatch, batchById, txnsOfBatch, cache: new Map(),
    };
    return this.index;
  }

  private txnRow(ix: QueryIndex, i: number): TxnRow {
    const t = ix.txns[i]!;
    const s = ix.status[i]!;
    return {
      acquirer: t.acquirer, id: t.id, kind: t.kind, at: t.at, grossMinor: t.grossMinor, feeMinor: t.feeMinor, netMinor: t.netMinor,
      currency: t.currency, terminal: t.terminal, card: t.card, status: s === NO_STATUS ? null : STATUSES[s]!,
      expectedOn: ix.expectedOn[i] ?? null, bankLineIds: ix.bankLineIds[i] ?? [], batchId: ix.batchOf[i] ?? null, line: t.line,
    };
  }

  private bankRow(ix: QueryIndex, line: StoredBankLine, acquirer: string | null): BankRow {
    const link = ix.linkOfLine.get(line.id);
    const { fileHash: _fileHash, ...plain } = line;
    return { ...plain, acquirer, linkedBatchIds: link?.batchIds ?? [], linkPass: link?.reason.pass ?? null };
  }

  /** A page of transactions matching the filters, oldest first. */
  async queryTxns(q: TxnQuery): Promise<Page<TxnRow>> {
    await this.init();
    const ix = this.buildIndex();
    const search = (q.search ?? '').trim().toLowerCase();
    const statusIdx = q.status ? STATUSES.indexOf(q.status) : -1;
    const key = `t\u0000${search}\u0000${statusIdx}\u0000${q.acquirer ?? ''}`;
    let hits = ix.cache.get(key);
    if (!hits) {
      const match = txnMatcher(search);
      const found: number[] = [];
      for (let i = 0; i < ix.txns.length; i++) {
        if (statusIdx >= 0 && ix.status[i] !== statusIdx) continue;
        const t = ix.txns[i]!;
        if (q.acquirer && t.acquirer !== q.acquirer) continue;
        if (match && !match(t)) continue;
        found.push(i);
      }
      hits = Int32Array.from(found);
      if (ix.cache.size > 20) ix.cache.clear();
      ix.cache.set(key, hits);
    }
    const rows: TxnRow[] = [];
    const end = Math.min(hits.length, q.offset + q.limit);
    for (let k = Math.max(0, q.offset); k < end; k++) rows.push(this.txnRow(ix, hits[k]!));
    return { total: hits.length, offset: q.offset, rows, revision: this.revision };
  }

  /** A page of bank lines matching the filters, oldest first. */
  async queryBankLines(q: BankQuery): Promise<Page<BankRow>> {
    await this.init();
    const ix = this.buildIndex();
    const search = (q.search ?? '').trim().toLowerCase();
    const linked = q.linked ?? 'all';
    const key = `b\u0000${search}\u0000${linked}`;
    let hits = ix.cache.get(key);
    if (!hits) {
      const amount = search ? parseAmount(search) : null;
      const minor = amount?.ok ? Math.abs(amount.minor) : null;
      const found: number[] = [];
      for (let i = 0; i < ix.lines.length; i++) {
        const l = ix.lines[i]!;
        const isLinked = ix.linkOfLine.has(l.id);
        if ((linked === 'linked' && !isLinked) || (linked === 'unlinked' && isLinked)) continue;
        if (search && !(l.id.toLowerCase().includes(search) || l.counterparty.toLowerCase().includes(search)
          || l.description.toLowerCase().includes(search) || (minor !== null && Math.abs(l.amountMinor) === minor))) continue;
        found.push(i);
      }
      hits = Int32Array.from(found);
      ix.cache.set(key, hits);
    }
    const rows: BankRow[] = [];
    const end = Math.min(hits.length, q.offset + q.limit);
    for (let k = Math.max(0, q.offset); k < end; k++) { const i = hits[k]!; rows.push(this.bankRow(ix, ix.lines[i]!, ix.lineAcquirer[i] ?? null)); }
    return { total: hits.length, offset: q.offset, rows, revision: this.revision };
  }

  /** Everything behind an alert: its batches, transactions, links and what could be linked by hand. */
  async alertDetail(alertId: string): Promise<CaseDetail | null> {
    await this.init();
    const alert = this.recon?.report.alerts.find(a => a.id === alertId);
    if (!alert) return null;
    const ix = this.buildIndex();
    const batchIds = new Set<string>();
    const wanted = new Set(alert.transactionIds);
    for (let i = 0; i < ix.txns.length && wanted.size; i++) {
      const t = ix.txns[i]!;
      if (t.acquirer === alert.acquirer && wanted.has(t.id)) { const b = ix.batchOf[i]; if (b) batchIds.add(b); }
    }
    for (const lineId of alert.bankLineIds) for (const b of ix.linkOfLine.get(lineId)?.batchIds ?? []) batchIds.add(b);
    return this.caseOf(ix, alert, [...batchIds], alert.bankLineIds);
  }

  /** Everything behind some batches (from "next expected credits", a transaction row, or an alert just resolved). */
  async batchDetail(batchIds: readonly string[]): Promise<CaseDetail | null> {
    await this.init();
    const ix = this.buildIndex();
    const known = batchIds.filter(id => ix.batchById.has(id));
    if (!known.length) return null;
    return this.caseOf(ix, null, known, []);
  }

  private caseOf(ix: QueryIndex, alert: Alert | null, batchIds: string[], lineIds: readonly string[]): CaseDetail {
    const batches: BatchView[] = batchIds.map(id => ix.batchById.get(id)).filter((b): b is Batch => !!b)
      .sort((a, b) => a.expectedOn.localeCompare(b.expectedOn))
      .map(b => ({ ...b, bankLineId: ix.linkOfBatch.get(b.id)?.bankLineId ?? null }));
    const linkSet = new Map<string, Link>();
    for (const b of batches) { const l = ix.linkOfBatch.get(b.id); if (l) linkSet.set(l.bankLineId, l); }
    for (const id of lineIds) { const l = ix.linkOfLine.get(id); if (l) linkSet.set(id, l); }
    const links = [...linkSet.values()].map(link => ({ link, bankLine: strip(this.bankById.get(link.bankLineId)) }));
    const bankLines = lineIds.map(id => strip(this.bankById.get(id))).filter((l): l is BankLine => !!l);

    const txnIdx: number[] = [];
    for (const b of batches) txnIdx.push(...(ix.txnsOfBatch.get(b.id) ?? []));
    if (alert && txnIdx.length === 0 && alert.transactionIds.length) {
      const wanted = new Set(alert.transactionIds);
      for (let i = 0; i < ix.txns.length; i++) if (ix.txns[i]!.acquirer === alert.acquirer && wanted.has(ix.txns[i]!.id)) txnIdx.push(i);
    }
    const alertTxns = alert && (alert.kind === 'fee_mismatch' || alert.kind === 'duplicate_charge') ? new Set(alert.transactionIds) : null;
    const ordered = alertTxns ? [...txnIdx].sort((a, b) => Number(alertTxns.has(ix.txns[b]!.id)) - Number(alertTxns.has(ix.txns[a]!.id))) : txnIdx;
    const txns = ordered.slice(0, CASE_TXNS).map(i => this.txnRow(ix, i));

    const open = batches.filter(b => b.bankLineId === null);
    let candidateLines: CaseDetail['candidateLines'] = [];
    if (open.length) {
      const acquirers = new Set(open.map(b => b.acquirer));
      const want = open.reduce((s, b) => s + b.netMinor, 0);
      const due = open[0]!.expectedOn;
      const currency = open[0]!.currency;
      candidateLines = ix.lines.map((l, i) => ({ l, a: ix.lineAcquirer[i] ?? null }))
        .filter(({ l }) => l.amountMinor > 0 && l.currency === currency && !ix.linkOfLine.has(l.id))
        .map(({ l, a }) => ({ row: this.bankRow(ix, l, a), score: (a !== null && acquirers.has(a) ? 0 : 1), delta: l.amountMinor - want, days: Math.abs(daysApart(l.bookedOn, due)) }))
        .sort((x, y) => x.score - y.score || Math.abs(x.delta) - Math.abs(y.delta) || x.days - y.days)
        .slice(0, CANDIDATES)
        .map(({ row, delta }) => ({ ...row, deltaMinor: delta }));
    }
    let candidateBatches: BatchView[] = [];
    const unlinkedCredit = bankLines.find(l => l.amountMinor > 0 && !ix.linkOfLine.has(l.id));
    if (unlinkedCredit) {
      const acquirer = lineAcquirer(unlinkedCredit, this.config);
      candidateBatches = [...ix.batchById.values()]
        .filter(b => !ix.linkOfBatch.has(b.id) && (acquirer === null || b.acquirer === acquirer) && b.currency === unlinkedCredit.currency)
        .sort((x, y) => Math.abs(x.netMinor - unlinkedCredit.amountMinor) - Math.abs(y.netMinor - unlinkedCredit.amountMinor)
          || Math.abs(daysApart(x.expectedOn, unlinkedCredit.bookedOn)) - Math.abs(daysApart(y.expectedOn, unlinkedCredit.bookedOn)))
        .slice(0, CANDIDATES)
        .map(b => ({ ...b, bankLineId: null }));
    }
    const touches = (d: Decision) => (d.kind === 'dismiss_alert' ? alert?.id === d.alertId
      : linkSet.has(d.bankLineId) || lineIds.includes(d.bankLineId) || ('batchIds' in d && d.batchIds.some(id => batchIds.includes(id))));
    const decisions = this.decisions.filter(d => !d.revokedAt && touches(d.decision)).sort((a, b) => b.decision.at.localeCompare(a.decision.at));
    return { alert, batches, links, bankLines, txns, txnTotal: txnIdx.length, candidateLines, candidateBatches, decisions };
  }
}

function strip(line: StoredBankLine | undefined): BankLine | null {
  if (!line) return null;
  const { fileHash: _fileHash, ...plain } = line;
  return plain;
}

function daysApart(a: string, b: string): number {
  return (Date.parse(b) - Date.parse(a)) / 86_400_000;
}

/** A test for the transaction search box: reference, card last digits, terminal or amount. */
export function txnMatcher(search: string): ((t: StoredTxn) => boolean) | null {
  const s = search.trim().toLowerCase();
  if (!s) return null;
  const amount = /^[-+]?[\d.,]+$/.test(s) ? parseAmount(s) : null;
  const minor = amount?.ok ? Math.abs(amount.minor) : null;
  return t => t.id.toLowerCase().includes(s)
    || (t.card !== null && t.card.toLowerCase().endsWith(s))
    || (t.terminal !== null && t.terminal.toLowerCase().includes(s))
    || (minor !== null && (Math.abs(t.grossMinor) === minor || Math.abs(t.netMinor) === minor));
}

function outcome(name: string, hash: string, status: FileOutcome['status'], role: FileOutcome['role'], format: string | null): FileOutcome {
  return { name, hash, status, role, format, rows: 0, newRows: 0, from: null, to: null, acquirer: null, issues: [], issueCount: 0, refusal: null, merchantIds: [], acquirerFormat: null };
}

function refused(name: string, hash: string, role: FileOutcome['role'], format: string | null, issues: ParseIssue[], refusal: NonNullable<FileOutcome['refusal']>): FileOutcome {
  return { ...outcome(name, hash, 'refused', role, format), issues: issues.slice(0, MAX_ISSUES), issueCount: issues.length, refusal };
}

/** The guesses for both roles and what the bank guess reads, for a file no format recognises. */
function mappingRequest(bytes: Uint8Array): MappingRequest {
  const bank = guessMapping(bytes, 'bank');
  return { guesses: { bank, acquirer: guessMapping(bytes, 'acquirer') }, preview: previewWithProfile(bytes, bank) };
}

const COLUMN_FIELDS = new Set<string>(['date', 'amount', 'credit', 'debit', 'currency', 'counterparty', 'description', 'id', 'balance',
  'time', 'gross', 'fee', 'net', 'terminal', 'card', 'payoutId', 'settlementDate', 'kind']);

/**
 * What makes a profile from the screens unusable before its columns are even read: a missing or
 * mistyped setting, a column that is not a cell index, or no currency at all. The screens are a
 * lower trust tier than the core, so the shape is checked here, not assumed.
 */
export function mappingShapeProblem(value: unknown, needCurrency = true): string | null {
  if (typeof value !== 'object' || value === null) return 'the mapping is not an object';
  const p = value as Record<string, unknown>;
  if (typeof p.id !== 'string' || !p.id) return 'the mapping has no id';
  if (typeof p.name !== 'string' || !p.name.trim()) return 'the mapping has no name';
  if (p.role !== 'bank' && p.role !== 'acquirer') return 'the role must be bank or acquirer';
  if (typeof p.headerKey !== 'string' || !p.headerKey) return 'the mapping has no header key';
  if (typeof p.delimiter !== 'string') return 'the delimiter must be text';
  if (p.decimal !== '.' && p.decimal !== ',') return 'the decimal mark must be "." or ","';
  if (p.dateOrder !== 'ymd' && p.dateOrder !== 'dmy' && p.dateOrder !== 'mdy') return 'the date order must be ymd, dmy or mdy';
  if (typeof p.hasHeader !== 'boolean') return 'has-header must be true or false';
  if (!Number.isInteger(p.skipRows) || (p.skipRows as number) < 0) return 'rows to skip must be a whole number';
  if (typeof p.columns !== 'object' || p.columns === null) return 'the mapping has no columns';
  for (const [field, col] of Object.entries(p.columns)) {
    if (!COLUMN_FIELDS.has(field)) return `"${field}" is not a field a mapping can have`;
    if (col !== undefined && (!Number.isInteger(col) || (col as number) < 0)) return `the ${field} column must be a column number`;
  }
  const columns = p.columns as Record<string, number | undefined>;
  const code = typeof p.defaultCurrency === 'string' ? p.defaultCurrency.trim().toUpperCase() : '';
  if (needCurrency && columns.currency === undefined && (!/^[A-Z]{3}$/.test(code) || code === 'XXX')) {
    return 'the file has no currency column: choose its currency (a three-letter code such as DKK)';
  }
  return null;
}

/** A profile as plain data with only the fields a profile has (what came over Comlink may carry more). */
function plainProfile(p: MappingProfile): MappingProfile {
  const columns = Object.fromEntries(Object.entries(p.columns).filter(([, v]) => v !== undefined)) as unknown as MappingProfile['columns'];
  return {
    id: p.id, name: p.name.trim(), role: p.role, headerKey: p.headerKey, delimiter: p.delimiter, decimal: p.decimal, dateOrder: p.dateOrder,
    hasHeader: p.hasHeader, skipRows: p.skipRows, columns, defaultCurrency: (p.defaultCurrency || 'XXX').trim().toUpperCase(),
    ...(p.account ? { account: p.account } : {}),
  };
}
