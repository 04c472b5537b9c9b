import type { Alert, AlertKind, AlertParams, TxnStatus } from '../reconcile/types';
import type { CoverageHoleReason } from '../model/types';
import type { AmountProblem } from '../model/money';
import type { DateOrder } from '../model/date';
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
  /** A markup file without its root element (`<OFX>`): not that format, or cut short. */
  no_root_element: { readonly fileName: string; readonly element: string };
  /** A statement that holds no settlement money (a credit card's, an investment account's); `leftOut`: beside bank statements. */
  not_bank_statement: { readonly kind: 'card' | 'investment'; readonly leftOut: boolean };
  /** A CDATA section, a comment, a DOCTYPE, a processing instruction or a tag (`shown` as printed) never closed; `malformed`: no markup at all. */
  unclosed_markup: { readonly what: 'cdata' | 'comment' | 'doctype' | 'declaration' | 'tag' | 'malformed'; readonly shown: string };
  /** Text or a CDATA section outside an XML document's element. */
  outside_root: { readonly what: 'text' | 'cdata'; readonly text: string };
  /** An element closed by another's closing tag (`openedOn` its line, when said). */
  mismatched_close: { readonly element: string; readonly openedOn: number | null; readonly closedBy: string };
  /** A second document element in an XML file. */
  second_root: { readonly element: string };
  /** An XML file with no element at all. */
  no_xml_element: Record<string, never>;
  /** A closing tag whose element was never opened. */
  stray_close: { readonly element: string };
  /** An element never closed before `closedBy` closes (null: before the next one of its kind opens). */
  unclosed_element: { readonly element: string; readonly closedBy: string | null };
  /** An element that opens inside a statement never closed. */
  opens_inside: { readonly element: string };
  /** A transaction outside any statement: it has no account. */
  outside_statement: { readonly element: string; readonly statement: string };
  /** Elements nested deeper than any statement nests them: refused. */
  too_deep: { readonly max: number; readonly what: 'aggregates' | 'elements' };
  /** The bank's own status says this statement failed; `status` and `text` as printed. */
  bank_error_status: { readonly status: string; readonly text: string };
  /** A statement without its account element, whose account is the id printed on this line. */
  account_from_id: { readonly missing: string; readonly idField: string; readonly account: string };
  /**
   * A statement naming no account: `record` (as printed) or the statement; the `fields` looked at are all absent,
   * the one is empty, or (`expected`) are where an account belongs; `keptAs` the name its lines get.
   */
  no_account: {
    readonly record: string | null;
    readonly fields: readonly string[];
    readonly how: 'absent' | 'empty' | 'expected';
    readonly keptAs: string | null;
  };
  /** A transaction with no currency, the `format` saying where one was looked for. */
  no_currency: { readonly format: 'ofx' | 'mt940' };
  /** A currency that is not an ISO 4217 code, as printed. */
  bad_currency: { readonly text: string; readonly labelled?: boolean };
  /** A transaction, entry or record with no amount (`field`: the field named in the words). */
  no_amount: { readonly what: 'transaction' | 'entry' | 'record'; readonly field: string | null };
  /** A transaction with no id of its own (`fields` looked for): it is kept as `id`. */
  no_id: { readonly what: 'transaction' | 'entry'; readonly fields: readonly string[]; readonly id: string };
  /** A transaction's date field missing or empty. */
  no_date: { readonly field: string; readonly present: boolean };
  /** A date in a format's own layout that does not read (`label` names it, `where` places it, `kind` and `pattern` the layout). */
  bad_date_format: {
    readonly text: string;
    readonly label: DateLabel | null;
    readonly where: string | null;
    readonly kind: 'OFX date' | 'ISO date' | 'date' | 'date-time';
    readonly pattern: string;
  };
  /** A camt document whose message is not a camt.052, .053 or .054. */
  not_camt_message: { readonly element: string };
  /** A closing balance that is not the opening balance plus the lines (`record`: camt's, amounts as decimals; null: MT940's, in minor units). */
  closing_balance: {
    readonly record: string | null;
    readonly opening: string;
    readonly lines: string;
    readonly computed: string;
    readonly closing: string;
  };
  /** A date-time that does not read whole, whose date part is used. */
  date_part_used: { readonly text: string; readonly where: string; readonly date: string };
  /** A camt amount printed negative: camt amounts are unsigned. */
  negative_amount: { readonly text: string };
  /** A credit/debit indicator that is neither CRDT nor DBIT. */
  bad_direction: { readonly text: string };
  /** A booked entry without a booking date: another date (`from`) is used, or none is (null). */
  no_booking_date: { readonly from: 'value' | 'created' | null; readonly date: string | null };
  /** An MT940 field whose text is not what its tag holds (`what`: the tag's content). */
  bad_tag_value: {
    readonly text: string;
    readonly what: 'opening_balance' | 'closing_balance' | 'balance' | 'floor_limit' | 'statement_line' | 'count_amount';
  };
  /** A value date past the end of its month (30/360 interest dating), read as the month's last day. */
  date_clamped: { readonly text: string; readonly date: string };
  /** A balance without a currency, read in the statement's. */
  balance_currency_assumed: { readonly currency: string };
  /** An MT940 statement without its account tag. */
  statement_no_account: { readonly tag: string };
  /** An MT940 statement line before any statement began. */
  orphan_statement_line: Record<string, never>;
  /** A file in which the format's reader finds nothing to read. */
  nothing_found: { readonly format: 'mt940' | 'qif' };
  /** An MT942 report that lists entries of a side without their total tag: it may be cut short. */
  sum_missing: { readonly count: number; readonly side: 'debits' | 'credits'; readonly tag: string };
  /** An MT942 total (count and sum in minor units) that differs from the entries listed. */
  sum_mismatch: {
    readonly side: 'debits' | 'credits';
    readonly printedCount: number;
    readonly printedMinor: number;
    readonly count: number;
    readonly minor: number;
  };
  /** A BAI2 line read as the continued text (88) of the record before it: it lacks the comma, or any record type. */
  continuation_read: { readonly kind: 'no_comma' | 'no_type' };
  /** A BAI2 record out of its place in the file's structure (`record`: the record type printed, where it matters). */
  bai2_structure: {
    readonly what:
      | 'first_not_header'
      | 'after_trailer'
      | 'second_header'
      | 'account_outside_group'
      | 'detail_outside_account'
      | 'account_trailer_unopened'
      | 'group_trailer_unopened'
      | 'orphan_continuation'
      | 'no_account_number';
    readonly record: string;
  };
  /** A BAI2 account or group without its trailer before `before`. */
  missing_trailer: { readonly what: 'account' | 'group'; readonly before: number };
  /** A BAI2 trailer's control total or count: missing, not a number, or not what the file holds. */
  trailer_total: {
    readonly what: BaiTotal;
    readonly problem: 'missing' | 'not_number' | 'differs';
    readonly printed: string;
    readonly counted: number;
  };
  /** A BAI version other than 2, read as 2. */
  bai_version: { readonly version: string };
  /** A BAI2 detail whose type code is neither a credit nor a debit: skipped. */
  type_code_skipped: { readonly typeCode: number };
  /** Not a BAI2 record type. */
  bad_record_type: { readonly text: string };
  /** A BAI2 number field that is not a number (`type`: the summary's type code, when it has one). */
  not_a_number: {
    readonly what: 'availability_amount' | 'distribution_count' | 'distribution' | 'summary_amount' | 'item_count';
    readonly text: string;
    readonly type: string | null;
  };
  /** A BAI2 amount that is not a whole number of minor units. */
  not_minor_units: { readonly text: string };
  /** A BAI2 funds type other than Z, 0, 1, 2, V, S, D. */
  bad_funds_type: { readonly text: string };
  /** A BAI2 type code that is not 3 digits (`summary`: an account summary's). */
  type_code_digits: { readonly text: string; readonly summary: boolean };
  /** A QIF section not read: investments, one the reader does not know (`text` as printed), or records before any. */
  qif_section: { readonly what: 'investment' | 'unknown' | 'headerless'; readonly text: string };
  /** Dates that no one order reads (`mixed`), or that do not show theirs and are read in `order`. */
  date_order: { readonly problem: 'mixed' | 'ambiguous'; readonly order: DateOrder };
  /** A date that does not read in the file's order. */
  date_not_in_order: { readonly text: string; readonly order: DateOrder };
  /** A record with no date field. */
  record_no_date: { readonly field: string };
  /** Splits whose sum (minor units) differs from the record's amount. */
  splits_total: { readonly sum: number; readonly amount: number };
  /** A split amount that does not read; `taken`: the record's own amount is used and its splits are not checked. */
  bad_split: { readonly text: string; readonly problem: AmountProblem; readonly digits: number; readonly taken: boolean };
  /** A file that states no currency: its lines are marked with `currency` until the account's is known. */
  no_file_currency: { readonly currency: string };
  /**
   * A workbook (.xlsx or .xls) that cannot be read, for `reason`; `detail` is what the reason quotes (a version, a
   * part's name, a limit) or the container's own English words; `sheet` the sheet, `fileName` the file when named.
   */
  workbook_unreadable: {
    readonly reason: WorkbookReason;
    readonly detail: string;
    readonly sheet: string | null;
    readonly fileName: string | null;
  };
  /** A column mapping that lacks a date column, an amount column (credit/debit for a bank), or a gross or net one. */
  mapping_incomplete: { readonly missing: 'date' | 'amount' | 'gross_net' };
  /** A mapped file that ends before the header row the mapping names (1-based line). */
  no_header_row: { readonly line: number };
  /** A mapped file with no currency: one is chosen in the mapping. */
  mapping_no_currency: Record<string, never>;
  /** A cell that is not a three-letter currency code. */
  not_currency_code: { readonly text: string; readonly threeLetter: boolean };
  /** A bank row with neither a credit nor a debit amount. */
  no_credit_debit: Record<string, never>;
  /** Gross minus net (decimals as printed) differs from the fee printed. */
  fee_differs: { readonly gross: string; readonly net: string; readonly fee: string };
  /** A running balance that moves by other than the line between `from` and `to` books: lines may be missing. */
  balance_moves: { readonly moved: string; readonly from: number; readonly to: number; readonly booked: number; readonly amount: string };
  /** An acquirer's report without its header row; `columns` are the ones it needs, as the report prints them. */
  no_report_header: { readonly report: ReportKind; readonly columns: readonly string[] };
  /** An Adyen report's row without its type (SDR: Type; PAR: Record Type). */
  type_empty: { readonly report: 'sdr' | 'par' };
  /** Both net amounts of an Adyen SDR row empty: read as 0. */
  net_empty: Record<string, never>;
  /** An ARN Excel rounded into scientific notation, kept as printed. */
  arn_rounded: { readonly text: string };
  /** A time zone the reader does not know: times kept without an offset. */
  unknown_time_zone: { readonly zone: string };
  /** A record type (`net`: an Adyen SDR's) or event (a MobilePay one's) not known: read as an adjustment. */
  unknown_record_type: { readonly text: string; readonly by: 'net' | 'amount' | 'payable' | 'sign' };
  /** An Adyen batch with no MerchantPayout row in the report: its rows are read as not paid out yet. */
  batch_not_paid: { readonly batch: string; readonly merchant: string; readonly rows: number };
  /** A MobilePay transfer whose events in the file add up to another sum (minor units). */
  transfer_sum: { readonly amount: number; readonly sum: number };
  /** A personal bill of a payment app, not a merchant's: refused, with where to get the merchant's. */
  personal_bill: { readonly app: 'alipay' | 'wechat' | 'jd' };
  /** A Leshua record type that is neither BT nor BV. */
  leshua_record_type: { readonly text: string };
  /** No credit-card statement header in a file's first lines. */
  no_card_header: { readonly fileName: string; readonly within: number };
  /** A bank statement header row found but not readable as a table. */
  header_unreadable: Record<string, never>;
  /** A running balance that does not follow on too many days: the period comes from the dates alone. */
  balance_unreliable: { readonly days: number; readonly of: number };
  /** Rows left out of an acquirer's report, as the reader says why. */
  left_out_rows: { readonly count: number; readonly why: 'square_cash' | 'zettle_off_book' | 'adyen_lifecycle' | 'paypal_no_money' };
  /** A Square amount without the currency symbol Square prints. */
  no_currency_symbol: { readonly text: string };
  /** Square's Net Total off Total Collected + Fees by `off` minor units. */
  net_mismatch: { readonly off: number };
  /** A Zettle file with neither header row (receipts' or statement's columns). */
  no_zettle_header: { readonly receipts: readonly string[]; readonly statement: readonly string[] };
  /** Zettle's Afgift is not Total − Netto; Netto is kept. */
  fee_not_difference: Record<string, never>;
  /** A Zettle payout that differs from the bookings since the previous one (amounts in units). */
  payout_differs: { readonly payout: string; readonly bookings: string };
  /** A record type's column header without a column the reader needs (PayPal STL: the CH record). */
  record_no_column: { readonly record: 'CH'; readonly column: string };
  /** A PayPal STL data row (SB) before the column header (CH) record. */
  row_before_header: { readonly row: 'SB'; readonly header: 'CH' };
  /** A PayPal STL event code that is not a T-code. */
  not_t_code: { readonly text: string };
  /** A cell that is neither of the two values its field takes (CR/DR, true/false, 交易/退款). */
  neither_of: { readonly text: string; readonly options: readonly [string, string] };
  /** An amount printed in minor units (cents, 分) that is not a whole number. */
  not_whole_minor: { readonly text: string; readonly unit: 'minor' | 'fen' };
  /** An amount too large to count exactly. */
  too_large: Record<string, never>;
  /** A file without the record that marks its format: not that report. */
  no_marker_record: { readonly report: 'paypal_stl' | 'leshua' };
  /** A Clearhaus settlement not paid out yet: left out. */
  open_settlement: Record<string, never>;
  /** Clearhaus payout_amount below summary_net by `difference` minor units (reserve withheld). */
  reserve_withheld: { readonly difference: number };
  /** 手续费 is not 交易金额 − 结算金额 (`computed`, in yuan); the settlement amount is kept. */
  fee_not_gross_less_net: { readonly fee: string; readonly computed: string };
  /** A row with none of these fields printed (参考号 nor 交易单号, created nor created_utc). */
  none_printed: { readonly fields: readonly string[] };
  /** WeChat Pay fees printed below the fen, rounded half up (totals in yuan). */
  sub_fen_fees: { readonly rows: number; readonly printed: string; readonly kept: string };
  /** A WeChat Pay trade status the reader does not know. */
  unknown_status: { readonly text: string; readonly known: readonly string[] };
  /** A bill's summary total that differs from its rows' sum (`sum` in units). */
  summary_sum: { readonly printed: string; readonly sum: string };
  /** A PayPal activity file with dates both day-first and month-first. */
  dates_mixed_orders: Record<string, never>;
  /** No day above 12 in a PayPal file: the date order comes from its time zones. */
  date_order_from_zone: { readonly order: 'mdy' | 'dmy' };
  /** No PayPal activity or statement header row. */
  no_paypal_header: Record<string, never>;
  /** A PayPal file with one Amount column: each amount read as the net, with no fee. */
  single_amount: Record<string, never>;
  /** PayPal's Net is not Gross + Fee. */
  net_not_gross_plus_fee: Record<string, never>;
  /** An Alipay bill whose footer counts (`label`, e.g. 交易合计) other than the rows it holds. */
  bill_row_count: { readonly label: string; readonly printed: string; readonly found: number };
  /** No Alipay 业务明细 or 账务明细 header. */
  no_alipay_header: Record<string, never>;
  /** An Alipay zip without a 业务明细 or 账务明细 CSV. */
  zip_no_bill: Record<string, never>;
  /** An amount that reads but is too large to count exactly in minor units. */
  out_of_range: { readonly label: 'amount' | 'fee' | 'settlement amount' };
  /** A currency cell the reader does not know. */
  unknown_currency: { readonly text: string };
  /** An issue of one file inside a zip: the entry's name and the issue. */
  in_zip_entry: { readonly entry: string; readonly issue: CodedIssue };
  /** A reader failed on this file in a way it does not name; `detail` is the error. */
  internal_error: { readonly format: string; readonly detail: string };
}

/** The acquirer reports whose header a reader looks for. */
export type ReportKind = 'adyen_sdr' | 'adyen_par' | 'clearhaus' | 'allinpay' | 'wechat_pay' | 'square' | 'mobilepay';

/** Why a workbook cannot be read. */
export type WorkbookReason =
  | 'not_workbook'
  | 'failed'
  | 'no_bof'
  | 'biff_version'
  | 'encrypted'
  | 'no_sheets'
  | 'damaged'
  | 'not_xls'
  | 'compound_file'
  | 'zip'
  | 'sheet_no_bof'
  | 'too_many_cells'
  | 'no_workbook_part'
  | 'no_cells';

/** The control totals and counts of BAI2 trailers. */
export type BaiTotal =
  | 'account_control'
  | 'account_records'
  | 'group_control'
  | 'group_accounts'
  | 'group_records'
  | 'file_control'
  | 'file_groups'
  | 'file_records';

/** The name a reader gives a date it cannot read, in English (each catalog words it). */
export type DateLabel = 'value date' | 'entry date' | 'as-of date';

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
