import type { CaseRecord, CaseStatus, TimelineEntry, VoucherRecord } from '../cases/types';
import type { Config } from '../config/types';
import type { MappingProfile } from '../import/mapping/profile';
import type { AcquirerTxn, BankLine, ParseIssue, StatementPeriod } from '../model/types';
import type { AccountCoverage } from '../reconcile/coverage';
import type { Freshness } from '../reconcile/freshness';
import type { Alert, AlertKind, Decision, Severity, TxnStatus } from '../reconcile/types';

/** An imported file, keyed by the SHA-256 of its bytes: importing the same bytes again changes nothing. */
export interface StoredFile {
  readonly hash: string;
  readonly name: string;
  readonly size: number;
  readonly role: 'acquirer' | 'bank' | 'config';
  /** Format name (`cn-acquirer`, `ofx`, …) or `settlewatch.config/1`. */
  readonly format: string;
  /** The acquirer profile an export was assigned to. */
  readonly acquirer: string | null;
  readonly rows: number;
  /** First and last date the file covers. */
  readonly from: string | null;
  readonly to: string | null;
  readonly periods: readonly StatementPeriod[];
  /** Warnings kept with the file (errors refuse it, so none are stored). */
  readonly warnings: readonly ParseIssue[];
  readonly importedAt: string;
  /**
   * When the merchant removed the file: it and its rows are out of the ledger but kept, so the removal can be
   * undone, until the offer is dismissed or expires (purgeRemovedFiles). Absent or null: in the ledger.
   */
  readonly removedAt?: string | null;
}

/** An acquirer transaction as stored: the parser's row plus its profile and file. Key: [acquirer+id]. */
export interface StoredTxn extends AcquirerTxn {
  readonly acquirer: string;
  readonly fileHash: string;
}

/** A bank line as stored, with its file. Identity: account and the bank's id (identity.ts). */
export interface StoredBankLine extends BankLine {
  readonly fileHash: string;
}

/**
 * Rows of one file, a few thousand at a time. IndexedDB pays per record, so a 100,000-row export
 * stored row by row took ~20 s in Chromium; in chunks it is a few dozen records. A chunk holds
 * the rows as the file read them; loadLedger counts each fact ([acquirer+id], [account+id]) once.
 */
export interface StoredRowChunk {
  readonly fileHash: string;
  readonly chunk: number;
  readonly txns: readonly StoredTxn[];
  readonly bankLines: readonly StoredBankLine[];
  /**
   * Only in the file's record at chunk {@link REPEATS_CHUNK}: the keys of the rows the file read that the ledger
   * already held when it was imported, so were not stored again. Removing the file that stored such a row keeps
   * it in the ledger while a file that repeated it is in the ledger (repo.ts). Absent in files stored before.
   */
  readonly repeated?: RepeatedKeys;
}

/** The rows a file repeated: transaction ids (of the file's acquirer profile) and bank lines' keys (bankLineKey). */
export interface RepeatedKeys {
  readonly txns: readonly string[];
  readonly bankLines: readonly string[];
}

/** The chunk number of a file's record of the rows it repeated (its rows are chunks 0, 1, …). */
export const REPEATS_CHUNK = -1;

/**
 * One record of the ledger image (core/ledger/image.ts): its head (`key: 'head'`, the format, the stamp of what it
 * was derived from, the counts) or a slice of rows stored column by column. A cache of what the rows give: never
 * the only copy of anything, ignored whenever its format or stamp is not what the database holds now.
 */
export interface StoredImagePart {
  readonly key: string;
  readonly [field: string]: unknown;
}

/** A person's decision; revoking (undo) keeps the record, so the history stays readable. */
export interface StoredDecision {
  readonly id: string;
  readonly decision: Decision;
  readonly revokedAt: string | null;
  /** The hybrid logical clock of the last write (core/replica/hlc.ts): merging replicas keeps the latest. */
  readonly hlc?: string;
}

/** A column mapping the merchant saved for a CSV/XLSX layout. Key: id; found by headerKey. */
export interface StoredMapping extends MappingProfile {
  readonly savedAt: string;
  /** The hybrid logical clock of the last write. */
  readonly hlc?: string;
}

/** The config the merchant uses, one row. */
export interface StoredConfig {
  readonly key: 'current';
  readonly config: Config;
  readonly updatedAt: string;
  /** The hybrid logical clock of the last write. */
  readonly hlc?: string;
}

/** A deleted record of a person's table (a mapping…), kept so a merge with a replica that still has it deletes it there too. */
export interface StoredTombstone {
  readonly table: string;
  readonly id: string;
  readonly hlc: string;
}

