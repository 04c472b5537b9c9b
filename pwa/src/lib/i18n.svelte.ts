import { formatMinor, minorDigits } from '../../../core/model/money';
import { dayNumber } from '../../../core/model/date';
import type { ParseIssue } from '../../../core/model/types';
import { CATALOGS, issueParts, renderAlert, type AlertFacts, type Lang } from '../../../core/messages/index';
import { ALERT_KINDS, type AlertKind } from '../../../core/reconcile/types';
import * as casesWords from './words/cases';
import * as evidenceWords from './words/evidence';
import * as replicaWords from './words/replica';
import * as bridgeWords from './words/bridge';
import * as setupWords from './words/setup';
import * as tablesWords from './words/tables';
import * as alertsWords from './words/alerts';
import * as popupWords from './words/popup';

/** The languages the app speaks (the core's message catalogs speak the same ones). */
export type Locale = Lang;

/** The alert kinds' names (`kind_missing_credit`…) from the core's catalog, which the CLI and the extension use too. */
function kindNames(lang: Lang): { readonly [K in AlertKind as `kind_${K}`]: string } {
  const names = CATALOGS[lang].kinds;
  return Object.fromEntries(ALERT_KINDS.map(k => [`kind_${k}`, names[k]])) as { readonly [K in AlertKind as `kind_${K}`]: string };
}

