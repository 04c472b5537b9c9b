// 核心报告内容的中文措辞。金额、日期、笔数按中文习惯书写。
import { formatMinor, minorDigits, percentOf } from '../model/money';
import type { AmountProblem } from '../model/money';
import type { DateOrder } from '../model/date';
import type { CoverageHoleReason } from '../model/types';
import type { AlertKind, TxnStatus } from '../reconcile/types';
import type { BaiTotal, Catalog, CutMarker, DateLabel, Formats, IssueParamMap, ReportKind, WorkbookReason } from './types';

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

/** MT940 各标签应有的内容及格式。 */
const TAG_VALUES: Readonly<Record<IssueParamMap['bad_tag_value']['what'], string>> = {
  opening_balance: '期初余额（C/D YYMMDD 币种 金额）',
  closing_balance: '期末余额（C/D YYMMDD 币种 金额）',
  balance: '余额（C/D YYMMDD 币种 金额）',
  floor_limit: '限额（币种 [D/C] 金额）',
  statement_line: '流水行（YYMMDD[MMDD] C/D/RC/RD 金额 Nxxx 参考号）',
  count_amount: '笔数、币种和金额',
};

const DATE_LABELS: Readonly<Record<DateLabel, string>> = { 'value date': '起息日', 'entry date': '记账日', 'as-of date': '截止日期' };

/** BAI2 记录的位置不对。 */
const BAI2_STRUCTURE: Readonly<Record<IssueParamMap['bai2_structure']['what'], (record: string) => string>> = {
  first_not_header: () => 'BAI2 文件应以文件头记录（01）开始',
  after_trailer: record => `文件结尾记录（99）之后还有记录（${record || '无类型'}）`,
  second_header: () => '出现了第二个文件头记录（01）',
  account_outside_group: () => '账户记录（03）不在任何分组（02）之内',
  detail_outside_account: () => '交易明细（16）不在任何账户（03）之内',
  account_trailer_unopened: () => '账户结尾记录（49）之前没有打开的账户（03）',
  group_trailer_unopened: () => '分组结尾记录（98）之前没有打开的分组（02）',
  orphan_continuation: () => '续行记录（88）之前没有可接续的记录',
  no_account_number: () => '账户记录没有账号',
};

/** BAI2 结尾记录中的合计与笔数。 */
const BAI_TOTALS: Readonly<Record<BaiTotal, string>> = {
  account_control: '账户控制合计',
  account_records: '账户记录数',
  group_control: '分组控制合计',
  group_accounts: '分组账户数',
  group_records: '分组记录数',
  file_control: '文件控制合计',
  file_groups: '文件分组数',
  file_records: '文件记录数',
};

/** BAI2 的数字字段。 */
const NUMBER_FIELDS: Readonly<Record<IssueParamMap['not_a_number']['what'], string>> = {
  availability_amount: '可用金额',
  distribution_count: '分布笔数',
  distribution: '分布值',
  summary_amount: '汇总金额',
  item_count: '笔数',
};

const ORDERS: Readonly<Record<DateOrder, string>> = { mdy: '月/日/年', dmy: '日/月/年', ymd: '年/月/日' };

/** 工作簿无法读取的原因。`detail` 是程序内部的英文说明时（损坏的细节），中文不显示它，留在参数里。 */
const WORKBOOK: Readonly<Record<WorkbookReason, (detail: string) => string>> = {
  not_workbook: () => '不是 Excel 工作簿（既不是 .xlsx 也不是 BIFF .xls）',
  failed: () => '无法读取此工作簿',
  no_bof: () => '工作簿数据流不是以 BIFF5/BIFF8 的 BOF 记录开头（不支持 BIFF2–4 格式的旧文件）',
  biff_version: d => `不支持的 BIFF 版本 0x${d}`,
  encrypted: () => '工作簿设有密码（已加密）：请去掉密码后重新保存',
  no_sheets: () => '工作簿中没有任何工作表',
  damaged: () => '工作簿已损坏（文件不完整或被截断）',
  not_xls: () => '不是 OLE2 复合文档（.xls）',
  compound_file: () => '.xls 文件的内部结构已损坏，无法读取',
  zip: () => '.xlsx 文件的压缩包已损坏，无法读取',
  sheet_no_bof: () => '缺少 BOF 记录',
  too_many_cells: d => `有单元格超出工作表范围，或工作表超过 ${d} 个单元格`,
  no_workbook_part: d => `压缩包中没有工作簿部分（${d}）：这不是 Excel .xlsx 文件`,
  no_cells: () => '工作簿中没有任何单元格',
};