/** This device's identity in clock stamps, and the latest stamp it made or saw. One row. */
export interface StoredReplicaMeta {
  readonly key: 'device';
  readonly device: string;
}

/** Money per acquirer for the overview. */
export interface AcquirerTotals {
  readonly id: string;
  readonly name: string;
  readonly currency: string;
  readonly transactionCount: number;
  /** Net of every batch. */
  readonly expectedMinor: number;
  /** Bank credits linked to this acquirer's batches. */
  readonly creditedMinor: number;
  /** Net of batches with no credit linked. */
  readonly outstandingMinor: number;
  /** The part of the outstanding net already past its expected date. */
  readonly overdueMinor: number;
}

/** An expected credit not yet linked, for "next expected credits". */
export interface ExpectedCredit {
  readonly batchId: string;
  readonly acquirer: string;
  readonly expectedOn: string;
  readonly netMinor: number;
  readonly currency: string;
  readonly transactionCount: number;
}

/** Days from trade date to bank booking, counted per acquirer. */
export interface LagSeries {
  readonly acquirer: string;
  readonly counts: readonly { readonly days: number; readonly batches: number }[];
}

/** Outstanding net (due and not credited by that day) per day, per currency. */
export interface OutstandingSeries {
  readonly currency: string;
  readonly points: readonly { readonly date: string; readonly minor: number }[];
}

/** Fees and gross of sales per terminal per week, to draw the effective fee rate. */
export interface FeeSeries {
  readonly acquirer: string;
  readonly terminal: string;
  readonly points: readonly { readonly week: string; readonly feeMinor: number; readonly grossMinor: number }[];
}

/**
 * An alert as the summary lists it: all but the transactions it names. A year's alerts name tens of thousands of
 * them, and the summary is written and read back in full after every decision; the worker has them for a case, an
 * export or a decision.
 */
export type SummaryAlert = Omit<Alert, 'transactionIds'>;

/** What the overview, alerts and charts show: the latest reconciliation, summarized. One row. */
export interface LedgerSummary {
  readonly key: 'current';
  /** Grows with every recomputation, so screens can refresh what they fetched from the worker. */
  readonly revision: number;
  readonly computedAt: string;
  /** The as-of date the merchant picked, or null for "latest". */
  readonly requestedAsOf: string | null;
  readonly today: string;
  /** The date statuses were computed at (report.asOf), null when nothing could be reconciled. */
  readonly asOf: string | null;
  readonly bankCoverage: string | null;
  readonly transactionCount: number;
  readonly bankLineCount: number;
  readonly statusCounts: Readonly<Record<TxnStatus, number>>;
  readonly openAlertCounts: Readonly<Record<AlertKind, number>>;
  readonly openBySeverity: Readonly<Record<Severity, number>>;
  /** The reconciliation's alerts, in its order, without the transactions each names (see {@link SummaryAlert}). */
  readonly alerts: readonly SummaryAlert[];
  readonly acquirers: readonly AcquirerTotals[];
  readonly nextCredits: readonly ExpectedCredit[];
  readonly lag: readonly LagSeries[];
  readonly outstanding: readonly OutstandingSeries[];
  readonly fees: readonly FeeSeries[];
  /** Why the ledger could not be reconciled (no config, engine error), or null. */
  readonly error: string | null;
  /** Things the merchant should know about what was left out. */
  readonly notices: readonly Notice[];
  /** Per account: the days the statements cover, the uncovered runs and the holes found (absent in summaries stored before). */
  readonly coverage?: readonly AccountCoverage[];
  /** How current the bank data and each acquirer's exports are at `today` (absent in summaries stored before). */
  readonly freshness?: Freshness | null;
  /** Open cases with a follow-up date, soonest first: the badge and the popup say which are due (absent before cases). */
  readonly followUps?: readonly CaseFollowUp[];
}

/** A case the merchant set a follow-up date on. */
export interface CaseFollowUp {
  readonly caseId: string;
  readonly followUpOn: string;
  readonly status: CaseStatus;
  /** The kind of the alert the case saw last, for words. */
  readonly kind: AlertKind | null;
  readonly amountMinor: number;
  readonly currency: string;
}

/** A case as stored. Key: id. */
export type StoredCase = CaseRecord;

/** A timeline entry as stored. Key: id; found by caseId. */
export type StoredCaseEntry = TimelineEntry;

/** A voucher as stored, with its bytes. Key: id; found by caseId. */
export type StoredVoucher = VoucherRecord;

/** Something left out of the reconciliation that the merchant should know about. */
export type Notice =
  /** Transactions stored under a profile id the current config no longer has. */
  { readonly kind: 'orphan_profile'; readonly acquirer: string; readonly transactions: number };
