// Casework: the cases a merchant follows — opening one on an alert, moving it on after every recompute,
// the timeline, status, follow-up, checklist and vouchers — and a case's complete record for the
// evidence pack. Cases are data beside the person's decisions: re-imports and reloads never lose them,
// and nothing the merchant typed is lost to a click (a note or voucher removed can be brought back).
import {
  adviceFor,
  advanceCase,
  caseIndex,
  TxnBatches,
  checklistOf,
  CHECKLIST_STEPS,
  CASE_STATUSES,
  followUpDue,
  isOpenStatus,
  openCase,
  sameSubject,
  withStatus,
  type CaseIndex,
  type CaseRecord,
  type CaseStatus,
  type ChecklistItem,
  type ChecklistStep,
  type ContactAdvice,
  type Counterpart,
  type MerchantAction,
  type TimelineEntry,
  type VoucherInfo,
  type VoucherRecord,
} from '../cases/index';
import {
  getCase,
  getEntry,
  getVoucher,
  loadCases,
  loadEntries,
  loadVoucherInfo,
  loadVouchers,
  putCases,
  putEntry,
  putVoucher,
} from '../db/cases';
import { putSummary } from '../db/repo';
import type { CaseFollowUp, LedgerSummary, StoredTxn } from '../db/schema';
import type { Config } from '../config/types';
import { isIsoDate } from '../model/date';
import type { Alert, Batch, Reconciliation } from '../reconcile/types';
import { alertDetail, batchDetail } from './cases';
import { queryIndex } from './queries';
import { attempt, fail, ok, type CaseRefusal, type Result } from './result';
import type { LedgerState } from './state';
import type { CaseDetail } from './types';

/** The largest voucher kept (a phone photo is a few MB; a scanned PDF of slips rarely more). */
export const MAX_VOUCHER_BYTES = 20 * 1024 * 1024;
/** The longest note kept on a timeline entry or a checklist step. */
export const MAX_NOTE = 4000;

const ACTIONS: readonly MerchantAction[] = ['called', 'wrote', 'answered', 'note'];
const COUNTERPARTS: readonly Counterpart[] = ['acquirer', 'bank', 'regulator', 'other'];

/** A case in the list: its record's headline facts and whether its follow-up is due. */
export interface CaseListItem {
  readonly id: string;
  readonly status: CaseStatus;
  readonly family: CaseRecord['subject']['family'];
  readonly acquirer: string;
  /** The alert on the case now (null when none is raised any more). */
  readonly alertId: string | null;
  readonly kind: CaseRecord['seen']['kind'];
  readonly amountMinor: number;
  readonly currency: string;
  readonly followUpOn: string | null;
  readonly due: boolean;
  readonly openedAt: string;
  readonly updatedAt: string;
}

/** Everything the case view shows. */
export interface CaseView {
  readonly record: CaseRecord;
  readonly entries: TimelineEntry[];
  readonly vouchers: VoucherInfo[];
  /** The batches, links and transactions behind the case now: its alert's, else its batches'. */
  readonly detail: CaseDetail | null;
  /** Whom to contact and why, from the alert on the case now (null when none is raised). */
  readonly advice: ContactAdvice | null;
  readonly checklist: ChecklistItem[];
  readonly due: boolean;
}

/** A case's complete record, for the evidence pack: the view, the vouchers' bytes and the transactions as stored. */
export interface CaseFile extends CaseView {
  readonly voucherFiles: VoucherRecord[];
  /** Every transaction of the case as imported (merchant number, settlement date, payout id, source line). */
  readonly transactions: StoredTxn[];
  /** The imported files the case rests on (acquirer exports of its transactions, statements of its lines). */
  readonly sourceFiles: readonly string[];
}

/** What the merchant notes on a case's timeline. */
export interface CaseEntryInput {
  readonly action: MerchantAction;
  readonly whom: Counterpart;
  /** The day it happened (`YYYY-MM-DD`). */
  readonly on: string;
  readonly note: string;
}

/** A file attached to a case, as the screen hands it over. */
export interface VoucherInput {
  readonly name: string;
  readonly type: string;
  readonly data: Blob | ArrayBuffer | Uint8Array;
}

const refuse = <T>(reason: CaseRefusal, name: string, message: string): Result<T> =>
  fail({ code: 'case_refused', params: { reason, name, message } });

