import { amountIssue, codedIssue, dateIssue, renderCode, type CodedIssue, type IssueParamMap } from '../../messages/index';
import { withStatementCoverage } from '../statement-coverage';
import { formatMinor, minorDigits } from '../../model/money';
import { readAmount } from './amount';
import { parseLocalDateTime, type LocalDateTime } from '../../model/date';
import type { AcquirerTxn, BankLine, ParseContext, ParseResult, TxnKind } from '../../model/types';
import { acquirerResult, currencyCode, IssueLog, makeTxn, UniqueIds } from '../formats/acquirer-rows';
import { boundIssues } from '../limits';
import { isFooterLine } from '../table';
import { UNKNOWN_CURRENCY, type MappingProfile } from './profile';
import { readRows, type RawRow } from './rows';
import { warnMangledIds } from '../mangled-ids';

/** Row kinds by keywords in a `type` column (English, Danish Zettle, German, Chinese), checked in this order. */
const KIND_WORDS: readonly [TxnKind, RegExp][] = [
  ['chargeback', /chargeback|dispute|拒付|争议/i],
  ['void', /void|cancel|撤销|冲正/i],
  ['refund', /refund|return|retur|erstattung|退款|退货/i],
  ['payout', /payout|transfer|deposit|udbetaling|auszahlung|withdrawal|提现|结算|划款/i],
  // Before fee: Zettle's `Bonus fra betalingsgebyr` is a fee refund, not a fee.
  ['adjustment', /adjust|correction|bonus|调整/i],
  ['fee', /fee|gebyr|commission|手续费/i],
  ['sale', /sale|payment|charge|purchase|køb|kortbetaling|verkauf|消费|收款|支付/i],
];

/** The TxnKind a type cell names, or null when no keyword fits. */
export function kindFromText(text: string): TxnKind | null {
  for (const [kind, re] of KIND_WORDS) if (re.test(text)) return kind;
  return null;
}

function problem(format: string, role: MappingProfile['role'], line: number, field: string, coded: CodedIssue): ParseResult {
  const issues = [codedIssue(line, field, 'error', coded)];
  return { format, role, acquirerTxns: [], bankLines: [], issues, merchantIds: [], acquirerName: null, periods: [] };
}

/** What a profile lacks to be usable, as a code, or null. */
function profileCode(profile: MappingProfile): CodedIssue | null {
  const c = profile.columns;
  const missing = (what: IssueParamMap['mapping_incomplete']['missing']): CodedIssue => ({
    code: 'mapping_incomplete',
    params: { missing: what },
  });
  if (!Number.isInteger(c.date) || c.date < 0) return missing('date');
  if (profile.role === 'bank' && c.amount === undefined && c.credit === undefined && c.debit === undefined) return missing('amount');
  if (profile.role === 'acquirer' && c.gross === undefined && c.net === undefined) return missing('gross_net');
  return null;
}

/** What a profile lacks to be usable, in English, or null. */
export function profileProblem(profile: MappingProfile): string | null {
  const coded = profileCode(profile);
  return coded && renderCode(coded, 'en');
}

/**
 * Reads a file with a mapping profile into bank lines or acquirer transactions (the profile's role).
 * Every bad cell is an `error` naming its line and the column (its header, or `column N` without one);
 * the caller refuses the file when any error exists. Never throws. `keepRows` keeps the acquirer rows read even
 * when the file has errors (the mapping preview shows every row it can while the form is still incomplete).
 */
export function parseWithProfile(
  bytes: Uint8Array,
  profile: MappingProfile,
  ctx: ParseContext,
  format = 'mapped',
  keepRows = false,
): ParseResult {
  return boundIssues(warnMangledIds(readWithProfile(bytes, profile, ctx, format, keepRows)));
}

