// 核心报告内容的中文措辞。金额、日期、笔数按中文习惯书写。
import { formatMinor, minorDigits, percentOf } from '../model/money';
import type { AmountProblem } from '../model/money';
import type { CoverageHoleReason } from '../model/types';
import type { AlertKind, TxnStatus } from '../reconcile/types';
import type { Catalog, CutMarker, Formats, IssueParamMap } from './types';

/** Digits grouped by thousands, from the exact decimal string (never through floating point). */
function grouped(minor: number, digits: number): string {
  const text = formatMinor(minor, digits);
  const sign = text.startsWith('-') ? '-' : '';
  const [whole = '', frac] = text.slice(sign.length).split('.');
  return `${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac === undefined ? '' : `.${frac}`}`;
}

const SYMBOLS: Readonly<Record<string, string>> = { CNY: '¥', RMB: '¥' };

/** `¥1,234.56` for yuan, `1,234.56 EUR` for others; `2026年1月5日`; digits grouped by thousands. */
export const ZH_FORMATS: Formats = {
  money: (minor, currency) => {
    const symbol = SYMBOLS[currency.toUpperCase()];
    const text = grouped(minor, minorDigits(currency));
    if (!symbol) return `${text} ${currency}`;
    return text.startsWith('-') ? `-${symbol}${text.slice(1)}` : `${symbol}${text}`;
  },
  date: iso => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
  },
  count: n => grouped(n, 0),
  rate: percentOf,
};

const AMOUNT_PROBLEMS: Readonly<Record<AmountProblem, string>> = {
  empty: '为空',
  not_amount: '不是金额',
  ambiguous_decimal: '小数点含义不明确',
  misplaced_groups: '千位分隔符位置不对',
  groups_after_decimal: '小数点后还有分隔符',
  too_many_decimals: '小数位数过多',
  too_large: '数值过大',
};

const COLUMNS = { date: '日期（记账日期/交易日期/交收日期）', amount: '金额（收入/支出、交易金额或清算金额）' } as const;
const totalLine = (afterLine: number | null): string => (afterLine === null ? '合计行' : `第 ${afterLine} 行之后的合计行`);
const ROWS = { bank_line: '银行流水', transaction: '交易' } as const;

const quoted = (text: string): string => `“${text}”`;

const STATUS_NAMES: Readonly<Record<TxnStatus, string>> = {
  settled: '已到账',
  settled_late: '延迟到账',
  pending: '待到账',
  unverifiable: '无法核对',
  overdue: '逾期',
  missing: '未到账',
  voided: '已撤销',
};

const KIND_NAMES: Readonly<Record<AlertKind, string>> = {
  missing_credit: '应到未到',
  late_credit: '延迟到账',
  short_credit: '到账金额不足',
  duplicate_charge: '重复扣款',
  fee_mismatch: '手续费不符',
  unknown_credit: '不明入账',
  coverage_gap: '缺少流水',
};

const HOLE_REASONS: Readonly<Record<CoverageHoleReason, string>> = {
  balance_jump: '余额不连续',
  footer_mismatch: '合计与明细不符',
  opening_mismatch: '期初余额与上一份对账单的期末余额不符',
  sequence_gap: '对账单编号不连续',
};

/** 文件在哪里中断。 */
const INSIDE: Readonly<Record<IssueParamMap['ends_inside']['what'], (p: IssueParamMap['ends_inside']) => string>> = {
  character: () => '文件在此行最后一栏的一个字符中间结束：文件不完整',
  transaction: () => '文件在这笔交易（<STMTTRN>）中间结束：文件不完整',
  statement: () => '文件在这份对账单中间结束：文件不完整',
  document: p => `文件在 </${p.element}> 之前就结束了：文件不完整`,
  element: p => `文件在 <${p.element}>${p.openedOn === null ? '' : `（第 ${p.openedOn} 行开始）`}中间结束：文件不完整`,
};

