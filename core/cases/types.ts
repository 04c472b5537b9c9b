// A case: what the merchant does about an alert until the money is back (or they decide it is not a
// problem). Plain data, so it is stored as it is, crosses the worker boundary, and merges between
// replicas: each record has an `id` and an `updatedAt` ISO time (last writer wins); timeline entries are
// append-only records with their own ids (merged by union); a checklist step carries its own time.
import type { IsoDate } from '../model/date';
import type { AlertKind } from '../reconcile/types';

/** Where a case stands, in the merchant's words. */
export type CaseStatus =
  | 'open'
  | 'asked_acquirer'
  | 'asked_bank'
  | 'complaint_filed'
  | 'resolved_credited'
  | 'resolved_refunded'
  | 'written_off'
  | 'not_a_problem';

/** Every status, in the order a merchant goes through them. */
export const CASE_STATUSES: readonly CaseStatus[] = [
  'open',
  'asked_acquirer',
  'asked_bank',
  'complaint_filed',
  'resolved_credited',
  'resolved_refunded',
  'written_off',
  'not_a_problem',
];

/** Statuses that end a case: no follow-up is due on them. */
export const CLOSED_STATUSES: ReadonlySet<CaseStatus> = new Set(['resolved_credited', 'resolved_refunded', 'written_off', 'not_a_problem']);

/** True when a case in `status` still needs the merchant. */
export function isOpenStatus(status: CaseStatus): boolean {
  return !CLOSED_STATUSES.has(status);
}

/**
 * What a case is about, as it survives re-imports and alert id changes: the money owed for some batches
 * (missing, late or short credit), a duplicate charge or a fee incident (its transactions), a credit no
 * transaction explains (its bank line), or a statement left out (the batches waiting on it, per account).
 */
export type CaseFamily = 'credit' | 'duplicate' | 'fee' | 'unknown' | 'coverage';

/** The alert kinds of each family: an alert of any of them on the same subject belongs to the same case. */
export const FAMILY_OF: Readonly<Record<AlertKind, CaseFamily>> = {
  missing_credit: 'credit',
  late_credit: 'credit',
  short_credit: 'credit',
  duplicate_charge: 'duplicate',
  fee_mismatch: 'fee',
  unknown_credit: 'unknown',
  coverage_gap: 'coverage',
};

/**
 * A case's subject: its family (with the account, for a statement left out) and sorted keys — batches as
 * `acquirer|payoutId` or `acquirer|tradeDate` (never the expected date, which a changed lag moves),
 * transactions as `acquirer|reference`, a bank line as `account|id`. Two subjects of one family that
 * share a key are the same case.
 */
export interface CaseSubject {
  readonly family: CaseFamily;
  /** coverage: the account whose statement is missing ('' when none is known). */
  readonly account?: string;
  readonly keys: readonly string[];
}

/** What the reconciliation said about a case the last time the case looked. */
export interface CaseSeen {
  /** The alert on the subject, or null when none is raised. */
  readonly alertId: string | null;
  readonly kind: AlertKind | null;
  readonly amountMinor: number;
  readonly currency: string;
  /** Bank credits linked to the subject's batches, by id. */
  readonly credits: readonly string[];
  /** Whether the subject's batches owe nothing more (every one linked, none short). */
  readonly settled: boolean;
}

/** The merchant's answer on one step of the checklist. */
export interface ChecklistMark {
  readonly done: boolean;
  /** The day the merchant did it. */
  readonly on: IsoDate | null;
  readonly note: string;
  readonly updatedAt: string;
}

/** The remedies a merchant walks, in order (what merchants are told to do when card money does not arrive). */
export type ChecklistStep =
  'check_account' | 'check_records' | 'contact_acquirer' | 'contact_bank' | 'keep_vouchers' | 'keep_watching' | 'complain_regulator';

/** Every step, in order. */
export const CHECKLIST_STEPS: readonly ChecklistStep[] = [
  'check_account',
  'check_records',
  'contact_acquirer',
  'contact_bank',
  'keep_vouchers',
  'keep_watching',
  'complain_regulator',
];

/** One case, as stored. */
export interface CaseRecord {
  /** `family:first key` of the subject it was opened on: the same on every replica that opens it. */
  readonly id: string;
  readonly subject: CaseSubject;
  /** The acquirer profile it is about ('' for a statement left out that spans acquirers). */
  readonly acquirer: string;
  /** The alert it was opened on (the latest one seen is `seen.alertId`). */
  readonly openedFrom: string;
  readonly openedAt: string;
  readonly status: CaseStatus;
  /** Who set the status last: the engine sets `resolved_credited` and `not_a_problem` by itself. */
  readonly statusBy: 'merchant' | 'engine';
  /** The merchant's status the engine replaced (with `resolved_credited`…), given back if the engine takes its own back. */
  readonly heldStatus: CaseStatus | null;
  readonly followUpOn: IsoDate | null;
  readonly checklist: Readonly<Partial<Record<ChecklistStep, ChecklistMark>>>;
  readonly seen: CaseSeen;
  /** Engine entries written so far (the next one's sequence number). */
  readonly engineEntries: number;
  readonly updatedAt: string;
}

/** Whom the merchant dealt with. */
export type Counterpart = 'acquirer' | 'bank' | 'regulator' | 'other';

/** What the merchant did. */
export type MerchantAction = 'called' | 'wrote' | 'answered' | 'note';

/** What the engine saw happen to a case. */
export type EngineEvent =
  | { readonly kind: 'raised'; readonly alertKind: AlertKind; readonly amountMinor: number; readonly currency: string }
  | {
      readonly kind: 'changed';
      readonly fromKind: AlertKind;
      readonly toKind: AlertKind;
      readonly fromMinor: number;
      readonly toMinor: number;
      readonly currency: string;
    }
  | {
      readonly kind: 'credit_arrived';
      readonly bankLineId: string;
      readonly bookedOn: IsoDate;
      readonly amountMinor: number;
      readonly currency: string;
    }
  | { readonly kind: 'credit_removed'; readonly bankLineId: string }
  /** The engine set the status (a credit paid the batches; the alert went away; it came back). */
  | { readonly kind: 'status'; readonly status: CaseStatus }
  | { readonly kind: 'cleared'; readonly alertKind: AlertKind }
  | { readonly kind: 'reopened'; readonly alertKind: AlertKind; readonly amountMinor: number; readonly currency: string };

/** One line of a case's timeline. Append-only; a merchant's note can be set aside (`removedAt`) and brought back. */
export type TimelineEntry = {
  readonly id: string;
  readonly caseId: string;
  /** When it was written (ISO time). */
  readonly at: string;
  readonly updatedAt: string;
} & (
  | { readonly source: 'engine'; readonly event: EngineEvent }
  | {
      readonly source: 'merchant';
      readonly action: MerchantAction;
      readonly whom: Counterpart;
      /** The day it happened, as the merchant says. */
      readonly on: IsoDate;
      readonly note: string;
      readonly removedAt: string | null;
    }
);

/** A photo or PDF of a POS slip or a statement the merchant keeps with a case, stored locally. */
export interface VoucherRecord {
  readonly id: string;
  readonly caseId: string;
  readonly name: string;
  /** MIME type as the browser gave it. */
  readonly type: string;
  readonly size: number;
  readonly bytes: Uint8Array;
  readonly addedAt: string;
  /** Set when the merchant removed it (kept so it can be brought back). */
  readonly removedAt: string | null;
  readonly updatedAt: string;
}

/** A voucher without its bytes, for lists. */
export type VoucherInfo = Omit<VoucherRecord, 'bytes'>;
