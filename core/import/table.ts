import { codedIssue, type CodedIssue } from '../messages/index';
import { decodeChunks, detectEncoding, type Encoding } from './decode';
import type { ParseIssue } from '../model/types';
import { MAX_FIELD_LINES, MAX_ROWS, tooManyRows } from './limits';

/** Which columns a table format needs, each under any of its header names. */
export interface TableSpec<F extends string> {
  /** Field → the header names it may carry (compared after {@link normalizeHeader}). */
  readonly fields: Readonly<Record<F, readonly string[]>>;
  /** Fields that must all be present for a row to count as the header row. */
  readonly required: readonly F[];
  /** Rows to search for the header (title lines come before it). Default 40. */
  readonly headerWithin?: number;
}

/** The column index of each field found in the header row (-1 when absent). */
export type ColumnMap<F extends string> = Readonly<Record<F, number>>;

/** A data row: its 1-based line number and its cleaned cells. */
export interface TableRow {
  readonly line: number;
  readonly cells: readonly string[];
}

/** What {@link readTable} found around the rows it handed out. */
export interface TableInfo<F extends string> {
  /** Lines before the header row (title, account, period…), cleaned. */
  readonly preamble: string[];
  /** Lines after the table (合计…, disclaimers). */
  readonly footer: string[];
  /** The line the footer starts on (0 without one), for issues about its totals. */
  readonly footerLine: number;
  readonly columns: ColumnMap<F> | null;
  readonly header: readonly string[];
  readonly headerLine: number;
  readonly delimiter: string;
  readonly encoding: Encoding;
  readonly issues: ParseIssue[];
}

/**
 * Cleans one cell as Excel-guarded exports print it: trims spaces, tabs and ideographic
 * spaces; strips `="…"` formula guards, a leading backtick (WeChat Pay) or apostrophe.
 */
export function cleanCell(raw: string): string {
  let s = raw;
  const first = s.charCodeAt(0);
  const last = s.charCodeAt(s.length - 1);
  // Fast path: most cells have nothing to clean.
  if (
    first > 0x20 &&
    first !== 0x3d &&
    first !== 0x60 &&
    first !== 0x27 &&
    first !== 0x22 &&
    first !== 0x3000 &&
    first !== 0xfeff &&
    first !== 0xa0 &&
    last > 0x20 &&
    last !== 0x3000 &&
    last !== 0xa0
  )
    return s;
  // trim() removes exactly JavaScript's \s (ideographic space, NBSP and BOM included), far faster than a regex.
  s = s.trim();
  // Quotes first (a whole quoted cell may reach here unsplit), then the guards inside them.
  if (s.length >= 3 && s.startsWith('="') && s.endsWith('"')) s = s.slice(2, -1).replace(/""/g, '"').trim();
  else if (s.length >= 2 && s.startsWith('"') && s.endsWith('"')) s = s.slice(1, -1).replace(/""/g, '"').trim();
  if (s.startsWith('=') && /^=\d/.test(s)) s = s.slice(1);
  if (s.startsWith('`') || s.startsWith("'")) s = s.slice(1);
  return s.trim();
}

/** A header name reduced for comparison: no spaces, ASCII parentheses, lower case. */
export function normalizeHeader(raw: string): string {
  return cleanCell(raw)
    .replace(/[\s\u3000\u00a0]+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/：/g, ':')
    .toLowerCase();
}