/** parseWithProfile before the check for ids Excel mangled and the bound on quoted text. */
function readWithProfile(bytes: Uint8Array, profile: MappingProfile, ctx: ParseContext, format: string, keepRows: boolean): ParseResult {
  const role = profile.role;
  const invalid = profileCode(profile);
  if (invalid) return problem(format, role, 1, '(mapping)', invalid);
  const read = readRows(bytes, profile.delimiter || null);
  if (!read.ok) {
    const coded = read.problem;
    const named: CodedIssue =
      coded.code === 'workbook_unreadable' ? { ...coded, params: { ...coded.params, fileName: ctx.fileName } } : coded;
    return problem(format, role, 1, '(file)', named);
  }
  const rows = read.rows;
  const headerRow = profile.hasHeader ? rows[profile.skipRows] : undefined;
  if (profile.hasHeader && !headerRow)
    return problem(format, role, 1, '(header)', { code: 'no_header_row', params: { line: profile.skipRows + 1 } });
  const names = headerRow?.cells ?? [];
  const fieldName = (col: number): string => names[col] || `column ${col + 1}`;
  const c = profile.columns;
  const log = new IssueLog();
  const ids = new UniqueIds();
  const bankLines: BankLine[] = [];
  const txns: AcquirerTxn[] = [];
  const first = profile.skipRows + (profile.hasHeader ? 1 : 0);
  const cell = (r: RawRow, col: number | undefined): string => (col === undefined ? '' : (r.cells[col] ?? ''));

  const currencyOf = (r: RawRow): string | null => {
    const text = cell(r, c.currency);
    if (text === '') return profile.defaultCurrency.toUpperCase();
    const code = currencyCode(text);
    if (!code) log.error(r.line, fieldName(c.currency!), { code: 'not_currency_code', params: { text, threeLetter: true } });
    return code;
  };
  const money = (r: RawRow, col: number | undefined, digits: number, required: boolean): number | null | undefined => {
    if (col === undefined) return undefined;
    const text = cell(r, col);
    if (text === '') {
      if (required) log.error(r.line, fieldName(col), { code: 'amount_required', params: {} });
      return required ? null : undefined;
    }
    const a = readAmount(text, profile.decimal, digits);
    if (!a.ok) {
      log.error(r.line, fieldName(col), amountIssue(a));
      return null;
    }
    return a.minor;
  };

  // A statement repeats a few hundred dates over thousands of rows: read each once.
  const dates = new Map<string, LocalDateTime | null>();
  const readDate = (text: string): LocalDateTime | null => {
    let dt = dates.get(text);
    if (dt === undefined) {
      dt = parseLocalDateTime(text, profile.dateOrder);
      if (dates.size < 20_000) dates.set(text, dt);
    }
    return dt;
  };
  let warnedCurrency = false;
  const balances: (number | null)[] = [];
  for (let i = first; i < rows.length; i++) {
    const r = rows[i]!;
    if (r.cells.every(x => x === '')) continue;
    const dateText = cell(r, c.date);
    // A note line (one cell, no date) carries no money: Zettle ends its report with a VAT remark.
    if (r.cells.filter(x => x !== '').length === 1 && readDate(dateText) === null) continue;
    // A totals or disclaimer line ends the table; a date in the first cell never does.
    if (isFooterLine(r.cells[0] ?? '') && readDate(dateText) === null) break;
    let before = log.issues.length;
    const when = readDate(dateText);
    if (!when)
      log.error(
        r.line,
        fieldName(c.date),
        dateText === ''
          ? { code: 'empty_cell', params: { what: 'date' } }
          : {
              code: 'bad_date_format',
              params: { text: dateText, label: null, where: null, kind: 'date', pattern: `${profile.dateOrder.toUpperCase()} order` },
            },
      );
    const currency = currencyOf(r);
    if (currency === UNKNOWN_CURRENCY && !warnedCurrency) {
      warnedCurrency = true;
      log.error(r.line, c.currency !== undefined ? fieldName(c.currency) : '(mapping)', { code: 'mapping_no_currency', params: {} });
      // A problem of the whole file, said once on its first row: that row is still read (the preview shows every row).
      before = log.issues.length;
    }
    const digits = minorDigits(currency ?? 'XXX');
    if (role === 'bank') {
      let amount: number | null | undefined;
      if (c.amount !== undefined) amount = money(r, c.amount, digits, true);
      else {
        const credit = money(r, c.credit, digits, false),
          debit = money(r, c.debit, digits, false);
        if (credit === null || debit === null) amount = null;
        else if (credit === undefined && debit === undefined) {
          log.error(r.line, fieldName((c.credit ?? c.debit)!), { code: 'no_credit_debit', params: {} });
          amount = null;
        } else amount = Math.abs(credit ?? 0) - Math.abs(debit ?? 0);
      }
      const balance = money(r, c.balance, digits, false);
      if (log.issues.length > before || !when || amount == null || !currency) continue;
      const printed = cell(r, c.id);
      const at = when.time ? `${when.date}T${when.time}` : when.date;
      const derived = `${at}/${amount > 0 ? '+' : ''}${formatMinor(amount, digits)}${balance != null ? '/' + formatMinor(balance, digits) : ''}`;
      balances.push(balance ?? null);
      bankLines.push({
        id: ids.take(printed || derived),
        account: profile.account ?? '',
        bookedOn: when.date,
        valueOn: null,
        amountMinor: amount === 0 ? 0 : amount,
        currency,
        counterparty: cell(r, c.counterparty),
        description: cell(r, c.description),
        line: r.line,
        balanceMinor: balance ?? null,
      });
    } else {
      const grossPrinted = money(r, c.gross, digits, true);
      const fee = money(r, c.fee, digits, false);
      const netPrinted = money(r, c.net, digits, c.gross === undefined);
      let time = when?.time ?? null;
      const timeText = cell(r, c.time);
      if (timeText) {
        // A time column may hold a full date-time (a workbook serial formatted as a time, Zettle `Tid`).
        const t = parseLocalDateTime(timeText, profile.dateOrder)?.time ?? parseLocalDateTime(`2000-01-01 ${timeText}`)?.time;
        if (!t) log.error(r.line, fieldName(c.time!), { code: 'bad_time', params: { text: timeText } });
        else time = t;
      }
      let settlementDate: string | null = null;
      const settleText = cell(r, c.settlementDate);
      if (settleText) {
        settlementDate = parseLocalDateTime(settleText, profile.dateOrder)?.date ?? null;
        if (!settlementDate) log.error(r.line, fieldName(c.settlementDate!), dateIssue(settleText));
      }
      if (log.issues.length > before || !when || grossPrinted === null || netPrinted === null || !currency) continue;
      // net = gross − fee always holds. With gross and net both printed the fee is their difference (a refund's
      // returned fee comes out negative); a printed fee that disagrees is a warning. Otherwise the fee is taken
      // as a cost whatever sign the export prints it with.
      let grossMinor: number, netMinor: number, feeMinor: number;
      if (grossPrinted != null && netPrinted != null) {
        grossMinor = grossPrinted;
        netMinor = netPrinted;
        feeMinor = grossMinor - netMinor;
        if (fee != null && Math.abs(fee) !== Math.abs(feeMinor)) {
          log.warn(r.line, fieldName(c.fee!), {
            code: 'fee_differs',
            params: { gross: formatMinor(grossMinor, digits), net: formatMinor(netMinor, digits), fee: formatMinor(feeMinor, digits) },
          });
        }
      } else {
        feeMinor = Math.abs(fee ?? 0);
        grossMinor = grossPrinted ?? netPrinted! + feeMinor;
        netMinor = netPrinted ?? grossMinor - feeMinor;
      }
      const kindText = cell(r, c.kind);
      const kind = (kindText ? kindFromText(kindText) : null) ?? (grossMinor < 0 ? 'refund' : 'sale');
      const at = `${when.date}T${time ?? '00:00:00'}`;
      const printed = cell(r, c.id);
      txns.push(
        makeTxn({
          id: ids.take(printed || `${at}/${formatMinor(grossMinor, digits)}`),
          kind,
          at,
          grossMinor,
          feeMinor,
          netMinor,
          currency,
          line: r.line,
          terminal: cell(r, c.terminal) || null,
          card: cell(r, c.card) || null,
          payoutId: cell(r, c.payoutId) || null,
          settlementDate,
        }),
      );
    }
    if (i % 5000 === 0) ctx.onProgress?.(i / rows.length);
  }
  ctx.onProgress?.(1);
  if (role === 'acquirer') return { ...acquirerResult(format, txns, log), format, ...(keepRows ? { acquirerTxns: txns } : {}) };
  if (c.balance !== undefined) checkRunningBalance(bankLines, balances, log, fieldName(c.balance));
  return withStatementCoverage(
    { format, role, acquirerTxns: [], bankLines, issues: log.issues, merchantIds: [], acquirerName: null, periods: [] },
    ctx.fileName,
  );
}