/** 各格式缺少的结尾部分。 */
const CUT: Readonly<Record<CutMarker, (rows: string) => string>> = {
  total_line: rows => `文件在 ${rows} 行交易之后没有“合计”行（导出文件以它结尾，写明笔数和合计金额）：文件可能不完整`,
  list_end: rows => `账单在 ${rows} 行之后没有以“#-----…列表结束”行和合计结尾：文件可能不完整`,
  summary: rows => `账单在 ${rows} 行之后没有汇总（总交易单数等）：文件可能不完整`,
  closing_balance: () => '对账单没有期末余额（:62F:）：文件可能不完整',
  statement_parts: () => '对账单没有余额、没有明细也没有合计：文件可能不完整',
  trailer: () => '文件没有结尾记录（99）：文件可能不完整',
  record_end: () => '最后一条记录没有以 ^ 结束：文件可能不完整',
  report_footer: () => '报告在此行之后没有结尾记录（RF、RC、FF）：文件可能不完整，之后的行可能缺失',
};
const list = (items: readonly string[]): string => items.join('、');

/** The Chinese catalog. */
export const zh: Catalog = {
  formats: ZH_FORMATS,
  alerts: {
    missing_credit: (p, a, f) =>
      `${p.acquirerName}：${f.date(p.tradeDate)}的 ${f.count(p.count)} 笔交易共 ${f.money(a.amountMinor, a.currency)}，应于${f.date(p.expectedOn)}到账，至今未到账${p.overdue ? '（仍在宽限期内）' : ''}`,
    late_credit: (p, a, f) =>
      `${p.acquirerName}：应于${f.date(p.expectedOn)}到账的 ${f.money(a.amountMinor, a.currency)} 延迟到账，${f.date(p.bookedOn)}才入账`,
    short_credit: (p, a, f) =>
      `${p.acquirerName}：${f.date(p.bookedOn)}的入账比应到的 ${f.money(p.expectedMinor, a.currency)} 少了 ${f.money(a.amountMinor, a.currency)}`,
    duplicate_charge: (p, a, f) =>
      `${p.acquirerName}：卡 ${p.card ?? '（未打印）'} 在终端 ${p.terminal ?? '（未打印）'} ${f.count(p.windowMinutes)} 分钟内被扣 ${f.money(p.grossMinor, a.currency)} 共 ${f.count(p.times)} 次`,
    fee_mismatch: (p, a, f) => {
      const gap = f.money(Math.abs(a.amountMinor), a.currency);
      const side = a.amountMinor > 0 ? `多收 ${gap}` : `少收 ${gap}，对商户有利`;
      if (p.count === 1)
        return `${p.acquirerName}：一笔 ${f.money(p.grossMinor, a.currency)} 的消费收取手续费 ${f.money(p.printedMinor, a.currency)}，按合同应为 ${f.money(p.contractedMinor, a.currency)}（${side}）`;
      const days = p.from === p.to ? f.date(p.from) : `${f.date(p.from)}至${f.date(p.to)}`;
      const contract = `${f.rate(p.contractedRate)}${p.fixedMinor ? ` + ${f.money(p.fixedMinor, a.currency)}` : ''}${p.capMinor !== null ? `（封顶 ${f.money(p.capMinor, a.currency)}）` : ''}`;
      const charged = p.printedRate === null ? '未按合同费率收取手续费' : `按 ${f.rate(p.printedRate)} 收取手续费`;
      return `${p.acquirerName}：${days}的 ${f.count(p.count)} 笔消费${charged}，合同费率为 ${contract}：手续费共 ${f.money(p.printedMinor, a.currency)}，按合同应为 ${f.money(p.contractedMinor, a.currency)}，消费金额 ${f.money(p.grossMinor, a.currency)}（${side}）`;
    },
    unknown_credit: (p, a, f) => `${p.acquirerName}：${f.date(p.bookedOn)}入账 ${f.money(a.amountMinor, a.currency)}，没有对应的交易`,
    coverage_gap: (p, _a, f) =>
      `${p.account ? `账户 ${p.account} ` : ''}缺少${f.date(p.from)}至${f.date(p.to)}的银行对账单：此前到期的 ${f.count(p.count)} 笔交易无法核对，请导入这几天的对账单`,
  },
  issues: {
    unknown_format: p => `无法识别此文件的格式（已尝试 ${p.tried.length} 种格式）${p.detail ? `；文件自身的说明：${p.detail}` : ''}`,
    header_only: p => `文件只有表头，没有${p.role === 'bank' ? '银行流水' : '交易'}：读到 0 行`,
    no_header: p => `没有找到包含 ${list(p.columns)} 的表头行`,
    missing_columns: p => `表头缺少${p.columns.map(c => COLUMNS[c]).join('和')}列，不是本读取器能用的对账单`,
    too_many_rows: (p, f) =>
      `文件超过 ${f.count(p.max)} 行，超出 Settlewatch 单个文件的上限（繁忙的一年约 1,000,000 行）：请导出较短的期间`,
    too_many_lines: (p, f) => `文件超过 ${f.count(p.max)} 行文本，超出 Settlewatch 单个文件的上限：请导出较短的期间`,
    cut_row: p => `文件在这一行中间结束：${p.fields} 个字段只读到 ${p.read} 个（缺少 ${list(p.missing)}）`,
    unclosed_quote: p => `这一${p.inRow ? '行' : '行文本'}的引号没有闭合：其后直到文件末尾的 ${p.lines} 行会被当成一个字段`,
    quote_too_long: (p, f) => `这一${p.inRow ? '行' : '行文本'}的引号在 ${f.count(p.max)} 行内没有闭合：缺少结束引号`,
    field_count: p => `应有 ${p.expected} 个字段，实际 ${p.found} 个`,
    bad_amount: p =>
      p.problem === 'empty'
        ? '金额为空'
        : `${quoted(p.text)} ${AMOUNT_PROBLEMS[p.problem]}${p.problem === 'too_many_decimals' ? `（最多 ${p.digits} 位）` : ''}，无法读作金额`,
    amount_required: () => '为空：此处必须有金额',
    empty_cell: p => `${{ value: '', date: '日期', amount: '金额', reference: '参考号' }[p.what]}为空：此处必须有值`,
    unknown_kind: p => `${quoted(p.text)} 不是可识别的交易类型${p.known ? `（可识别：${list(p.known)}）` : ''}`,
    bad_time: p => `${quoted(p.text)} 不是时间`,
    row_count: (p, f) =>
      `${p.where === 'footer' ? '表尾' : '汇总'}记有 ${p.printed} 笔，但文件中只有 ${f.count(p.found)} 行：有行缺失或被截断`,
    no_statement_header: (p, f) =>
      `${p.fileName}：${p.sheet ? `任何工作表的前 ${f.count(p.within)} 行` : `前 ${f.count(p.within)} 行`}中都没有对账单表头（需要日期、金额${p.sheet ? '' : '和余额'}列）`,
    bad_date: p => `${quoted(p.text)} 不是${p.withTime ? '日期时间' : '日期'}`,
    excel_mangled_ids: (p, f) =>
      `${p.field} 中有 ${f.count(p.count)} 个编号被 Excel 改成了科学计数法（如 ${quoted(p.example)}，首次出现在此行）：只剩几位数字，无法匹配；请重新导出文件，不要用 Excel 另存`,
    reused_id: p => `编号 ${p.id} 在上文已用过；此行记为 ${p.as}`,
    statement_total: p =>
      `${totalLine(p.afterLine)}的${p.side === 'credits' ? '收入' : '支出'}合计为 ${p.printed}，但各行相加为 ${p.sum}：可能缺少流水`,
    statement_balance: p => `期初余额 ${p.opening} 加上各行为 ${p.computed}，但${totalLine(p.afterLine)}的余额为 ${p.printed}`,
    footer_total: p => `表尾合计 ${p.printed} 与各行之和 ${p.sum} 不符：有行缺失或被截断`,
    card_statement: p => `${p.fileName}：这是信用卡账单，不是结算账户的对账单，刷卡款不会结算到这里（文件自身的说明：${p.detail}）`,
    duplicate_id: p => `${p.label} ${quoted(p.id)} 在此文件中出现了两次`,
    repeated_row: p => `此行与第 ${p.firstLine} 行重复（${ROWS[p.row]} ${p.id}），只计一次`,
    conflicting_row: p => `${ROWS[p.row]} ${p.id} 也在第 ${p.firstLine} 行，但 ${list(p.fields)} 不同`,
    read_differently: p =>
      `${p.id} 在 ${p.file} 第 ${p.line} 行的读法不同（${list(p.fields)}）；保留${p.complete ? '那份完整文件' : '较新文件'}中的读法`,
    rows_after_footer: (p, f) => `此行之后的表尾后面还有 ${f.count(p.count)} 行带日期的数据，未被读取`,
    entries_left_out: (p, f) =>
      `${f.count(p.count)} 条记录未计入：${p.status === 'PDNG' ? '状态为 PDNG，尚未记账' : '状态为 INFO，仅供参考，不是记账'}；第一条在此行`,
    may_be_cut_short: (p, f) => CUT[p.missing](f.count(p.rows)),
    ends_inside: p => INSIDE[p.what](p),
    derived_ids: p =>
      p.perLine ? '此行没有交易流水号；按日期、时间、金额和余额为它生成编号' : '文件没有交易流水号列；每行按日期、时间、金额和余额生成编号',
    notes_rows: (p, f) => `${f.count(p.count)} 行既没有日期也没有金额（如“说明”等备注），未作为交易读取；第一行在此`,
    no_table_columns: () => '此表格没有参考号、日期和金额列',
    // The detail is the program's own English error: kept in the issue's params, not shown in Chinese.
    internal_error: p => `按 ${p.format} 格式读取此文件时出现内部错误，文件未导入`,
  },
  kinds: KIND_NAMES,
  extension: {
    badgeTitle: n => (n > 0 ? `Settlewatch — ${ZH_FORMATS.count(n)} 条待处理提醒` : 'Settlewatch'),
    notificationTitle: kind => `Settlewatch：${kind}`,
    staleTitle: (days, from) => ` — 银行数据已过期 ${days} 个工作日，无法核对：请导入${ZH_FORMATS.date(from)}起的对账单`,
  },
  summary: {
    title: asOf => `Settlewatch 对账结果（截至 ${ZH_FORMATS.date(asOf)}）`,
    statuses: '各状态交易笔数',
    status: s => STATUS_NAMES[s],
    alerts: '各类提醒（按严重程度）',
    kind: k => KIND_NAMES[k],
    columns: { kind: '类型', critical: '严重', warning: '警告', info: '提示', amount: '金额' },
    coverage: '银行流水覆盖的日期',
    noStatement: '还没有银行流水：所有款项都是待到账',
    noAccount: '（无账号）',
    covered: '已覆盖',
    gaps: '缺少',
    hole: (at, reason, from, to) => `${at}：${HOLE_REASONS[reason]}，${from} 至 ${to} 之间缺少流水`,
    importGap: (account, from, to, count) =>
      `请导入${account ? `账户 ${account} ` : ''}${from} 至 ${to} 的对账单：在此之前 ${ZH_FORMATS.count(count)} 笔交易无法核对`,
    outstanding: '各收单机构尚未到账（待到账、逾期和未到账）',
    inBatches: n => `共 ${ZH_FORMATS.count(n)} 个批次`,
  },
  cases: {
    status: {
      open: '待处理',
      asked_acquirer: '已询问收单机构',
      asked_bank: '已询问银行',
      complaint_filed: '已投诉',
      resolved_credited: '已解决：已到账',
      resolved_refunded: '已解决：已退款',
      written_off: '已核销',
      not_a_problem: '不是问题',
    },
    first: { acquirer: '先问收单机构', bank: '先问开户银行', self: '先核对自己的记录' },
    then: { acquirer: '再问收单机构', bank: '再问开户银行', self: '再核对自己的记录' },
    advice: {
      missing_paid: (p, f) =>
        `${p.acquirerName}的明细显示已结算${p.settledOn ? `（清算日期${f.date(p.settledOn)}）` : ''}${p.payoutRef ? `，结算批次 ${p.payoutRef}` : ''}，但${p.account ? `账户 ${p.account} ` : '您的账户'}没有收到 ${f.money(p.amountMinor, p.currency)}。请先带上结算批次号、日期、金额和收款账户，请银行查询这笔来账；如果银行查不到，再请${p.acquirerName}出具划款凭证。`,
      missing_unpaid: (p, f) =>
        `没有任何记录显示${p.acquirerName}已结算${f.date(p.tradeDate)}的 ${f.count(p.count)} 笔交易（${f.money(p.amountMinor, p.currency)}，应于${f.date(p.expectedOn)}到账）。请先向${p.acquirerName}查询何时、划到哪个账户，提供下面的商户编号、终端号、交易日期和检索参考号；再拿它给出的划款凭证号询问银行。`,
      short: (p, f) =>
        `${f.date(p.bookedOn)}的入账为 ${f.money(p.creditedMinor, p.currency)}，比 ${f.count(p.batches)} 个批次应结算的 ${f.money(p.expectedMinor, p.currency)} 少了 ${f.money(p.shortfallMinor, p.currency)}。请向${p.acquirerName}询问扣留或扣减了什么（冻结、拒付、手续费、退款），其余款项何时结算。`,
      late: (p, f) =>
        `款项已到账，但晚了：应于${f.date(p.expectedOn)}到账，${f.date(p.bookedOn)}才入账。没有欠款。如果经常延迟，可向${p.acquirerName}询问原因。`,
      duplicate: (p, f) =>
        `卡 ${p.card ?? '（未打印）'} 在终端 ${p.terminal ?? '（未打印）'} 被扣 ${f.money(p.grossMinor, p.currency)} 共 ${f.count(p.times)} 次。请先核对 POS 签购单和这笔消费：如果顾客只付了一次，请通过${p.acquirerName}撤销或退还多扣的 ${f.money(p.extraMinor, p.currency)}（当天可在终端撤销，已结算的向收单机构申请退货）。`,
      fee: (p, f) =>
        `${p.acquirerName}对 ${f.count(p.sales)} 笔消费收取手续费 ${f.money(p.printedMinor, p.currency)}（费率 ${p.printedRate}），按合同${p.contractedRate ? `费率 ${p.contractedRate} ` : ''}应为 ${f.money(p.contractedMinor, p.currency)}。请要求${p.acquirerName}按合同费率执行并退还差额 ${f.money(p.printedMinor - p.contractedMinor, p.currency)}；常见原因是商户类别码（MCC）被改动。`,
      fee_under: (p, f) =>
        `${p.acquirerName}对 ${f.count(p.sales)} 笔消费收取手续费 ${f.money(p.printedMinor, p.currency)}（费率 ${p.printedRate}），低于按合同${p.contractedRate ? `费率 ${p.contractedRate} ` : ''}应收的 ${f.money(p.contractedMinor, p.currency)}。您没有损失；但请留意这些交易：${p.acquirerName}日后可能补扣差额 ${f.money(p.contractedMinor - p.printedMinor, p.currency)}，费率变动也可能出现在其他交易上。`,
      unknown: (p, f) =>
        `${f.date(p.bookedOn)}入账 ${f.money(p.amountMinor, p.currency)}，没有对应的交易。请向${p.acquirerName}询问这笔款项结算的是什么（哪些日期、哪些参考号）；可能是尚未导入的交易，或属于另一家门店。`,
      coverage: (p, f) =>
        `${p.account ? `账户 ${p.account} ` : ''}缺少${f.date(p.from)}至${f.date(p.to)}的对账单：请从网银或柜台获取并导入，届时将核对这期间到期的 ${f.count(p.count)} 笔交易。`,
    },
    facts: {
      acquirer: '收单机构',
      merchant_numbers: '商户编号',
      terminals: '终端号',
      trade_date: '交易日期',
      batch: '结算批次号',
      payout_ref: '划款批次号',
      settled_on: '明细中的清算日期',
      expected_on: '应到账日期',
      references: '检索参考号',
      transactions: '交易笔数',
      gross: '交易金额',
      fees: '手续费',
      net: '应结算净额',
      account: '收款账户',
      credit_booked_on: '入账日期',
      credit_amount: '入账金额',
      bank_reference: '银行流水号',
      shortfall: '少结算金额',
      card: '卡号',
      charged_at: '扣款时间',
      charge_amount: '每次扣款金额',
      extra_charged: '多扣金额',
      contracted_rate: '合同费率',
      printed_rate: '实收费率',
      contracted_fees: '按合同应收手续费',
      printed_fees: '实收手续费',
      fee_difference: '多收手续费',
      fee_below_contract: '少收手续费',
      counterparty: '流水上的付款方',
      bank_text: '流水摘要',
      period: '缺少对账单的日期',
    },
    more: n => `等，另有 ${ZH_FORMATS.count(n)} 个`,
    steps: {
      check_account: { title: '查看账户及资金变动', help: '银行对账单覆盖了款项应到账的日期。' },
      check_records: { title: '核对交易记录，看有无异常和重复扣款', help: '把收单明细和 POS 签购单对一对。' },
      contact_acquirer: { title: '带上交易明细联系收单机构', help: '商户编号、终端号、交易日期、检索参考号、金额。' },
      contact_bank: { title: '带上明细和凭证联系开户银行', help: '划款批次号、日期、金额、收款账户。' },
      keep_vouchers: { title: '保留全部凭证', help: 'POS 签购单、对账单、往来函件：可在此附上照片或 PDF。' },
      keep_watching: { title: '持续关注账户', help: '设定跟进日期，到期 Settlewatch 会提醒。' },
      complain_regulator: {
        title: '得不到满意答复：向监管部门投诉或寻求法律帮助',
        help: '支付结算问题拨打中国人民银行 12363，银行问题拨打国家金融监督管理总局 12378。投诉需写明投诉人、被投诉方、事实（日期和金额）和诉求。',
      },
    },
    shownBy: {
      statement_covers: '对账单已覆盖应到账日期',
      no_duplicates: '这些交易中没有重复扣款',
      duplicates_found: '重复扣款已列在此案中',
      contacted: '已记在时间线上',
      vouchers: '已附凭证',
      follow_up: '已设跟进日期',
    },
    counterpart: { acquirer: '收单机构', bank: '银行', regulator: '监管部门', other: '其他' },
    action: { called: '打了电话', wrote: '发了函件', answered: '收到答复', note: '备注' },
    followUpsDue: n => ` — ${ZH_FORMATS.count(n)} 个案件到了跟进日期`,
    followUpNotice: (kind, amount, on) => `请跟进案件（${kind}，${amount}）：您计划在${on}跟进。`,
    events: {
      raised: (e, f, kinds) => `发出提醒：${kinds[e.alertKind]}，${f.money(e.amountMinor, e.currency)}`,
      changed: (e, f, kinds) =>
        e.fromKind === e.toKind
          ? `金额由 ${f.money(e.fromMinor, e.currency)} 变为 ${f.money(e.toMinor, e.currency)}`
          : `现为${kinds[e.toKind]}（${f.money(e.toMinor, e.currency)}），原为${kinds[e.fromKind]}（${f.money(e.fromMinor, e.currency)}）`,
      credit_arrived: (e, f) => `款项到账：${f.date(e.bookedOn)}入账 ${f.money(e.amountMinor, e.currency)}（银行流水号 ${e.bankLineId}）`,
      credit_removed: e => `入账 ${e.bankLineId} 已不再关联`,
      status: e => `Settlewatch 将状态设为：${zh.cases.status[e.status]}`,
      cleared: (e, _f, kinds) => `“${kinds[e.alertKind]}”提醒已不再出现`,
      reopened: (e, f, kinds) => `再次发出提醒：${kinds[e.alertKind]}，${f.money(e.amountMinor, e.currency)}`,
    },
  },
  uncodedIssue: () => '读取时发现问题，以下是读取器的原文说明：',
  issueAt: (line, field) => (line > 0 ? `第 ${line} 行，${field}` : field),
};
