import { describe, expect, test } from 'vitest';
import { englishRuns } from '../../test/support/english';
import type { ParseIssue } from '../model/types';
import { boundIssues } from '../import/limits';
import { parseFile } from '../import/detect';
import type { Alert, AlertKind } from '../reconcile/types';
import { ALERT_KINDS } from '../reconcile/types';
import { en, EN_FORMATS } from './en';
import {
  codedIssue,
  issueParts,
  issuePlace,
  langFromEnv,
  renderAlert,
  renderCode,
  renderIssue,
  type CodedIssue,
  type IssueCode,
  type IssueParamMap,
} from './index';
import type { Catalog } from './types';
import { ZH_FORMATS } from './zh';

const base = { id: 'x', severity: 'warning', acquirer: 'lakala', transactionIds: [], bankLineIds: [] } as const;

/** One alert of every kind, with the sentence the engine wrote before messages became data. */
const ALERTS: readonly [Pick<Alert, 'params' | 'amountMinor' | 'currency'>, string][] = [
  [
    {
      amountMinor: 1_963_144,
      currency: 'CNY',
      params: {
        kind: 'missing_credit',
        acquirerName: '拉卡拉',
        tradeDate: '2026-01-13',
        expectedOn: '2026-01-14',
        count: 164,
        overdue: false,
      },
    },
    '拉卡拉: 19631.44 CNY for 164 transaction(s) of 2026-01-13 was due on 2026-01-14 and has not been credited',
  ],
  [
    {
      amountMinor: 5000,
      currency: 'USD',
      params: { kind: 'late_credit', acquirerName: 'Stripe', expectedOn: '2026-01-14', bookedOn: '2026-01-16' },
    },
    'Stripe: 50.00 USD due on 2026-01-14 was credited late, on 2026-01-16',
  ],
  [
    {
      amountMinor: 5000,
      currency: 'CNY',
      params: { kind: 'short_credit', acquirerName: '拉卡拉', bookedOn: '2026-01-16', expectedMinor: 1_716_737, creditedMinor: 1_711_737 },
    },
    '拉卡拉: the credit of 2026-01-16 is 50.00 CNY short of the 17167.37 CNY expected',
  ],
  [
    {
      amountMinor: 4054,
      currency: 'CNY',
      params: {
        kind: 'duplicate_charge',
        acquirerName: '拉卡拉',
        card: '518710******7476',
        terminal: '51961367',
        grossMinor: 4054,
        times: 2,
        windowMinutes: 10,
      },
    },
    '拉卡拉: card 518710******7476 was charged 40.54 CNY 2 times within 10 minutes on terminal 51961367',
  ],
  [
    {
      amountMinor: 120,
      currency: 'EUR',
      params: {
        kind: 'fee_mismatch',
        acquirerName: 'Stripe',
        count: 1,
        from: '2026-01-05',
        to: '2026-01-05',
        grossMinor: 10_935,
        printedMinor: 273,
        contractedMinor: 153,
        printedRate: '0.025',
        contractedRate: '0.014',
        capMinor: null,
        fixedMinor: 0,
      },
    },
    'Stripe: fee 2.73 EUR on a 109.35 EUR sale; the contract says 1.53 EUR',
  ],
  [
    { amountMinor: 1_364_667, currency: 'CNY', params: { kind: 'unknown_credit', acquirerName: '银联商务', bookedOn: '2026-01-05' } },
    '银联商务: a credit of 13646.67 CNY on 2026-01-05 matches no transaction',
  ],
  [
    {
      amountMinor: 0,
      currency: 'CNY',
      params: { kind: 'coverage_gap', account: '31050161373600001234', from: '2026-01-19', to: '2026-01-27', count: 2946 },
    },
    'no bank statement of account 31050161373600001234 covers 2026-01-19 to 2026-01-27: 2946 transaction(s) due by then cannot be checked; import the statement for those days',
  ],
];

