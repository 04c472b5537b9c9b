import { codedIssue } from '../../messages/index';
import { decodeText, detectEncoding } from '../decode';
import { cleanCell, normalizeHeader, splitRecord } from '../table';
import type { Format, ParseContext, ParseIssue, ParseResult } from '../../model/types';

/*
 * Chinese banks' credit-card statements (中国银行, 交通银行, 广发银行, 招商银行, 中信银行, 工商银行) look like
 * current-account statements — a date, an amount, a description — but a card's money is owed, not held:
 * on most of them a purchase is a positive 交易金额/人民币金额, so read as a current account every purchase
 * would become a credit. Settlements never reach a card, so such a file is refused with that reason.
 */

/** Why a card statement is refused, in the merchant's words. */

// Columns only card statements print: the card's last four digits (debit statements print the whole 借记卡号)
// and CMB's 人民币金额 (the amount in yuan beside 交易地金额).
const CARD_COLUMNS = new Set(
  ['卡号末四位', '卡末四位', '卡号后四位', '卡号末4位', '卡末4位', '末四位卡号', '人民币金额', '交易地金额'].map(normalizeHeader),
);
const TRADE_DATES = new Set(['交易日', '交易日期'].map(normalizeHeader));
const POSTING_DATES = new Set(['记账日', '记账日期', '银行记账日', '入账日期', '入账日'].map(normalizeHeader));
const BALANCES = /余额/;
const ACQUIRER_COLUMNS = new Set(['商户编号', '商户号', '商户名称', '终端号', '终端编号', '检索参考号', '参考号'].map(normalizeHeader));
// A title that names a card statement (信用卡对账单, 信用卡账单(明细), 信用卡交易明细), not one that only mentions cards: a
// WeChat bill's note says 信用卡还款等交易 (card repayments), and a debit statement's rows say 信用卡还款 too.
const CARD_TITLE = /信用卡(?:对账单|账单|交易明细|消费明细)/;

/** The mark that makes a table a card statement: a field and what it says. */
export interface CardMark {
  readonly field: string;
  readonly why: string;
}

/**
 * Whether a header row (and the title lines above it) is a credit-card statement's: a title naming 信用卡
 * (信用卡对账单, 信用卡账单明细), a card-only column, or both a transaction and a posting date with no balance
 * column (BOCOM, CGB, CITIC: a current account always prints its running balance).
 */
export function cardStatementMark(header: readonly string[], title: readonly string[]): CardMark | null {
  const norm = header.map(normalizeHeader);
  // An acquirer's export (商户编号, 终端号, 参考号) is no card statement, whatever its dates.
  if (norm.some(h => ACQUIRER_COLUMNS.has(h))) return null;
  const titleLine = title.find(l => CARD_TITLE.test(l));
  if (titleLine !== undefined) return { field: '(title)', why: `the title says "${titleLine.trim().slice(0, 40)}"` };
  const column = norm.findIndex(h => CARD_COLUMNS.has(h));
  if (column >= 0)
    return { field: header[column]!.trim(), why: `the header has ${header[column]!.trim()}, a column only card statements print` };
  const traded = norm.findIndex(h => TRADE_DATES.has(h));
  const posted = norm.findIndex(h => POSTING_DATES.has(h));
  if (traded >= 0 && posted >= 0 && !norm.some(h => BALANCES.test(h))) {
    return {
      field: header[posted]!.trim(),
      why: `the header has ${header[traded]!.trim()} and ${header[posted]!.trim()} but no balance column`,
    };
  }
  // ICBC's card download has the debit layout plus 记账日期, and a 余额 that is the debt (-6,086.11).
  const place = norm.indexOf(normalizeHeader('交易场所'));
  if (traded >= 0 && posted >= 0 && place >= 0) {
    return {
      field: header[posted]!.trim(),
      why: `the header has ${header[traded]!.trim()}, ${header[posted]!.trim()} and 交易场所, the layout of ICBC's card download`,
    };
  }
  return null;
}

/** The refusal of a card statement, naming the line and field that marks it. */
export function cardStatementIssue(fileName: string, line: number, mark: CardMark): ParseIssue {
  return codedIssue(line, mark.field, 'error', { code: 'card_statement', params: { fileName, detail: mark.why } });
}

const HAS_CJK = /[\u4e00-\u9fff]/;
const DELIMITERS = [',', '\t', ';', '|'] as const;
const HEADER_WITHIN = 40;

/** The first line of a text statement that reads as a card statement's header (with its title above it), or null. */
function findCardHeader(text: string): { line: number; mark: CardMark } | null {
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\n|\r/, HEADER_WITHIN);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!HAS_CJK.test(line)) continue;
    for (const d of DELIMITERS) {
      if (line.indexOf(d) < 0) continue;
      const cells = splitRecord(line, d).map(cleanCell);
      // A header names at least a date and something else; a title line alone does not make a table.
      if (
        cells.filter(c => c !== '').length < 3 ||
        !cells.some(c => TRADE_DATES.has(normalizeHeader(c)) || POSTING_DATES.has(normalizeHeader(c)))
      )
        continue;
      const mark = cardStatementMark(cells, lines.slice(0, i).map(cleanCell));
      if (mark) return { line: i + 1, mark };
    }
  }
  return null;
}

/** Refuses a Chinese credit-card statement in CSV or text form, naming the line and the column or title that marks it. */
export function parseCnCardStatement(bytes: Uint8Array, ctx: ParseContext): ParseResult {
  const text = decodeText(bytes.subarray(0, Math.min(bytes.length, 64 * 1024)), detectEncoding(bytes));
  const found = findCardHeader(text);
  const issue: ParseIssue = found
    ? cardStatementIssue(ctx.fileName, found.line, found.mark)
    : codedIssue(1, '(header)', 'error', { code: 'no_card_header', params: { fileName: ctx.fileName, within: HEADER_WITHIN } });
  return {
    format: 'cn-card-statement',
    role: 'bank',
    acquirerTxns: [],
    bankLines: [],
    issues: [issue],
    merchantIds: [],
    acquirerName: null,
    periods: [],
  };
}

/**
 * Chinese banks' credit-card statements as CSV or text: recognised so that they are refused with the reason,
 * never read as a current account nor left to a column mapping that would take purchases for credits.
 * Scores above cn-bank-csv so that a card statement printing a balance is refused too.
 */
export const cnCardStatement: Format = {
  name: 'cn-card-statement',
  role: 'bank',
  sniff: head => (findCardHeader(head) ? 0.92 : 0),
  parse: parseCnCardStatement,
};
