// The shapes the ledger's handlers take and return: plain data, so they cross Comlink and chrome messaging as they are.
import type { LagGuess, PresetFit, PresetReason } from '../config/choose';
import type { LedgerSummary, StoredDecision } from '../db/schema';
import type { FileKind } from '../import/file-kind';
import type { MappingPreview, MappingProfile, RoleClue } from '../import/mapping/index';
import type { BankLine, ParseIssue } from '../model/types';
import type { Alert, Batch, Link, TxnStatus } from '../reconcile/types';
import type { TxnLine } from '../export/tables';

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
export type RefusalCode = 'issues' | 'no_config' | 'no_profile' | 'config_invalid' | 'cancelled' | 'needs_mapping' | 'unreadable';

/** For a file no format recognises: first guesses at a column mapping, and what the bank guess reads. */
export interface MappingRequest {
  /** The guess for each role; the merchant says whether the file is a bank statement or an acquirer export. */
  readonly guesses: { readonly bank: MappingProfile; readonly acquirer: MappingProfile };
  /** The role the file's content suggests (guessRole), and what suggests it; the form opens on it. */
  readonly role: 'bank' | 'acquirer';
  readonly roleClue: RoleClue;
  /** The first rows as the guess for that role reads them (raw cells too). */
  readonly preview: MappingPreview;
}

/** For an acquirer export refused for want of a profile: the presets that fit it, best first, and what it tells them. */
export interface PresetChoice {
  /** Each preset of the file's format and currency, with what speaks for and against it. */
  readonly fits: readonly (PresetFit & { readonly lag: LagGuess | null })[];
  /** The rows' currency. */
  readonly currency: string | null;
  /** The mapping's name, for a file read with a saved column mapping. */
  readonly name: string | null;
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
  /** For a file assigned to a profile: what in the file speaks against that profile (another acquirer's title, numbers). */
  readonly profileDoubts?: readonly PresetReason[];
  /** With refusal `no_config` or `no_profile`: the presets chosen for the file from its content. */
  readonly presets?: PresetChoice;
  /** Rows of this export that replaced rows captured on a portal page (the export's reading wins). */
  readonly capturedReplaced?: number;
  /** How many of those the page had shown with other content (recorded as warnings on the capture). */
  readonly captureConflicts?: number;
  /** With refusal `unreadable`: what the file seems to be (an image, a broken config.json, text without a table…). */
  readonly fileKind?: FileKind;
  /** With refusal `needs_mapping`: the guessed mapping and a preview, for the mapping form. */
  readonly mapping?: MappingRequest;
}

/** One transaction as the tables show it (and the CSV export writes it), with its line in the file. */
export type TxnRow = TxnLine & { readonly line: number };

/** One bank line as the tables show it. */
export interface BankRow extends BankLine {
  /** The acquirer profile whose bank names appear on the line, if any. */
  readonly acquirer: string | null;
  readonly linkedBatchIds: readonly string[];
  readonly linkPass: Link['reason']['pass'] | null;
}

/** The columns the transactions table sorts by. */
export const TXN_SORTS = ['at', 'id', 'status', 'net', 'gross', 'fee', 'kind', 'terminal', 'card', 'expectedOn'] as const;
export type TxnSort = (typeof TXN_SORTS)[number];

/** The columns the bank lines table sorts by. */
export const BANK_SORTS = ['bookedOn', 'amount', 'counterparty', 'link', 'description', 'id'] as const;
export type BankSort = (typeof BANK_SORTS)[number];

/** Which bank lines to show by their link: every line, linked ones, unlinked ones, or unlinked credits (to match by hand). */
export const BANK_LINKED = ['all', 'linked', 'unlinked', 'unlinked_credits'] as const;
export type BankLinked = (typeof BANK_LINKED)[number];

/** A sort order: a column and a direction (ties keep the table's date order). */
export interface SortOrder<K extends string> {
  readonly by: K;
  readonly desc: boolean;
}

/** Filters of the transactions table, and its order; `from`/`to` bound the transaction's local date, inclusive. */
export interface TxnFilter {
  readonly search?: string;
  readonly status?: TxnStatus | null;
  readonly acquirer?: string | null;
  readonly from?: string | null;
  readonly to?: string | null;
  readonly sort?: SortOrder<TxnSort> | null;
}

/** A page of the transactions table. */
export interface TxnQuery extends TxnFilter {
  readonly offset: number;
  readonly limit: number;
}

/** Filters of the bank lines table, and its order; `from`/`to` bound the booking date, inclusive. */
export interface BankFilter {
  readonly search?: string;
  readonly linked?: BankLinked;
  readonly from?: string | null;
  readonly to?: string | null;
  readonly sort?: SortOrder<BankSort> | null;
}