// One case index per reconciliation: built on the first case asked about, dropped with the reconciliation.
const indexes = new WeakMap<Reconciliation, CaseIndex>();
/**
 * Which batch holds each transaction an alert names, kept while the rows the engine read and the config are the
 * same ones (a decision, an undo or another date changes neither): the next case index reads no transaction again.
 */
const memberships = new WeakMap<object, { rows: readonly StoredTxn[]; count: number; config: Config | null; batches: TxnBatches }>();
export function membershipOf(store: Pick<LedgerState, 'derived' | 'config'>): TxnBatches {
  const rows = store.derived.rows;
  const kept = memberships.get(store);
  // Rows appended to the same list change its length; rows read again or replaced are a new list.
  if (kept && kept.rows === rows && kept.count === rows.length && kept.config === store.config) return kept.batches;
  const batches = new TxnBatches();
  memberships.set(store, { rows, count: rows.length, config: store.config, batches });
  return batches;
}
function indexOf(store: LedgerState): CaseIndex | null {
  const recon = store.recon;
  if (!recon) return null;
  let ix = indexes.get(recon);
  if (!ix) {
    ix = caseIndex(recon, id => store.bankById.get(id), membershipOf(store));
    indexes.set(recon, ix);
  }
  return ix;
}

/** The follow-ups of open cases, soonest first. */
function followUpsOf(cases: readonly CaseRecord[]): CaseFollowUp[] {
  return cases
    .filter(c => c.followUpOn !== null && isOpenStatus(c.status))
    .map(c => ({
      caseId: c.id,
      followUpOn: c.followUpOn!,
      status: c.status,
      kind: c.seen.kind,
      amountMinor: c.seen.amountMinor,
      currency: c.seen.currency,
    }))
    .sort((a, b) => a.followUpOn.localeCompare(b.followUpOn) || a.caseId.localeCompare(b.caseId));
}

/**
 * Moves every case on to the latest reconciliation (what changed goes on its timeline; a credit that pays it
 * resolves it) and returns the follow-ups for the summary. Reviewing the ledger at a past date moves no case:
 * the past is not news.
 */
export async function syncCases(store: LedgerState): Promise<CaseFollowUp[]> {
  const cases = await loadCases(store.db);
  // No case, no index to build (it reads every transaction: a reopened year waited on it).
  if (!cases.length) return [];
  const ix = store.requestedAsOf === null ? indexOf(store) : null;
  if (!ix) return followUpsOf(cases);
  const at = store.clock.now();
  const changed: CaseRecord[] = [];
  const entries: TimelineEntry[] = [];
  const now = cases.map(c => {
    const next = advanceCase(c, ix.observe(c.subject), at);
    if (next.record !== c) changed.push(next.record);
    entries.push(...next.entries);
    return next.record;
  });
  await putCases(store.db, changed, entries);
  return followUpsOf(now);
}

/** Stores the summary again with the follow-ups as they are now (a status or date changed; nothing to reconcile). */
async function refreshFollowUps(store: LedgerState): Promise<void> {
  if (!store.summary) return;
  const summary: LedgerSummary = { ...store.summary, followUps: followUpsOf(await loadCases(store.db)) };
  store.summary = summary;
  await putSummary(store.db, summary);
}

/** The transactions of an alert as stored. */
function alertTxns(store: LedgerState, alert: Alert): StoredTxn[] {
  const ix = queryIndex(store);
  const wanted = new Set(alert.transactionIds);
  return ix.txns.filter(t => wanted.has(t.id) && (alert.acquirer === '' || t.acquirer === alert.acquirer));
}

/** The account an acquirer pays into: the account most of its linked credits were booked to, else the only statement account. */
function receivingAccount(store: LedgerState, acquirer: string, batches: readonly Batch[]): string | null {
  const recon = store.recon;
  if (!recon) return null;
  const acquirerOf = new Map(recon.batches.map(b => [b.id, b.acquirer]));
  const counts = new Map<string, number>();
  for (const link of recon.links) {
    if (!link.batchIds.some(id => acquirerOf.get(id) === (acquirer || batches[0]?.acquirer))) continue;
    const account = store.bankById.get(link.bankLineId)?.account;
    if (account) counts.set(account, (counts.get(account) ?? 0) + 1);
  }
  const best = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  if (best) return best[0];
  const accounts = new Set(store.files.flatMap(f => f.periods.map(p => p.account)).filter(a => a));
  return accounts.size === 1 ? [...accounts][0]! : null;
}