describe('alerts', () => {
  test('every kind is in the table above', () => {
    expect(ALERTS.map(([a]) => a.params.kind).sort()).toEqual([...ALERT_KINDS].sort());
  });

  test.each(ALERTS)("English words are the report's, unchanged: %#", (alert, sentence) => {
    expect(renderAlert({ ...base, ...alert }, 'en')).toBe(sentence);
  });

  test.each(ALERTS)('Chinese words carry the same figures and no English sentence: %#', alert => {
    const text = renderAlert(alert, 'zh');
    expect(englishRuns(text)).toEqual([]);
    const p = alert.params;
    if ('acquirerName' in p) expect(text).toContain(p.acquirerName);
    if (p.kind !== 'coverage_gap')
      expect(text).toContain(
        ZH_FORMATS.money(
          p.kind === 'fee_mismatch' ? p.printedMinor : p.kind === 'duplicate_charge' ? p.grossMinor : alert.amountMinor,
          alert.currency,
        ),
      );
    if (p.kind === 'short_credit') expect(text).toContain('¥17,167.37');
    if (p.kind === 'coverage_gap') expect(text).toMatch(/2026年1月19日至2026年1月27日.*2,946 笔/);
  });

  test('a card or terminal the file does not print: "null" in English as before, said plainly in Chinese', () => {
    const alert = {
      amountMinor: 100,
      currency: 'CNY',
      params: { kind: 'duplicate_charge', acquirerName: 'A', card: null, terminal: null, grossMinor: 100, times: 3, windowMinutes: 5 },
    } as const;
    expect(renderAlert(alert, 'en')).toBe('A: card null was charged 1.00 CNY 3 times within 5 minutes on terminal null');
    expect(renderAlert(alert, 'zh')).toBe('A：卡 （未打印） 在终端 （未打印） 5 分钟内被扣 ¥1.00 共 3 次');
  });

  test("a screen's own formats print the alert's money, dates and counts; the report's words stay the catalog's", () => {
    const alert = {
      amountMinor: 100,
      currency: 'CNY',
      params: { kind: 'duplicate_charge', acquirerName: 'A', card: '6222', terminal: 'T1', grossMinor: 100, times: 3, windowMinutes: 5 },
    } as const;
    const screen = { money: (m: number, c: string) => `<${m} ${c}>`, count: (n: number) => `#${n}` };
    expect(renderAlert(alert, 'en', screen)).toBe('A: card 6222 was charged <100 CNY> #3 times within #5 minutes on terminal T1');
    expect(renderAlert(alert, 'en')).toBe('A: card 6222 was charged 1.00 CNY 3 times within 5 minutes on terminal T1');
  });

  test('an overdue missing credit says it is still within the grace days in Chinese', () => {
    const [alert] = ALERTS[0]!;
    const overdue = { ...alert, params: { ...alert.params, overdue: true } } as typeof alert;
    expect(renderAlert(overdue, 'zh')).toMatch(/（仍在宽限期内）$/);
    expect(renderAlert(overdue, 'en')).toBe(ALERTS[0]![1]);
  });
});

describe('formats', () => {
  test('Chinese money is exact, grouped, with ¥ for yuan and the code for others', () => {
    expect(ZH_FORMATS.money(123_456, 'CNY')).toBe('¥1,234.56');
    expect(ZH_FORMATS.money(-5, 'CNY')).toBe('-¥0.05');
    expect(ZH_FORMATS.money(123_456_789, 'EUR')).toBe('1,234,567.89 EUR');
    expect(ZH_FORMATS.money(1234, 'JPY')).toBe('1,234 JPY');
    expect(ZH_FORMATS.money(9_007_199_254_740_991, 'CNY')).toBe('¥90,071,992,547,409.91');
    expect(ZH_FORMATS.date('2026-01-05')).toBe('2026年1月5日');
    expect(ZH_FORMATS.count(1_000_000)).toBe('1,000,000');
  });

  test('English money and dates are as the report prints them', () => {
    expect(EN_FORMATS.money(-123_456, 'CNY')).toBe('-1234.56 CNY');
    expect(EN_FORMATS.date('2026-01-05')).toBe('2026-01-05');
  });
});