const en = {
  app_title: 'Settlewatch',
  app_tagline: 'Did every card payment reach your bank?',
  language: 'Language',
  nav_label: 'Screens',
  screen_overview: 'Overview',
  screen_import: 'Import',
  screen_alerts: 'Alerts',
  screen_transactions: 'Transactions',
  screen_bank: 'Bank lines',
  screen_charts: 'Charts',
  screen_settings: 'Settings',
  local_only: 'Your data stays on this device.',
  loading: 'Opening your ledger…',
  failure: 'Something went wrong: {message}',
  dismiss: 'Close',

  status_settled: 'Settled',
  status_settled_late: 'Settled late',
  status_pending: 'Awaiting credit',
  status_overdue: 'Overdue',
  status_missing: 'Missing',
  status_voided: 'Voided',
  status_unverifiable: 'Cannot check',
  status_hint_unverifiable: 'no bank statement covers some day it could have been credited on',
  status_hint_pending: 'not due yet, or due after the bank statement ends',
  status_hint_overdue: 'past due, still within the grace days',
  status_hint_missing: 'past due and past the grace days',

  ...kindNames('en'),
  severity_critical: 'Critical',
  severity_warning: 'Warning',
  severity_info: 'Info',

  coverage_banner: 'Bank data reaches {date}. Statuses are as of {asOf}.',
  coverage_awaiting: 'Credits due after {date} show as awaiting a newer statement, never as missing.',
  coverage_none: 'No bank statement yet: import one to see what was credited.',
  coverage_title: 'Bank statements: days covered',
  coverage_account: 'Account {account}',
  coverage_no_account: 'Account without a number',
  coverage_covered: 'covered',
  coverage_gap: 'no statement',
  coverage_span: '{from} – {to}',
  coverage_all_covered: 'Every day up to {asOf} is covered.',
  coverage_gap_import: 'No statement covers {from} – {to}: import this account’s statement for those days.',
  coverage_hole_balance_jump: '{file}, line {line}: the running balance jumps, so lines are missing between {from} and {to}.',
  coverage_hole_footer_mismatch: '{file}, line {line}: the totals do not add up, so {from} – {to} cannot be relied on.',
  coverage_hole_opening_mismatch:
    '{file} opens at another balance than the statement before it closed at: lines are missing around {from} – {to}.',
  coverage_hole_sequence_gap: 'A statement numbered between two imported ones is missing ({from} – {to}).',
  stale_bank:
    'Bank data is {days} business days old (last covered day {date}): credits due since cannot be checked. Import the statement for {from} – {to}.',
  export_reminder: 'Export {from} – {to} from {acquirer} before {by}.',
  export_reminder_query: 'Its portal queries {days} days at a time.',
  export_reminder_late:
    '{acquirer}’s portal keeps bills from {kept} on: export {kept} – {to} now, and ask {acquirer} for {from} – {before}.',
  case_gap_action:
    'Get the statement of account {account} for {from} – {to} from your bank and import it: the {count} transactions due then will be checked.',
  as_of_label: 'Review as of',
  as_of_reset: 'Back to latest',
  as_of_past: 'You are reviewing the ledger as of {date}.',
  no_config_title: 'Start by importing your files',
  no_config_body: 'Drop your acquirer exports, bank statements and (if you have one) a settlewatch config. Or try the demo ledger.',
  engine_error: 'The ledger could not be reconciled: {message}',
  notice_orphan: '{count} transactions of profile “{acquirer}” are left out: the config has no such profile.',
  empty_ledger: 'The ledger is empty.',

  overview_statuses: 'Transactions by status',
  overview_alerts: 'Open alerts',
  overview_acquirers: 'Money per acquirer',
  overview_next: 'Next expected credits',
  overview_next_none: 'No credit is expected after the as-of date.',
  col_acquirer: 'Acquirer',
  col_expected: 'Expected',
  col_credited: 'Credited',
  col_outstanding: 'Outstanding',
  col_transactions: 'Transactions',
  col_expected_on: 'Expected on',
  col_amount: 'Amount',
  col_batch: 'Batch',
  by_severity: 'By severity',
  txn_count: '{count} transactions',
  txn_count_one: '1 transaction',
  batch_count: '{count} batches',
  batch_count_one: '1 batch',
  col_file: 'File',

  import_title: 'Import files',
  import_help:
    'Acquirer exports (CSV, XLSX), bank statements (CSV, OFX, camt.053, MT940) and a settlewatch config (JSON). Files are recognised by their content. Nothing leaves this device.',
  import_drop: 'Drop files here',
  import_or: 'or',
  import_choose: 'Choose files',
  import_demo: 'Load demo ledger',
  import_demo_help: 'A made-up shop with two Chinese acquirers, 60 days and about 9,000 card payments.',
  import_progress: 'Reading {name} ({file} of {files})',
  import_reconciling: 'Reconciling…',
  import_stage_read: 'reading',
  import_stage_parse: 'reading rows',
  import_stage_store: 'storing',
  import_stage_reconcile: 'reconciling',
  import_cancel: 'Cancel',
  import_results: 'Result of the last import',
  import_files: 'Imported files',
  import_files_none: 'No file imported yet.',
  import_capture_conflicts: '{n} captured rows differ from an imported export; the export is kept',
  import_clear: 'Delete all data on this device',
  import_clear_confirm: 'Delete every imported file, decision and the config from this device? This cannot be undone.',
  result_stored: 'Stored',
  result_duplicate: 'Already imported — nothing changed',
  result_refused: 'Refused — nothing stored',
  result_format: 'Format',
  result_rows: 'Rows',
  result_new_rows: 'new',
  result_period: 'Covers',
  result_acquirer: 'Profile',
  result_role_acquirer: 'acquirer export',
  result_role_bank: 'bank statement',
  result_role_config: 'config',
  result_issues: '{count} issues',
  result_more_issues: '…and {count} more',
  issue_line: 'line {line}',
  issue_path: 'at {path}',
  refusal_issues: 'The file has errors. Fix them (or export it again) and import it again.',
  refusal_no_config: 'This acquirer export needs an acquirer profile. Import your config, or start from a preset:',
  refusal_no_profile: 'No acquirer profile fits this file: {detail}. Start from a preset, or add the merchant number in Settings:',
  refusal_config_invalid: 'This config is not valid:',
  refusal_cancelled: 'Cancelled before it was stored.',
  refusal_needs_mapping:
    'No built-in format reads this file. Tell Settlewatch once which column holds what; files with the same columns will then go in by themselves.',
  map_open: 'Map columns',
  map_cancel: 'Cancel',
  map_title: 'Map the columns of {name}',
  map_role: 'This file is',
  map_role_bank: 'A bank statement',
  map_role_acquirer: 'An acquirer export (card payments)',
  map_file_rows: 'First rows of the file',
  map_column_n: 'Column {n}',
  map_fields: 'Which column holds what',
  map_none: '— not in the file —',
  map_field_date: 'Date',
  map_field_amount: 'Amount (money in +, money out −)',
  map_field_credit: 'Money in (credit)',
  map_field_debit: 'Money out (debit)',
  map_field_balance: 'Balance',
  map_field_counterparty: 'Counterparty',
  map_field_description: 'Description',
  map_field_id: 'Reference',
  map_field_currency: 'Currency',
  map_field_time: 'Time',
  map_field_gross: 'Gross amount',
  map_field_fee: 'Fee',
  map_field_net: 'Net amount',
  map_field_terminal: 'Terminal',
  map_field_card: 'Card number',
  map_field_payoutId: 'Payout id',
  map_field_settlementDate: 'Settlement date',
  map_field_kind: 'Type (sale, refund…)',
  map_amounts: 'Amounts are in',
  map_amount_single: 'one column, with a minus for money out',
  map_amount_split: 'two columns: money in and money out',
  map_format: 'How the file is written',
  map_delimiter: 'Separator',
  map_delim_comma: 'Comma ,',
  map_delim_semicolon: 'Semicolon ;',
  map_delim_tab: 'Tab',
  map_delim_pipe: 'Bar |',
  map_decimal: 'Decimal mark',
  map_decimal_dot: 'Point: 1,234.56',
  map_decimal_comma: 'Comma: 1.234,56',
  map_date_order: 'Dates are written',
  map_order_ymd: 'year-month-day (2023-09-04)',
  map_order_dmy: 'day/month/year (04/09/2023)',
  map_order_mdy: 'month/day/year (09/04/2023)',
  map_has_header: 'The first row holds column names',
  map_currency: 'Currency of the file',
  map_currency_help: 'The file has no currency column: enter the three-letter code, e.g. DKK, EUR, CNY.',
  map_name: 'Name of this mapping',
  map_name_help: 'For example the bank and account. Files with the same columns will use it by themselves.',
  map_result: 'How Settlewatch reads the first rows',
  map_result_none: 'No row can be read with this mapping yet.',
  map_col_line: 'Line',
  map_col_amount: 'Amount',
  map_col_text: 'Counterparty / text',
  map_issues: 'Problems ({count})',
  map_save: 'Save and import',
  map_need_date: 'Choose the date column.',
  map_need_amount: 'Choose the amount column, or the money-in and money-out columns.',
  map_need_gross: 'Choose the gross or the net amount column.',
  map_need_currency: 'Enter the currency of the file (three letters, e.g. DKK).',
  map_need_name: 'Give the mapping a name.',
  map_fix_errors:
    'Some rows cannot be read with this mapping (see the problems above): check the columns, the decimal mark and the date order.',
  map_not_saved: 'Not saved: {message}',
  settings_mappings: 'Column mappings',
  settings_mappings_help:
    'Saved for CSV and XLSX files that no built-in format reads. A file with the same columns uses its mapping by itself.',
  settings_mappings_none: 'No column mapping saved yet.',
  settings_mapping_delete: 'Delete',
  settings_mapping_delete_label: 'Delete the column mapping “{name}”',
  settings_mapping_headerless: '{n} columns, no header',
  preset_use: 'Use {name}',
  preset_merchant: 'merchant number {ids}',

  alerts_title: 'Alerts',
  filter_kind: 'Kind',
  filter_severity: 'Severity',
  filter_acquirer: 'Acquirer',
  filter_all: 'All',
  filter_show_dismissed: 'Show dismissed',
  alerts_none: 'No alert matches.',
  alerts_shown: 'Showing {shown} of {total}',
  show_more: 'Show more',
  alert_dismissed: 'Dismissed: {reason}',
  alert_amount_missing: 'expected net',
  alert_amount_short: 'shortfall',
  alert_amount_late: 'net',
  alert_amount_duplicate: 'charged twice',
  alert_amount_fee: 'fee difference',
  alert_amount_unknown: 'credit',
  alert_amount_gap: 'expected net that cannot be checked',

  case_back: 'Back to alerts',
  case_title_batch: 'Batch {id}',
  case_batches: 'Expected credits',
  case_expected: 'Expected net',
  case_not_linked: 'No credit linked',
  case_link: 'Linked bank credit',
  case_links_none: 'No bank credit is linked.',
  case_reason: 'Why linked',
  case_reason_reference: 'the batch reference appears in the bank text',
  case_reason_exact: 'same amount, inside the date window, from the acquirer',
  case_reason_combined: 'several batches paid as one credit',
  case_reason_short: 'credit short of the batches it pays',
  case_reason_manual: 'linked by hand',
  case_reason_confirmed: 'confirmed by you',
  case_reason_delta: 'amount difference {amount}, {days} business days from the expected date',
  case_reference_hit: 'reference found: {ref}',
  case_transactions: 'Transactions ({count})',
  case_transactions_more: 'Showing the first {shown} of {count}.',
  case_bank_lines: 'Bank lines of this alert',
  action_confirm: 'Confirm link',
  action_unlink: 'Unlink',
  action_manual: 'Link by hand',
  action_manual_help: 'Pick the bank credit that paid these batches:',
  action_manual_batches: 'Pick the batches this credit paid:',
  action_link_selected: 'Link selected',
  action_dismiss: 'Dismiss',
  action_dismiss_reason: 'Reason for dismissing',
  action_dismiss_reason_placeholder: 'e.g. agreed with the acquirer by phone',
  action_undo: 'Undo',
  action_cancel: 'Cancel',
  decisions_title: 'Your decisions here',
  decision_confirm_link: 'Confirmed link to {line}',
  decision_unlink: 'Unlinked {line}',
  decision_manual_link: 'Linked {line} by hand',
  decision_dismiss_alert: 'Dismissed: {reason}',
  decided_confirm: 'Link confirmed.',
  decided_unlink: 'Link removed.',
  decided_manual: 'Linked by hand.',
  decided_dismiss: 'Alert dismissed.',
  case_not_found: 'This alert no longer exists (the ledger changed). Go back to the list.',
  candidates_none: 'No unlinked credit in this currency.',

  txn_title: 'Transactions',
  bank_title: 'Bank lines',
  search: 'Search',
  search_txn_placeholder: 'Reference, card last digits, terminal or amount',
  search_bank_placeholder: 'Bank id, counterparty, text or amount',
  filter_status: 'Status',
  filter_linked: 'Link',
  linked_all: 'All',
  linked_yes: 'Linked',
  linked_no: 'Not linked',
  rows_found: '{count} rows',
  col_time: 'Time',
  col_reference: 'Reference',
  col_kind: 'Kind',
  col_terminal: 'Terminal',
  col_card: 'Card',
  col_gross: 'Gross',
  col_fee: 'Fee',
  col_net: 'Net',
  col_status: 'Status',
  col_booked: 'Booked',
  col_bank_id: 'Bank id',
  col_counterparty: 'Counterparty',
  col_description: 'Text',
  col_link: 'Link',
  kind_sale: 'sale',
  kind_refund: 'refund',
  kind_void: 'void',
  kind_chargeback: 'chargeback',
  kind_fee: 'fee',
  kind_payout: 'payout',
  kind_adjustment: 'adjustment',
  table_loading: 'Loading…',
  table_empty: 'No row matches.',

  charts_title: 'Charts',
  chart_lag: 'Settlement lag per acquirer',
  chart_lag_help: 'Batches by calendar days from trade date to bank credit.',
  chart_lag_days: '{days} d',
  chart_outstanding: 'Outstanding amount over time',
  chart_outstanding_help: 'Net that was due and not yet credited at the end of each day.',
  chart_fees: 'Effective fee rate per terminal',
  chart_fees_help: 'Fees ÷ gross of sales per week, for the busiest terminals.',
  chart_none: 'Not enough data yet.',

  settings_title: 'Settings',
  settings_tolerances: 'Grace and tolerance',
  settings_grace: 'Grace (business days before “missing”)',
  settings_late: 'Late tolerance (business days)',
  settings_duplicate: 'Duplicate window (minutes)',
  settings_profiles: 'Acquirer profiles',
  settings_add_preset: 'Add from preset',
  settings_add_blank: 'Add blank profile',
  settings_remove: 'Remove profile',
  settings_calendars: 'Calendars',
  settings_calendar_add: 'Add calendar',
  settings_calendar_id: 'Id',
  settings_weekend: 'Weekend days (0 = Sunday … 6 = Saturday)',
  settings_holidays: 'Holidays (one date per line)',
  settings_workdays: 'Make-up working days (one date per line)',
  settings_builtin: 'Built-in calendars: {ids}',
  settings_save: 'Save settings',
  settings_saved: 'Saved. The ledger was reconciled again.',
  settings_invalid: 'Not saved: fix these fields.',
  settings_export: 'Export config (JSON)',
  settings_import: 'Import config (JSON)',
  settings_no_config: 'No config yet. Add a profile from a preset or import a config file.',
  profile_id: 'Id',
  profile_name: 'Name',
  profile_format: 'Export format',
  profile_currency: 'Currency',
  profile_timezone: 'Time zone',
  profile_calendar: 'Calendar',
  profile_lag: 'Settles T + N business days',
  profile_cutoff: 'Cut-off time (HH:MM)',
  profile_counterparties: 'Names on bank statements (one per line)',
  profile_merchants: 'Merchant numbers (one per line)',
  profile_fees: 'Fee schedule',
  fee_card: 'Card type',
  fee_rate: 'Rate',
  fee_cap: 'Cap (minor units)',
  fee_fixed: 'Fixed part (minor units)',
  fee_add: 'Add fee rule',
  fee_remove: 'Remove',
  card_any: 'any',
  card_debit: 'debit',
  card_credit: 'credit',

  update_ready: 'A new version of Settlewatch is ready.',
  update_now: 'Update',
  update_later: 'Later',
  offline_ready: 'Settlewatch now works offline.',
  ...casesWords.en,
  ...evidenceWords.en,
  ...replicaWords.en,
  ...bridgeWords.en,
  ...setupWords.en,
  ...tablesWords.en,
  ...alertsWords.en,
  ...popupWords.en,
} as const;

