// The evidence pack of one case: its input gathered from a reconciliation and its rows (assembleEvidence),
// and the ZIP built from it (buildEvidencePack). Pure: no DOM, no Node, no database.
import type { Config } from '../config/types';
import type { AcquirerTxn, BankLine } from '../model/types';
import type { AcquirerRows, Alert, Reconciliation } from '../reconcile/types';
import { caseSources, collectCase, dataChecklist, dataTimeline, firstContact, type SourceFile } from './collect';
import type { EvidenceEvent, EvidenceInput, EvidenceMerchant, EvidenceStep, EvidenceVoucher, FirstContact } from './types';

export { buildEvidencePack, packName, EVIDENCE_WORDS, CSV_FILES } from './pack';
export { maskCard, collectCase, type SourceFile } from './collect';
export type * from './types';
export { PACK_LANGS } from './types';

/** What a case keeps beside the data (the merchant's record); absent, the pack says what the data alone shows. */
export interface CaseRecordFacts {
  readonly status: string;
  readonly followUpOn: string | null;
  /** What the merchant did, dated; the data's own events are added to them. */
  readonly actions: readonly Extract<EvidenceEvent, { by: 'merchant' }>[];
  readonly checklist: readonly EvidenceStep[] | null;
  readonly firstContact: FirstContact | null;
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
  readonly vouchers?: readonly EvidenceVoucher[];
  readonly record?: CaseRecordFacts | null;
  readonly merchant?: EvidenceMerchant;
}

/** The input of one case's pack: its rows (never cut), its files, its timeline and checklist. */
export function assembleEvidence<T extends AcquirerTxn, L extends BankLine>(src: EvidenceSources<T, L>): EvidenceInput {
  const { alert, recon } = src;
  const rows = collectCase(recon, src.acquirers, src.bankLines, alert);
  const used = new Set(src.filesOf(rows.txnRows, rows.lineRows));
  const asOf = recon.report.asOf;
  const vouchers = src.vouchers ?? [];
  const record = src.record ?? null;
  const timeline = [...dataTimeline(alert, rows, asOf), ...(record?.actions ?? [])].sort((a, b) => a.on.localeCompare(b.on));
  return {
    alert,
    profile: src.config.acquirers.find(a => a.id === alert.acquirer) ?? null,
    asOf,
    madeOn: src.madeOn,
    merchant: src.merchant ?? { name: null, contact: null, address: null },
    batches: rows.batches,
    links: rows.links,
    transactions: rows.transactions,
    bankLines: rows.bankLines,
    bankWindow: rows.window,
    sources: caseSources(src.files, used, rows.window),
    vouchers,
    status: record?.status ?? 'open',
    followUpOn: record?.followUpOn ?? null,
    timeline,
    checklist: record?.checklist ?? dataChecklist(alert, asOf, vouchers.length),
    firstContact: record?.firstContact ?? firstContact(alert, rows.transactions),
  };
}
