import type { IsoDate } from '../model/date';
import type { AccountCoverage } from './coverage';

/** Status of one transaction at the as-of date, per spec/reconcile.md. */
export type TxnStatus = 'settled' | 'settled_late' | 'pending' | 'unverifiable' | 'overdue' | 'missing' | 'voided';

/** Every status, in the order screens list them. */
export const STATUSES: readonly TxnStatus[] = ['settled', 'settled_late', 'pending', 'unverifiable', 'overdue', 'missing', 'voided'];

/** The kinds of alert, per spec/reconcile.md. */
export type AlertKind =
  'missing_credit' | 'late_credit' | 'short_credit' | 'duplicate_charge' | 'fee_mismatch' | 'unknown_credit' | 'coverage_gap';

/** Every alert kind, in the order screens list them and the report sorts alerts (coverage_gap came last). */
export const ALERT_KINDS: readonly AlertKind[] = [
  'missing_credit',
  'short_credit',
  'late_credit',
  'duplicate_charge',
  'fee_mismatch',
  'unknown_credit',
  'coverage_gap',
];

/** What an alert says, as data: the words come from the reader's locale catalog. Money in minor units of the alert's currency. */
export type AlertParams =
  | {
      readonly kind: 'missing_credit';
      readonly acquirerName: string;
      readonly tradeDate: IsoDate;
      readonly expectedOn: IsoDate;
      readonly count: number;
      readonly overdue: boolean;
    }
  | { readonly kind: 'late_credit'; readonly acquirerName: string; readonly expectedOn: IsoDate; readonly bookedOn: IsoDate }
  | {
      readonly kind: 'short_credit';
      readonly acquirerName: string;
      readonly bookedOn: IsoDate;
      readonly expectedMinor: number;
      readonly creditedMinor: number;
    }
  | {
      readonly kind: 'duplicate_charge';
      readonly acquirerName: string;
      readonly card: string | null;
      readonly terminal: string | null;
      readonly grossMinor: number;
      readonly times: number;
      readonly windowMinutes: number;
    }
  | {
      /** One incident: sales of one acquirer charged the same wrong rate on consecutive days (sums over them). */
      readonly kind: 'fee_mismatch';
      readonly acquirerName: string;
      /** How many sales, and their first and last sale dates. */
      readonly count: number;
      readonly from: IsoDate;
      readonly to: IsoDate;
      readonly grossMinor: number;
      readonly printedMinor: number;
      readonly contractedMinor: number;
      /** The rate the printed fees agree with (`0.0078`), null when none with at most 8 decimals does. */
      readonly printedRate: string | null;
      /** The contracted rule: its rate as a decimal fraction (`0.0060`), cap and fixed part. */
      readonly contractedRate: string;
      readonly capMinor: number | null;
      readonly fixedMinor: number;
    }
  | { readonly kind: 'unknown_credit'; readonly acquirerName: string; readonly bookedOn: IsoDate }
  | { readonly kind: 'coverage_gap'; readonly account: string; readonly from: IsoDate; readonly to: IsoDate; readonly count: number };

/** How urgent an alert is. */
export type Severity = 'info' | 'warning' | 'critical';

/** One alert as the report prints it. `id` is stable across runs for the same facts (decisions refer to it). */
export interface Alert {
  readonly id: string;
  readonly kind: AlertKind;
  readonly severity: Severity;
  readonly acquirer: string;
  readonly transactionIds: string[];
  readonly bankLineIds: string[];
  readonly amountMinor: number;
  readonly currency: string;
  /**
   * What the alert says, as a code and typed parameters: the engine writes no sentence. The words come from
   * the reader's language (core/messages `renderAlert`); the report's `message` is rendered when it is printed.
   */
  readonly code: AlertKind;
  readonly params: AlertParams;
  readonly expectedOn?: IsoDate;
  /** coverage_gap: the account and the uncovered run (inclusive) that a statement for those days would fill. */
  readonly account?: string;
  readonly from?: IsoDate;
  readonly to?: IsoDate;
  /** Set when a person dismissed it (the alert stays visible as dismissed, not open). */
  readonly dismissed?: { readonly reason: string };
}

/** One transaction's line in the report. */
export interface TxnReport {
  readonly id: string;
  readonly acquirer: string;
  readonly status: TxnStatus;
  /** Null for voided transactions. */
  readonly expectedOn: IsoDate | null;
  readonly bankLineIds: string[];
}