/** A message id. */
export type MessageKey = keyof typeof en;

const zh: Record<MessageKey, string> = {
  app_title: 'Settlewatch 到账监控',
  app_tagline: '每一笔刷卡款都到账了吗？',
  language: '语言',
  nav_label: '页面',
  screen_overview: '概览',
  screen_import: '导入',
  screen_alerts: '提醒',
  screen_transactions: '交易',
  screen_bank: '银行流水',
  screen_charts: '图表',
  screen_settings: '设置',
  local_only: '数据只保存在本设备上。',
  loading: '正在打开账本…',
  failure: '出错了：{message}',
  dismiss: '关闭',

  status_settled: '已到账',
  status_settled_late: '延迟到账',
  status_pending: '待到账',
  status_overdue: '逾期',
  status_missing: '未到账',
  status_voided: '已撤销',
  status_unverifiable: '无法核对',
  status_hint_unverifiable: '可能入账的某些日期没有银行流水覆盖',
  status_hint_pending: '未到期，或到期日在银行流水截止日之后',
  status_hint_overdue: '已过到期日，仍在宽限期内',
  status_hint_missing: '已过到期日和宽限期',

  ...kindNames('zh'),
  severity_critical: '严重',
  severity_warning: '警告',
  severity_info: '提示',

  coverage_banner: '银行数据截至 {date}。状态按 {asOf} 计算。',
  coverage_awaiting: '{date} 之后到期的款项显示为“待到账”（等待新的流水），不会显示为未到账。',
  coverage_none: '还没有银行流水：导入后才能看到哪些款项已到账。',
  coverage_title: '银行流水：覆盖的日期',
  coverage_account: '账户 {account}',
  coverage_no_account: '未注明账号的账户',
  coverage_covered: '已覆盖',
  coverage_gap: '缺少流水',
  coverage_span: '{from} 至 {to}',
  coverage_all_covered: '截至 {asOf} 的每一天都有流水覆盖。',
  coverage_gap_import: '{from} 至 {to} 没有流水覆盖：请导入该账户这几天的对账单。',
  coverage_hole_balance_jump: '{file} 第 {line} 行：账户余额不连续，{from} 至 {to} 之间缺少记录。',
  coverage_hole_footer_mismatch: '{file} 第 {line} 行：合计与明细不符，{from} 至 {to} 的数据不可靠。',
  coverage_hole_opening_mismatch: '{file} 的期初余额与上一份对账单的期末余额不符：{from} 至 {to} 前后缺少记录。',
  coverage_hole_sequence_gap: '两份已导入的对账单之间缺少一份（{from} 至 {to}）。',
  stale_bank: '银行数据已过期 {days} 个工作日（最后覆盖日 {date}），此后到期的款项无法核对。请导入 {from} 至 {to} 的对账单。',
  export_reminder: '请在 {by} 前从{acquirer}导出 {from} 至 {to} 的交易明细。',
  export_reminder_query: '该后台每次最多查询 {days} 天。',
  export_reminder_late:
    '{acquirer}后台只保留 {kept} 起的账单：请立即导出 {kept} 至 {to} 的交易明细，{from} 至 {before} 的账单请向{acquirer}索取。',
  case_gap_action: '请向银行索取账户 {account} 在 {from} 至 {to} 的对账单并导入，届时将核对这 {count} 笔交易。',
  as_of_label: '查看截至',
  as_of_reset: '回到最新',
  as_of_past: '正在查看截至 {date} 的账本。',
  no_config_title: '先导入文件',
  no_config_body: '拖入收单机构的交易明细、银行流水，以及 settlewatch 配置文件（如有）。也可以先看看演示账本。',
  engine_error: '无法对账：{message}',
  notice_orphan: '配置中没有“{acquirer}”，其 {count} 笔交易未参与对账。',
  empty_ledger: '账本是空的。',

  overview_statuses: '交易状态',
  overview_alerts: '未处理的提醒',
  overview_acquirers: '各收单机构金额',
  overview_next: '即将到账',
  overview_next_none: '查看日期之后没有待到账的款项。',
  col_acquirer: '收单机构',
  col_expected: '应到账',
  col_credited: '已到账',
  col_outstanding: '尚未到账',
  col_transactions: '交易笔数',
  col_expected_on: '预计到账日',
  col_amount: '金额',
  col_batch: '批次',
  by_severity: '按严重程度',
  txn_count: '{count} 笔交易',
  txn_count_one: '1 笔交易',
  batch_count: '{count} 个批次',
  batch_count_one: '1 个批次',
  col_file: '文件',

  import_title: '导入文件',
  import_help:
    '收单机构交易明细（CSV、XLSX）、银行流水（CSV、OFX、camt.053、MT940）和 settlewatch 配置（JSON）。按文件内容自动识别。所有数据都不会离开本设备。',
  import_drop: '把文件拖到这里',
  import_or: '或',
  import_choose: '选择文件',
  import_demo: '载入演示账本',
  import_demo_help: '一家虚构的商户：两家国内收单机构，60 天，约 9000 笔刷卡交易。',
  import_progress: '正在读取 {name}（第 {file} 个，共 {files} 个）',
  import_reconciling: '正在对账…',
  import_stage_read: '读取',
  import_stage_parse: '解析',
  import_stage_store: '保存',
  import_stage_reconcile: '对账',
  import_cancel: '取消',
  import_results: '本次导入结果',
  import_files: '已导入的文件',
  import_files_none: '还没有导入文件。',
  import_capture_conflicts: '{n} 笔网页抓取的记录与导入的导出文件不一致，以导出文件为准',
  import_clear: '删除本设备上的全部数据',
  import_clear_confirm: '确定从本设备删除所有已导入的文件、处理记录和配置吗？此操作无法撤销。',
  result_stored: '已保存',
  result_duplicate: '已导入过，没有变化',
  result_refused: '已拒绝，未保存任何内容',
  result_format: '格式',
  result_rows: '行数',
  result_new_rows: '新增',
  result_period: '日期范围',
  result_acquirer: '收单配置',
  result_role_acquirer: '收单明细',
  result_role_bank: '银行流水',
  result_role_config: '配置',
  result_issues: '{count} 个问题',
  result_more_issues: '…另有 {count} 个',
  issue_line: '第 {line} 行',
  issue_path: '位置 {path}',
  refusal_issues: '文件有错误。请修正（或重新导出）后再导入。',
  refusal_no_config: '收单明细需要对应的收单配置。请导入配置文件，或从预设开始：',
  refusal_no_profile: '没有匹配此文件商户编号的收单配置{detail}。可从预设开始，或在“设置”中添加商户编号：',
  refusal_config_invalid: '配置无效：',
  refusal_cancelled: '已取消，未保存。',
  refusal_needs_mapping: '没有内置格式能读取此文件。请告诉 Settlewatch 各列分别是什么（只需一次），以后列相同的文件会自动导入。',
  map_open: '映射列',
  map_cancel: '取消',
  map_title: '映射 {name} 的列',
  map_role: '文件类型',
  map_role_bank: '银行流水',
  map_role_acquirer: '收单机构交易明细（刷卡交易）',
  map_file_rows: '文件前几行',
  map_column_n: '第 {n} 列',
  map_fields: '各字段所在的列',
  map_none: '— 文件中没有 —',
  map_field_date: '日期',
  map_field_amount: '金额（收入为正，支出为负）',
  map_field_credit: '收入（贷方）',
  map_field_debit: '支出（借方）',
  map_field_balance: '余额',
  map_field_counterparty: '对方户名',
  map_field_description: '摘要',
  map_field_id: '流水号',
  map_field_currency: '币种',
  map_field_time: '时间',
  map_field_gross: '交易金额',
  map_field_fee: '手续费',
  map_field_net: '结算金额',
  map_field_terminal: '终端号',
  map_field_card: '卡号',
  map_field_payoutId: '结算批次号',
  map_field_settlementDate: '结算日期',
  map_field_kind: '交易类型（消费、退款…）',
  map_amounts: '金额在',
  map_amount_single: '一列中，支出带负号',
  map_amount_split: '两列中：收入和支出',
  map_format: '文件格式',
  map_delimiter: '分隔符',
  map_delim_comma: '逗号 ,',
  map_delim_semicolon: '分号 ;',
  map_delim_tab: '制表符',
  map_delim_pipe: '竖线 |',
  map_decimal: '小数点',
  map_decimal_dot: '句点：1,234.56',
  map_decimal_comma: '逗号：1.234,56',
  map_date_order: '日期写法',
  map_order_ymd: '年-月-日（2023-09-04）',
  map_order_dmy: '日/月/年（04/09/2023）',
  map_order_mdy: '月/日/年（09/04/2023）',
  map_has_header: '第一行是列名',
  map_currency: '文件的币种',
  map_currency_help: '文件中没有币种列：请填写三位字母代码，例如 CNY、DKK、EUR。',
  map_name: '映射名称',
  map_name_help: '例如银行和账户名称。以后列相同的文件会自动使用它。',
  map_result: '按此映射读取的前几行',
  map_result_none: '按当前映射还读不出任何一行。',
  map_col_line: '行',
  map_col_amount: '金额',
  map_col_text: '对方 / 摘要',
  map_issues: '问题（{count} 个）',
  map_save: '保存并导入',
  map_need_date: '请选择日期列。',
  map_need_amount: '请选择金额列，或收入、支出两列。',
  map_need_gross: '请选择交易金额或结算金额列。',
  map_need_currency: '请填写文件的币种（三位字母，例如 CNY）。',
  map_need_name: '请为映射命名。',
  map_fix_errors: '按此映射有些行无法读取（见上方的问题）：请检查列、小数点和日期写法。',
  map_not_saved: '未保存：{message}',
  settings_mappings: '列映射',
  settings_mappings_help: '为内置格式无法读取的 CSV、XLSX 文件保存的映射。列相同的文件会自动使用对应的映射。',
  settings_mappings_none: '还没有保存的列映射。',
  settings_mapping_delete: '删除',
  settings_mapping_delete_label: '删除列映射“{name}”',
  settings_mapping_headerless: '{n} 列，无表头',
  preset_use: '使用{name}',
  preset_merchant: '商户编号 {ids}',

  alerts_title: '提醒',
  filter_kind: '类型',
  filter_severity: '严重程度',
  filter_acquirer: '收单机构',
  filter_all: '全部',
  filter_show_dismissed: '显示已忽略',
  alerts_none: '没有符合条件的提醒。',
  alerts_shown: '显示 {shown} / {total} 条',
  show_more: '显示更多',
  alert_dismissed: '已忽略：{reason}',
  alert_amount_missing: '应到净额',
  alert_amount_short: '短款',
  alert_amount_late: '净额',
  alert_amount_duplicate: '多扣金额',
  alert_amount_fee: '手续费差额',
  alert_amount_unknown: '入账金额',
  alert_amount_gap: '无法核对的应到净额',

  case_back: '返回提醒列表',
  case_title_batch: '批次 {id}',
  case_batches: '应到账批次',
  case_expected: '应到净额',
  case_not_linked: '未关联到账记录',
  case_link: '关联的银行入账',
  case_links_none: '没有关联的银行入账。',
  case_reason: '关联依据',
  case_reason_reference: '银行附言中有批次参考号',
  case_reason_exact: '金额相同，在日期范围内，来自该收单机构',
  case_reason_combined: '多个批次合并为一笔入账',
  case_reason_short: '入账金额少于所付批次',
  case_reason_manual: '手动关联',
  case_reason_confirmed: '已由您确认',
  case_reason_delta: '金额差 {amount}，距预计到账日 {days} 个工作日',
  case_reference_hit: '匹配的参考号：{ref}',
  case_transactions: '交易（{count} 笔）',
  case_transactions_more: '显示前 {shown} 笔，共 {count} 笔。',
  case_bank_lines: '此提醒涉及的银行流水',
  action_confirm: '确认关联',
  action_unlink: '取消关联',
  action_manual: '手动关联',
  action_manual_help: '选择支付这些批次的银行入账：',
  action_manual_batches: '选择这笔入账所支付的批次：',
  action_link_selected: '关联所选',
  action_dismiss: '忽略',
  action_dismiss_reason: '忽略原因',
  action_dismiss_reason_placeholder: '例如：已与收单机构电话确认',
  action_undo: '撤销',
  action_cancel: '取消',
  decisions_title: '您在此处的处理',
  decision_confirm_link: '已确认关联 {line}',
  decision_unlink: '已取消关联 {line}',
  decision_manual_link: '已手动关联 {line}',
  decision_dismiss_alert: '已忽略：{reason}',
  decided_confirm: '已确认关联。',
  decided_unlink: '已取消关联。',
  decided_manual: '已手动关联。',
  decided_dismiss: '已忽略提醒。',
  case_not_found: '此提醒已不存在（账本有变化）。请返回列表。',
  candidates_none: '没有该币种的未关联入账。',

  txn_title: '交易',
  bank_title: '银行流水',
  search: '搜索',
  search_txn_placeholder: '参考号、卡号末几位、终端号或金额',
  search_bank_placeholder: '流水号、对方户名、摘要或金额',
  filter_status: '状态',
  filter_linked: '关联',
  linked_all: '全部',
  linked_yes: '已关联',
  linked_no: '未关联',
  rows_found: '{count} 行',
  col_time: '时间',
  col_reference: '参考号',
  col_kind: '类型',
  col_terminal: '终端',
  col_card: '卡号',
  col_gross: '交易金额',
  col_fee: '手续费',
  col_net: '净额',
  col_status: '状态',
  col_booked: '记账日',
  col_bank_id: '流水号',
  col_counterparty: '对方户名',
  col_description: '摘要',
  col_link: '关联',
  kind_sale: '消费',
  kind_refund: '退货',
  kind_void: '撤销',
  kind_chargeback: '拒付',
  kind_fee: '费用',
  kind_payout: '结算',
  kind_adjustment: '调整',
  table_loading: '加载中…',
  table_empty: '没有符合条件的记录。',

  charts_title: '图表',
  chart_lag: '各收单机构结算周期',
  chart_lag_help: '按交易日到银行入账的自然日天数统计批次。',
  chart_lag_days: '{days} 天',
  chart_outstanding: '未到账金额走势',
  chart_outstanding_help: '每天结束时已到期但尚未到账的净额。',
  chart_fees: '各终端实际费率',
  chart_fees_help: '每周消费手续费 ÷ 交易金额，取交易量最大的终端。',
  chart_none: '数据还不够。',

  settings_title: '设置',
  settings_tolerances: '宽限与容差',
  settings_grace: '宽限期（超过后视为未到账，工作日）',
  settings_late: '延迟容差（工作日）',
  settings_duplicate: '重复扣款时间窗（分钟）',
  settings_profiles: '收单配置',
  settings_add_preset: '从预设添加',
  settings_add_blank: '添加空白配置',
  settings_remove: '删除此配置',
  settings_calendars: '工作日历',
  settings_calendar_add: '添加日历',
  settings_calendar_id: '编号',
  settings_weekend: '周末（0 = 周日 … 6 = 周六）',
  settings_holidays: '节假日（每行一个日期）',
  settings_workdays: '调休上班日（每行一个日期）',
  settings_builtin: '内置日历：{ids}',
  settings_save: '保存设置',
  settings_saved: '已保存，账本已重新对账。',
  settings_invalid: '未保存：请修正以下字段。',
  settings_export: '导出配置（JSON）',
  settings_import: '导入配置（JSON）',
  settings_no_config: '还没有配置。请从预设添加收单配置，或导入配置文件。',
  profile_id: '编号',
  profile_name: '名称',
  profile_format: '明细格式',
  profile_currency: '币种',
  profile_timezone: '时区',
  profile_calendar: '日历',
  profile_lag: '结算周期 T + N 个工作日',
  profile_cutoff: '日切时间（HH:MM）',
  profile_counterparties: '银行流水上的户名（每行一个）',
  profile_merchants: '商户编号（每行一个）',
  profile_fees: '手续费标准',
  fee_card: '卡类型',
  fee_rate: '费率',
  fee_cap: '封顶（分）',
  fee_fixed: '固定部分（分）',
  fee_add: '添加费率规则',
  fee_remove: '删除',
  card_any: '不限',
  card_debit: '借记卡',
  card_credit: '贷记卡',

  update_ready: 'Settlewatch 有新版本。',
  update_now: '更新',
  update_later: '稍后',
  offline_ready: 'Settlewatch 现在可以离线使用。',
  ...casesWords.zh,
  ...evidenceWords.zh,
  ...replicaWords.zh,
  ...bridgeWords.zh,
  ...setupWords.zh,
  ...tablesWords.zh,
  ...alertsWords.zh,
  ...popupWords.zh,
};