/** One issue of every code, for the checks below (the type checker demands every code here). */
const ISSUES: { readonly [C in IssueCode]: IssueParamMap[C] } = {
  unknown_format: { tried: ['cn-acquirer', 'ofx'], detail: '' },
  header_only: { role: 'bank' },
  no_header: { columns: ['交易日期', '交易类型', '交易金额', '检索参考号'] },
  missing_columns: { columns: ['date', 'amount'] },
  too_many_rows: { max: 2_000_000 },
  too_many_lines: { max: 8_000_000 },
  cut_row: { read: 5, fields: 9, missing: ['手续费', '结算金额', '清算日期', '终端号'] },
  unclosed_quote: { inRow: true, lines: 12 },
  quote_too_long: { inRow: true, max: 10_000 },
  field_count: { expected: 9, found: 7 },
  bad_amount: { text: '12.3.4', problem: 'ambiguous_decimal', digits: 2, label: null },
  amount_required: {},
  bad_date: { text: '2026-13-45', withTime: false },
  empty_cell: { what: 'reference' },
  unknown_kind: { text: '预授权', known: ['消费', '消费撤销', '退货'] },
  bad_time: { text: '25:61:00' },
  row_count: { printed: '120', found: 118, where: 'footer' },
  no_statement_header: { fileName: 'a.csv', within: 40, sheet: false },
  excel_mangled_ids: { count: 2, field: 'id', example: '4.00123E+27' },
  footer_total: { printed: '1234.56', sum: '2841.74' },
  reused_id: { id: '20260105074008845502', as: '20260105074008845502#2' },
  statement_total: { side: 'credits', printed: '1234.56', sum: '2841.74', afterLine: 56 },
  statement_balance: { opening: '51336.00', computed: '53024.58', printed: '52033.61', afterLine: null },
  card_statement: { fileName: 'card.csv', detail: '' },
  duplicate_id: { label: 'FITID', id: '0000486' },
  repeated_row: { row: 'bank_line', id: '7', firstLine: 10 },
  conflicting_row: { row: 'transaction', id: 'R1', firstLine: 3, fields: ['feeMinor'] },
  read_differently: { id: 'R1', file: 'lakala-2.csv', line: 12, fields: ['feeMinor'], complete: true },
  rows_after_footer: { count: 2 },
  entries_left_out: { count: 1, status: 'PDNG' },
  may_be_cut_short: { missing: 'total_line', rows: 1_204 },
  ends_inside: { what: 'element', element: 'Ntry', openedOn: 88 },
  derived_ids: { perLine: false },
  notes_rows: { count: 2 },
  no_table_columns: {},
  internal_error: { format: 'ofx', detail: 'RangeError: offset is out of bounds' },
  no_root_element: { fileName: 'a.ofx', element: 'OFX' },
  not_bank_statement: { kind: 'card', leftOut: true },
  unclosed_markup: { what: 'tag', shown: '<STMTTRN' },
  outside_root: { what: 'text', text: 'hello' },
  mismatched_close: { element: 'BookgDt', openedOn: 96, closedBy: 'BookgDate' },
  second_root: { element: 'Document' },
  no_xml_element: {},
  stray_close: { element: 'STMTRS' },
  unclosed_element: { element: 'STMTTRN', closedBy: 'STMTRS' },
  opens_inside: { element: 'STMTRS' },
  outside_statement: { element: 'STMTTRN', statement: 'STMTRS' },
  too_deep: { max: 64, what: 'elements' },
  bank_error_status: { status: '2000', text: 'General error' },
  account_from_id: { missing: 'BANKACCTFROM', idField: 'ACCTID', account: '1452687~7' },
  no_account: { record: '<Stmt> S1', fields: ['Acct/Id/IBAN', 'Acct/Id/Othr/Id'], how: 'expected', keptAs: null },
  no_currency: { format: 'ofx' },
  bad_currency: { text: 'euro' },
  no_amount: { what: 'record', field: 'T' },
  no_id: { what: 'entry', fields: ['AcctSvcrRef', 'NtryRef'], id: 'S1#3' },
  no_date: { field: 'DTPOSTED', present: true },
  bad_date_format: { text: '2603', label: 'as-of date', where: null, kind: 'date', pattern: 'YYMMDD' },
  not_camt_message: { element: 'CstmrCdtTrfInitn' },
  closing_balance: { record: '<Stmt> S1', opening: '100.00', lines: '20.00', computed: '120.00', closing: '110.00' },
  date_part_used: { text: '2026-03-12T00:00:00.000+0100', where: 'FrToDt/FrDtTm', date: '2026-03-12' },
  negative_amount: { text: '-8.85' },
  bad_direction: { text: 'CREDIT' },
  no_booking_date: { from: 'value', date: '2026-03-12' },
  bad_tag_value: { text: 'C26123EUR0,00', what: 'opening_balance' },
  date_clamped: { text: '160230', date: '2016-02-29' },
  balance_currency_assumed: { currency: 'DEM' },
  statement_no_account: { tag: '25' },
  orphan_statement_line: {},
  nothing_found: { format: 'qif' },
  sum_missing: { count: 2, side: 'credits', tag: '90C' },
  sum_mismatch: { side: 'credits', printedCount: 4, printedMinor: 4, count: 3, minor: 3 },
  continuation_read: { kind: 'no_comma' },
  bai2_structure: { what: 'after_trailer', record: '16' },
  missing_trailer: { what: 'group', before: 17 },
  trailer_total: { what: 'group_accounts', problem: 'differs', printed: '2', counted: 1 },
  bai_version: { version: '3' },
  type_code_skipped: { typeCode: 890 },
  bad_record_type: { text: '77' },
  not_a_number: { what: 'item_count', text: 'x', type: '010' },
  not_minor_units: { text: '10.50' },
  bad_funds_type: { text: 'Q' },
  type_code_digits: { text: '12', summary: true },
  qif_section: { what: 'unknown', text: '!Type:Memorized' },
  date_order: { problem: 'ambiguous', order: 'mdy' },
  date_not_in_order: { text: '25/04/2026', order: 'mdy' },
  record_no_date: { field: 'D' },
  splits_total: { sum: -1100, amount: -1000 },
  bad_split: { text: '=746.36', problem: 'not_amount', digits: 2, taken: true },
  no_file_currency: { currency: 'XXX' },
  workbook_unreadable: { reason: 'encrypted', detail: '', sheet: '明细', fileName: 'a.xls' },
  mapping_incomplete: { missing: 'amount' },
  no_header_row: { line: 3 },
  mapping_no_currency: {},
  not_currency_code: { text: 'euros', threeLetter: true },
  no_credit_debit: {},
  fee_differs: { gross: '10.00', net: '9.70', fee: '0.30' },
  balance_moves: { moved: '-9.00', from: 3, to: 4, booked: 4, amount: '1.00' },
  // Column names are the file's own words (English in a Western report); Chinese ones keep this check on the sentence.
  no_report_header: { report: 'wechat_pay', columns: ['交易时间', '商户号', '微信订单号'] },
  type_empty: { report: 'sdr' },
  net_empty: {},
  arn_rounded: { text: '7.4E+22' },
  unknown_time_zone: { zone: 'Mars/Olympus' },
  unknown_record_type: { text: 'Chargeback2', by: 'net' },
  batch_not_paid: { batch: '12', merchant: 'AcmeShopEUR', rows: 3 },
  transfer_sum: { amount: 1000, sum: 900 },
  personal_bill: { app: 'wechat' },
  leshua_record_type: { text: 'BX' },
  no_card_header: { fileName: 'card.csv', within: 40 },
  header_unreadable: {},
  balance_unreliable: { days: 9, of: 30 },
  left_out_rows: { count: 3, why: 'square_cash' },
  no_currency_symbol: { text: '12.00' },
  net_mismatch: { off: 3 },
  no_zettle_header: { receipts: ['Dato', 'Tid'], statement: ['Afregningsdato'] },
  fee_not_difference: {},
  payout_differs: { payout: '120.5', bookings: '118' },
  record_no_column: { record: 'CH', column: 'Fee Amount' },
  row_before_header: { row: 'SB', header: 'CH' },
  not_t_code: { text: 'X0001' },
  neither_of: { text: 'maybe', options: ['true', 'false'] },
  not_whole_minor: { text: '12.5', unit: 'fen' },
  too_large: {},
  no_marker_record: { report: 'leshua' },
  open_settlement: {},
  reserve_withheld: { difference: 1200 },
  fee_not_gross_less_net: { fee: '0.60', computed: '0.6' },
  none_printed: { fields: ['参考号', '交易单号'] },
  sub_fen_fees: { rows: 3, printed: '1.234', kept: '1.23' },
  unknown_status: { text: 'CLOSED', known: ['SUCCESS', 'REFUND', 'REVOKED'] },
  summary_sum: { printed: '100.00', sum: '99.5' },
  dates_mixed_orders: {},
  date_order_from_zone: { order: 'mdy' },
  no_paypal_header: {},
  single_amount: {},
  net_not_gross_plus_fee: {},
  bill_row_count: { label: '交易合计', printed: '12', found: 10 },
  no_alipay_header: {},
  zip_no_bill: {},
  out_of_range: { label: 'settlement amount' },
  unknown_currency: { text: '英镑' },
  in_zip_entry: { entry: '业务明细.csv', issue: { code: 'bad_date', params: { text: 'x', withTime: true } } },
};