/** Why a batch was linked to a bank credit, so a screen can explain it. */
export interface LinkReason {
  /** The matching pass that made it. */
  readonly pass: 'reference' | 'exact' | 'combined' | 'short' | 'manual' | 'confirmed';
  /** Credit − expected net of the linked batches (negative when short). */
  readonly amountDeltaMinor: number;
  /** Business days from the expected date to the booking date (positive when late). */
  readonly dateDeltaBusinessDays: number;
  /** The reference found in the bank text, if one matched. */
  readonly referenceHit: string | null;
}

/** Batches of one acquirer paid by one bank credit. */
export interface Link {
  readonly bankLineId: string;
  readonly batchIds: string[];
  readonly reason: LinkReason;
}

/** One expected credit: an acquirer's transactions of one trade date or one payout. */
export interface Batch {
  /** `acquirer|payoutId`, or `acquirer|tradeDate|expectedOn` where no payout id is printed. */
  readonly id: string;
  readonly acquirer: string;
  readonly tradeDate: IsoDate;
  readonly payoutId: string | null;
  readonly expectedOn: IsoDate;
  readonly netMinor: number;
  readonly grossMinor: number;
  readonly feeMinor: number;
  readonly currency: string;
  readonly transactionCount: number;
}

/** A person's decision; the engine always follows it. */
export type Decision =
  | { readonly kind: 'confirm_link'; readonly bankLineId: string; readonly batchIds: string[]; readonly at: string }
  | { readonly kind: 'unlink'; readonly bankLineId: string; readonly at: string }
  | { readonly kind: 'manual_link'; readonly bankLineId: string; readonly batchIds: string[]; readonly at: string }
  | {
      readonly kind: 'dismiss_alert';
      readonly alertId: string;
      readonly reason: string;
      readonly at: string;
      /** fee_mismatch: the sales the dismissed incident listed (a later sale of the same incident is not dismissed). */
      readonly transactionIds?: readonly string[];
    };

/** `settlewatch.report/1`, plus the batches and links behind it (omitted from the CLI JSON unless asked). */
export interface Report {
  readonly schema: 'settlewatch.report/1';
  readonly asOf: IsoDate;
  readonly transactions: TxnReport[];
  readonly alerts: Alert[];
  /** Per account: the days its statements cover and the uncovered runs up to the as-of date. */
  readonly coverage: AccountCoverage[];
}

/** Everything the engine worked out, for screens that explain it. */
export interface Reconciliation {
  readonly report: Report;
  readonly batches: Batch[];
  readonly links: Link[];
  /** Up to which date the bank data reaches: each account's latest covered day, the earliest of those. */
  readonly bankCoverage: IsoDate | null;
  /** Uncovered runs up to the as-of date, over all accounts (inclusive ISO dates; the first may start open, as null). */
  readonly uncovered: [IsoDate | null, IsoDate][];
  /** How many transactions the report covers (also when `report.transactions` was not built). */
  readonly transactionCount: number;
  /** How many transactions have each status (what counting `report.transactions` gives, without building it). */
  readonly statusCounts: Readonly<Record<TxnStatus, number>>;
  /** How many transactions each acquirer profile has, by profile id. */
  readonly transactionCountByAcquirer: ReadonlyMap<string, number>;
  /** The report line of the i-th transaction (input order), built on demand. */
  transactionAt(index: number): TxnReport;
  /** The id of the i-th transaction (what transactionAt(i).id is, without building the line). */
  transactionIdAt(index: number): string;
  /** The index in `batches` of the i-th transaction's batch, or -1 when it is voided (in no batch). */
  batchIndexOf(index: number): number;
}

/** The transactions of one acquirer profile (files are assigned to profiles before reconciling). */
export interface AcquirerRows {
  readonly acquirer: string;
  readonly txns: readonly import('../model/types').AcquirerTxn[];
}

/** Everything the engine needs: it is a pure function of these (and of nothing else). */
export interface ReconcileInput {
  readonly config: import('../config/types').Config;
  readonly acquirers: readonly AcquirerRows[];
  readonly bankLines: readonly import('../model/types').BankLine[];
  /** Statement periods the bank files declare (for the as-of date and coverage). */
  readonly periods: readonly import('../model/types').StatementPeriod[];
  readonly decisions?: readonly Decision[];
  /** `--as-of`: when given, statuses are computed at this date. */
  readonly asOf?: IsoDate | null;
  /** Today's date: when given (the apps), the as-of date is the earlier of today and the bank coverage. */
  readonly today?: IsoDate | null;
  /** Leave `report.transactions` empty; the caller reads them one by one with `transactionAt`. */
  readonly streamTransactions?: boolean;
  /** Called now and then with a stage name and share done, for progress bars. */
  readonly onProgress?: (stage: string, share: number) => void;
}
