// English words for what the core reports. The alert sentences are the report's `message` under --lang en,
// unchanged since the report's first version: change them only with the contract (spec/reconcile.md).
import { amountProblemText, formatMinor, minorDigits, percentOf } from '../model/money';
import type { Catalog, CutMarker, Formats, IssueParamMap } from './types';

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
    internal_error: p => `internal error while reading as ${p.format}: ${p.detail}`,
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