/** The other forms a code takes (its other variants), each worded in both languages. */
const VARIANTS: readonly CodedIssue[] = [
  ...(['cdata', 'comment', 'doctype', 'declaration', 'malformed'] as const).map(
    what => ({ code: 'unclosed_markup', params: { what, shown: '<!x' } }) as const,
  ),
  { code: 'not_bank_statement', params: { kind: 'investment', leftOut: false } },
  { code: 'outside_root', params: { what: 'cdata', text: '' } },
  { code: 'unclosed_element', params: { element: 'STMTTRN', closedBy: null } },
  { code: 'too_deep', params: { max: 64, what: 'aggregates' } },
  {
    code: 'no_account',
    params: { record: null, fields: ['BANKACCTFROM', 'CCACCTFROM', 'ACCTID'], how: 'absent', keptAs: '(no account in the file)' },
  },
  { code: 'no_account', params: { record: null, fields: ['BANKACCTFROM', 'ACCTID'], how: 'empty', keptAs: null } },
  { code: 'no_currency', params: { format: 'mt940' } },
  { code: 'bad_currency', params: { text: 'EURO', labelled: true } },
  { code: 'no_amount', params: { what: 'transaction', field: null } },
  { code: 'no_id', params: { what: 'transaction', fields: ['FITID'], id: 'a:2026-01-05:100#1' } },
  { code: 'no_date', params: { field: 'DTPOSTED', present: false } },
  { code: 'bad_date_format', params: { text: 'x', label: null, where: 'BookgDt/Dt', kind: 'ISO date', pattern: 'YYYY-MM-DD' } },
  { code: 'bad_date_format', params: { text: 'x', label: null, where: null, kind: 'date-time', pattern: 'YYMMDDHHMM±hhmm' } },
  { code: 'closing_balance', params: { record: null, opening: '100', lines: '20', computed: '120', closing: '110' } },
  { code: 'no_booking_date', params: { from: 'created', date: '2015-03-10' } },
  { code: 'no_booking_date', params: { from: null, date: null } },
  ...(['closing_balance', 'balance', 'floor_limit', 'statement_line', 'count_amount'] as const).map(
    what => ({ code: 'bad_tag_value', params: { text: 'x', what } }) as const,
  ),
  { code: 'nothing_found', params: { format: 'mt940' } },
  { code: 'no_marker_record', params: { report: 'paypal_stl' } },
  { code: 'not_whole_minor', params: { text: '1.5', unit: 'minor' } },
  { code: 'date_order_from_zone', params: { order: 'dmy' } },
  { code: 'none_printed', params: { fields: ['a', 'b', 'c'] } },
  { code: 'left_out_rows', params: { count: 1, why: 'paypal_no_money' } },
  { code: 'continuation_read', params: { kind: 'no_type' } },
  ...(
    [
      'first_not_header',
      'second_header',
      'account_outside_group',
      'detail_outside_account',
      'account_trailer_unopened',
      'group_trailer_unopened',
      'orphan_continuation',
      'no_account_number',
    ] as const
  ).map(what => ({ code: 'bai2_structure', params: { what, record: '' } }) as const),
  { code: 'trailer_total', params: { what: 'file_records', problem: 'missing', printed: '', counted: 18 } },
  { code: 'trailer_total', params: { what: 'account_control', problem: 'not_number', printed: 'x', counted: 18 } },
  ...(['availability_amount', 'distribution_count', 'distribution', 'summary_amount'] as const).map(
    what => ({ code: 'not_a_number', params: { what, text: 'x', type: null } }) as const,
  ),
  { code: 'qif_section', params: { what: 'investment', text: '!Type:Invst' } },
  { code: 'qif_section', params: { what: 'headerless', text: '' } },
  { code: 'date_order', params: { problem: 'mixed', order: 'dmy' } },
  ...(['adyen_sdr', 'adyen_par', 'clearhaus', 'allinpay', 'square', 'mobilepay'] as const).map(
    report => ({ code: 'no_report_header', params: { report, columns: ['交易时间'] } }) as const,
  ),
  { code: 'not_currency_code', params: { text: 'x', threeLetter: false } },
  { code: 'unknown_record_type', params: { text: 'x', by: 'amount' } },
  { code: 'personal_bill', params: { app: 'alipay' } },
  { code: 'personal_bill', params: { app: 'jd' } },
  { code: 'type_empty', params: { report: 'par' } },
  { code: 'unknown_record_type', params: { text: 'x', by: 'payable' } },
  { code: 'unknown_record_type', params: { text: 'x', by: 'sign' } },
  { code: 'left_out_rows', params: { count: 1, why: 'zettle_off_book' } },
  { code: 'left_out_rows', params: { count: 2, why: 'adyen_lifecycle' } },
  { code: 'mapping_incomplete', params: { missing: 'date' } },
  { code: 'mapping_incomplete', params: { missing: 'gross_net' } },
  { code: 'bad_split', params: { text: '=1.00', problem: 'not_amount', digits: 2, taken: false } },
  ...(
    [
      'not_workbook',
      'failed',
      'no_bof',
      'biff_version',
      'no_sheets',
      'damaged',
      'not_xls',
      'compound_file',
      'zip',
      'sheet_no_bof',
      'too_many_cells',
      'no_workbook_part',
      'no_cells',
    ] as const
  ).map(reason => ({ code: 'workbook_unreadable', params: { reason, detail: '5', sheet: null, fileName: null } }) as const),
];
const CODED = [...Object.entries(ISSUES).map(([code, params]) => ({ code, params }) as CodedIssue), ...VARIANTS];