const MESSAGES: Record<Locale, Record<MessageKey, string>> = { en, zh };

/** Every language's messages (for the test that holds zh to the English parameters). */
export const MESSAGE_TABLES: Readonly<Record<Locale, Readonly<Record<MessageKey, string>>>> = MESSAGES;

const STORAGE_KEY = 'settlewatch.locale';

function initialLocale(): Locale {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'zh') return saved;
  } catch {
    /* storage may be blocked; fall back to the browser language */
  }
  const langs = globalThis.navigator?.languages ?? [globalThis.navigator?.language ?? 'en'];
  return langs.some(l => l.toLowerCase().startsWith('zh')) && !langs[0]?.toLowerCase().startsWith('en') ? 'zh' : 'en';
}

/** The chosen language and the formatters that follow it. */
class I18n {
  locale = $state<Locale>(initialLocale());
  readonly #listeners: ((locale: Locale) => void)[] = [];

  /** Calls `listener` with the language now and after every switch (the extension tells its background). */
  follow(listener: (locale: Locale) => void): void {
    this.#listeners.push(listener);
    listener(this.locale);
  }

  /** BCP 47 tag for Intl formatters. */
  get tag(): string {
    return this.locale === 'zh' ? 'zh-CN' : globalThis.navigator?.language?.startsWith('en') ? globalThis.navigator.language : 'en';
  }

