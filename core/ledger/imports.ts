// Imports: one pipeline for every table that enters the ledger — a file from a picker, a fetch or the
// popup, and a table captured on an acquirer's portal: detect → parse → assign to a profile → store in one
// transaction → reconcile. Only the first steps differ by source; storing and reconciling are shared.
import { guessLag, mainCurrency, profileDoubts, rankPresets, type FileEvidence } from '../config/choose';
import { ACQUIRER_PRESETS } from '../config/presets';
import { validateConfig } from '../config/validate';
import { saveConfig, storeFile } from '../db/repo';
import type { RepeatedKeys, StoredBankLine, StoredFile, StoredTxn } from '../db/schema';
import { parseFile } from '../import/detect';
import { bankLineKey } from '../import/identity';
import { coveredDates, issueOrder, MAX_ISSUES } from '../import/file-facts';
import { fileKind } from '../import/file-kind';
import {
  findProfile,
  guessMapping,
  guessRole,
  parseWithProfile,
  previewWithProfile,
  profileKey,
  type MappingProfile,
} from '../import/mapping/index';
import { parsePortalTable, PORTAL_TABLE_FORMAT } from '../import/portal-table';
import type { ParseIssue, ParseResult } from '../model/types';
import { storedTxn } from '../db/stored-txn';
import { mark } from './marks';
import { assignAcquirer } from '../reconcile/assign';
import { captureAcquirer, captureChanges, captureFiles, conflictIssue, heldRows } from './captures';
import { attempt, ok, type Result } from './result';
import type { LedgerState } from './state';
import type {
  CaptureCounts,
  CaptureInput,
  FileOutcome,
  ImportProgress,
  ImportSource,
  MappingRequest,
  PresetChoice,
  StoredCapture,
} from './types';

const MAX_PENDING = 8;

/** SHA-256 of bytes as hex: the identity of an imported file. */
export async function contentHash(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map(b => b.toString(16).padStart(2, '0')).join('');
}