describe('import issues', () => {
  test.each(CODED)('$code: the message is the English words; Chinese words have no English sentence', coded => {
    const issue = codedIssue(4, '交易金额', 'error', coded);
    expect(issue.message).toBe(renderCode(coded, 'en'));
    expect(renderIssue(issue, 'en')).toBe(issue.message);
    const zh = renderIssue(issue, 'zh');
    expect(zh).not.toBe(issue.message);
    expect(englishRuns(zh)).toEqual([]);
  });

  test('English sentences are the ones the readers always wrote', () => {
    const words = (code: IssueCode) =>
      renderCode(
        CODED.find(c => c.code === code)!,
        'en',
      );
    expect(words('no_header')).toBe('no header row with 交易日期, 交易类型, 交易金额 and 检索参考号 was found');
    expect(words('cut_row')).toBe('the file ends inside this row, after 5 of 9 fields (手续费, 结算金额, 清算日期 and 1 more missing)');
    expect(words('too_many_rows')).toBe(
      'the file holds more than 2,000,000 rows, the most Settlewatch reads from one file (a busy year is about 1,000,000): export a shorter period',
    );
    expect(words('entries_left_out')).toBe('1 entry is left out as pending (Sts PDNG): not booked yet; the first is on this line');
    expect(words('footer_total')).toBe("the footer's total 1234.56 differs from the rows' 2841.74: rows are missing or cut off");
    expect(words('may_be_cut_short')).toBe(
      'the file has no 合计 line after its 1204 rows (the export ends with one stating their count and totals): it may be cut short',
    );
    expect(words('notes_rows')).toBe(
      '2 rows have neither a date nor an amount (notes such as 说明) and are not read as transactions; the first is this line',
    );
  });

  test('every way a file may be cut short, and every place it ends inside, has its words in both languages', () => {
    const cuts = [
      'total_line',
      'list_end',
      'summary',
      'closing_balance',
      'statement_parts',
      'trailer',
      'record_end',
      'report_footer',
    ] as const;
    const inside = ['character', 'transaction', 'statement', 'document', 'element'] as const;
    const coded: CodedIssue[] = [
      ...cuts.map(missing => ({ code: 'may_be_cut_short', params: { missing, rows: 3 } }) as const),
      ...inside.map(what => ({ code: 'ends_inside', params: { what, element: 'OFX', openedOn: null } }) as const),
    ];
    for (const c of coded) {
      expect(renderCode(c, 'en')).toMatch(/cut short/);
      expect(englishRuns(renderCode(c, 'zh')), JSON.stringify(c)).toEqual([]);
      expect(renderCode(c, 'zh')).toMatch(/不完整/);
    }
  });

  test("an issue without a code keeps its English words; in Chinese they are framed and marked as the reader's own", () => {
    const issue: ParseIssue = { line: 12, field: 'TRNAMT', severity: 'error', message: 'TRNAMT "x" is not an amount' };
    expect(renderIssue(issue, 'en')).toBe('TRNAMT "x" is not an amount');
    expect(issueParts(issue, 'zh')).toEqual({ text: '读取时发现问题，以下是读取器的原文说明：', original: 'TRNAMT "x" is not an amount' });
    expect(renderIssue(issue, 'zh')).toBe('读取时发现问题，以下是读取器的原文说明：“TRNAMT "x" is not an amount”');
    expect(issuePlace(issue, 'zh')).toBe('第 12 行，TRNAMT');
    expect(issuePlace(issue, 'en')).toBe('line 12: TRNAMT');
  });

  test('a file no format reads is coded, and so is a bad amount in a real reader', () => {
    const unknown = parseFile(new TextEncoder().encode('hello\nworld\n'), { fileName: 'x.txt' });
    expect(unknown.issues[0]).toMatchObject({ code: 'unknown_format', line: 1, field: '(file)' });
    expect(renderIssue(unknown.issues[0]!, 'zh')).toMatch(/^无法识别此文件的格式（已尝试 \d+ 种格式）$/);
  });

  test('a huge cell quoted by a coded issue is cut in its parameters as in its message', () => {
    const text = 'x'.repeat(5000);
    const issue = codedIssue(2, 'amount', 'error', { code: 'bad_amount', params: { text, problem: 'not_amount', digits: 2, label: null } });
    const [bounded] = boundIssues({
      format: 'f',
      role: 'bank',
      acquirerTxns: [],
      bankLines: [],
      merchantIds: [],
      acquirerName: null,
      periods: [],
      issues: [issue],
    }).issues;
    expect(bounded!.message.length).toBeLessThanOrEqual(100);
    expect(renderIssue(bounded!, 'zh').length).toBeLessThan(120);
  });
});

describe('the language', () => {
  test('comes from LC_ALL, then LC_MESSAGES, then LANG: zh when it starts with zh', () => {
    expect(langFromEnv({ LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(langFromEnv({ LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(langFromEnv({ LC_ALL: 'zh_TW.UTF-8' })).toBe('zh');
    expect(langFromEnv({ LANG: 'C' })).toBe('en');
    expect(langFromEnv({})).toBe('en');
  });

  test('a catalog lacking a kind or reading a parameter its kind does not have fails the type checker', () => {
    // @ts-expect-error -- fee_mismatch is missing
    const lacking: Catalog['alerts'] = { ...en.alerts, fee_mismatch: undefined };
    const wrongParam: Catalog['alerts'] = {
      ...en.alerts,
      // @ts-expect-error -- late_credit has no tradeDate
      late_credit: p => p.tradeDate,
    };
    expect([lacking, wrongParam].length).toBe(2);
    const kinds: readonly AlertKind[] = ALERT_KINDS;
    expect(Object.keys(en.alerts).sort()).toEqual([...kinds].sort());
  });
});
