// English words for what the core reports. The alert sentences are the report's `message` under --lang en,
// unchanged since the report's first version: change them only with the contract (spec/reconcile.md).
import { amountProblemText, formatMinor, minorDigits, percentOf } from '../model/money';
import type { DateOrder } from '../model/date';
import type { BaiTotal, Catalog, CutMarker, Formats, IssueParamMap, ReportKind, WorkbookReason } from './types';

const COLUMNS = { date: 'a date (记账日期/交易日期/交收日期)', amount: 'an amount (收入/支出, 交易金额 or 清算金额)' } as const;
const totalLine = (afterLine: number | null): string => (afterLine === null ? 'the 合计 line' : `the 合计 line after line ${afterLine}`);
const ROWS = { bank_line: 'bank line', transaction: 'transaction' } as const;

const plural = (n: number, one: string, many: string): string => (n === 1 ? one : many);

/** Where a file ends that is cut short. */
const INSIDE: Readonly<Record<IssueParamMap['ends_inside']['what'], (p: IssueParamMap['ends_inside']) => string>> = {
  character: () => "the file ends inside a character of this row's last field: it is cut short",
  transaction: () => 'the file ends inside this <STMTTRN>: it is cut short',
  statement: () => 'the file ends inside this statement: it is cut short',
  document: p => `the file ends before </${p.element}>: it is cut short`,
  element: p => `the file ends inside <${p.element}>${p.openedOn === null ? '' : ` (opened on line ${p.openedOn})`}: it is cut short`,
};

/** What each format's missing closing part says (the readers' words since they first warned). */
const CUT: Readonly<Record<CutMarker, (rows: number) => string>> = {
  total_line: rows =>
    `the file has no 合计 line after its ${rows} rows (the export ends with one stating their count and totals): it may be cut short`,
  list_end: rows => `the bill does not end with its "#-----…列表结束" line and totals after its ${rows} rows: it may be cut short`,
  summary: rows => `the bill has no summary (总交易单数, …) after its ${rows} rows: it may be cut short`,
  closing_balance: () => 'the statement has no closing balance (:62F:); the file may be cut short',
  statement_parts: () => 'the statement has no balance, no lines and no totals; the file may be cut short',
  trailer: () => 'the file has no trailer (99); it may be cut short',
  record_end: () => 'the last record is not closed by ^; the file may be cut short',
  report_footer: () => 'the report ends without its footer (RF, RC, FF) after this row: it may be cut short, and rows after it missing',
};

/** What an unclosed CDATA section, comment or tag says. */
const MARKUP: Readonly<Record<IssueParamMap['unclosed_markup']['what'], (shown: string) => string>> = {
  cdata: () => 'a CDATA section "<![CDATA[" opened here is never closed with "]]>"',
  comment: () => 'a comment "<!--" opened here is never closed with "-->"',
  doctype: () => 'a DOCTYPE opened here is never closed with "]>" or ">"',
  declaration: () => 'a processing instruction "<?" opened here is never closed with "?>"',
  tag: shown => `"${shown}" is a tag that is never closed with ">"`,
  malformed: shown => `"${shown}" is not a well-formed tag, comment or declaration (or the file is cut short)`,
};

/** What an MT940 tag should hold, with its layout. */
const TAG_VALUES: Readonly<Record<IssueParamMap['bad_tag_value']['what'], string>> = {
  opening_balance: 'an opening balance (C/D YYMMDD currency amount)',
  closing_balance: 'a closing balance (C/D YYMMDD currency amount)',
  balance: 'a balance (C/D YYMMDD currency amount)',
  floor_limit: 'a floor limit (currency [D/C] amount)',
  statement_line: 'a statement line (YYMMDD[MMDD] C/D/RC/RD amount Nxxx reference)',
  count_amount: 'a count, currency and amount',
};

/** BAI2 records out of place. */
const BAI2_STRUCTURE: Readonly<Record<IssueParamMap['bai2_structure']['what'], (record: string) => string>> = {
  first_not_header: () => 'a BAI2 file starts with a file header record (01)',
  after_trailer: record => `a record (${record || 'with no type'}) after the file trailer (99)`,
  second_header: () => 'a second file header (01)',
  account_outside_group: () => 'an account (03) outside a group (02)',
  detail_outside_account: () => 'a transaction detail (16) outside an account (03)',
  account_trailer_unopened: () => 'an account trailer (49) with no account (03) open',
  group_trailer_unopened: () => 'a group trailer (98) with no group (02) open',
  orphan_continuation: () => 'a continuation (88) with no record before it',
  no_account_number: () => 'the account record has no account number',
};

/** BAI2 trailers' totals and counts. */
const BAI_TOTALS: Readonly<Record<BaiTotal, string>> = {
  account_control: 'the account control total',
  account_records: 'the account record count',
  group_control: 'the group control total',
  group_accounts: 'the group number of accounts',
  group_records: 'the group record count',
  file_control: 'the file control total',
  file_groups: 'the file number of groups',
  file_records: 'the file record count',
};

/** BAI2 number fields. */
const NUMBER_FIELDS: Readonly<Record<IssueParamMap['not_a_number']['what'], string>> = {
  availability_amount: 'availability amount',
  distribution_count: 'distribution count',
  distribution: 'distribution',
  summary_amount: 'summary amount',
  item_count: 'item count',
};

/** Date orders by name. */
const ORDERS: Readonly<Record<DateOrder, string>> = { mdy: 'month/day/year', dmy: 'day/month/year', ymd: 'year/month/day' };