/** True when the statements cover the day a batch was due (not in an uncovered run, not after the coverage). */
function covered(recon: Reconciliation, b: Batch): boolean {
  if (!recon.bankCoverage || b.expectedOn > recon.bankCoverage) return false;
  return !recon.uncovered.some(([from, to]) => (from === null || from <= b.expectedOn) && b.expectedOn <= to);
}

async function viewOf(store: LedgerState, record: CaseRecord): Promise<CaseView> {
  const [entries, vouchers] = await Promise.all([loadEntries(store.db, record.id), loadVoucherInfo(store.db, record.id)]);
  const ix = indexOf(store);
  const recon = store.recon;
  const alert = ix?.alertsOn(record.subject)[0] ?? null;
  const batches = ix ? (alert && record.subject.family !== 'credit' ? ix.batchesOf(alert) : ix.batchesOfSubject(record.subject)) : [];
  let detail: CaseDetail | null = null;
  if (alert) detail = await alertDetail(store, alert.id);
  else if (batches.length)
    detail = await batchDetail(
      store,
      batches.map(b => b.id),
    );
  let advice: ContactAdvice | null = null;
  const txns = alert ? alertTxns(store, alert) : [];
  if (alert && ix) {
    advice = adviceFor({
      alert,
      profile: store.config?.acquirers.find(a => a.id === alert.acquirer) ?? null,
      batches: ix.batchesOf(alert),
      txns,
      bankLines: alert.bankLineIds.map(id => store.bankById.get(id)).filter(l => !!l),
      credits: ix.observe(record.subject).credits,
      account: receivingAccount(store, alert.acquirer, batches),
    });
  }
  const caseTxnIds = new Set((detail?.txns ?? []).map(t => t.id));
  for (const t of txns) caseTxnIds.add(t.id);
  const duplicatesFound = (recon?.report.alerts ?? []).filter(
    a => a.kind === 'duplicate_charge' && a.acquirer === record.acquirer && a.transactionIds.some(id => caseTxnIds.has(id)),
  ).length;
  const family = record.subject.family;
  const statementCovers =
    !!recon &&
    family !== 'coverage' &&
    (family === 'credit' ? batches.length > 0 && batches.every(b => covered(recon, b)) : recon.bankCoverage !== null);
  const checklist = checklistOf(record, entries, {
    statementCovers,
    duplicateCheckRan: !!recon && caseTxnIds.size > 0,
    duplicatesFound,
    vouchers: vouchers.filter(v => v.removedAt === null).length,
  });
  return { record, entries, vouchers, detail, advice, checklist, due: followUpDue(record, store.clock.today()) };
}

/** Changes one case (the store stamps the time) and stores it with any entries it adds; the follow-ups in the summary follow. */
async function change(
  store: LedgerState,
  caseId: string,
  edit: (c: CaseRecord, at: string) => CaseRecord,
  add: (c: CaseRecord, at: string) => TimelineEntry[] = () => [],
): Promise<Result<CaseView>> {
  await store.init();
  const record = await getCase(store.db, caseId);
  if (!record) return refuse('not_found', caseId, `no case ${caseId}`);
  const at = store.clock.now();
  const next = edit(record, at);
  await putCases(store.db, [next], add(next, at));
  await refreshFollowUps(store);
  return ok(await viewOf(store, next));
}

const badDate = (name: string, text: string) => refuse<never>('bad_date', name, `${name}: "${text}" is not a date (YYYY-MM-DD)`);
const longNote = (name: string) => refuse<never>('note_too_long', name, `${name}: the note is longer than ${MAX_NOTE} characters`);

async function bytesOf(data: VoucherInput['data']): Promise<Uint8Array> {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(await data.arrayBuffer());
}

/** True for a photo or a PDF (what a POS slip, a statement or a letter is kept as). */
function voucherType(name: string, type: string): boolean {
  return /^image\//.test(type) || type === 'application/pdf' || (!type && /\.(pdf|jpe?g|png|heic|webp|gif)$/i.test(name));
}