/** A JSON file that is (or tries to be) a settlewatch config; null when the bytes are something else. */
export function readConfigJson(bytes: Uint8Array): unknown {
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

function outcome(name: string, hash: string, status: FileOutcome['status'], role: FileOutcome['role'], format: string | null): FileOutcome {
  return {
    name,
    hash,
    status,
    role,
    format,
    rows: 0,
    newRows: 0,
    from: null,
    to: null,
    acquirer: null,
    issues: [],
    issueCount: 0,
    refusal: null,
    merchantIds: [],
    acquirerFormat: null,
  };
}

function refused(
  name: string,
  hash: string,
  role: FileOutcome['role'],
  format: string | null,
  issues: ParseIssue[],
  refusal: NonNullable<FileOutcome['refusal']>,
): FileOutcome {
  return { ...outcome(name, hash, 'refused', role, format), issues: issues.slice(0, MAX_ISSUES), issueCount: issues.length, refusal };
}

/** The guesses for both roles, the role the content suggests and what its guess reads, for a file no format recognises. */
function mappingRequest(bytes: Uint8Array): MappingRequest {
  const guesses = { bank: guessMapping(bytes, 'bank'), acquirer: guessMapping(bytes, 'acquirer') };
  const { role, clue } = guessRole(guesses);
  return { guesses, role, roleClue: clue, preview: previewWithProfile(bytes, guesses[role]) };
}

/** What an acquirer file says about whose export it is. */
function fileEvidence(result: ParseResult, merchantIds: readonly string[], name: string | null): FileEvidence {
  return { format: result.format, acquirerName: name ?? result.acquirerName, merchantIds, currency: mainCurrency(result.acquirerTxns) };
}

/**
 * The presets for an acquirer file no profile takes, chosen from its content (title line, merchant numbers,
 * format, currency) and the bank lines held, each with the lag its printed settlement dates show.
 */
function presetChoice(store: LedgerState, result: ParseResult, merchantIds: readonly string[], name: string | null): PresetChoice {
  const evidence = fileEvidence(result, merchantIds, name);
  const currency = evidence.currency;
  const ranked = rankPresets(evidence, store.bankLines);
  const fits = ranked.map(f => {
    const p = ACQUIRER_PRESETS.find(x => x.id === f.presetId)!.profile;
    return { ...f, lag: guessLag(result.acquirerTxns, p.calendar, p.cutoff) };
  });
  return { fits, currency, name };
}

// ───────────────────────────── the shared store step ─────────────────────────────

/** The rows of a parsed table the ledger does not hold yet, claimed so a table stored meanwhile leaves them out. */
interface Claim {
  readonly txns: StoredTxn[];
  readonly lines: StoredBankLine[];
  /** Captured rows an export's rows replace (an export's reading always wins over a page's). */
  readonly replaces: readonly StoredTxn[];
  /** Warnings to add to files already stored (a captured row that an export contradicts), by file hash. */
  readonly notes: ReadonlyMap<string, readonly ParseIssue[]>;
  /** The keys of the table's rows the ledger already held: stored with the file, not the rows (repo.ts). */
  readonly repeated: RepeatedKeys;
  /** Gives the ids back (the write failed or was a duplicate). */
  readonly release: () => void;
  /** Ends the claims on the rows once they are in the store's list (held through it from then on). */
  readonly settle: () => void;
}

/**
 * Picks the rows of a table the ledger does not hold (same acquirer and reference, or same bank line id;
 * a row repeated in the table counts once) and claims their ids at once, so a later table of the same
 * drop or capture leaves them out; {@link commit} stores them or gives them back. An export's row whose
 * reference the ledger holds only from a captured page replaces that row, and where the two differ the
 * conflict is noted on the capture's file.
 */
function claimNew(
  store: LedgerState,
  result: ParseResult,
  acquirer: string | null,
  hash: string,
  fileName = result.format,
  heldIds: readonly string[] = [],
): Claim {
  const txns: StoredTxn[] = [];
  const lines: StoredBankLine[] = [];
  const replaces: StoredTxn[] = [];
  const notes = new Map<string, ParseIssue[]>();
  // Held rows the table repeats (`heldIds`: those its caller already left out of it).
  const repeated = new Set<string>(heldIds);
  if (acquirer !== null) {
    const captured = result.format === PORTAL_TABLE_FORMAT ? new Map<string, StoredTxn>() : capturedHeld(store, acquirer, result);
    const seen = new Set<string>();
    for (const t of result.acquirerTxns) {
      if (seen.has(t.id)) continue;
      const was = captured.get(t.id);
      if (!was && store.heldIds.has(acquirer, t.id)) {
        repeated.add(t.id);
        continue;
      }
      seen.add(t.id);
      const row = storedTxn(t, acquirer, hash);
      txns.push(row);
      if (!was) continue;
      replaces.push(was);
      const changed = captureChanges(was, row);
      if (changed.length > 0) notes.set(was.fileHash, [...(notes.get(was.fileHash) ?? []), conflictIssue(was, row, fileName, changed)]);
    }
  } else {
    const seen = new Set<string>();
    for (const b of result.bankLines) {
      const key = bankLineKey(b);
      if (store.bankKeys.has(key)) repeated.add(key);
      if (store.bankKeys.has(key) || seen.has(key)) continue;
      seen.add(key);
      lines.push({ ...b, fileHash: hash });
    }
  }
  for (const t of txns) store.heldIds.claim(acquirer!, t.id);
  for (const b of lines) {
    store.bankById.set(b.id, b);
    store.bankKeys.add(bankLineKey(b));
  }
  // Only the claims go: a captured row this table was to replace is still held (held-ids.ts).
  const settle = () => {
    for (const t of txns) store.heldIds.release(acquirer!, t.id);
  };
  const release = () => {
    settle();
    for (const b of lines) {
      store.bankById.delete(b.id);
      store.bankKeys.delete(bankLineKey(b));
    }
  };
  const keys = [...repeated];
  return {
    txns,
    lines,
    replaces,
    notes,
    release,
    settle,
    repeated: acquirer !== null ? { txns: keys, bankLines: [] } : { txns: [], bankLines: keys },
  };
}

/** The rows of one acquirer an export names that the ledger holds only from captured pages. */
function capturedHeld(store: LedgerState, acquirer: string, result: ParseResult): Map<string, StoredTxn> {
  const captures = captureFiles(store);
  if (captures.size === 0) return new Map();
  const held = heldRows(
    store,
    acquirer,
    result.acquirerTxns.map(t => t.id),
  );
  for (const [id, t] of held) if (!captures.has(t.fileHash)) held.delete(id);
  return held;
}

/**
 * Stores a file record with its claimed rows in one transaction (with the conflict notes on earlier
 * captures), then adds them to what the store holds, in place of the captured rows they replace.
 */
async function commit(store: LedgerState, file: StoredFile, claim: Claim): Promise<'stored' | 'duplicate'> {
  let stored: 'stored' | 'duplicate';
  try {
    stored = await storeFile(store.db, file, { txns: claim.txns, bankLines: claim.lines, repeated: claim.repeated }, claim.notes);
  } catch (err) {
    claim.release();
    throw err;
  }
  if (stored === 'duplicate') {
    claim.release();
    return stored;
  }
  store.storedFile(file.hash);
  store.files.push(file);
  store.fileHashes.add(file.hash);
  if (claim.replaces.length > 0) {
    const gone = new Set(claim.replaces);
    store.txns = store.txns.filter(t => !gone.has(t));
  }
  for (const [hash, issues] of claim.notes) {
    const i = store.files.findIndex(f => f.hash === hash);
    if (i >= 0) store.files[i] = { ...store.files[i]!, warnings: [...store.files[i]!.warnings, ...issues] };
  }
  for (const t of claim.txns) store.txns.push(t);
  claim.settle();
  for (const b of claim.lines) store.bankLines.push(b);
  store.pending.delete(file.hash);
  return stored;
}

// ───────────────────────────── files ─────────────────────────────

async function importConfig(store: LedgerState, name: string, bytes: Uint8Array, json: unknown): Promise<FileOutcome> {
  const hash = await contentHash(bytes);
  if (store.fileHashes.has(hash)) return outcome(name, hash, 'duplicate', 'config', 'settlewatch.config/1');
  const checked = validateConfig(json);
  if (!checked.ok) {
    const issues: ParseIssue[] = checked.issues.map(i => ({ line: 0, field: i.path, message: i.message, severity: 'error' }));
    return refused(name, hash, 'config', 'settlewatch.config/1', issues, { code: 'config_invalid', detail: '' });
  }
  const at = store.clock.now();
  const file: StoredFile = {
    hash,
    name,
    size: bytes.length,
    role: 'config',
    format: 'settlewatch.config/1',
    acquirer: null,
    rows: checked.config.acquirers.length,
    from: null,
    to: null,
    periods: [],
    warnings: [],
    importedAt: at,
  };
  const stored = await saveConfig(store.db, checked.config, at, store.stamp(), file);
  if (stored === 'duplicate') return outcome(name, hash, 'duplicate', 'config', 'settlewatch.config/1');
  store.config = checked.config;
  store.files.push(file);
  store.fileHashes.add(hash);
  return { ...outcome(name, hash, 'stored', 'config', 'settlewatch.config/1'), rows: file.rows, newRows: file.rows };
}

/**
 * Detects, parses and assigns one file, then starts its write (the caller awaits `writing`): the next
 * file is read while this one commits, and IndexedDB runs the transactions in order.
 */
export async function importRows(
  store: LedgerState,
  name: string,
  bytes: Uint8Array,
  progress: (stage: ImportProgress['stage'], share: number) => void,
  mapping?: MappingProfile,
): Promise<FileOutcome | { writing: Promise<FileOutcome> }> {
  const hash = await contentHash(bytes);
  if (store.fileHashes.has(hash)) return outcome(name, hash, 'duplicate', null, null);
  progress('parse', 0);
  let last = 0;
  const ctx = {
    fileName: name,
    onProgress: (share: number) => {
      if (share - last >= 0.02 || share === 1) {
        last = share;
        progress('parse', share);
      }
    },
  };
  let result = mapping ? parseWithProfile(bytes, mapping, ctx) : parseFile(bytes, ctx);
  let mappingName = mapping?.name ?? null;
  // No format recognises the file. When it is not a table at all (empty, an image, a broken config.json, prose),
  // say what it seems to be: a column mapping cannot read it, so none is offered.
  if (result.format === 'unknown') {
    const kind = fileKind(bytes);
    if (kind.kind !== 'table') return { ...refused(name, hash, null, null, [], { code: 'unreadable', detail: '' }), fileKind: kind };
  }
  // A mapping the merchant saved for its header reads it; without one, ask for a mapping (the guess is the starting point).
  if (result.format === 'unknown' && profileKey(bytes) !== null) {
    const saved = findProfile(bytes, store.mappings);
    if (!saved) {
      store.pending.set(hash, { name, bytes });
      // Kept for this session only, and only the latest few: a merchant maps one layout at a time.
      if (store.pending.size > MAX_PENDING) store.pending.delete(store.pending.keys().next().value!);
      const refusal = { code: 'needs_mapping' as const, detail: result.issues[0]?.message ?? '' };
      return { ...refused(name, hash, null, null, [], refusal), mapping: mappingRequest(bytes) };
    }
    result = parseWithProfile(bytes, saved, ctx);
    mappingName = saved.name;
  }
  const issues = [...result.issues].sort(issueOrder);
  const errors = issues.filter(i => i.severity === 'error');
  const rows = result.role === 'bank' ? result.bankLines.length : result.acquirerTxns.length;
  const { from, to } = coveredDates(result);
  let base: FileOutcome = {
    ...outcome(name, hash, 'refused', result.role, result.format),
    rows,
    from,
    to,
    issues: issues.slice(0, MAX_ISSUES),
    issueCount: issues.length,
  };
  if (errors.length) return { ...base, refusal: { code: 'issues', detail: '' } };

  let acquirer: string | null = null;
  if (result.role === 'acquirer') {
    const printed = result.acquirerTxns.map(t => t.merchantId).filter((m): m is string => !!m);
    const merchantIds = [...new Set([...result.merchantIds, ...printed])].slice(0, 20);
    const unassigned = { ...base, merchantIds, acquirerFormat: result.format };
    if (!store.config)
      return { ...unassigned, refusal: { code: 'no_config', detail: '' }, presets: presetChoice(store, result, merchantIds, mappingName) };
    const assigned = assignAcquirer(result, store.config);
    if (!assigned.ok)
      return {
        ...unassigned,
        refusal: { code: 'no_profile', detail: assigned.message },
        presets: presetChoice(store, result, merchantIds, mappingName),
      };
    acquirer = assigned.acquirer;
    // A profile the file contradicts (a Lakala export assigned to a ChinaUMS profile) is said now, before its
    // false alerts are read (issue 14: 2,888 false `missing`).
    const profile = store.config.acquirers.find(a => a.id === acquirer)!;
    const doubts = profileDoubts(profile, fileEvidence(result, merchantIds, mappingName), store.bankLines);
    if (doubts.length) base = { ...base, profileDoubts: doubts };
  }
  if (store.cancelled) return { ...base, refusal: { code: 'cancelled', detail: '' } };

  progress('store', 0);
  const file: StoredFile = {
    hash,
    name,
    size: bytes.length,
    role: result.role,
    format: result.format,
    acquirer,
    rows,
    from,
    to,
    periods: result.periods,
    warnings: issues.slice(0, MAX_ISSUES),
    importedAt: store.clock.now(),
  };
  const claim = claimNew(store, result, acquirer, hash, name);
  const writing = commit(store, file, claim).then(stored => {
    if (stored === 'duplicate') return { ...base, status: 'duplicate' } as FileOutcome;
    progress('store', 1);
    const replaced = claim.replaces.length;
    const newRows = claim.txns.length + claim.lines.length - replaced;
    return {
      ...base,
      status: 'stored',
      acquirer,
      newRows,
      ...(replaced > 0 ? { capturedReplaced: replaced, captureConflicts: [...claim.notes.values()].flat().length } : {}),
    } as FileOutcome;
  });
  return { writing };
}

/**
 * Imports files: configs first (so exports in the same drop can be assigned), then the rest in
 * the order given. Each file is stored whole in one transaction or refused before any write;
 * the ledger is reconciled once at the end.
 */
async function importFiles(
  store: LedgerState,
  sources: readonly ImportSource[],
  onProgress?: (p: ImportProgress) => void,
): Promise<FileOutcome[]> {
  store.cancelled = false;
  await store.init();
  mark('import-start');
  const report = (p: ImportProgress) => onProgress?.(p);
  const read: { name: string; bytes: Uint8Array; index: number }[] = [];
  for (const [index, s] of sources.entries()) {
    report({ file: index, files: sources.length, name: s.name, stage: 'read', share: 0 });
    const bytes =
      s.data instanceof Uint8Array ? s.data : new Uint8Array(s.data instanceof ArrayBuffer ? s.data : await s.data.arrayBuffer());
    read.push({ name: s.name, bytes, index });
  }
  const configs = read.map(r => ({ ...r, json: readConfigJson(r.bytes) }));
  const ordered = [...configs.filter(c => c.json !== null), ...configs.filter(c => c.json === null)];
  const outcomes: FileOutcome[] = new Array<FileOutcome>(sources.length);
  // A file's write commits while the next file is read: IndexedDB runs the transactions in order.
  const writes: Promise<void>[] = [];
  let changed = false;
  for (const [n, f] of ordered.entries()) {
    if (store.cancelled) {
      outcomes[f.index] = refused(f.name, '', null, null, [], { code: 'cancelled', detail: '' });
      continue;
    }
    const progress = (stage: ImportProgress['stage'], share: number) =>
      report({ file: n, files: ordered.length, name: f.name, stage, share });
    if (f.json !== null) {
      await Promise.all(writes);
      const done = await importConfig(store, f.name, f.bytes, f.json);
      outcomes[f.index] = done;
      if (done.status === 'stored') changed = true;
      continue;
    }
    const result = await importRows(store, f.name, f.bytes, progress);
    if ('writing' in result) {
      writes.push(
        result.writing.then(done => {
          outcomes[f.index] = done;
          if (done.status === 'stored') changed = true;
        }),
      );
    } else {
      outcomes[f.index] = result;
    }
  }
  await Promise.all(writes);
  mark('import-stored');
  if (changed) {
    // Said before the engine runs: an import that only appends rows gets no progress from the engine itself.
    report({ file: ordered.length, files: ordered.length, name: '', stage: 'reconcile', share: 0 });
    await store.recompute(p => report({ ...p, files: ordered.length, file: ordered.length }));
  }
  mark('import-done');
  return outcomes;
}

// ───────────────────────────── captured portal tables ─────────────────────────────

function storageProblem(err: unknown): string {
  const name = err instanceof Error ? err.name : '';
  const inner = (err as { inner?: { name?: string } } | null)?.inner?.name ?? '';
  if (/Quota/i.test(name) || /Quota/i.test(inner)) return "the browser's storage for Settlewatch is full";
  return err instanceof Error ? err.message : String(err);
}

/**
 * Imports rows captured from a portal page as acquirer transactions of a `portal-table` file, through
 * the same store step as a file. The rows belong to the acquirer the capture's owner names (the portal
 * the browser says the page is on, or the merchant's pick: see captures.ts), never to one the page
 * prints. A row the ledger already holds is not stored again (a row seen on page 1 and again after a
 * filter is stored once); one an imported export holds with other content is a conflict, recorded as a
 * warning on the capture's file and counted, and the export's reading stays. Rows that cannot be read are
 * counted and kept with the file as warnings; the rest of the page is stored, all in one transaction or
 * not at all: a failed write (storage full) is reported with what was not stored, not thrown.
 */
async function importCapture(store: LedgerState, input: CaptureInput): Promise<StoredCapture> {
  await store.init();
  const read = (currency: string) =>
    parsePortalTable({ portal: input.portal, headers: input.headers, rows: input.rows, currency, firstLine: input.firstLine });
  let result = read(input.currency);
  const assigned = captureAcquirer(result, store.config, input.owner);
  if (!assigned.ok) throw new Error(`refused: ${assigned.message}`);
  const acquirer = assigned.acquirer;
  const profileCurrency = store.config?.acquirers.find(a => a.id === acquirer)?.currency;
  // Cells without a currency mark are in the profile's currency, not the portal's usual one.
  if (profileCurrency && profileCurrency !== input.currency) result = read(profileCurrency);
  const errors = result.issues.filter(i => i.severity === 'error');
  const firstIssue = errors[0] ? `${errors[0].field}: ${errors[0].message}` : null;
  const keys = result.acquirerTxns.map(t => [acquirer, t.id] as const);
  // The file's identity is the rows it was read from.
  const identity = JSON.stringify(['portal-table', acquirer, keys.map(k => k[1]).sort()]);
  const hash = await contentHash(new TextEncoder().encode(identity));

  // Rows an export holds: the export's reading stays; where the page says otherwise, that is a conflict.
  const held = heldRows(
    store,
    acquirer,
    result.acquirerTxns.map(t => t.id),
  );
  const captures = captureFiles(store);
  const names = new Map(store.files.map(f => [f.hash, f.name]));
  const conflicts: ParseIssue[] = [];
  let known = 0;
  const fresh: typeof result.acquirerTxns = [];
  const seen = new Set<string>();
  for (const t of result.acquirerTxns) {
    if (seen.has(t.id)) continue;
    seen.add(t.id);
    const was = held.get(t.id);
    if (!was) fresh.push(t);
    else if (captures.has(was.fileHash)) known++;
    else {
      const changed = captureChanges(t, was);
      if (changed.length === 0) known++;
      else conflicts.push(conflictIssue(t, was, names.get(was.fileHash) ?? was.fileHash, changed));
    }
  }
  // The rows the page repeats are stored as keys with its file, so removing the export that holds them leaves them.
  const repeats = [...seen].filter(id => held.has(id));
  const claim = claimNew(store, { ...result, acquirerTxns: fresh }, acquirer, hash, result.format, repeats);
  known += fresh.length - claim.txns.length; // stored meanwhile by another capture of the same rows
  const firstConflict = conflicts[0]?.message ?? null;
  const counts: CaptureCounts = {
    stored: 0,
    known,
    skipped: errors.length,
    firstIssue,
    conflicts: conflicts.length,
    firstConflict,
    notStored: 0,
    storageError: null,
  };
  if (claim.txns.length === 0 && conflicts.length === 0) return { keys, outcome: counts, summary: await store.init(), file: null };

  const dates = claim.txns.map(t => t.at.slice(0, 10)).sort();
  const file: StoredFile = {
    hash,
    name: `${input.portal} ${input.page}`,
    size: identity.length,
    role: 'acquirer',
    format: result.format,
    acquirer,
    rows: claim.txns.length,
    from: dates[0] ?? null,
    to: dates[dates.length - 1] ?? null,
    periods: [],
    // Conflicts with exports and rows left out are kept with the file as warnings: the rest of the page was stored.
    warnings: [...conflicts, ...result.issues].slice(0, MAX_ISSUES).map(i => ({ ...i, severity: 'warning' as const })),
    importedAt: store.clock.now(),
  };
  let stored: 'stored' | 'duplicate';
  try {
    stored = await commit(store, file, claim);
  } catch (err) {
    const storageError = `nothing of this capture was stored (${claim.txns.length} new rows): ${storageProblem(err)}`;
    return { keys, outcome: { ...counts, notStored: claim.txns.length, storageError }, summary: await store.init(), file: null };
  }
  if (stored === 'duplicate') {
    return { keys, outcome: { ...counts, known: counts.known + claim.txns.length }, summary: await store.init(), file: null };
  }
  const outcome = { ...counts, stored: claim.txns.length };
  try {
    return { keys, outcome, summary: await store.recompute(), file: hash };
  } catch (err) {
    // The rows are stored (their transaction committed); only the summary after them could not be saved.
    const storageError = `the ${claim.txns.length} new rows were stored, but the ledger could not be re-checked: ${storageProblem(err)}`;
    return { keys, outcome: { ...outcome, storageError }, summary: store.summary ?? (await store.init()), file: hash };
  }
}

// ───────────────────────────── handlers ─────────────────────────────

/** The import handlers: files, captured tables, and stopping a running import. */
export function importHandlers(store: LedgerState) {
  return {
    importFiles: (files: ImportSource[], onProgress?: (p: ImportProgress) => void): Promise<Result<FileOutcome[]>> =>
      attempt(async () => ok(await importFiles(store, files, onProgress))),
    importCapture: (input: CaptureInput): Promise<Result<StoredCapture>> => attempt(async () => ok(await importCapture(store, input))),
    cancelImport: (): Promise<Result<null>> =>
      attempt(() => {
        store.cancelled = true;
        return ok(null);
      }),
  };
}
