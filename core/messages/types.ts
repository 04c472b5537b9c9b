import type { Alert, AlertKind, AlertParams, TxnStatus } from '../reconcile/types';
import type { CoverageHoleReason } from '../model/types';
import type { AmountProblem } from '../model/money';
import type { AdviceCode, AdviceParamMap, Contact, FactKey } from '../cases/advice';
import type { ShownBy } from '../cases/checklist';
import type { CaseStatus, ChecklistStep, Counterpart, EngineEvent, MerchantAction } from '../cases/types';

/** The languages Settlewatch speaks. */
export type Lang = 'en' | 'zh';

/** Every language, in the order a switcher lists them. */
export const LANGS: readonly Lang[] = ['en', 'zh'];

/** How a language writes money, dates and counts. */
export interface Formats {
  /** Money in minor units of `currency`, exact (never through floating point). */
  money(minor: number, currency: string): string;
  /** A `YYYY-MM-DD` date. */
  date(iso: string): string;
  /** A plain count. */
  count(n: number): string;
  /** A rate given as a decimal fraction (`0.0078`), as a percentage (`0.78%`), exact. */
  rate(decimal: string): string;
}

/** What an alert's words are made of: its typed parameters and the amount the alert is about. */
export type AlertFacts = Pick<Alert, 'params' | 'amountMinor' | 'currency'>;

/** The parameters of each alert kind. */
export type AlertParamsOf<K extends AlertKind> = Extract<AlertParams, { kind: K }>;

/**
 * What an import issue says, as data: per code its parameters. Text a parameter quotes from the file is kept
 * as printed; `detail` parameters are the reader's own English detail (shown as such in other languages).
 */