/** The casework handlers. */
export function caseworkHandlers(store: LedgerState) {
  /** Sets a merchant entry aside or brings it back. */
  const setEntryRemoved = (entryId: string, removed: boolean): Promise<Result<CaseView>> =>
    attempt(async () => {
      const entry = await getEntry(store.db, entryId);
      if (!entry || entry.source !== 'merchant') return refuse('not_found', entryId, `no note ${entryId}`);
      const at = store.clock.now();
      await putEntry(store.db, { ...entry, removedAt: removed ? at : null, updatedAt: at });
      return change(store, entry.caseId, c => c);
    });
  const setVoucherRemoved = (voucherId: string, removed: boolean): Promise<Result<CaseView>> =>
    attempt(async () => {
      const v = await getVoucher(store.db, voucherId);
      if (!v) return refuse('not_found', voucherId, `no voucher ${voucherId}`);
      const at = store.clock.now();
      await putVoucher(store.db, { ...v, removedAt: removed ? at : null, updatedAt: at });
      return change(store, v.caseId, c => c);
    });

  return {
    /** Every case, open ones first, then by follow-up date and last change. */
    listCases: (): Promise<Result<CaseListItem[]>> =>
      attempt(async () => {
        await store.init();
        const today = store.clock.today();
        const items = (await loadCases(store.db)).map(c => ({
          id: c.id,
          status: c.status,
          family: c.subject.family,
          acquirer: c.acquirer,
          alertId: c.seen.alertId,
          kind: c.seen.kind,
          amountMinor: c.seen.amountMinor,
          currency: c.seen.currency,
          followUpOn: c.followUpOn,
          due: followUpDue(c, today),
          openedAt: c.openedAt,
          updatedAt: c.updatedAt,
        }));
        return ok(
          items.sort(
            (a, b) =>
              Number(!isOpenStatus(a.status)) - Number(!isOpenStatus(b.status)) ||
              Number(b.due) - Number(a.due) ||
              (a.followUpOn ?? '9999').localeCompare(b.followUpOn ?? '9999') ||
              b.updatedAt.localeCompare(a.updatedAt),
          ),
        );
      }),

    /** The case an alert belongs to, opened now if there is none: the same case follows its batches through re-imports. */
    openCaseFor: (alertId: string): Promise<Result<{ caseId: string; opened: boolean }>> =>
      attempt(async () => {
        await store.init();
        const alert = store.recon?.report.alerts.find(a => a.id === alertId);
        const ix = indexOf(store);
        if (!alert || !ix) return refuse('not_found', alertId, `no alert ${alertId}`);
        const subject = ix.subjectOfAlert(alert);
        const existing = (await loadCases(store.db)).find(c => sameSubject(c.subject, subject));
        if (existing) return ok({ caseId: existing.id, opened: false });
        const { record, entries } = openCase(subject, alert, ix.observe(subject), store.clock.now());
        await putCases(store.db, [record], entries);
        return ok({ caseId: record.id, opened: true });
      }),

    /** A case with its timeline, vouchers, what is behind it now, whom to contact and its checklist. */
    caseView: (caseId: string): Promise<Result<CaseView | null>> =>
      attempt(async () => {
        await store.init();
        const record = await getCase(store.db, caseId);
        return ok(record ? await viewOf(store, record) : null);
      }),

    /** A case's complete record, for the evidence pack. */
    caseFile: (caseId: string): Promise<Result<CaseFile | null>> =>
      attempt(async () => {
        await store.init();
        const record = await getCase(store.db, caseId);
        if (!record) return ok(null);
        const view = await viewOf(store, record);
        const voucherFiles = (await loadVouchers(store.db, caseId)).filter(v => v.removedAt === null);
        const ids = new Set([...(view.detail?.txns ?? []).map(t => `${t.acquirer}\u0000${t.id}`)]);
        for (const t of view.detail?.alert ? alertTxns(store, view.detail.alert) : []) ids.add(`${t.acquirer}\u0000${t.id}`);
        const transactions = queryIndex(store).txns.filter(t => ids.has(`${t.acquirer}\u0000${t.id}`));
        const lines = new Set(
          [...(view.detail?.bankLines ?? []), ...(view.detail?.links ?? []).flatMap(l => (l.bankLine ? [l.bankLine] : []))].map(l => l.id),
        );
        const hashes = new Set([...transactions.map(t => t.fileHash), ...[...lines].flatMap(id => store.bankById.get(id)?.fileHash ?? [])]);
        return ok({ ...view, voucherFiles, transactions, sourceFiles: [...hashes].sort() });
      }),

    /** Notes what the merchant did (called, wrote, got an answer) on the timeline. */
    addCaseEntry: (caseId: string, input: CaseEntryInput): Promise<Result<CaseView>> =>
      attempt(async () => {
        if (!isIsoDate(input.on)) return badDate('on', input.on);
        if (input.note.length > MAX_NOTE) return longNote('note');
        if (!ACTIONS.includes(input.action) || !COUNTERPARTS.includes(input.whom))
          return refuse('not_found', `${input.action}/${input.whom}`, `unknown action ${input.action} or counterpart ${input.whom}`);
        return change(
          store,
          caseId,
          (c, at) => ({ ...c, updatedAt: at }),
          (c, at) => [
            {
              id: crypto.randomUUID(),
              caseId: c.id,
              at,
              updatedAt: at,
              source: 'merchant',
              action: input.action,
              whom: input.whom,
              on: input.on,
              note: input.note.trim(),
              removedAt: null,
            },
          ],
        );
      }),

    /** Sets a merchant's note aside (it stays, and can be brought back). */
    removeCaseEntry: (entryId: string) => setEntryRemoved(entryId, true),
    /** Brings a note set aside back. */
    restoreCaseEntry: (entryId: string) => setEntryRemoved(entryId, false),

    /** Sets a case's status. */
    setCaseStatus: (caseId: string, status: CaseStatus): Promise<Result<CaseView>> =>
      attempt(() => {
        if (!CASE_STATUSES.includes(status)) return refuse('not_found', status, `unknown status ${status}`);
        return change(store, caseId, (c, at) => withStatus(c, status, at));
      }),

    /** Sets (or clears, with null) the day to follow a case up. */
    setFollowUp: (caseId: string, on: string | null): Promise<Result<CaseView>> =>
      attempt(() => {
        if (on !== null && !isIsoDate(on)) return badDate('followUpOn', on);
        return change(store, caseId, (c, at) => ({ ...c, followUpOn: on, updatedAt: at }));
      }),

    /** Marks a checklist step done or not, with the day and a note; null gives the step back to what the data shows. */
    markStep: (
      caseId: string,
      step: ChecklistStep,
      mark: { done: boolean; on: string | null; note: string } | null,
    ): Promise<Result<CaseView>> =>
      attempt(() => {
        if (!CHECKLIST_STEPS.includes(step)) return refuse('not_found', step, `unknown step ${step}`);
        if (mark?.on && !isIsoDate(mark.on)) return badDate(step, mark.on);
        if (mark && mark.note.length > MAX_NOTE) return longNote(step);
        return change(store, caseId, (c, at) => {
          const checklist = { ...c.checklist };
          if (mark) checklist[step] = { done: mark.done, on: mark.on, note: mark.note.trim(), updatedAt: at };
          else delete checklist[step];
          return { ...c, checklist, updatedAt: at };
        });
      }),

    /** Keeps a photo or PDF with a case, on this device. */
    attachVoucher: (caseId: string, file: VoucherInput): Promise<Result<CaseView>> =>
      attempt(async () => {
        await store.init();
        if (!(await getCase(store.db, caseId))) return refuse('not_found', caseId, `no case ${caseId}`);
        if (!voucherType(file.name, file.type))
          return refuse('voucher_type', file.name, `${file.name}: ${file.type || 'this file'} is not a photo or a PDF`);
        const bytes = await bytesOf(file.data);
        if (bytes.length === 0) return refuse('voucher_empty', file.name, `${file.name}: the file is empty`);
        if (bytes.length > MAX_VOUCHER_BYTES)
          return refuse('voucher_too_large', file.name, `${file.name}: ${bytes.length} bytes, more than ${MAX_VOUCHER_BYTES}`);
        const at = store.clock.now();
        await putVoucher(store.db, {
          id: crypto.randomUUID(),
          caseId,
          name: file.name,
          type: file.type || (/\.pdf$/i.test(file.name) ? 'application/pdf' : 'image/*'),
          size: bytes.length,
          bytes,
          addedAt: at,
          removedAt: null,
          updatedAt: at,
        });
        return change(store, caseId, c => ({ ...c, updatedAt: at }));
      }),

    /** Removes a voucher from a case (kept, so it can be brought back). */
    removeVoucher: (voucherId: string) => setVoucherRemoved(voucherId, true),
    /** Brings a removed voucher back. */
    restoreVoucher: (voucherId: string) => setVoucherRemoved(voucherId, false),

    /** A voucher's bytes, to open it. */
    voucherFile: (voucherId: string): Promise<Result<{ name: string; type: string; bytes: Uint8Array } | null>> =>
      attempt(async () => {
        const v = await getVoucher(store.db, voucherId);
        return ok(v ? { name: v.name, type: v.type, bytes: v.bytes } : null);
      }),
  };
}