/** A page of the bank lines table. */
export interface BankQuery extends BankFilter {
  readonly offset: number;
  readonly limit: number;
}

/** The sums of the transactions a filter finds, in one currency (money is never added across currencies). */
export interface TxnTotals {
  readonly currency: string;
  readonly rows: number;
  readonly grossMinor: number;
  readonly feeMinor: number;
  readonly netMinor: number;
}

/** The sums of the bank lines a filter finds, in one currency: money in, money out. */
export interface BankTotals {
  readonly currency: string;
  readonly rows: number;
  readonly creditMinor: number;
  readonly debitMinor: number;
}

/** A page of rows, how many match in all, and the totals of all that match (per currency, most rows first). */
export interface Page<T, S> {
  readonly total: number;
  readonly offset: number;
  readonly rows: T[];
  readonly revision: number;
  readonly totals: readonly S[];
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

export type { LinkDoubt } from '../reconcile/plausible';

/** A decision as a screen makes it; the worker stamps the time. */
export type DecisionInput =
  | { readonly kind: 'confirm_link'; readonly bankLineId: string; readonly batchIds: string[] }
  | { readonly kind: 'unlink'; readonly bankLineId: string }
  | { readonly kind: 'manual_link'; readonly bankLineId: string; readonly batchIds: string[] }
  | { readonly kind: 'dismiss_alert'; readonly alertId: string; readonly reason: string };

/** A transaction table as a content script read it off a portal page. */
export interface CapturedTable {
  /** Portal id from the registry, or the page's host name for any other site. */
  readonly portal: string;
  /** Page address without query or fragment, so pages 1, 2, 3 of one list count as one place. */
  readonly page: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Position of the first row in the capture (line numbers in issues). */
  readonly firstLine: number;
}

/**
 * Whom captured rows belong to, as the extension decided it from what the browser stamped on the message
 * (never from what the page prints): the known portal whose host the page is on, or the acquirer profile
 * the merchant picked in the popup for "Capture this page". A merchant number printed on the page may
 * only choose among the profiles of that portal, never move rows to another acquirer.
 */
export type CaptureOwner =
  | {
      readonly by: 'portal';
      /** Portal id from the extension's registry (lakala, stripe…). */
      readonly portal: string;
      /** The format of the portal's own export files (`cn-acquirer` for Lakala), to find its profiles. */
      readonly exportFormat: string | null;
    }
  | { readonly by: 'pick'; readonly acquirer: string };

/** A captured table with what the capturing context knows of where it came from. */
export interface CaptureInput extends CapturedTable {
  /** Currency of cells that name none: the portal's usual one (the profile's wins once rows are assigned). */
  readonly currency: string;
  readonly owner: CaptureOwner;
}

/** What storing captured rows did: every row read is counted in exactly one of stored, known, conflicts, notStored. */
export interface CaptureCounts {
  /** Rows new to the ledger, stored now. */
  readonly stored: number;
  /** Rows the ledger already held with the same content (same acquirer and reference). */
  readonly known: number;
  /** Rows that could not be read, with the first reason. */
  readonly skipped: number;
  readonly firstIssue: string | null;
  /** Rows an imported export holds with other content: the export's reading is kept, the conflict recorded. */
  readonly conflicts: number;
  readonly firstConflict: string | null;
  /** Rows read but not stored because the write failed (nothing of the capture was written). */
  readonly notStored: number;
  /** Why the write failed, or why the ledger could not be re-checked after it; null when all went well. */
  readonly storageError: string | null;
}

/** A capture stored: the ledger keys of every row read (new or already held), the counts, and the summary after it. */
export interface StoredCapture {
  readonly keys: readonly (readonly [string, string])[];
  readonly outcome: CaptureCounts;
  readonly summary: LedgerSummary;
  /** The hash of the file the new rows were stored as; null when nothing was stored. */
  readonly file: string | null;
}

/** A file taken out of the ledger with its rows, offered for undo, and the summary without it. */
export interface RemovedFile {
  readonly hash: string;
  readonly name: string;
  readonly rows: number;
  readonly summary: LedgerSummary;
}

/** A file the worker built for the merchant to download (a CSV of the current view, the report JSON). */
export interface ExportFile {
  /** A file name with the as-of date (`settlewatch-transactions-2026-03-31.csv`). */
  readonly name: string;
  readonly type: string;
  readonly blob: Blob;
  /** Rows in the file (transactions, bank lines or alerts; the report's transactions). */
  readonly rows: number;
}