export interface IssueParamMap {
  /** No format reads the file; `detail` says why a zip was refused, or is empty. */
  unknown_format: { readonly tried: readonly string[]; readonly detail: string };
  /** Only a header, no rows. */
  header_only: { readonly role: 'bank' | 'acquirer' };
  /** No header row with the named columns in the first lines. */
  no_header: { readonly columns: readonly string[] };
  /** A Chinese bank statement's header row lacks a date or an amount column. */
  missing_columns: { readonly columns: readonly ('date' | 'amount')[] };
  /** More rows than Settlewatch reads from one file. */
  too_many_rows: { readonly max: number };
  /** More lines than Settlewatch reads from one file. */
  too_many_lines: { readonly max: number };
  /** The file ends inside a row. */
  cut_row: { readonly read: number; readonly fields: number; readonly missing: readonly string[] };
  /** A quote never closed: the rest of the file would be one field. */
  unclosed_quote: { readonly inRow: boolean; readonly lines: number };
  /** A quote not closed within `max` lines: its closing quote is missing. */
  quote_too_long: { readonly inRow: boolean; readonly max: number };
  /** A row with the wrong number of fields. */
  field_count: { readonly expected: number; readonly found: number };
  /** A cell that is not an amount; `label` is the reader's English name of the amount, when it gives one. */
  bad_amount: { readonly text: string; readonly problem: AmountProblem; readonly digits: number; readonly label: string | null };
  /** An empty cell where an amount is required. */
  amount_required: Record<string, never>;
  /** An empty cell where a value is required; `what` names it where the reader's words did. */
  empty_cell: { readonly what: 'value' | 'date' | 'amount' | 'reference' };
  /** A transaction type the reader does not know; `known` lists the ones it does, when it says. */
  unknown_kind: { readonly text: string; readonly known: readonly string[] | null };
  /** A cell that is not a time of day. */
  bad_time: { readonly text: string };
  /** A footer or summary whose count of rows differs from the rows the file holds. */
  row_count: { readonly printed: string; readonly found: number; readonly where: 'footer' | 'summary' };
  /** No Chinese bank statement header near the top: in a CSV's first lines, or in any sheet's first rows. */
  no_statement_header: { readonly fileName: string; readonly within: number; readonly sheet: boolean };
  /** A cell that is not a date (or a date and time). */
  bad_date: { readonly text: string; readonly withTime: boolean };
  /** Ids Excel turned into scientific notation. */
  excel_mangled_ids: { readonly count: number; readonly field: string; readonly example: string };
  /** An id a bank statement prints on two lines: the later line gets `as` (`id#2`). */
  reused_id: { readonly id: string; readonly as: string };
  /**
   * A Chinese statement's 合计 line whose credits or debits differ from its lines' sum; `afterLine` when the
   * 合计 line's own number is not known (it follows that line).
   */
  statement_total: {
    readonly side: 'credits' | 'debits';
    readonly printed: string;
    readonly sum: string;
    readonly afterLine: number | null;
  };
  /** A Chinese statement's closing balance that does not follow from the opening balance and the lines. */
  statement_balance: { readonly opening: string; readonly computed: string; readonly printed: string; readonly afterLine: number | null };
  /** A footer total that differs from the sum of the rows. */
  footer_total: { readonly printed: string; readonly sum: string };
  /** A credit-card statement, refused; `detail` is what marks it. */
  card_statement: { readonly fileName: string; readonly detail: string };
  /** An id printed twice in one file. */
  duplicate_id: { readonly label: string; readonly id: string };
  /** A row the file repeats exactly: counted once. */
  repeated_row: { readonly row: 'bank_line' | 'transaction'; readonly id: string; readonly firstLine: number };
  /** An id on two rows with different content: refused. */
  conflicting_row: {
    readonly row: 'bank_line' | 'transaction';
    readonly id: string;
    readonly firstLine: number;
    readonly fields: readonly string[];
  };
  /** A row two files read differently: the reading in `file` at `line` is kept (`complete`: that file is whole, else it is the later one). */
  read_differently: {
    readonly id: string;
    readonly file: string;
    readonly line: number;
    readonly fields: readonly string[];
    readonly complete: boolean;
  };
  /** Rows after the footer that were not read. */
  rows_after_footer: { readonly count: number };
  /** camt entries left out for their status: pending (PDNG) or for information only (INFO). */
  entries_left_out: { readonly count: number; readonly status: 'PDNG' | 'INFO' };
  /** A file whose closing part (named by `missing`) is not there: a file cut at a line break reads whole rows and nothing else tells. */
  may_be_cut_short: { readonly missing: CutMarker; readonly rows: number };
  /** A file that ends inside something (a character, a transaction, a statement, an element): refused. */
  ends_inside: {
    readonly what: 'character' | 'transaction' | 'statement' | 'document' | 'element';
    readonly element: string;
    readonly openedOn: number | null;
  };
  /** A Chinese bank statement without bank ids: each line's id is derived from its date, time, amount and balance (`perLine`: this line only). */
  derived_ids: { readonly perLine: boolean };
  /** Rows with neither a date nor an amount (notes such as 说明), not read as transactions. */
  notes_rows: { readonly count: number };
  /** A table captured on a portal page without reference, date and amount columns. */
  no_table_columns: Record<string, never>;
  /** A reader failed on this file in a way it does not name; `detail` is the error. */
  internal_error: { readonly format: string; readonly detail: string };
}

/** The closing part a file lacks when it may be cut short, by format. */
export type CutMarker =
  | 'total_line' // cn-acquirer: 合计
  | 'list_end' // alipay: #-----…列表结束
  | 'summary' // wechat-pay: 总交易单数
  | 'closing_balance' // mt940: :62F:
  | 'statement_parts' // mt940: only the first tags
  | 'trailer' // bai2: 99
  | 'record_end' // qif: ^
  | 'report_footer'; // paypal-stl: RF, RC, FF

/** The code of a coded import issue. */
export type IssueCode = keyof IssueParamMap;

/** A code with its parameters, as an issue carries them. */
export type CodedIssue = { [C in IssueCode]: { readonly code: C; readonly params: IssueParamMap[C] } }[IssueCode];

/**
 * One language's words for everything the core reports. Each entry takes exactly its typed parameters: a
 * language that lacks a code, or reads a parameter the code does not have, fails the type checker.
 */