/**
 * Warns where the running balance does not move by the line's amount: the statement is missing
 * lines there, which is exactly where a settlement credit can hide. Reads the file's order
 * (oldest or newest first) from the majority of pairs, compares lines of one currency only, and
 * says nothing when the column does not behave as a running balance at all.
 */
export function checkRunningBalance(lines: readonly BankLine[], balances: readonly (number | null)[], log: IssueLog, field: string): void {
  const pairs: [number, number][] = [];
  const lastOf = new Map<string, number>();
  lines.forEach((l, i) => {
    if (balances[i] == null) return;
    const prev = lastOf.get(l.currency);
    if (prev !== undefined) pairs.push([prev, i]);
    lastOf.set(l.currency, i);
  });
  const forwardOk = ([p, i]: [number, number]): boolean => balances[i]! - balances[p]! === lines[i]!.amountMinor;
  const backwardOk = ([p, i]: [number, number]): boolean => balances[p]! - balances[i]! === lines[p]!.amountMinor;
  const forward = pairs.filter(forwardOk).length,
    backward = pairs.filter(backwardOk).length;
  if (pairs.length === 0 || Math.max(forward, backward) < pairs.length / 2) return;
  const oldestFirst = forward >= backward;
  for (const pair of pairs) {
    if (oldestFirst ? forwardOk(pair) : backwardOk(pair)) continue;
    const [p, i] = pair;
    const digits = minorDigits(lines[i]!.currency);
    const moved = oldestFirst ? balances[i]! - balances[p]! : balances[p]! - balances[i]!;
    const booked = oldestFirst ? lines[i]! : lines[p]!;
    log.warn(lines[i]!.line, field, {
      code: 'balance_moves',
      params: {
        moved: formatMinor(moved, digits),
        from: lines[p]!.line,
        to: lines[i]!.line,
        booked: booked.line,
        amount: formatMinor(booked.amountMinor, digits),
      },
    });
  }
}