/** Splits one CSV record (RFC 4180 quoting) into raw cells. */
export function splitRecord(line: string, delimiter: string): string[] {
  if (line.indexOf('"') < 0) return line.split(delimiter);
  // Lakala-style rows guard every id as `="0123"`: when each quoted piece is whole (`"…"` or `="…"`,
  // no delimiter or doubled quote inside), a plain split is right and cleanCell strips the quotes.
  // Counting quotes proves it cheaply: each whole piece holds exactly two, so the line holds twice as many.
  const pieces = line.split(delimiter);
  let wholeQuotes = 0;
  for (let k = 0; k < pieces.length; k++) {
    const p = pieces[k]!;
    const first = p.charCodeAt(0);
    const open = first === 0x22 ? 0 : first === 0x3d && p.charCodeAt(1) === 0x22 ? 1 : -1;
    if (open >= 0 && p.length - 1 > open && p.charCodeAt(p.length - 1) === 0x22) wholeQuotes += 2;
  }
  if (wholeQuotes === countQuotes(line)) return pieces;
  // Scans by slices rather than appending character by character: a 100,000-row bank statement with
  // quoted amounts (`"1,234.56"`) spent most of its import time here. Linear in the line: whether the cell
  // so far is blank (so that a quote opens a quoted field) is tracked piece by piece, never by re-reading
  // the cell, which made a cell of 400,000 quotes take half a minute.
  const cells: string[] = [];
  const sep = delimiter.length === 1 ? delimiter.charCodeAt(0) : -1;
  const n = line.length;
  let cell = '';
  let blank = true; // the cell so far is only spaces and `=` guards
  let i = 0;
  while (i < n) {
    let j = i;
    while (j < n) {
      const ch = line.charCodeAt(j);
      if (ch === sep || ch === 0x22) break;
      j++;
    }
    cell += line.slice(i, j);
    if (blank) blank = blankOrGuard(line, i, j);
    if (j >= n) break;
    i = j + 1;
    if (line.charCodeAt(j) === sep) {
      cells.push(cell);
      cell = '';
      blank = true;
      continue;
    }
    // A quote opens a quoted field, also behind an Excel `=` guard (`="0123"` keeps its leading zero).
    if (!blank) {
      cell += '"';
      continue;
    }
    // The field runs to the first quote that is not doubled (or the line's end); taken as one slice, its
    // doubled quotes undone in one pass rather than appended one by one.
    let close = line.indexOf('"', i);
    let doubled = false;
    while (close >= 0 && line.charCodeAt(close + 1) === 0x22) {
      doubled = true;
      close = line.indexOf('"', close + 2);
    }
    const end = close < 0 ? n : close;
    cell = doubled ? line.slice(i, end).replaceAll('""', '"') : line.slice(i, end);
    blank = !doubled && blankOrGuard(line, i, end);
    i = close < 0 ? n : close + 1;
  }
  cells.push(cell);
  return cells;
}

/** True when `line[from, to)` is only `=` and what JavaScript's `\s` matches (what may stand before a quoted field). */
function blankOrGuard(line: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = line.charCodeAt(k);
    if (c === 0x3d || c === 0x20 || (c >= 0x09 && c <= 0x0d)) continue;
    if (c < 0xa0 || !/\s/.test(line[k]!)) return false;
  }
  return true;
}

/** The index of the cell of `line` whose quoted field is still open at the end of the line (0 when none is). */
function unclosedQuoteCell(line: string, delimiter: string): number {
  let k = 0;
  let i = 0;
  while (i <= line.length) {
    let j = i;
    while (j < line.length && line.charCodeAt(j) !== 0x22 && !line.startsWith(delimiter, j)) j++;
    if (j < line.length && line.charCodeAt(j) === 0x22 && blankOrGuard(line, i, j)) {
      // A quoted field: find its closing quote, stepping over doubled ones.
      let q = j + 1;
      for (;;) {
        q = line.indexOf('"', q);
        if (q < 0) return k;
        if (line.charCodeAt(q + 1) === 0x22) {
          q += 2;
          continue;
        }
        break;
      }
      j = q + 1;
    }
    const next = line.indexOf(delimiter, j);
    if (next < 0) return 0;
    k++;
    i = next + delimiter.length;
  }
  return 0;
}

function countQuotes(s: string): number {
  let n = 0;
  for (let i = s.indexOf('"'); i >= 0; i = s.indexOf('"', i + 1)) n++;
  return n;
}

