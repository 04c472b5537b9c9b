// What an evidence pack is made of: plain data, so the pack is built the same way from the ledger (PWA,
// extension) and from files on the command line. Money in integer minor units; dates `YYYY-MM-DD`.
import type { ChecklistItem, ContactAdvice } from '../cases/index';
import type { CaseStatus, Counterpart, EngineEvent, MerchantAction } from '../cases/types';
import type { AcquirerProfile } from '../config/types';
import type { Lang } from '../messages/types';
import type { TxnKind } from '../model/types';
import type { Alert, Batch, Link, TxnStatus } from '../reconcile/types';

/** The language of a pack: one, or both side by side (each in its own folder). */
export type PackLang = Lang | 'both';

/** Every pack language, in the order a chooser lists them. */
export const PACK_LANGS: readonly PackLang[] = ['zh', 'en', 'both'];

/** One transaction of the case, as transactions.csv prints it. The card is masked before it gets here. */
export interface EvidenceTxn {
  readonly acquirer: string;
  readonly id: string;
  readonly kind: TxnKind;
  /** As the export printed it (local time, with the zone when known). */
  readonly at: string;
  readonly merchantId: string | null;
  readonly terminal: string | null;
  /** Masked (`622202******3161`), never a full card number. */
  readonly card: string | null;
  readonly grossMinor: number;
  readonly feeMinor: number;
  readonly netMinor: number;
  readonly currency: string;
  readonly expectedOn: string | null;
  readonly status: TxnStatus;
  readonly bankLineIds: readonly string[];
  readonly batchId: string | null;
  readonly payoutId: string | null;
  /** The settlement or payout date the export printed, when it printed one (the acquirer says it paid then). */
  readonly settlementDate: string | null;
  /** True when the alert itself lists this transaction (the rest are the other transactions of its batches). */
  readonly inAlert: boolean;
}

/** One bank line of the account around the case's dates, as bank-lines.csv prints it. */
export interface EvidenceBankLine {
  readonly id: string;
  readonly account: string;
  readonly bookedOn: string;
  readonly valueOn: string | null;
  readonly amountMinor: number;
  readonly currency: string;
  readonly balanceMinor: number | null;
  readonly counterparty: string;
  readonly description: string;
  /** The batches of the case this line pays (empty when it pays none of them). */
  readonly paysBatchIds: readonly string[];
  /** True when the alert lists this line or it pays a batch of the case. */
  readonly inCase: boolean;
}

/** An imported file the case rests on. */
export interface EvidenceSource {
  readonly name: string;
  /** SHA-256 of the file's bytes, lower-case hex. */
  readonly sha256: string;
  readonly role: 'acquirer' | 'bank' | 'config';
  readonly format: string;
  readonly from: string | null;
  readonly to: string | null;
}

/** A file the merchant attached to the case (a photo of a POS slip, a PDF of a statement). */
export interface EvidenceVoucher {
  readonly name: string;
  readonly type: string;
  readonly bytes: Uint8Array;
  readonly note: string | null;
  /** When it was attached, `YYYY-MM-DD` or an ISO instant. */
  readonly addedAt: string | null;
}

/** One line of the case's timeline: what the statement and export show, what Settlewatch saw happen, or what the merchant did. */
export type EvidenceEvent =
  | {
      readonly on: string;
      readonly by: 'data';
      readonly code: DataEventCode;
      readonly amountMinor: number | null;
      readonly ref: string | null;
      /** The last day of a run of days (a statement missing from `on` to `until`). */
      readonly until?: string;
    }
  | { readonly on: string; readonly by: 'engine'; readonly event: EngineEvent }
  | {
      readonly on: string;
      readonly by: 'merchant';
      readonly action: MerchantAction;
      readonly whom: Counterpart;
      readonly note: string;
    };

/** What the data shows happened, in date order of a case. */
export type DataEventCode = 'traded' | 'due' | 'credited' | 'credited_short' | 'not_credited' | 'unknown_credit' | 'statement_missing';

/** Who the merchant is, for the letters; blank lines are printed for what is not known. */
export interface EvidenceMerchant {
  readonly name: string | null;
  readonly contact: string | null;
  readonly address: string | null;
}

/** Everything one case's pack is built from. */
export interface EvidenceInput {
  readonly alert: Alert;
  /** The acquirer profile of the case (null for a statement gap spanning acquirers). */
  readonly profile: AcquirerProfile | null;
  /** Every profile's name, by id (a statement gap names each acquirer waiting on it). */
  readonly acquirerNames: Readonly<Record<string, string>>;
  /** The date statuses were computed at. */
  readonly asOf: string;
  /** The day the pack is made (a parameter: the core reads no clock). */
  readonly madeOn: string;
  readonly merchant: EvidenceMerchant;
  /** The case's batches with the credit linked to each, due date first. */
  readonly batches: readonly (Batch & { readonly bankLineId: string | null })[];
  readonly links: readonly Link[];
  /** Every transaction of the case (its batches', or the alert's own), never cut. */
  readonly transactions: readonly EvidenceTxn[];
  /** The account's lines around the case's dates, the case's own lines included. */
  readonly bankLines: readonly EvidenceBankLine[];
  /** The days bank-lines.csv spans, and the accounts it shows. */
  readonly bankWindow: { readonly from: string; readonly to: string; readonly accounts: readonly string[] };
  readonly sources: readonly EvidenceSource[];
  readonly vouchers: readonly EvidenceVoucher[];
  /** The case's status, its follow-up date and its steps (the merchant's marks, else what the data shows). */
  readonly status: CaseStatus;
  readonly followUpOn: string | null;
  readonly timeline: readonly EvidenceEvent[];
  readonly checklist: readonly ChecklistItem[];
  /** Whom to ask first and why, with the facts to quote. */
  readonly advice: ContactAdvice;
}

/** A pack as bytes, with the file name to save it under. */
export interface EvidencePack {
  readonly name: string;
  readonly bytes: Uint8Array;
}
