// The evidence pack of one case: its input gathered from a reconciliation and its rows (assembleEvidence),
// and the ZIP built from it (buildEvidencePack). Pure: no DOM, no Node, no database.
import {
  adviceFor,
  checklistOf,
  type CaseRecord,
  type ChecklistItem,
  type ContactAdvice,
  type TimelineEntry,
  type VoucherRecord,
} from '../cases/index';
import type { Config } from '../config/types';
import type { AcquirerTxn, BankLine } from '../model/types';
import type { AcquirerRows, Alert, Reconciliation } from '../reconcile/types';
import { caseSources, collectCase, dataTimeline, type SourceFile } from './collect';
import type { EvidenceEvent, EvidenceInput, EvidenceMerchant } from './types';

export { buildEvidencePack, packName, EVIDENCE_WORDS, CSV_FILES } from './pack';
export { maskCard, collectCase, type SourceFile } from './collect';
export type * from './types';
export { PACK_LANGS } from './types';

/** A case as the ledger keeps it: the record and its timeline. */
export interface KeptCase {
  readonly record: CaseRecord;
  readonly entries: readonly TimelineEntry[];
  /** The checklist and advice as the case view shows them, when the host worked them out (the pack then says the same). */
  readonly checklist?: readonly ChecklistItem[];
  readonly advice?: ContactAdvice | null;
}

/** The record's timeline as the pack prints it: what Settlewatch saw, and what the merchant did (notes set aside left out). */
function keptEvents(entries: readonly TimelineEntry[]): EvidenceEvent[] {
  return entries.flatMap((e): EvidenceEvent[] => {
    if (e.source === 'engine') return [{ on: e.at, by: 'engine', event: e.event }];
    if (e.removedAt !== null) return [];
    return [{ on: e.on, by: 'merchant', action: e.action, whom: e.whom, note: e.note }];
  });
}

/** Everything {@link assembleEvidence} reads. */
export interface EvidenceSources<T extends AcquirerTxn, L extends BankLine> {
  readonly recon: Reconciliation;
  readonly config: Config;
  /** The rows exactly as given to the reconciliation. */
  readonly acquirers: readonly (AcquirerRows & { readonly txns: readonly T[] })[];
  readonly bankLines: readonly L[];
  readonly alert: Alert;
  readonly files: readonly SourceFile[];
  /** The hashes of the files the case's transactions and bank lines were read from. */
  readonly filesOf: (txns: readonly T[], lines: readonly L[]) => Iterable<string>;
  readonly madeOn: string;
  /** The case the merchant keeps on this alert, when there is one; without it the pack says what the data alone shows. */
  readonly kept?: KeptCase | null;
  readonly vouchers?: readonly VoucherRecord[];
  readonly merchant?: EvidenceMerchant;
}

/** The input of one case's pack: its rows (never cut), its files, its timeline and checklist. */
export function assembleEvidence<T extends AcquirerTxn, L extends BankLine>(src: EvidenceSources<T, L>): EvidenceInput {
  const { alert, recon } = src;
  const rows = collectCase(recon, src.acquirers, src.bankLines, alert);
  const used = new Set(src.filesOf(rows.txnRows, rows.lineRows));
  const asOf = recon.report.asOf;
  const vouchers = (src.vouchers ?? []).filter(v => v.removedAt === null);
  const kept = src.kept ?? null;
  const record = kept?.record ?? { checklist: {}, followUpOn: null, status: 'open' as const };
  const entries = kept?.entries ?? [];
  const timeline = [...dataTimeline(alert, rows, asOf), ...keptEvents(entries)].sort((a, b) => a.on.localeCompare(b.on));
  const own = rows.txnRows.filter((_, i) => rows.transactions[i]!.inAlert);
  const profile = src.config.acquirers.find(a => a.id === alert.acquirer) ?? null;
  const listed = new Set(alert.bankLineIds);
  const advice =
    kept?.advice ??
    adviceFor({
      alert,
      profile,
      batches: rows.batches,
      txns: own.length ? own : rows.txnRows,
      bankLines: rows.lineRows.filter(l => listed.has(l.id)),
      credits: rows.bankLines
        .filter(l => l.paysBatchIds.length)
        .map(l => ({ bankLineId: l.id, bookedOn: l.bookedOn, amountMinor: l.amountMinor, currency: l.currency })),
      account: rows.window.accounts.length === 1 ? rows.window.accounts[0]! : null,
    });
  const checklist =
    kept?.checklist ??
    checklistOf(record, entries, {
      statementCovers: alert.kind !== 'coverage_gap' && rows.transactions.every(t => t.status !== 'unverifiable'),
      duplicateCheckRan: true,
      duplicatesFound: alert.kind === 'duplicate_charge' ? alert.transactionIds.length : 0,
      vouchers: vouchers.length,
    });
  return {
    alert,
    profile,
    acquirerNames: Object.fromEntries(src.config.acquirers.map(a => [a.id, a.name || a.id])),
    asOf,
    madeOn: src.madeOn,
    merchant: src.merchant ?? { name: null, contact: null, address: null },
    batches: rows.batches,
    links: rows.links,
    transactions: rows.transactions,
    bankLines: rows.bankLines,
    bankWindow: rows.window,
    sources: caseSources(src.files, used, rows.window),
    vouchers: vouchers.map(v => ({ name: v.name, type: v.type, bytes: v.bytes, note: null, addedAt: v.addedAt })),
    status: record.status,
    followUpOn: record.followUpOn,
    timeline,
    checklist,
    advice,
  };
}
