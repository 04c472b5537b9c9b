import { codedIssue, type CodedIssue, type IssueParamMap } from '../../messages/index';
import { decodeText, detectEncoding } from '../decode';
import { tooManyLines } from '../limits';
import { cellText, readWorkbook, workbookKind, type WorkbookResult } from '../sheet/index';
import { cleanCell, cutRowIssue, isFooterLine, normalizeHeader, splitRecord, type ColumnMap } from '../table';
import {
  CN_BANK_COLUMNS,
  NoteRows,
  checkCnBankHeader,
  checkCnBankTotals,
  mapCnBankRow,
  newCnBankSheet,
  readCnBankTitle,
  type CnBankField,
} from './cn-bank-csv';
import { cardStatementIssue, cardStatementMark } from './cn-card';
import { parseLocalDateTime } from '../../model/date';
import type { BankLine, Format, ParseContext, ParseIssue, ParseResult, StatementPeriod } from '../../model/types';

/**
 * Header names the CSV reader does not know, seen in spreadsheet statements: a securities firm's
 * fund statement (`example-hxsec-records.xls`: 交收日期, 清算金额, 资金本次余额, 业务名称, 资金帐号).
 * 成交编号 is left out on purpose: it repeats for a 回购/购回 pair and is empty on transfers.
 */
const SHEET_EXTRA: Partial<Record<CnBankField, readonly string[]>> = {
  bookedDate: ['交收日期', '清算日期', '发生日期'],
  tradeDate: ['成交日期'],
  time: ['成交时间', '发生时间'],
  amount: ['清算金额', '发生金额', '收付金额'],
  balance: ['资金本次余额', '资金余额', '本次资金余额'],
  summary: ['业务名称', '业务类型'],
  note: ['证券名称'],
  account: ['资金帐号', '资金账号'],
};

const FIELDS = Object.keys(CN_BANK_COLUMNS) as CnBankField[];
const NAMES = {} as Record<CnBankField, ReadonlySet<string>>;
for (const f of FIELDS) NAMES[f] = new Set([...CN_BANK_COLUMNS[f], ...(SHEET_EXTRA[f] ?? [])].map(normalizeHeader));

/** What a header row lacks to be a statement header, in the words a merchant sees. */
function missingColumns(map: ColumnMap<CnBankField>): ('date' | 'amount')[] {
  const missing: ('date' | 'amount')[] = [];
  if (map.bookedDate < 0 && map.tradeDate < 0) missing.push('date');
  if (map.credit < 0 && map.debit < 0 && map.amount < 0) missing.push('amount');
  return missing;
}

/** Column indexes of a header row by the Chinese bank names (plus the spreadsheet extras), and how many were known. */
export function mapSheetHeader(cells: readonly string[]): { columns: ColumnMap<CnBankField>; known: number } {
  const norm = cells.map(normalizeHeader);
  const columns = {} as Record<CnBankField, number>;
  let known = 0;
  for (const f of FIELDS) {
    columns[f] = norm.findIndex(h => h !== '' && NAMES[f].has(h));
    if (columns[f] >= 0) known++;
  }
  return { columns, known };
}

/** A table pulled out of a workbook or a text file: rows of cleaned text with their 1-based line numbers. */
interface TextRows {
  readonly rows: { readonly line: number; readonly cells: string[] }[];
  /** A text file's last line when no line break ends it: the file may end inside that row. */
  readonly unended?: number;
}

function workbookRows(result: WorkbookResult & { ok: true }): TextRows[] {
  return result.sheets.map(s => ({ rows: s.rows.map((r, i) => ({ line: i + 1, cells: r.map(cellText) })) }));
}

/**
 * Rows of a ".xls" that is really tab-separated text: the securities-firm export is GBK TSV with every
 * text cell guarded as `="…"` so Excel keeps leading zeros (FORMATS.md B6 pitfall).
 */
function textRows(bytes: Uint8Array): TextRows | CodedIssue {
  const text = decodeText(bytes, detectEncoding(bytes));
  const tooLong = tooManyLines(text);
  if (tooLong) return { code: 'too_many_lines', params: tooLong.params as IssueParamMap['too_many_lines'] };
  const lines = text.split(/\r?\n/);
  const delimiter = (lines[0] ?? '').includes('\t') ? '\t' : ',';
  const unended = /\n$/.test(text) ? {} : { unended: lines.length };
  return { rows: lines.map((l, i) => ({ line: i + 1, cells: splitRecord(l, delimiter).map(cleanCell) })), ...unended };
}