const BLANK_ROW = /^[\s,;\t]*$/;
const FOOTER = /^(合计|总计|小计|汇总|共\d|以上|注[:：]|说明[:：]|total|sum\b|end of|-{3,}|={3,}|#)/i;

/** True for a line that ends a table: totals, disclaimers, separators, `#` comments. */
export function isFooterLine(firstCell: string): boolean {
  return FOOTER.test(firstCell);
}

function detectDelimiter(line: string): string {
  let best = ',',
    bestCount = 0;
  for (const d of [',', '\t', ';', '|']) {
    const n = splitRecord(line, d).length - 1;
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

function mapHeader<F extends string>(cells: readonly string[], spec: TableSpec<F>): ColumnMap<F> | null {
  const norm = cells.map(normalizeHeader);
  const map = {} as Record<F, number>;
  for (const field of Object.keys(spec.fields) as F[]) {
    const names = spec.fields[field].map(normalizeHeader);
    map[field] = norm.findIndex(h => names.includes(h));
  }
  return spec.required.every(f => map[f] >= 0) ? map : null;
}

/** The error for a row the file ends inside: its missing cells are not blanks. Names the first missing field. */
/**
 * The name an issue gives column `k`: its header cell, or its place when that cell is blank (a header
 * `a,,c` names no second column; an issue's field is never empty), or `(row)` past the header's end.
 */
export function columnName(header: readonly string[], k: number): string {
  if (k < 0 || k >= header.length) return '(row)';
  return header[k]!.trim() || `column ${k + 1}`;
}

export function cutRowIssue(line: number, header: readonly string[], cellsRead: number): ParseIssue {
  return codedIssue(line, columnName(header, cellsRead), 'error', {
    code: 'cut_row',
    params: { read: cellsRead, fields: header.length, missing: header.slice(cellsRead) },
  });
}

/**
 * Reads a delimited table out of a file: finds the header row by its names (skipping title lines),
 * hands each data row to `onRow` with cleaned cells, and stops at a footer. Streams the file in chunks.
 * Never throws; a row with the wrong number of cells becomes an issue naming its line.
 */
export function readTable<F extends string>(
  bytes: Uint8Array,
  spec: TableSpec<F>,
  onRow: (row: TableRow, columns: ColumnMap<F>, header: readonly string[]) => void,
  options: {
    encoding?: Encoding;
    delimiter?: string;
    onProgress?: (share: number) => void;
    /** Bytes decoded at a time (ParseContext.chunkBytes). */
    chunkBytes?: number | undefined;
    /**
     * For million-row formats: offered each data row that starts with a digit as `text[start, end)` first,
     * in place (no string per line), with the first quote at or after `start` (≥ `end` when the row has
     * none). Return true when it read the row itself; false sends it the usual way, which also handles a
     * quoted field running over several lines (FieldScanner refuses unpaired quotes).
     */
    rawLine?: (
      text: string,
      start: number,
      end: number,
      lineNo: number,
      columns: ColumnMap<F>,
      delimiter: string,
      width: number,
      firstQuote: number,
    ) => boolean;
  } = {},
): TableInfo<F> {
  const encoding = options.encoding ?? detectEncoding(bytes);
  const preamble: string[] = [];
  const footer: string[] = [];
  let footerLine = 0;
  const issues: ParseIssue[] = [];
  let columns: ColumnMap<F> | null = null;
  let header: string[] = [];
  let headerLine = 0;
  let delimiter = options.delimiter ?? ',';
  let width = 0;
  let ended = false;
  let carry: string[] = [];
  let carryLine = 0;
  const within = spec.headerWithin ?? 40;
  let seen = 0;
  const total = bytes.length;
  let done = 0;
  let dataLines = 0; // data rows seen, good or bad: bounded by MAX_ROWS
  let stop = false; // refused part way: the rest of the file is not read
  /** The issue of the quote that opened the carried lines, named by the cell it opened in. */
  const unclosed = (coded: CodedIssue): void => {
    const k = unclosedQuoteCell(carry[0]!, delimiter);
    issues.push(codedIssue(carryLine || 1, columns ? columnName(header, k) : '(row)', 'error', coded));
  };

  decodeChunks(
    bytes,
    (text, firstLine) => {
      let lineNo = firstLine;
      let pos = 0;
      let nextQuote = -1; // the first quote at or after the current line, found once per stretch without quotes
      while (pos < text.length) {
        let nl = text.indexOf('\n', pos);
        // Chunks end where lines do (decodeChunks): a line without its line break is the file's last, cut or not.
        const unended = nl < 0;
        if (nl < 0) nl = text.length;
        const start = pos;
        const end = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        pos = nl + 1;
        const thisLine = lineNo++;
        if (columns && !ended && ++dataLines > MAX_ROWS) {
          issues.push(tooManyRows(thisLine));
          stop = true;
          break;
        }
        // The file ends inside a multi-byte character (a GBK or UTF-8 character cut in two): its last cell is cut short.
        const cutChar = unended && end > start && text.charCodeAt(end - 1) === 0xfffd;
        if (columns && carry.length === 0 && !ended && options.rawLine && end > start && !cutChar) {
          const c0 = text.charCodeAt(start);
          if (nextQuote < start) {
            nextQuote = text.indexOf('"', start);
            if (nextQuote < 0) nextQuote = text.length;
          }
          if (c0 >= 48 && c0 <= 57 && options.rawLine(text, start, end, thisLine, columns, delimiter, width, nextQuote)) continue;
        }
        let line = text.slice(start, end);
        // A quoted field running over several lines: its lines are kept and joined once it closes. Each line's
        // quotes are counted once (re-counting the whole carried text made an unclosed quote quadratic).
        if (carry.length > 0) {
          carry.push(line);
          if (carry.length > MAX_FIELD_LINES) {
            // No real cell runs this long: the quote is never closed. Refused here, not at the end of the file.
            unclosed({ code: 'quote_too_long', params: { inRow: columns !== null, max: MAX_FIELD_LINES } });
            stop = true;
            break;
          }
          if (line.indexOf('"') < 0 || countQuotes(line) % 2 === 0) continue;
          line = carry.join('\n');
          carry = [];
        } else if (line.indexOf('"') >= 0 && countQuotes(line) % 2 === 1) {
          carry = [line];
          carryLine = thisLine;
          continue;
        }
        const at = carryLine && line.includes('\n') ? carryLine : thisLine;
        carryLine = 0;
        if (ended) {
          if (line.trim()) footer.push(cleanCell(line));
          continue;
        }
        if (!columns) {
          if (seen++ >= within) {
            ended = true;
            continue;
          }
          const d = options.delimiter ?? detectDelimiter(line);
          const cells = splitRecord(line, d).map(cleanCell);
          const map = mapHeader(cells, spec);
          if (map) {
            columns = map;
            header = cells;
            headerLine = at;
            delimiter = d;
            width = cells.length;
          } else if (line.trim()) preamble.push(cleanCell(line));
          continue;
        }
        // A data row nearly always starts with a digit (a date, an id): only other rows need the slower checks.
        const c0 = line.charCodeAt(0);
        const digitFirst = c0 >= 48 && c0 <= 57;
        if (line.length === 0 || (!digitFirst && BLANK_ROW.test(line))) continue;
        const raw = splitRecord(line, delimiter);
        if (!digitFirst && isFooterLine(cleanCell(raw[0] ?? ''))) {
          ended = true;
          footerLine = at;
          footer.push(cleanCell(line));
          continue;
        }
        // Trailing empty cells (a trailing comma on every row) are not a width error.
        while (raw.length > width && cleanCell(raw[raw.length - 1]!) === '') raw.pop();
        if (raw.length < width && raw.length > 1) {
          // The file ends inside this row: its missing cells are not blanks (issue 16: a cut Adyen fee read as 0.10).
          if (unended) {
            issues.push(cutRowIssue(at, header, raw.length));
            continue;
          }
          for (let k = raw.length; k < width; k++) raw.push('');
        }
        if (raw.length !== width) {
          issues.push(
            codedIssue(at, columnName(header, Math.min(raw.length, width) - 1), 'error', {
              code: 'field_count',
              params: { expected: width, found: raw.length },
            }),
          );
          continue;
        }
        if (cutChar) {
          issues.push(
            codedIssue(at, columnName(header, raw.length - 1), 'error', {
              code: 'ends_inside',
              params: { what: 'character', element: '', openedOn: null },
            }),
          );
          continue;
        }
        // Cleaned in place: one array per row, not two (a million rows make a lot of garbage otherwise).
        for (let k = 0; k < raw.length; k++) raw[k] = cleanCell(raw[k]!);
        onRow({ line: at, cells: raw }, columns, header);
      }
      done += text.length;
      options.onProgress?.(Math.min(1, done / Math.max(1, total)));
      return !stop;
    },
    encoding,
    options.chunkBytes,
  );
  if (carry.length > 0 && !stop) {
    unclosed({ code: 'unclosed_quote', params: { inRow: columns !== null, lines: carry.length - 1 } });
  }
  return { preamble, footer, footerLine, columns, header, headerLine, delimiter, encoding, issues };
}

/**
 * Returns `s` stored flat. A string built with `+` is kept by V8 as a tree of its parts until first read;
 * reading one character flattens it in place. For a million stored `at` values that halves their memory.
 */
export function flat(s: string): string {
  s.charCodeAt(0);
  return s;
}

/**
 * `s` as a string of its own. A slice of 13 characters or more is kept by V8 as a view into the string it
 * came from (a whole decoded chunk of the file), which would then stay alive as long as the slice. Joined
 * from two short pieces and flattened, the copy keeps nothing else (the collector drops the join).
 */
export function ownCopy(s: string): string {
  return s.length < 13 ? s : flat(s.slice(0, 6) + s.slice(6));
}