/** Why a workbook cannot be read (the sheet readers' words). */
const WORKBOOK: Readonly<Record<WorkbookReason, (detail: string) => string>> = {
  not_workbook: () => 'not an Excel workbook (neither .xlsx nor BIFF .xls)',
  failed: d => `the workbook could not be read (${d})`,
  no_bof: () => 'the Workbook stream does not start with a BIFF5/BIFF8 BOF record (BIFF2–4 files are not supported)',
  biff_version: d => `unsupported BIFF version 0x${d}`,
  encrypted: () => 'the workbook is password-protected (encrypted); save it again without a password',
  no_sheets: () => 'the workbook lists no sheets',
  damaged: d => `the workbook is damaged (${d})`,
  not_xls: () => 'not an OLE2 compound file (.xls)',
  compound_file: d => d,
  zip: d => d,
  sheet_no_bof: () => 'its BOF record is missing',
  too_many_cells: d => `a cell lies outside the sheet or the sheet has more than ${d} cells`,
  no_workbook_part: d => `the zip has no workbook part (${d}); it is not an Excel .xlsx file`,
  no_cells: () => 'the workbook has no cells',
};

/** Where a statement's account was looked for. */
const ACCOUNT_FIELDS: Readonly<Record<IssueParamMap['no_account']['how'], (fields: readonly string[]) => string>> = {
  absent: f => `no ${f.slice(0, -1).join(', ')} or ${f[f.length - 1] ?? ''}`,
  empty: f => `${f.join('/')} is empty`,
  expected: f => f.join(' or '),
};

/** Acquirer reports by name. */
const REPORTS: Readonly<Record<ReportKind, string>> = {
  adyen_sdr: 'Settlement Details Report',
  adyen_par: 'Payments Accounting Report',
  clearhaus: 'Clearhaus settlements',
  allinpay: 'Allinpay statement',
  wechat_pay: 'WeChat Pay trade bill',
  square: 'Square transactions',
  mobilepay: 'MobilePay transfer overview',
};

/** A personal bill, refused with where the merchant's is. */
const PERSONAL: Readonly<Record<IssueParamMap['personal_bill']['app'], string>> = {
  alipay:
    'this is a personal Alipay bill (支付宝交易记录明细), not a merchant bill: download the 对账单 (业务明细 / 账务明细) from the Alipay merchant portal (b.alipay.com → 对账中心)',
  wechat:
    'this is a personal WeChat bill (微信支付账单明细), not a merchant trade bill: download the 交易账单 from the WeChat Pay merchant platform (pay.weixin.qq.com → 交易中心 → 账单下载)',
  jd: "this is a personal JD bill (京东交易流水, a buyer's purchases), not a merchant's settlement: export the merchant's 对账单 from the JD merchant back office instead",
};

/** What an unknown record type or event is read as. */
const UNKNOWN_TYPE: Readonly<Record<IssueParamMap['unknown_record_type']['by'], (text: string) => string>> = {
  net: t => `record type "${t}" is not known; read as an adjustment by its net amount`,
  amount: t => `event "${t}" is not known; read as an adjustment by its amount`,
  payable: t => `record type "${t}" is not known; read as an adjustment by its Payable (SC)`,
  sign: t => `event type "${t}" is not known; read by the sign of Total Collected`,
};

/** Rows an acquirer reader leaves out, and why. */
const LEFT_OUT: Readonly<Record<IssueParamMap['left_out_rows']['why'], (n: number) => string>> = {
  square_cash: n => `${n} cash-only row(s) left out: cash never reaches the bank through Square`,
  zettle_off_book: n => `${n} receipt(s) paid in cash or by MobilePay left out: Zettle does not pay them out`,
  adyen_lifecycle: n =>
    `${n} row${n === 1 ? '' : 's'} (Received, Authorised, SentForSettle and other status changes) move nothing to Payable (SC) and ${n === 1 ? 'is' : 'are'} left out; the first is this line`,
  paypal_no_money: n =>
    `${n} row${n === 1 ? '' : 's'} that moved no money (Balance Impact Memo, or Status Denied, Failed, Cancelled or Voided) ${n === 1 ? 'is' : 'are'} left out; the first is this line`,
};

/** Money as the report prints it: `1234.56 CNY`; dates as ISO; counts as digits. */
export const EN_FORMATS: Formats = {
  money: (minor, currency) => `${formatMinor(minor, minorDigits(currency))} ${currency}`,
  date: iso => iso,
  count: n => String(n),
  rate: percentOf,
};