export interface Catalog {
  readonly formats: Formats;
  readonly alerts: { readonly [K in AlertKind]: (p: AlertParamsOf<K>, a: AlertFacts, f: Formats) => string };
  readonly issues: { readonly [C in IssueCode]: (p: IssueParamMap[C], f: Formats) => string };
  /** The name of each alert kind, for headings and lists. */
  readonly kinds: { readonly [K in AlertKind]: string };
  /** The browser extension's own words: the toolbar button's title and a notification's title. */
  readonly extension: {
    readonly badgeTitle: (openAlerts: number) => string;
    readonly notificationTitle: (kind: string) => string;
    /** Added to the title when the bank data is too old to check: how old, and from which day to import. */
    readonly staleTitle: (businessDaysOld: number, importFrom: string) => string;
  };
  /** The command line's summary (`settlewatch reconcile` without --json). */
  readonly summary: {
    readonly title: (asOf: string) => string;
    readonly statuses: string;
    /** A status's name in the table (English prints the report's code). */
    readonly status: (status: TxnStatus) => string;
    readonly alerts: string;
    /** An alert kind's name in the table (English prints the report's code). */
    readonly kind: (kind: AlertKind) => string;
    readonly columns: {
      readonly kind: string;
      readonly critical: string;
      readonly warning: string;
      readonly info: string;
      readonly amount: string;
    };
    readonly coverage: string;
    readonly noStatement: string;
    readonly noAccount: string;
    readonly covered: string;
    readonly gaps: string;
    readonly hole: (at: string, reason: CoverageHoleReason, from: string, to: string) => string;
    readonly importGap: (account: string, from: string, to: string, count: number) => string;
    readonly outstanding: string;
    readonly inBatches: (count: number) => string;
  };
  /** The words of cases: statuses, whom to contact and why, the facts to quote, the checklist, the timeline. */
  readonly cases: CaseWords;
  /** An issue the reader states only in English: the words around the reader's own text. */
  readonly uncodedIssue: (line: number, field: string) => string;
  /** Where an issue is: a line and field of a file. */
  readonly issueAt: (line: number, field: string) => string;
}

/** One engine event's parameters by its kind. */
export type EngineEventOf<K extends EngineEvent['kind']> = Extract<EngineEvent, { kind: K }>;

/**
 * The words of cases, shared by the app, the CLI and the evidence pack's letters: each piece of advice
 * takes exactly its parameters, so a language that lacks one fails the type checker.
 */
export interface CaseWords {
  readonly status: { readonly [S in CaseStatus]: string };
  /** Whom to turn to, as a heading: "Your bank first". */
  readonly first: { readonly [C in Contact]: string };
  /** Whom next: "then the acquirer". */
  readonly then: { readonly [C in Contact]: string };
  /** Why, and what to ask for. */
  readonly advice: { readonly [C in AdviceCode]: (p: AdviceParamMap[C], f: Formats) => string };
  /** The label of each fact to quote. */
  readonly facts: { readonly [K in FactKey]: string };
  /** "and N more" after a list cut short. */
  readonly more: (n: number) => string;
  readonly steps: { readonly [S in ChecklistStep]: { readonly title: string; readonly help: string } };
  /** Why the data ticks a step by itself. */
  readonly shownBy: { readonly [B in ShownBy]: string };
  readonly counterpart: { readonly [C in Counterpart]: string };
  readonly action: { readonly [A in MerchantAction]: string };
  /** Added to the toolbar button's title: how many follow-ups are due. */
  readonly followUpsDue: (n: number) => string;
  /** A notification that a case's follow-up date has come (the kind's name, the amount, the date, all worded). */
  readonly followUpNotice: (kind: string, amount: string, on: string) => string;
  /** What the engine saw, as a timeline line. */
  readonly events: { readonly [K in EngineEvent['kind']]: (e: EngineEventOf<K>, f: Formats, kinds: Catalog['kinds']) => string };
}