// Tables already read, so that sniff and parse of one file decode it once; weak, so no file is kept alive.
const READ = new WeakMap<Uint8Array, TextRows[] | CodedIssue>();

/** The tables in a file: each sheet of a workbook, or the one table of a text file; else the issue that says why there are none. */
function tablesOf(bytes: Uint8Array): TextRows[] | CodedIssue {
  const cached = READ.get(bytes);
  if (cached !== undefined) return cached;
  let tables: TextRows[] | CodedIssue;
  if (workbookKind(bytes)) {
    const wb = readWorkbook(bytes);
    tables = wb.ok ? workbookRows(wb) : wb.problem;
  } else {
    const rows = textRows(bytes);
    tables = 'code' in rows ? rows : [rows];
  }
  READ.set(bytes, tables);
  return tables;
}

/** The first rows of each sheet of a workbook, cells joined by commas, for a format that knows a sheet by its words; '' for other files. */
export function workbookHead(bytes: Uint8Array): string {
  if (!workbookKind(bytes)) return '';
  const tables = tablesOf(bytes);
  if (!Array.isArray(tables)) return '';
  return tables.flatMap(t => t.rows.slice(0, HEADER_WITHIN).map(r => r.cells.join(','))).join('\n');
}

interface Found {
  readonly table: TextRows;
  readonly headerAt: number;
  readonly columns: ColumnMap<CnBankField>;
  readonly missing: ('date' | 'amount')[];
}

const HEADER_WITHIN = 40;

/** The best header row in the first rows of any table: complete ones first, then the one naming most columns. */
function findHeader(tables: readonly TextRows[]): Found | null {
  let best: Found | null = null;
  let bestKnown = 0;
  for (const table of tables) {
    const limit = Math.min(table.rows.length, HEADER_WITHIN);
    for (let i = 0; i < limit; i++) {
      const cells = table.rows[i]!.cells;
      if (!cells.some(c => /[\u4e00-\u9fff]/.test(c))) continue;
      const { columns, known } = mapSheetHeader(cells);
      const missing = missingColumns(columns);
      if (missing.length === 0 && known >= 3) return { table, headerAt: i, columns, missing };
      if (known >= 2 && known > bestKnown) {
        best = { table, headerAt: i, columns, missing };
        bestKnown = known;
      }
    }
  }
  return best;
}

/**
 * Lines for the title reader from the rows above the header. A label cell and its value sit in
 * separate cells (CCB `账　　号：` | `xxxx`, SPDB `账号` | `6200…` | `日期范围` | `20251201-20251231`),
 * so each label is also written joined to the cell after it.
 */
function titleLines(rows: readonly { cells: string[] }[]): string[] {
  const out: string[] = [];
  for (const { cells } of rows) {
    const filled = cells.filter(c => c !== '');
    if (filled.length === 0) continue;
    out.push(filled.join(','));
    for (let k = 0; k + 1 < filled.length; k++) out.push(`${filled[k]!.replace(/[:：]$/, '')}：${filled[k + 1]}`);
  }
  return out;
}

function result(issues: ParseIssue[], bankLines: BankLine[] = [], periods: StatementPeriod[] = []): ParseResult {
  return { format: 'cn-bank-xls', role: 'bank', acquirerTxns: [], bankLines, issues, merchantIds: [], acquirerName: null, periods };
}

/** A warning when rows after the footer that ends the table carry a date: credits the merchant would otherwise miss. */
function unreadAfterFooter(after: TextRows['rows'], columns: ColumnMap<CnBankField>, lastLine: number): ParseIssue[] {
  const dateCol = columns.bookedDate >= 0 ? columns.bookedDate : columns.tradeDate;
  const unread = after.filter(r => parseLocalDateTime(r.cells[dateCol] ?? '') !== null).length;
  if (unread === 0) return [];
  return [codedIssue(lastLine, '(footer)', 'warning', { code: 'rows_after_footer', params: { count: unread } })];
}