/** The English catalog. */
export const en: Catalog = {
  formats: EN_FORMATS,
  alerts: {
    missing_credit: (p, a, f) =>
      `${p.acquirerName}: ${f.money(a.amountMinor, a.currency)} for ${f.count(p.count)} transaction(s) of ${f.date(p.tradeDate)} was due on ${f.date(p.expectedOn)} and has not been credited`,
    late_credit: (p, a, f) =>
      `${p.acquirerName}: ${f.money(a.amountMinor, a.currency)} due on ${f.date(p.expectedOn)} was credited late, on ${f.date(p.bookedOn)}`,
    short_credit: (p, a, f) =>
      `${p.acquirerName}: the credit of ${f.date(p.bookedOn)} is ${f.money(a.amountMinor, a.currency)} short of the ${f.money(p.expectedMinor, a.currency)} expected`,
    // A card or terminal the file does not print reads "null", as the report has always said.
    duplicate_charge: (p, a, f) =>
      `${p.acquirerName}: card ${String(p.card)} was charged ${f.money(p.grossMinor, a.currency)} ${f.count(p.times)} times within ${f.count(p.windowMinutes)} minutes on terminal ${String(p.terminal)}`,
    // One sale reads as it always has; an incident says the rates, the days and the sums.
    fee_mismatch: (p, a, f) => {
      if (p.count === 1)
        return `${p.acquirerName}: fee ${f.money(p.printedMinor, a.currency)} on a ${f.money(p.grossMinor, a.currency)} sale; the contract says ${f.money(p.contractedMinor, a.currency)}`;
      const days = p.from === p.to ? `on ${f.date(p.from)}` : `from ${f.date(p.from)} to ${f.date(p.to)}`;
      const contract = `${f.rate(p.contractedRate)}${p.fixedMinor ? ` + ${f.money(p.fixedMinor, a.currency)}` : ''}${p.capMinor !== null ? ` (at most ${f.money(p.capMinor, a.currency)})` : ''}`;
      const charged = p.printedRate === null ? 'were charged other fees' : `were charged ${f.rate(p.printedRate)}`;
      const gap = f.money(Math.abs(a.amountMinor), a.currency);
      return `${p.acquirerName}: ${f.count(p.count)} sales ${days} ${charged} where the contract says ${contract}: fees ${f.money(p.printedMinor, a.currency)} instead of ${f.money(p.contractedMinor, a.currency)} on ${f.money(p.grossMinor, a.currency)} of sales (${gap} ${a.amountMinor > 0 ? 'overcharged' : 'less than the contract'})`;
    },
    unknown_credit: (p, a, f) =>
      `${p.acquirerName}: a credit of ${f.money(a.amountMinor, a.currency)} on ${f.date(p.bookedOn)} matches no transaction`,
    coverage_gap: (p, _a, f) =>
      `no bank statement${p.account ? ` of account ${p.account}` : ''} covers ${f.date(p.from)} to ${f.date(p.to)}: ${f.count(p.count)} transaction(s) due by then cannot be checked; import the statement for those days`,
  },
  issues: {
    unknown_format: p => `no supported format recognises this file${p.detail ? `: ${p.detail}` : ''} (tried ${p.tried.join(', ')})`,
    header_only: p => `the file holds no ${p.role === 'bank' ? 'bank lines' : 'transactions'}, only its header: 0 rows read`,
    no_header: p => `no header row with ${p.columns.slice(0, -1).join(', ')} and ${p.columns[p.columns.length - 1] ?? ''} was found`,
    missing_columns: p =>
      `the header row has no column for ${p.columns.map(c => COLUMNS[c]).join(' or ')}; it is not a statement this reader can use`,
    too_many_rows: p =>
      `the file holds more than ${p.max.toLocaleString('en-US')} rows, the most Settlewatch reads from one file (a busy year is about 1,000,000): export a shorter period`,
    too_many_lines: p =>
      `the file has more than ${p.max.toLocaleString('en-US')} lines, the most Settlewatch reads from one file (a busy year is about 1,000,000 rows): export a shorter period`,
    cut_row: p => {
      const named = p.missing.length > 3 ? `${p.missing.slice(0, 3).join(', ')} and ${p.missing.length - 3} more` : p.missing.join(', ');
      return `the file ends inside this row, after ${p.read} of ${p.fields} fields (${named} missing)`;
    },
    unclosed_quote: p =>
      `a quote opened in this ${p.inRow ? 'row' : 'line'} is never closed: the ${p.lines} lines after it up to the end of the file would be one field`,
    quote_too_long: p =>
      `a quote opened in this ${p.inRow ? 'row' : 'line'} is not closed within ${p.max.toLocaleString('en-US')} lines: its closing quote is missing`,
    field_count: p => `expected ${p.expected} fields, found ${p.found}`,
    bad_amount: p => `${p.label ? `${p.label} ` : ''}${amountProblemText(p.problem, p.text, p.digits)}`,
    amount_required: () => 'is empty; an amount is required',
    empty_cell: p => (p.what === 'value' ? 'is empty' : `the ${p.what === 'reference' ? 'reference number' : p.what} is empty`),
    unknown_kind: p =>
      p.known ? `"${p.text}" is not a transaction type this reader knows (${p.known.join(', ')})` : `unknown transaction type "${p.text}"`,
    bad_time: p => `"${p.text}" is not a time`,
    row_count: p =>
      p.where === 'footer'
        ? `the footer counts ${p.printed} rows but the file holds ${p.found}: rows are missing or cut off`
        : `the summary counts ${p.printed} rows but the bill has ${p.found}: the file is incomplete`,
    no_statement_header: p =>
      p.sheet
        ? `${p.fileName}: no statement header (a date and an amount column) in the first ${p.within} rows of any sheet`
        : `${p.fileName}: no bank statement header (a date, an amount and a balance column) in the first ${p.within} lines`,
    bad_date: p => `"${p.text}" is not a date${p.withTime ? ' and time' : ''}`,
    excel_mangled_ids: p => {
      const one = p.count === 1;
      return `${one ? 'an id' : `${p.count} ids`} in ${p.field} ${one ? 'is' : 'are'} in Excel's scientific notation ("${p.example}", first on this line): Excel cut ${one ? 'it' : 'them'} to a few digits, so ${one ? 'it' : 'they'} cannot be matched; export the file again without saving it from Excel`;
    },
    reused_id: p => `the id ${p.id} was already used above; this line is ${p.as}`,
    statement_total: p => `${totalLine(p.afterLine)} says ${p.side} of ${p.printed} but the lines add up to ${p.sum}; lines may be missing`,
    statement_balance: p => `opening balance ${p.opening} plus the lines is ${p.computed}, but ${totalLine(p.afterLine)} says ${p.printed}`,
    footer_total: p => `the footer's total ${p.printed} differs from the rows' ${p.sum}: rows are missing or cut off`,
    card_statement: p => `${p.fileName}: a credit-card statement, not a current account: card money is not settled here (${p.detail})`,
    duplicate_id: p => `${p.label} "${p.id}" occurs twice in this file`,
    repeated_row: p => `this line repeats line ${p.firstLine} (${ROWS[p.row]} ${p.id}); it is counted once`,
    conflicting_row: p => `${ROWS[p.row]} ${p.id} is on line ${p.firstLine} too, with other ${p.fields.join(', ')}`,
    read_differently: p =>
      `${p.id} reads differently in ${p.file}:${p.line} (${p.fields.join(', ')}); that ${p.complete ? 'complete ' : 'later '}reading is kept`,
    rows_after_footer: p =>
      `${p.count} dated row${plural(p.count, '', 's')} after the footer that follows this line ${plural(p.count, 'was', 'were')} not read`,
    entries_left_out: p =>
      `${p.count} ${plural(p.count, 'entry is', 'entries are')} left out as ${p.status === 'PDNG' ? 'pending (Sts PDNG): not booked yet' : 'for information only (Sts INFO): not bookings'}; the first is on this line`,
    may_be_cut_short: p => CUT[p.missing](p.rows),
    ends_inside: p => INSIDE[p.what](p),
    derived_ids: p =>
      p.perLine
        ? 'no transaction id on this line; an id is derived from its date, time, amount and balance'
        : 'the file has no 交易流水号 column; each line gets an id made of its date, time, amount and balance',
    notes_rows: p =>
      `${p.count === 1 ? '1 row has' : `${p.count} rows have`} neither a date nor an amount (notes such as 说明) and ${p.count === 1 ? 'is' : 'are'} not read as transactions; the first is this line`,
    no_table_columns: () => 'this table has no reference, date and amount columns',
    record_no_column: p => `the ${p.record} record has no "${p.column}" column`,
    row_before_header: p => `an ${p.row} row comes before any ${p.header} column header`,
    not_t_code: p => `"${p.text}" is not a T-code`,
    neither_of: p => `"${p.text}" is neither ${p.options[0]} nor ${p.options[1]}`,
    not_whole_minor: p => `"${p.text}" is not a whole number of ${p.unit === 'fen' ? '分' : 'minor units'}`,
    too_large: () => 'is too large',
    no_marker_record: p =>
      p.report === 'paypal_stl'
        ? 'no CH column header record found; this is not a PayPal settlement report'
        : 'no BV record found; this is not a Leshua trade file',
    open_settlement: () => 'an open settlement (not yet paid out) is left out; import the export again once it is settled',
    reserve_withheld: p => `payout_amount differs from summary_net by ${p.difference} minor units (reserve withheld)`,
    fee_not_gross_less_net: p => `手续费 ${p.fee} is not 交易金额 − 结算金额 (${p.computed}); the settlement amount is kept`,
    none_printed: p =>
      p.fields.length === 2 ? `neither ${p.fields[0]} nor ${p.fields[1]} is printed` : `none of ${p.fields.join(', ')} is printed`,
    sub_fen_fees: p =>
      `${p.rows} row(s) print a fee below the fen; each is rounded half up to the fen (total printed ${p.printed} yuan, kept ${p.kept} yuan)`,
    unknown_status: p => `"${p.text}" is not a bill status (${p.known.join(', ')})`,
    summary_sum: p => `the summary says ${p.printed}, the rows add up to ${p.sum}`,
    dates_mixed_orders: () => 'dates are written both day-first and month-first in one file',
    date_order_from_zone: p =>
      `no day above 12 in this file, so its date order is taken from the time zone as ${p.order === 'mdy' ? 'month/day/year' : 'day/month/year'}`,
    no_paypal_header: () =>
      'no PayPal activity or statement header found (needs Date, Type or Description, Currency, and Gross, Net and Transaction ID, or a single Amount)',
    single_amount: () => "the file has one Amount column and no Gross, Fee and Net: each amount is read as the row's net, with no fee",
    net_not_gross_plus_fee: () => 'Net is not Gross + Fee',
    bill_row_count: p => `the bill's ${p.label} says ${p.printed} rows but it holds ${p.found}: the file is incomplete`,
    no_alipay_header: () => 'no Alipay 业务明细 (支付宝交易号, 业务类型, 创建时间, 商家实收（元）, 服务费（元）) or 账务明细 header found',
    zip_no_bill: () => 'the zip holds no Alipay 业务明细 or 账务明细 CSV',
    out_of_range: p => `${p.label} is out of range`,
    unknown_currency: p => `"${p.text}" is not a currency this reader knows`,
    in_zip_entry: (p, f) =>
      `${p.entry}: ${(en.issues[p.issue.code] as (q: typeof p.issue.params, g: Formats) => string)(p.issue.params, f)}`,
    internal_error: p => `internal error while reading as ${p.format}: ${p.detail}`,
    left_out_rows: p => LEFT_OUT[p.why](p.count),
    no_currency_symbol: p => `"${p.text}" has no currency symbol Square prints ($, £, €, ¥)`,
    net_mismatch: p => `Net Total does not equal Total Collected + Fees (off by ${p.off} minor units)`,
    no_zettle_header: p => `no Zettle header row found (receipts: ${p.receipts.join(', ')}; statement: ${p.statement.join(', ')})`,
    fee_not_difference: () => 'Afgift is not Total − Netto; Netto is kept',
    payout_differs: p =>
      `the payout (${p.payout}) differs from the bookings since the previous one (${p.bookings}); the statement may start mid-period`,
    personal_bill: p => PERSONAL[p.app],
    leshua_record_type: p => `"${p.text}" is neither BT nor BV`,
    no_card_header: p => `${p.fileName}: no credit-card statement header in the first ${p.within} lines`,
    header_unreadable: () => 'the header row could not be read as a table',
    balance_unreliable: p =>
      `the running balance does not follow from the amounts on ${p.days} of ${p.of} days; the days the statement covers are taken from its dates alone`,
    type_empty: p => (p.report === 'sdr' ? 'is empty; every SDR row has a Type' : 'is empty; every row has a Record Type'),
    net_empty: () => 'both Net Debit (NC) and Net Credit (NC) are empty; read as 0',
    arn_rounded: p =>
      `"${p.text}" was rounded by Excel into scientific notation; kept as printed, ask Adyen for the report again to get the full ARN`,
    unknown_time_zone: p => `time zone "${p.zone}" is not known; those times are kept without an offset`,
    unknown_record_type: p => UNKNOWN_TYPE[p.by](p.text),
    batch_not_paid: p =>
      `batch ${p.batch} of ${p.merchant} has no MerchantPayout row in this report: ${p.rows === 1 ? 'its row is' : `its ${p.rows} rows are`} read as not paid out yet (if the report was cut short, download it again)`,
    transfer_sum: p =>
      `the transfer is ${p.amount} but the events in this file that name it add up to ${p.sum} (minor units): some of them are missing (a file cut short?)`,
    no_report_header: p => `no ${REPORTS[p.report]} header found (needs ${p.columns.join(', ')})`,
    mapping_incomplete: p =>
      p.missing === 'date'
        ? 'the mapping has no date column'
        : p.missing === 'amount'
          ? 'the mapping has no amount column (or credit/debit columns)'
          : 'the mapping has no gross or net amount column',
    no_header_row: p => `the file ends before its header row (line ${p.line})`,
    mapping_no_currency: () => 'the file names no currency; choose one in the mapping',
    not_currency_code: p => `"${p.text}" is not a ${p.threeLetter ? 'three-letter ' : ''}currency code`,
    no_credit_debit: () => 'neither the credit nor the debit column has an amount',
    fee_differs: p => `gross ${p.gross} − net ${p.net} is ${p.fee}, not the fee printed here`,
    balance_moves: p =>
      `the balance moves by ${p.moved} between line ${p.from} and line ${p.to}, but line ${p.booked} books ${p.amount}; lines may be missing between them`,
    workbook_unreadable: p =>
      `${p.fileName === null ? '' : `${p.fileName}: `}${p.sheet === null ? '' : `sheet "${p.sheet}": `}${WORKBOOK[p.reason](p.detail)}`,
    qif_section: p =>
      p.what === 'investment'
        ? 'investment transactions (!Type:Invst) are not read'
        : p.what === 'unknown'
          ? `"${p.text}" is not a QIF section this reader knows; its records are skipped`
          : 'a record before any !Type: header',
    date_order: p =>
      p.problem === 'mixed'
        ? 'the dates mix orders: no one order (month/day/year, day/month/year or year/month/day) reads them all; set the order (!Option:MDY, DMY or YMD)'
        : `the dates do not show their order; read as ${ORDERS[p.order]} (set it with !Option:MDY, DMY or YMD)`,
    date_not_in_order: p => `"${p.text}" is not a date in ${ORDERS[p.order]} order`,
    record_no_date: p => `the record has no date (${p.field})`,
    splits_total: p => `the splits add up to ${p.sum} but the amount is ${p.amount} (minor units)`,
    bad_split: p =>
      `split amount ${amountProblemText(p.problem, p.text, p.digits)}${p.taken ? "; the record's amount (T) is taken and its splits are not checked" : ''}`,
    no_file_currency: p => `QIF states no currency; the lines are marked ${p.currency} until the account's currency is known`,
    continuation_read: p =>
      p.kind === 'no_comma'
        ? 'a continuation (88) without the comma after its type; its text is read as continued'
        : 'a line with no record type after a transaction detail; read as its continued text (88)',
    bai2_structure: p => BAI2_STRUCTURE[p.what](p.record),
    missing_trailer: p => `the ${p.what} has no trailer (${p.what === 'account' ? '49' : '98'}) before line ${p.before}`,
    trailer_total: p =>
      p.problem === 'missing'
        ? `${BAI_TOTALS[p.what]} is missing; the file has ${p.counted}`
        : p.problem === 'not_number'
          ? `${BAI_TOTALS[p.what]} "${p.printed}" is not a number`
          : `${BAI_TOTALS[p.what]} says ${p.printed} but the file has ${p.counted}`,
    bai_version: p => `version ${p.version} is read as BAI version 2`,
    type_code_skipped: p => `type code ${p.typeCode} is neither a credit (100–399) nor a debit (400–699); the record is skipped`,
    bad_record_type: p => `"${p.text}" is not a BAI2 record type (01, 02, 03, 16, 88, 49, 98, 99)`,
    not_a_number: p => `${NUMBER_FIELDS[p.what]} "${p.text}"${p.type === null ? '' : ` for type ${p.type}`} is not a number`,
    not_minor_units: p => `amount "${p.text}" is not a whole number of minor units`,
    bad_funds_type: p => `funds type "${p.text}" is not one of Z, 0, 1, 2, V, S, D`,
    type_code_digits: p => `${p.summary ? 'summary ' : ''}type code "${p.text}" is not 3 digits`,
    bad_tag_value: p => `"${p.text}" is not ${TAG_VALUES[p.what]}`,
    date_clamped: p => `value date "${p.text}" is past the end of its month (30/360 interest dating); read as ${p.date}`,
    balance_currency_assumed: p => `the balance names no currency; read in ${p.currency}, the statement's`,
    statement_no_account: p => `the statement has no account (:${p.tag}:)`,
    orphan_statement_line: () => 'a statement line outside a statement (no :20: since the last message ended)',
    nothing_found: p =>
      p.format === 'mt940'
        ? 'no MT940/MT942 statement found (no line starts with :20:)'
        : 'no bank, cash or credit card transactions (!Type:Bank, Cash, CCard, Oth A, Oth L) found',
    sum_missing: p => `the report lists ${p.count} ${p.side} but no :${p.tag}: total of them; the file may be cut short`,
    sum_mismatch: p => `the report says ${p.printedCount} ${p.side} of ${p.printedMinor} but lists ${p.count} of ${p.minor} (minor units)`,
    no_root_element: p => `${p.fileName}: no <${p.element}> element found; this is not an ${p.element} file or it is cut short`,
    not_bank_statement: p =>
      p.kind === 'card'
        ? `a credit-card statement, not a current account: card money is not settled here${p.leftOut ? '; its lines are left out' : ''}`
        : `an investment statement: no bank transactions${p.leftOut ? '; it is left out' : ''}`,
    unclosed_markup: p => MARKUP[p.what](p.shown),
    stray_close: p => `</${p.element}> closes an element that was never opened`,
    unclosed_element: p => `this <${p.element}> is never closed before ${p.closedBy === null ? 'the next one opens' : `</${p.closedBy}>`}`,
    opens_inside: p => `<${p.element}> opens inside a statement that was never closed`,
    outside_statement: p => `<${p.element}> stands outside any <${p.statement}> statement, so it has no account`,
    too_deep: p =>
      p.what === 'aggregates'
        ? `aggregates nest more than ${p.max} deep here; no statement does, so the file is refused`
        : `elements nest more than ${p.max} deep here; no bank statement does, so the file is refused`,
    outside_root: p =>
      p.what === 'text' ? `text "${p.text}" stands outside the document element` : 'a CDATA section stands outside the document element',
    mismatched_close: p => `<${p.element}>${p.openedOn === null ? '' : ` (line ${p.openedOn})`} is closed by </${p.closedBy}>`,
    second_root: p => `<${p.element}> is a second document element`,
    no_xml_element: () => 'the file holds no XML element',
    bank_error_status: p =>
      `the bank reports an error for this statement (code ${p.status || '?'}${p.text ? `: ${p.text}` : ''}); it holds no transactions`,
    account_from_id: p => `the statement has no ${p.missing}; the account is the ${p.idField} "${p.account}" printed on this line`,
    no_account: p =>
      `${p.record ?? 'the statement'} names no account (${ACCOUNT_FIELDS[p.how](p.fields)})${p.keptAs === null ? '' : `; its lines are kept under "${p.keptAs}"`}`,
    no_currency: p =>
      p.format === 'ofx'
        ? 'no currency for this transaction: CURDEF is missing or empty and the STMTTRN has no CURRENCY/CURSYM'
        : 'the statement states no currency (no :60F:, :60M: or :34F: before its lines)',
    bad_currency: p => (p.labelled ? `currency "${p.text}" is not an ISO 4217 code` : `"${p.text}" is not an ISO 4217 currency code`),
    no_amount: p => `the ${p.what} has no amount${p.field === null ? '' : ` (${p.field})`}`,
    no_id: p =>
      `the ${p.what} has ${p.fields.length === 1 ? `no ${p.fields[0] ?? ''}` : `neither ${p.fields.join(' nor ')}`}; it is kept as "${p.id}"`,
    no_date: p => `${p.field} is ${p.present ? 'empty' : 'missing'}: the transaction has no date`,
    bad_date_format: p =>
      `${p.label === null ? '' : `${p.label} `}"${p.text}"${p.where === null ? '' : ` in ${p.where}`} is not ${/^[AEIOU]/.test(p.kind) ? 'an' : 'a'} ${p.kind} (${p.pattern})`,
    not_camt_message: p =>
      `<${p.element}> is not a camt.052, camt.053 or camt.054 message (expected BkToCstmrStmt/Stmt, BkToCstmrAcctRpt/Rpt or BkToCstmrDbtCdtNtfctn/Ntfctn)`,
    closing_balance: p =>
      p.record === null
        ? `closing balance ${p.closing} differs from opening balance ${p.opening} plus the lines (${p.lines}) in minor units`
        : `${p.record}: the opening balance ${p.opening} plus its entries is ${p.computed}, but the closing balance is ${p.closing}; entries are missing from it`,
    date_part_used: p => `"${p.text}" in ${p.where} is not an ISO date-time; its date ${p.date} is used`,
    negative_amount: p => `Amt "${p.text}" is negative; camt amounts are unsigned, with CdtDbtInd for the direction`,
    bad_direction: p => `CdtDbtInd "${p.text}" is neither CRDT nor DBIT`,
    no_booking_date: p =>
      p.from === 'value'
        ? `the booked entry has no booking date; its value date ${p.date ?? ''} is used`
        : p.from === 'created'
          ? `the booked entry has neither a booking nor a value date; the date its message was created, ${p.date ?? ''}, is used`
          : 'the booked entry has no booking date (BookgDt/Dt or BookgDt/DtTm) and no value date',
  },
  kinds: {
    missing_credit: 'Credit past due',
    late_credit: 'Late credit',
    short_credit: 'Short credit',
    duplicate_charge: 'Duplicate charge',
    fee_mismatch: 'Fee mismatch',
    unknown_credit: 'Unknown credit',
    coverage_gap: 'Statement missing',
  },
  extension: {
    badgeTitle: n => (n > 0 ? `Settlewatch — ${n} open alert${plural(n, '', 's')}` : 'Settlewatch'),
    notificationTitle: kind => `Settlewatch: ${kind}`,
    staleTitle: (days, from) => ` — bank data ${days} business days old, cannot check: import the statement from ${from}`,
  },
  // The summary's words as the command line has always printed them (tests and scripts read them).
  summary: {
    title: asOf => `Settlewatch reconciliation as of ${asOf}`,
    statuses: 'Transactions by status',
    status: s => s,
    alerts: 'Alerts by kind and severity',
    kind: k => k,
    columns: { kind: 'kind', critical: 'critical', warning: 'warning', info: 'info', amount: 'amount' },
    coverage: 'Bank statement coverage',
    noStatement: 'no bank statement: every credit is pending',
    noAccount: '(no account number)',
    covered: 'covered',
    gaps: 'gaps',
    hole: (at, reason, from, to) => `${at}: ${reason.replace('_', ' ')} — lines missing between ${from} and ${to}`,
    importGap: (account, from, to, count) =>
      `import the statement${account ? ` of account ${account}` : ''} for ${from} to ${to}: ${count} transaction(s) cannot be checked until then`,
    outstanding: 'Outstanding per acquirer (pending, overdue and missing)',
    inBatches: n => `in ${n} batch(es)`,
  },
  cases: {
    status: {
      open: 'Open',
      asked_acquirer: 'Asked the acquirer',
      asked_bank: 'Asked the bank',
      complaint_filed: 'Complaint filed',
      resolved_credited: 'Resolved: credited',
      resolved_refunded: 'Resolved: refunded',
      written_off: 'Written off',
      not_a_problem: 'Not a problem',
    },
    first: { acquirer: 'Ask the acquirer first', bank: 'Ask your bank first', self: 'Check your own records first' },
    then: { acquirer: 'then the acquirer', bank: 'then your bank', self: 'then your own records' },
    advice: {
      missing_paid: (p, f) =>
        `${p.acquirerName}'s export says it paid${p.settledOn ? ` on ${f.date(p.settledOn)}` : ''}${p.payoutRef ? ` under payout ${p.payoutRef}` : ''}, but no credit of ${f.money(p.amountMinor, p.currency)} reached ${p.account ? `account ${p.account}` : 'your account'}. Ask your bank to trace the incoming payment with the payout reference, date, amount and receiving account; if the bank has nothing, ask ${p.acquirerName} for proof of payment.`,
      missing_unpaid: (p, f) =>
        `Nothing shows that ${p.acquirerName} paid the ${f.count(p.count)} sale(s) of ${f.date(p.tradeDate)} (${f.money(p.amountMinor, p.currency)}, due ${f.date(p.expectedOn)}). Ask ${p.acquirerName} when and to which account it paid them, quoting the merchant number, terminal, trade date and reference numbers below; then ask your bank with the payment reference it gives you.`,
      short: (p, f) =>
        `The credit of ${f.date(p.bookedOn)} is ${f.money(p.creditedMinor, p.currency)}, ${f.money(p.shortfallMinor, p.currency)} short of the ${f.money(p.expectedMinor, p.currency)} owed for ${f.count(p.batches)} batch(es). Ask ${p.acquirerName} what it held back or deducted (a hold, a chargeback, a fee, a refund) and when it will pay the rest.`,
      late: (p, f) =>
        `The money arrived, late: due ${f.date(p.expectedOn)}, booked ${f.date(p.bookedOn)}. Nothing is owed. If credits keep coming late, ask ${p.acquirerName} why.`,
      duplicate: (p, f) =>
        `Card ${p.card ?? '(not printed)'} was charged ${f.money(p.grossMinor, p.currency)} ${f.count(p.times)} times on terminal ${p.terminal ?? '(not printed)'}. Check your POS slips and the sale: if the customer paid once, refund or void the extra ${f.money(p.extraMinor, p.currency)} through ${p.acquirerName} (the terminal's refund, or a request to the acquirer if the day is closed).`,
      fee: (p, f) =>
        `${p.acquirerName} charged ${f.money(p.printedMinor, p.currency)} in fees on ${f.count(p.sales)} sale(s) (${p.printedRate}) where the contract${p.contractedRate ? ` rate of ${p.contractedRate}` : ''} gives ${f.money(p.contractedMinor, p.currency)}. Ask ${p.acquirerName} to apply the contracted rate and refund the ${f.money(p.printedMinor - p.contractedMinor, p.currency)} difference; a changed merchant category code (MCC) is the usual cause.`,
      fee_under: (p, f) =>
        `${p.acquirerName} charged ${f.money(p.printedMinor, p.currency)} in fees on ${f.count(p.sales)} sale(s) (${p.printedRate}), less than the ${f.money(p.contractedMinor, p.currency)} the contract${p.contractedRate ? ` rate of ${p.contractedRate}` : ''} gives. Nothing is owed to you; keep these sales in mind: ${p.acquirerName} may take the ${f.money(p.contractedMinor - p.printedMinor, p.currency)} difference later, or a changed rate may show up on other sales.`,
      unknown: (p, f) =>
        `A credit of ${f.money(p.amountMinor, p.currency)} on ${f.date(p.bookedOn)} matches no sale. Ask ${p.acquirerName} what it pays for (which dates and references); it may pay sales you have not imported, or belong to another shop.`,
      coverage: (p, f) =>
        `No bank statement${p.account ? ` of account ${p.account}` : ''} covers ${f.date(p.from)} to ${f.date(p.to)}: get it from your bank (online banking or the branch) and import it; the ${f.count(p.count)} transaction(s) due then will be checked.`,
    },
    facts: {
      acquirer: 'Acquirer',
      merchant_numbers: 'Merchant number',
      terminals: 'Terminal',
      trade_date: 'Trade date',
      batch: 'Batch / payout id',
      payout_ref: 'Payout reference',
      settled_on: 'Settlement date in the export',
      expected_on: 'Expected on',
      references: 'Reference numbers',
      transactions: 'Transactions',
      gross: 'Gross',
      fees: 'Fees',
      net: 'Net due',
      account: 'Receiving account',
      credit_booked_on: 'Credit booked on',
      credit_amount: 'Credit amount',
      bank_reference: 'Bank reference',
      shortfall: 'Shortfall',
      card: 'Card',
      charged_at: 'Charged at',
      charge_amount: 'Amount per charge',
      extra_charged: 'Charged too much',
      contracted_rate: 'Contracted rate',
      printed_rate: 'Rate charged',
      contracted_fees: 'Fees by the contract',
      printed_fees: 'Fees charged',
      fee_difference: 'Fees above the contract',
      fee_below_contract: 'Fees below the contract',
      counterparty: 'Payer on the statement',
      bank_text: 'Statement text',
      period: 'Days not covered',
    },
    more: n => `and ${n} more`,
    steps: {
      check_account: { title: 'Check the account and its movements', help: 'The bank statement covers the days the money was due.' },
      check_records: {
        title: 'Check the transaction records for anomalies and duplicate debits',
        help: 'Compare the acquirer export with your POS slips.',
      },
      contact_acquirer: {
        title: 'Contact the acquirer with the transaction details',
        help: 'Merchant number, terminal, trade date, reference numbers, amounts.',
      },
      contact_bank: { title: 'Contact the bank with the details and vouchers', help: 'Payout reference, date, amount, receiving account.' },
      keep_vouchers: { title: 'Keep every voucher', help: 'POS slips, statements, letters: attach photos or PDFs here.' },
      keep_watching: { title: 'Keep watching the account', help: 'Set a follow-up date; Settlewatch reminds you.' },
      complain_regulator: {
        title: 'No satisfactory answer: complain to the regulator or seek legal advice',
        help: 'In China: PBoC hotline 12363 for payment settlement, NFRA 12378 for banks. State who complains, against whom, the facts with dates and amounts, and what you ask for.',
      },
    },
    shownBy: {
      statement_covers: 'the statements cover the days it was due',
      no_duplicates: 'no duplicate charge among these transactions',
      duplicates_found: 'the duplicate charges are listed here',
      contacted: 'noted on the timeline',
      vouchers: 'vouchers attached',
      follow_up: 'follow-up date set',
    },
    counterpart: { acquirer: 'Acquirer', bank: 'Bank', regulator: 'Regulator', other: 'Other' },
    action: { called: 'Called', wrote: 'Wrote', answered: 'Got an answer', note: 'Note' },
    followUpsDue: n => ` — ${n} case follow-up${n === 1 ? '' : 's'} due`,
    followUpNotice: (kind, amount, on) => `Follow up the case (${kind}, ${amount}): you planned it for ${on}.`,
    events: {
      raised: (e, f, kinds) => `Alert raised: ${kinds[e.alertKind]}, ${f.money(e.amountMinor, e.currency)}`,
      changed: (e, f, kinds) =>
        e.fromKind === e.toKind
          ? `Amount changed from ${f.money(e.fromMinor, e.currency)} to ${f.money(e.toMinor, e.currency)}`
          : `Now ${kinds[e.toKind]} (${f.money(e.toMinor, e.currency)}), was ${kinds[e.fromKind]} (${f.money(e.fromMinor, e.currency)})`,
      credit_arrived: (e, f) =>
        `Credit arrived: ${f.money(e.amountMinor, e.currency)} booked ${f.date(e.bookedOn)} (bank reference ${e.bankLineId})`,
      credit_removed: e => `Credit ${e.bankLineId} no longer linked`,
      status: e => `Settlewatch set the status: ${en.cases.status[e.status]}`,
      cleared: (e, _f, kinds) => `The ${kinds[e.alertKind].toLowerCase()} alert is no longer raised`,
      reopened: (e, f, kinds) => `Alert raised again: ${kinds[e.alertKind]}, ${f.money(e.amountMinor, e.currency)}`,
    },
  },
  uncodedIssue: () => '',
  issueAt: (line, field) => (line > 0 ? `line ${line}: ${field}` : field),
};