/** 收单机构的各种报表。 */
const REPORTS: Readonly<Record<ReportKind, string>> = {
  adyen_sdr: ' Adyen 结算明细报告',
  adyen_par: ' Adyen 支付会计报告',
  clearhaus: ' Clearhaus 结算报告',
  allinpay: '通联支付对账单',
  wechat_pay: '微信支付交易账单',
  square: ' Square 交易报告',
  mobilepay: ' MobilePay 转账概览',
};

/** 未闭合的 CDATA 段、注释、标签等。 */
const MARKUP: Readonly<Record<IssueParamMap['unclosed_markup']['what'], (shown: string) => string>> = {
  cdata: () => '此处开始的 CDATA 段“<![CDATA[”没有以“]]>”结束',
  comment: () => '此处开始的注释“<!--”没有以“-->”结束',
  doctype: () => '此处开始的 DOCTYPE 没有以“]>”或“>”结束',
  declaration: () => '此处开始的处理指令“<?”没有以“?>”结束',
  tag: shown => `标签 ${quoted(shown)} 没有以“>”结束`,
  malformed: shown => `${quoted(shown)} 不是格式正确的标签、注释或声明（也可能文件不完整）`,
};

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
    record_no_column: p => `${p.record} 记录缺少“${p.column}”列`,
    row_before_header: p => `${p.row} 数据行出现在 ${p.header} 列标题记录之前`,
    not_t_code: p => `${quoted(p.text)} 不是 PayPal 的 T 事件代码`,
    neither_of: p => `${quoted(p.text)} 既不是 ${p.options[0]} 也不是 ${p.options[1]}`,
    not_whole_minor: p => `${quoted(p.text)} 不是${p.unit === 'fen' ? '以分计' : '以最小货币单位计'}的整数`,
    too_large: () => '数值过大，无法精确计算',
    no_marker_record: p =>
      p.report === 'paypal_stl' ? '未找到 CH 列标题记录：这不是 PayPal 结算报告' : '未找到 BV 记录：这不是乐刷交易文件',
    open_settlement: () => '尚未付款的结算未计入；结算完成后请重新导入导出文件',
    reserve_withheld: p => `付款金额（payout_amount）与结算净额（summary_net）相差 ${p.difference}（以最小货币单位计，为预留的保证金）`,
    fee_not_gross_less_net: p => `手续费 ${p.fee} 不等于交易金额减结算金额（${p.computed}）；以结算金额为准`,
    none_printed: p => `${p.fields.join('、')}均未填写`,
    sub_fen_fees: p => `${p.rows} 行的手续费不足一分，均已四舍五入到分（打印合计 ${p.printed} 元，保留 ${p.kept} 元）`,
    unknown_status: p => `${quoted(p.text)} 不是账单的交易状态（${p.known.join('、')}）`,
    summary_sum: p => `汇总为 ${p.printed}，各行合计为 ${p.sum}`,
    dates_mixed_orders: () => '同一文件中的日期既有日在前的写法，也有月在前的写法',
    date_order_from_zone: p => `文件中没有大于 12 的日，日期顺序按时区取为${p.order === 'mdy' ? '月/日/年' : '日/月/年'}`,
    no_paypal_header: () =>
      '未找到 PayPal 活动记录或对账单的表头（需要 Date、Type 或 Description、Currency，以及 Gross、Net 和 Transaction ID，或单独的 Amount 列）',
    single_amount: () => '文件只有一个 Amount 列，没有 Gross、Fee 和 Net：每个金额都按净额读取，不含手续费',
    net_not_gross_plus_fee: () => '净额（Net）不等于总额（Gross）加手续费（Fee）',
    bill_row_count: p => `账单的${p.label}为 ${p.printed} 笔，但文件中有 ${p.found} 笔：文件不完整`,
    no_alipay_header: () => '未找到支付宝业务明细（支付宝交易号、业务类型、创建时间、商家实收（元）、服务费（元））或账务明细的表头',
    zip_no_bill: () => '压缩包中没有支付宝业务明细或账务明细 CSV 文件',
    out_of_range: p => `${{ amount: '金额', fee: '手续费', 'settlement amount': '结算金额' }[p.label]}超出可计算的范围`,
    unknown_currency: p => `${quoted(p.text)} 不是本读取程序认识的币种`,
    in_zip_entry: (p, f) =>
      `${p.entry}：${(zh.issues[p.issue.code] as (q: typeof p.issue.params, g: Formats) => string)(p.issue.params, f)}`,
    internal_error: p => `按 ${p.format} 格式读取此文件时出现内部错误，文件未导入`,
    left_out_rows: (p, f) =>
      ({
        square_cash: `${f.count(p.count)} 行纯现金交易未计入：现金不会经 Square 结算到银行`,
        zettle_off_book: `${f.count(p.count)} 张以现金或 MobilePay 支付的收据未计入：Zettle 不会为它们付款`,
        adyen_lifecycle: `${f.count(p.count)} 行状态变更（Received、Authorised、SentForSettle 等）不影响应付金额（Payable (SC)），未计入；第一行在此`,
        paypal_no_money: `${f.count(p.count)} 行未产生资金变动（Balance Impact 为 Memo，或状态为 Denied、Failed、Cancelled、Voided），未计入；第一行在此`,
      })[p.why],
    no_currency_symbol: p => `${quoted(p.text)} 没有 Square 使用的货币符号（$、£、€、¥）`,
    net_mismatch: p => `净额（Net Total）不等于收款总额（Total Collected）加手续费（Fees），相差 ${p.off}（以最小货币单位计）`,
    no_zettle_header: p => `找不到 Zettle 的表头行（收据需要：${list(p.receipts)}；结算单需要：${list(p.statement)}）`,
    fee_not_difference: () => '手续费（Afgift）不等于总额（Total）减净额（Netto）；采用净额',
    payout_differs: p => `这笔付款（${p.payout}）与上一笔付款以来各笔记账之和（${p.bookings}）不符：对账单可能从期间中途开始`,
    personal_bill: p =>
      ({
        alipay:
          '这是支付宝个人账单（支付宝交易记录明细），不是商户账单：请到支付宝商家平台（b.alipay.com → 对账中心）下载对账单（业务明细/账务明细）',
        wechat:
          '这是微信个人账单（微信支付账单明细），不是商户交易账单：请到微信支付商户平台（pay.weixin.qq.com → 交易中心 → 账单下载）下载交易账单',
        jd: '这是京东个人账单（京东交易流水，买家的购物记录），不是商户结算单：请从京东商家后台导出商户对账单',
      })[p.app],
    leshua_record_type: p => `${quoted(p.text)} 既不是 BT 也不是 BV 记录`,
    no_card_header: (p, f) => `${p.fileName}：前 ${f.count(p.within)} 行中没有信用卡账单表头`,
    header_unreadable: () => '表头行无法按表格读取',
    balance_unreliable: (p, f) => `在 ${f.count(p.of)} 天中有 ${f.count(p.days)} 天的余额与金额对不上；对账单覆盖的日期只按流水日期计算`,
    type_empty: p => `为空：${p.report === 'sdr' ? '结算明细报告的每一行都应有类型（Type）' : '每一行都应有记录类型（Record Type）'}`,
    net_empty: () => '净借方（Net Debit (NC)）和净贷方（Net Credit (NC)）都为空：按 0 读取',
    arn_rounded: p => `${quoted(p.text)} 被 Excel 四舍五入成了科学计数法；按原样保留，请向 Adyen 重新获取报告以得到完整的 ARN`,
    unknown_time_zone: p => `无法识别时区 ${quoted(p.zone)}；这些时间不带时差保留`,
    unknown_record_type: p =>
      ({
        net: `无法识别记录类型 ${quoted(p.text)}；按其净额作为调整读取`,
        amount: `无法识别事件 ${quoted(p.text)}；按其金额作为调整读取`,
        payable: `无法识别记录类型 ${quoted(p.text)}；按其应付金额（Payable (SC)）作为调整读取`,
        sign: `无法识别事件类型 ${quoted(p.text)}；按收款总额（Total Collected）的正负读取`,
      })[p.by],
    batch_not_paid: (p, f) =>
      `${p.merchant} 的批次 ${p.batch} 在本报告中没有 MerchantPayout 行：其 ${f.count(p.rows)} 行按尚未付款读取（如果报告不完整，请重新下载）`,
    transfer_sum: p =>
      `这笔转账为 ${p.amount}，但本文件中提到它的各笔事件合计为 ${p.sum}（以最小货币单位计）：有事件缺失（文件可能不完整）`,
    no_report_header: p => `找不到${REPORTS[p.report]}的表头行（需要以下列：${list(p.columns)}）`,
    mapping_incomplete: p =>
      p.missing === 'date'
        ? '列映射中没有日期列'
        : p.missing === 'amount'
          ? '列映射中没有金额列（或收入/支出列）'
          : '列映射中没有交易金额或结算金额列',
    no_header_row: p => `文件在表头行（第 ${p.line} 行）之前就结束了`,
    mapping_no_currency: () => '文件没有写明币种：请在列映射中选择币种',
    not_currency_code: p => `${quoted(p.text)} 不是${p.threeLetter ? '三位字母的' : '有效的'}币种代码`,
    no_credit_debit: () => '收入列和支出列都没有金额',
    fee_differs: p => `交易金额 ${p.gross} 减去结算金额 ${p.net} 为 ${p.fee}，与此处打印的手续费不符`,
    balance_moves: p =>
      `余额在第 ${p.from} 行与第 ${p.to} 行之间变动了 ${p.moved}，但第 ${p.booked} 行的金额是 ${p.amount}：两行之间可能缺少流水`,
    workbook_unreadable: p =>
      `${p.fileName === null ? '' : `${p.fileName}：`}${p.sheet === null ? '' : `工作表 ${quoted(p.sheet)}：`}${WORKBOOK[p.reason](p.detail)}`,
    qif_section: p =>
      p.what === 'investment'
        ? '投资交易（!Type:Invst）不会被读取'
        : p.what === 'unknown'
          ? `${quoted(p.text)} 不是本读取器认识的 QIF 段落；其中的记录已跳过`
          : '在任何 !Type: 段落标题之前出现了记录',
    date_order: p =>
      p.problem === 'mixed'
        ? '日期的写法前后不一：没有一种顺序（月/日/年、日/月/年或年/月/日）能读通所有日期；请指定顺序（!Option:MDY、DMY 或 YMD）'
        : `从日期本身看不出顺序；按${ORDERS[p.order]}读取（可用 !Option:MDY、DMY 或 YMD 指定）`,
    date_not_in_order: p => `${quoted(p.text)} 按${ORDERS[p.order]}的顺序不是有效日期`,
    record_no_date: p => `这条记录没有日期（${p.field}）`,
    splits_total: p => `拆分金额合计为 ${p.sum}，但记录金额为 ${p.amount}（以最小货币单位计）`,
    bad_split: p =>
      `拆分金额 ${quoted(p.text)} ${AMOUNT_PROBLEMS[p.problem]}，无法读作金额${p.taken ? '；采用记录本身的金额（T），不再核对拆分' : ''}`,
    no_file_currency: p => `QIF 文件没有写明币种；在得知账户币种之前，流水的币种记为 ${p.currency}`,
    continuation_read: p =>
      p.kind === 'no_comma'
        ? '续行记录（88）的类型后面缺少逗号；其文字按续行读取'
        : '交易明细之后的这一行没有记录类型；按其续行文字（88）读取',
    bai2_structure: p => BAI2_STRUCTURE[p.what](p.record),
    missing_trailer: p =>
      `${p.what === 'account' ? '账户' : '分组'}在第 ${p.before} 行之前没有结尾记录（${p.what === 'account' ? '49' : '98'}）`,
    trailer_total: (p, f) =>
      p.problem === 'missing'
        ? `缺少${BAI_TOTALS[p.what]}；文件中实际为 ${f.count(p.counted)}`
        : p.problem === 'not_number'
          ? `${BAI_TOTALS[p.what]} ${quoted(p.printed)} 不是数字`
          : `${BAI_TOTALS[p.what]}为 ${p.printed}，但文件中实际为 ${f.count(p.counted)}`,
    bai_version: p => `版本 ${p.version} 按 BAI 第 2 版读取`,
    type_code_skipped: p => `类型代码 ${p.typeCode} 既不是收入（100–399）也不是支出（400–699）；此记录已跳过`,
    bad_record_type: p => `${quoted(p.text)} 不是 BAI2 记录类型（01、02、03、16、88、49、98、99）`,
    not_a_number: p => `${p.type === null ? '' : `类型 ${p.type} 的`}${NUMBER_FIELDS[p.what]} ${quoted(p.text)} 不是数字`,
    not_minor_units: p => `金额 ${quoted(p.text)} 不是以最小货币单位表示的整数`,
    bad_funds_type: p => `资金类型 ${quoted(p.text)} 不是 Z、0、1、2、V、S、D 之一`,
    type_code_digits: p => `${p.summary ? '汇总' : ''}类型代码 ${quoted(p.text)} 不是 3 位数字`,
    bad_tag_value: p => `${quoted(p.text)} 不是有效的${TAG_VALUES[p.what]}`,
    date_clamped: p => `起息日 ${quoted(p.text)} 超出了当月天数（按 30/360 计息的写法）；按 ${p.date} 读取`,
    balance_currency_assumed: p => `余额没有写明币种；按对账单的币种 ${p.currency} 读取`,
    statement_no_account: p => `对账单没有账号（:${p.tag}:）`,
    orphan_statement_line: () => '这条流水（:61:）不属于任何对账单：上一份报文结束后没有新的 :20:',
    nothing_found: p =>
      p.format === 'mt940'
        ? '没有找到 MT940/MT942 对账单（没有以 :20: 开头的行）'
        : '没有找到银行、现金或信用卡交易（!Type:Bank、Cash、CCard、Oth A、Oth L）',
    sum_missing: (p, f) =>
      `报告列出 ${f.count(p.count)} 笔${p.side === 'debits' ? '支出' : '收入'}，但没有它们的合计（:${p.tag}:）：文件可能不完整`,
    sum_mismatch: (p, f) =>
      `报告的合计为 ${f.count(p.printedCount)} 笔${p.side === 'debits' ? '支出' : '收入'}共 ${p.printedMinor}，但列出的是 ${f.count(p.count)} 笔共 ${p.minor}（以最小货币单位计）`,
    no_root_element: p => `${p.fileName}：找不到 <${p.element}> 元素；这不是 ${p.element} 文件，或文件不完整`,
    not_bank_statement: p =>
      p.kind === 'card'
        ? `这是信用卡账单，不是结算账户的对账单，刷卡款不会结算到这里${p.leftOut ? '；其中的流水未读取' : ''}`
        : `这是投资账户对账单，没有银行流水${p.leftOut ? '；未读取' : ''}`,
    unclosed_markup: p => MARKUP[p.what](p.shown),
    stray_close: p => `</${p.element}> 要结束的元素并没有开始过`,
    unclosed_element: p => `此处的 <${p.element}> 在${p.closedBy === null ? '下一个同类元素开始' : ` </${p.closedBy}> `}之前没有结束`,
    opens_inside: p => `<${p.element}> 出现在一份尚未结束的对账单之中`,
    outside_statement: p => `<${p.element}> 不在任何 <${p.statement}> 对账单之内，因此没有账号`,
    too_deep: p => `此处元素嵌套超过 ${p.max} 层，正常对账单不会这样，文件被拒绝`,
    outside_root: p => (p.what === 'text' ? `文本 ${quoted(p.text)} 位于文档根元素之外` : 'CDATA 段位于文档根元素之外'),
    mismatched_close: p => `<${p.element}>${p.openedOn === null ? '' : `（第 ${p.openedOn} 行）`}被 </${p.closedBy}> 结束，标签不匹配`,
    second_root: p => `<${p.element}> 是第二个文档根元素，XML 文件只能有一个`,
    no_xml_element: () => '文件中没有任何 XML 元素',
    bank_error_status: p => `银行对这份对账单报告了错误（代码 ${p.status || '?'}${p.text ? `：${p.text}` : ''}），其中没有交易`,
    account_from_id: p => `对账单没有 ${p.missing}；以此行的 ${p.idField} ${quoted(p.account)} 作为账号`,
    no_account: p =>
      `${p.record ?? '对账单'}没有写明账号（${{ absent: '没有 ', empty: '', expected: '应在 ' }[p.how]}${p.how === 'empty' ? `${p.fields.join('/')} 为空` : p.fields.join(' 或 ')}）${p.keptAs === null ? '' : '；其流水单独记在一个表示“文件中无账号”的名下'}`,
    no_currency: p =>
      p.format === 'ofx'
        ? '这笔交易没有币种：CURDEF 缺失或为空，STMTTRN 中也没有 CURRENCY/CURSYM'
        : '对账单没有写明币种（明细之前没有 :60F:、:60M: 或 :34F:）',
    bad_currency: p => `${p.labelled ? '币种 ' : ''}${quoted(p.text)} 不是 ISO 4217 币种代码`,
    no_amount: p =>
      `这${{ transaction: '笔交易', entry: '条记录', record: '条记录' }[p.what]}没有金额${p.field === null ? '' : `（${p.field}）`}`,
    no_id: p => `这${p.what === 'transaction' ? '笔交易' : '条记录'}没有 ${list(p.fields)}；记为 ${quoted(p.id)}`,
    no_date: p => `${p.field} ${p.present ? '为空' : '缺失'}：这笔交易没有日期`,
    bad_date_format: p =>
      `${p.label === null ? '' : `${DATE_LABELS[p.label]} `}${p.where === null ? '' : `${p.where} 中的`}${quoted(p.text)} 不是有效的${p.kind === 'date-time' ? '日期时间' : '日期'}（格式应为 ${p.pattern}）`,
    not_camt_message: p =>
      `<${p.element}> 不是 camt.052、camt.053 或 camt.054 报文（应为 BkToCstmrStmt/Stmt、BkToCstmrAcctRpt/Rpt 或 BkToCstmrDbtCdtNtfctn/Ntfctn）`,
    closing_balance: p =>
      p.record === null
        ? `期末余额 ${p.closing} 与期初余额 ${p.opening} 加上各行（${p.lines}）不符（以最小货币单位计）`
        : `${p.record}：期初余额 ${p.opening} 加上各笔为 ${p.computed}，但期末余额为 ${p.closing}：有记录缺失`,
    date_part_used: p => `${p.where} 中的 ${quoted(p.text)} 不是 ISO 日期时间；采用其日期 ${p.date}`,
    negative_amount: p => `Amt ${quoted(p.text)} 为负数；camt 金额不带符号，方向由 CdtDbtInd 表示`,
    bad_direction: p => `CdtDbtInd ${quoted(p.text)} 既不是 CRDT（收入）也不是 DBIT（支出）`,
    no_booking_date: p =>
      p.from === 'value'
        ? `这条已记账记录没有记账日期；采用其起息日 ${p.date ?? ''}`
        : p.from === 'created'
          ? `这条已记账记录既没有记账日期也没有起息日；采用报文的生成日期 ${p.date ?? ''}`
          : '这条已记账记录既没有记账日期（BookgDt/Dt 或 BookgDt/DtTm），也没有起息日',
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
