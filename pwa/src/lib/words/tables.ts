// The words of one area of the app, in every language. Split from i18n.svelte.ts so areas grow apart;
// i18n.svelte.ts spreads them into its catalog, and test/i18n-keys.test.ts checks each key is used.
// This area: the tables (sort, dates, totals, cards, matching a credit by hand), the glossary of status
// and alert words every screen uses, and the doubts about a link made by hand.
export const en = {
  sort_by: 'Sort by {column}',
  sort_label: 'Sort',
  sort_ascending: '{column}, ascending',
  sort_descending: '{column}, descending',
  filter_from: 'From',
  filter_to: 'To',
  filter_clear_dates: 'All dates',
  totals_label: 'Totals of the rows shown',
  totals_rows: '{count} rows',
  totals_money_in: 'Money in',
  totals_money_out: 'Money out',
  linked_unlinked_credits: 'Unmatched credits',
  action_match: 'Match…',
  action_match_which: ' the credit of {date}, {amount}',
  case_title_line: 'Bank credit of {date}, {amount}',
  col_past_due: 'of which past due',

  doubt_title: 'This link looks wrong',
  doubt_before_sales: 'The credit was booked on {booked}, before the sales of {trade} it would pay.',
  doubt_too_early:
    'The credit was booked on {booked}, {days} business days before the batch was due ({expected}); credits are matched at most {limit} days early.',
  doubt_too_late:
    'The credit was booked on {booked}, {days} business days after the batch was due ({expected}); credits are matched at most {limit} days late.',
  doubt_question: 'It may be another payment. Link it anyway?',
  doubt_confirm: 'Link anyway',

  glossary_title: 'What the words mean',
  glossary_statuses: 'Status of a transaction',
  glossary_alerts: 'Alerts',
  glossary_past_due:
    '“Past due” means overdue or missing. Until the grace days have passed a credit is overdue, after that missing; where no statement covers a day it could have come on, it cannot be checked.',
  glossary_status_settled: 'Its batch is linked to a bank credit booked by the expected date (or within the late tolerance days).',
  glossary_status_settled_late: 'Its batch is linked to a bank credit booked after the expected date and the late tolerance days.',
  glossary_status_pending: 'No credit is linked yet, and it is not due by the as-of date: nothing says it did not come.',
  glossary_status_overdue:
    'No credit is linked, it is past the expected date but still within the grace days, and statements cover every day since.',
  glossary_status_missing: 'No credit is linked, it is past the expected date and the grace days, and statements cover every day since.',
  glossary_status_unverifiable:
    'No credit is linked and it is past due, but no statement covers some day it could have been booked on: import that statement.',
  glossary_status_voided: 'A voided sale, or the void itself: it never settles.',
  glossary_kind_missing_credit: 'A batch past due: a warning while it is overdue, critical once it is missing.',
  glossary_kind_late_credit: 'A batch credited after the expected date and the late tolerance days (for information).',
  glossary_kind_short_credit: 'A bank credit smaller than the batches it pays; the amount is what is short.',
  glossary_kind_duplicate_charge:
    'Sales on the same terminal and card for the same amount within minutes of each other; the amount is what was charged beyond the first.',
  glossary_kind_fee_mismatch: 'A sale whose printed fee differs from the contracted fee; the amount is the difference.',
  glossary_kind_unknown_credit: 'A credit from an acquirer that no imported transaction explains.',
  glossary_kind_coverage_gap: 'Days no imported bank statement covers, on which credits may have been booked.',
} as const;

export const zh: Record<keyof typeof en, string> = {
  sort_by: '按{column}排序',
  sort_label: '排序',
  sort_ascending: '{column}，升序',
  sort_descending: '{column}，降序',
  filter_from: '起始日期',
  filter_to: '截止日期',
  filter_clear_dates: '全部日期',
  totals_label: '所示记录合计',
  totals_rows: '{count} 条',
  totals_money_in: '收入',
  totals_money_out: '支出',
  linked_unlinked_credits: '未匹配的入账',
  action_match: '匹配…',
  action_match_which: '：{date} 入账的 {amount}',
  case_title_line: '{date} 的银行入账 {amount}',
  col_past_due: '其中已过到期日',

  doubt_title: '这笔关联看起来不对',
  doubt_before_sales: '这笔款项于 {booked} 入账，早于它要结算的 {trade} 的交易。',
  doubt_too_early: '这笔款项于 {booked} 入账，比该批次的到期日（{expected}）早 {days} 个工作日；自动匹配最多只接受提前 {limit} 天。',
  doubt_too_late: '这笔款项于 {booked} 入账，比该批次的到期日（{expected}）晚 {days} 个工作日；自动匹配最多只接受延迟 {limit} 天。',
  doubt_question: '它可能是另一笔款项。仍要关联吗？',
  doubt_confirm: '仍然关联',

  glossary_title: '用语说明',
  glossary_statuses: '交易状态',
  glossary_alerts: '提醒',
  glossary_past_due: '“已过到期日”包括逾期和未到账：宽限期内为逾期，过了宽限期为未到账；可能入账的日期没有流水覆盖时，为无法核对。',
  glossary_status_settled: '所属批次已与一笔在到期日（或延迟容忍天数）内入账的银行款项关联。',
  glossary_status_settled_late: '所属批次已与一笔在到期日和延迟容忍天数之后才入账的银行款项关联。',
  glossary_status_pending: '尚未关联到入账，且在核对日之前还未到期：没有证据表明款项没到。',
  glossary_status_overdue: '尚未关联到入账，已过到期日但仍在宽限期内，且此后每天都有银行流水覆盖。',
  glossary_status_missing: '尚未关联到入账，已过到期日和宽限期，且此后每天都有银行流水覆盖。',
  glossary_status_unverifiable: '尚未关联到入账且已过到期日，但可能入账的某天没有银行流水覆盖：请导入那段流水。',
  glossary_status_voided: '已撤销的消费或撤销记录本身：不会结算。',
  glossary_kind_missing_credit: '已过到期日的批次：逾期时为警告，未到账时为严重。',
  glossary_kind_late_credit: '在到期日和延迟容忍天数之后才入账的批次（仅供参考）。',
  glossary_kind_short_credit: '一笔银行入账少于它所结算的批次；金额为短少的部分。',
  glossary_kind_duplicate_charge: '同一终端、同一张卡、相同金额、相隔几分钟的多笔消费；金额为第一笔之外多扣的部分。',
  glossary_kind_fee_mismatch: '打印的手续费与合同费率不符的消费；金额为差额。',
  glossary_kind_unknown_credit: '来自收单机构、但没有任何已导入交易能解释的入账。',
  glossary_kind_coverage_gap: '没有任何已导入银行流水覆盖的日期，这些天可能有款项入账。',
};