/** Reads a Chinese bank statement spreadsheet (CCB and SPDB .xls, .xlsx, or a securities firm's TSV named .xls). */
export function parseCnBankXls(bytes: Uint8Array, ctx: ParseContext): ParseResult {
  const tables = tablesOf(bytes);
  if (!Array.isArray(tables)) {
    const named: CodedIssue =
      tables.code === 'workbook_unreadable' ? { ...tables, params: { ...tables.params, fileName: ctx.fileName } } : tables;
    return result([codedIssue(1, '(file)', 'error', named)]);
  }
  const found = findHeader(tables);
  if (!found) {
    return result([
      codedIssue(1, '(header)', 'error', {
        code: 'no_statement_header',
        params: { fileName: ctx.fileName, within: HEADER_WITHIN, sheet: true },
      }),
    ]);
  }
  const headerRow = found.table.rows[found.headerAt]!;
  const lines = titleLines(found.table.rows.slice(0, found.headerAt));
  const card = cardStatementMark(headerRow.cells, lines);
  if (card) return result([cardStatementIssue(ctx.fileName, headerRow.line, card)]);
  if (found.missing.length > 0) {
    return result([codedIssue(headerRow.line, '(header)', 'error', { code: 'missing_columns', params: { columns: found.missing } })]);
  }
  const title = readCnBankTitle(lines);
  const sheet = newCnBankSheet(found.columns, headerRow.cells, title);
  const issues: ParseIssue[] = checkCnBankHeader(found.columns, headerRow.line);
  const bankLines: BankLine[] = [];
  const totals: (readonly string[])[] = [];
  let lastLine = headerRow.line;
  const notes = new NoteRows();
  const rows = found.table.rows;
  let footerAt = rows.length;
  for (let i = found.headerAt + 1; i < rows.length; i++) {
    const { line, cells } = rows[i]!;
    if (cells.every(c => c === '')) continue;
    // The file ends inside this row (every row of the text export ends with a tab): its missing cells are not blanks.
    if (line === found.table.unended && cells.length < headerRow.cells.length) {
      // Cut inside the last named cell, only the trailing tab missing: that cell is the one cut short.
      const named = headerRow.cells
        .slice(0, headerRow.cells.map(c => c !== '').lastIndexOf(true) + 1)
        .map((c, k) => c || `column ${k + 1}`);
      issues.push(cutRowIssue(line, named, Math.min(cells.length, named.length - 1)));
      continue;
    }
    // CCB ends with `以上数据仅供参考|具体内容请以柜台为准`: a disclaimer, not a row.
    if (isFooterLine(cells[0] ?? '') && !/^(合计|总计|小计)/.test(cells[0] ?? '')) {
      footerAt = i;
      break;
    }
    const r = mapCnBankRow(cells, line, sheet, issues);
    if (r.kind === 'total') {
      totals.push(r.cells);
      continue;
    }
    if (r.kind === 'note') {
      notes.add(line);
      continue;
    }
    if (r.kind === 'line') bankLines.push(r.bankLine);
    lastLine = line;
    if (i % 2000 === 0) ctx.onProgress?.(i / rows.length);
  }
  issues.push(...notes.issues(sheet), ...unreadAfterFooter(rows.slice(footerAt + 1), found.columns, lastLine));
  if (totals.length === 1) issues.push(...checkCnBankTotals(bankLines, totals[0]!, sheet, title.opening, lastLine));
  ctx.onProgress?.(1);
  const account = title.account || (bankLines[0]?.account ?? '');
  const periods: StatementPeriod[] = title.from || title.to ? [{ account, from: title.from, to: title.to }] : [];
  return result(issues, bankLines, periods);
}

/**
 * Scores a file by content: a workbook (or `="…"`-guarded tab-separated text) whose first rows hold
 * a Chinese statement header. A header that names columns but lacks a date or amount scores low, so
 * the file is still refused with the missing columns named rather than as an unknown format.
 */
export function sniffCnBankXls(head: string, bytes: Uint8Array): number {
  const kind = workbookKind(bytes);
  // Plain CSV belongs to cn-bank-csv; only the Excel-guarded TSV that pretends to be .xls is ours.
  if (!kind && !/^="[^"\n]*"\t/.test(head.replace(/^\ufeff/, ''))) return 0;
  const tables = tablesOf(bytes);
  // A guarded TSV too long to read is still ours: parse then says why it is refused.
  if (!Array.isArray(tables)) return kind ? 0 : 0.5;
  const found = findHeader(tables);
  if (!found) return 0;
  // A card statement is ours to refuse with the reason, whatever columns it lacks.
  const card = cardStatementMark(found.table.rows[found.headerAt]!.cells, titleLines(found.table.rows.slice(0, found.headerAt)));
  return found.missing.length === 0 || card ? 0.95 : 0.2;
}

/** Chinese bank statements as spreadsheets: BIFF .xls (CCB, SPDB), .xlsx, and TSV text named .xls. */
export const cnBankXls: Format = {
  name: 'cn-bank-xls',
  role: 'bank',
  sniff: sniffCnBankXls,
  parse: parseCnBankXls,
};
