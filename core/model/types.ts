import type { CodedIssue } from '../messages/types';
import type { DateOrder } from './date';

/** Where a normalized row came from: the file (by name and content hash) and its 1-based line. */
export interface RowSource {
  readonly file: string;
  readonly line: number;
}

/** What an acquirer row is, in the merchant's words. */
export type TxnKind = 'sale' | 'refund' | 'void' | 'chargeback' | 'fee' | 'payout' | 'adjustment';

/** One row of an acquirer export, normalized. Money in integer minor units. */
export interface AcquirerTxn {
  /** The acquirer's own reference exactly as printed (检索参考号, balance_transaction_id, …). */
  readonly id: string;
  readonly kind: TxnKind;
  /** Local date-time as printed, `YYYY-MM-DDTHH:MM:SS`, with `+HH:MM` / `Z` when the zone is known. */
  readonly at: string;
  readonly grossMinor: number;
  readonly feeMinor: number;
  readonly netMinor: number;
  /** ISO 4217, upper case. */
  readonly currency: string;
  readonly merchantId: string | null;
  readonly terminal: string | null;
  readonly card: string | null;
  /** `debit` / `credit` when the export says so (fees are contracted per card type). */
  readonly cardType: 'debit' | 'credit' | null;
  /** The payout / settlement batch id printed in the export (Stripe `automatic_payout_id`). */
  readonly payoutId: string | null;
  /** The settlement or payout date printed in the export (清算日期, automatic_payout_effective_at). */
  readonly settlementDate: string | null;
  /** A sale later voided (交易状态 已撤销) never settles; its void row is `kind: 'void'`. */
  readonly voided: boolean;
  /** The original transaction a refund, void or chargeback refers to (its id, or its `reference`). */
  readonly originalId: string | null;
  /** Another reference of the same transaction that refunds may quote instead of its id (Stripe `charge_id`). */
  readonly reference?: string | null;
  readonly line: number;
}

/** One booking on a bank statement. `amountMinor` > 0 is a credit, < 0 a debit. */
export interface BankLine {
  /** The bank's own id for the line: 交易流水号, FITID, AcctSvcrRef or else NtryRef. */
  readonly id: string;
  readonly account: string;
  readonly bookedOn: string;
  readonly valueOn: string | null;
  readonly amountMinor: number;
  readonly currency: string;
  readonly counterparty: string;
  readonly description: string;
  readonly line: number;
  /** The running balance the statement prints after this line, when it prints one (账户余额). */
  readonly balanceMinor?: number | null;
}

/** A problem found in a file, naming where: 1-based line and the field (column or tag). */
/**
 * A problem found reading a file, at a 1-based line and a field. Issues a merchant meets often carry a `code`
 * and typed `params` that each language words (core/messages); `message` is the English sentence (for an
 * uncoded issue, the only words there are).
 */
export type ParseIssue = {
  readonly line: number;
  readonly field: string;
  readonly message: string;
  /** `error` refuses the file; `warning` is shown but the file is kept. */
  readonly severity: 'error' | 'warning';
} & (CodedIssue | { readonly code?: undefined; readonly params?: undefined });

/** Why days inside a statement's period are not really covered by it. */
export type CoverageHoleReason =
  /** A line's running balance does not follow from the previous line's balance and amount. */
  | 'balance_jump'
  /** The footer's totals (合计, TxsSummry) disagree with the lines: somewhere in the period lines are missing. */
  | 'footer_mismatch'
  /** A statement opens at a balance other than the one the previous statement of the account closed at. */
  | 'opening_mismatch'
  /** The statements' sequence numbers skip one: a statement between them is missing. */
  | 'sequence_gap';

/** Days a statement declares but its own data shows it does not fully cover (both ends included). */
export interface CoverageHole {
  readonly from: string;
  readonly to: string;
  readonly reason: CoverageHoleReason;
  /** The 1-based line that shows it (the line after the jump, the footer). */
  readonly line: number;
  /** For a balance jump: the balance the line prints minus the one that follows from the line before. */
  readonly jumpMinor?: number;
}

/**
 * The period a bank statement covers: the one it declares (OFX DTSTART/DTEND, camt FrToDt, 起止日期, MT940
 * balance dates), else its first to last booking date (`derived`).
 */
export interface StatementPeriod {
  readonly account: string;
  readonly from: string | null;
  readonly to: string | null;
  /** Taken from the booking dates because the file declares no period. */
  readonly derived?: boolean;
  /** The file the statement came from (its name), for messages. */
  readonly file?: string;
  /** The balance before the statement's first line (期初余额, OPBD, :60F:), when printed. */
  readonly openingMinor?: number | null;
  /** The balance after its last line (期末余额, CLBD, :62F:, LEDGERBAL), when printed. */
  readonly closingMinor?: number | null;
  /** The statement's sequence number (camt ElctrncSeqNb/LglSeqNb, MT940 :28C:): a number skipped is a statement missing. */
  readonly sequence?: number;
  /** Days of the period the statement's own data shows are not covered (lines missing). */
  readonly holes?: readonly CoverageHole[];
}

/** Which side of the reconciliation a file is on. */
export type FileRole = 'acquirer' | 'bank';

/** What a parser made of one file. Parsers never throw on bad input: they return issues. */
export interface ParseResult {
  readonly format: string;
  readonly role: FileRole;
  readonly acquirerTxns: AcquirerTxn[];
  readonly bankLines: BankLine[];
  readonly issues: ParseIssue[];
  /** Merchant numbers printed in the file (title lines or a column), for choosing the acquirer profile. */
  readonly merchantIds: string[];
  /** The acquirer name printed in the file's title line, when there is one (拉卡拉商户交易明细). */
  readonly acquirerName: string | null;
  /** Statement periods declared in a bank file, one per account and statement. */
  readonly periods: StatementPeriod[];
}

/** Options a caller may pass to a parser. */
export interface ParseContext {
  /** The file name, used only in messages, never to pick the format. */
  readonly fileName: string;
  /** Time zone to read local times in when the file does not state one. */
  readonly timezone?: string;
  /** The order of dates in a format that does not state it (QIF); read from the file's dates when absent. */
  readonly dateOrder?: DateOrder;
  /** Called now and then with the share of bytes read, 0..1. */
  readonly onProgress?: (share: number) => void;
  /**
   * Bytes a table format decodes at a time (default 8 MB). The command line passes 64 KB: in Node the
   * smaller pieces are ordinary heap objects that die young (a year's cn export: ~100,000 fewer page
   * faults and ~130 MB less peak memory). In Chromium the default was faster (browser bench 2.0 vs 2.3 s).
   */
  readonly chunkBytes?: number;
}

/** A file format: how to recognise it and how to read it. */
export interface Format {
  readonly name: string;
  readonly role: FileRole;
  /** A score in 0..1 from the first few kilobytes of decoded text (0 = not this format). */
  sniff(head: string, bytes: Uint8Array): number;
  parse(bytes: Uint8Array, ctx: ParseContext): ParseResult;
}