  /** Switches language (remembered on this device). */
  set(locale: Locale): void {
    this.locale = locale;
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, locale);
    } catch {
      /* not remembered */
    }
    if (globalThis.document) document.documentElement.lang = this.tag;
    for (const listener of this.#listeners) listener(locale);
  }
}

/** The app's language state. */
export const i18n = new I18n();

/** An alert's sentence in the app's language (the words come from the core's catalogs, as in the CLI). */
export function alertText(alert: AlertFacts): string {
  return renderAlert(alert, i18n.locale);
}

/** An import issue in the app's language: the sentence, and the reader's own English text where it has no code. */
export function issueText(issue: ParseIssue): { readonly text: string; readonly original: string | null } {
  return issueParts(issue, i18n.locale);
}

/** The `{name}` placeholders of a message. */
type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer R}` ? P | Placeholders<R> : never;

/** What a message takes: each of its placeholders (the English words name them; a test holds zh to the same). */
export type MessageParams<K extends MessageKey> = { readonly [P in Placeholders<(typeof en)[K]>]: string | number };

/** A translated message with its `{name}` placeholders filled in; a missing or unknown parameter is a type error. */
export function t<K extends MessageKey>(
  key: K,
  ...params: [Placeholders<(typeof en)[K]>] extends [never] ? [] : [MessageParams<K>]
): string {
  const values: Record<string, string | number> = params[0] ?? {};
  const text = MESSAGES[i18n.locale][key] ?? en[key];
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in values ? String(values[name]) : m));
}

// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a cache of formatters, not state
const moneyFormats = new Map<string, Intl.NumberFormat>();

/** Money in minor units, formatted for the language (digits come from the exact decimal string, never a float sum). */
export function money(minor: number, currency: string): string {
  const key = `${i18n.tag}|${currency}`;
  let nf = moneyFormats.get(key);
  if (!nf) {
    try {
      nf = new Intl.NumberFormat(i18n.tag, {
        style: 'currency',
        currency,
        minimumFractionDigits: minorDigits(currency),
        maximumFractionDigits: minorDigits(currency),
      });
    } catch {
      nf = new Intl.NumberFormat(i18n.tag, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    }
    moneyFormats.set(key, nf);
  }
  // Intl formats a decimal string exactly (no binary rounding of large amounts).
  return nf.format(formatMinor(minor, minorDigits(currency)) as unknown as number);
}

/** "N transactions", with the singular where the language has one. */
export function txnCount(n: number): string {
  return n === 1 ? t('txn_count_one') : t('txn_count', { count: count(n) });
}

/** "N batches", with the singular where the language has one. */
export function batchCount(n: number): string {
  return n === 1 ? t('batch_count_one') : t('batch_count', { count: count(n) });
}

// Building an Intl formatter costs far more than using one, and a table row formats several values.
// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a cache of formatters, not state
const formats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => F): F {
  const full = `${i18n.tag}|${key}`;
  let f = formats.get(full) as F | undefined;
  if (!f) {
    f = make();
    formats.set(full, f);
  }
  return f;
}

/** A plain integer for the language. */
export function count(n: number): string {
  return cached('int', () => new Intl.NumberFormat(i18n.tag)).format(n);
}

/** A percentage with two decimals (a display ratio, not money). */
export function percent(ratio: number): string {
  return cached(
    'pct',
    () => new Intl.NumberFormat(i18n.tag, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  ).format(ratio);
}

/** A `YYYY-MM-DD` date for the language. */
export function date(iso: string | null | undefined, style: 'medium' | 'short' = 'medium'): string {
  if (!iso) return '—';
  const day = dayNumber(iso);
  if (!Number.isFinite(day)) return iso;
  // A value formatted at once, never kept: not state.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  const at = new Date(day * 86_400_000);
  return cached(`date-${style}`, () => new Intl.DateTimeFormat(i18n.tag, { dateStyle: style, timeZone: 'UTC' })).format(at);
}

/** A transaction's local date and time as printed (`2026-01-05T10:41:46`). */
export function dateTime(at: string): string {
  const d = date(at.slice(0, 10), 'short');
  const time = at.slice(11, 16);
  return time ? `${d} ${time}` : d;
}
