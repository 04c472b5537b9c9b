// The bounds every reader keeps, so that no file — hostile, broken or merely odd — can make an import take
// more than time linear in its size, or memory beyond a fixed multiple of it.
import { codedIssue } from '../messages/index';
import type { ParseIssue, ParseResult } from '../model/types';

/**
 * The largest input file read (1 GiB): a year of card payments from a busy acquirer is about 130 MB, so
 * this leaves room for several years in one export while refusing a runaway file before it is read.
 */
export const MAX_INPUT_BYTES = 1 << 30;

/** Elements nested deeper than this refuse an XML or OFX file (camt nests about 15 deep, OFX about 8; libxml2 stops at 256). */
export const MAX_XML_DEPTH = 256;

/**
 * The most bytes a zip archive (an .xlsx, an Alipay bill) may inflate to, counted as they are inflated,
 * whatever its headers declare (Alipay's bill, a zip of CSVs, is held to 64 MB). A 160 KB Zettle statement
 * inflates to 1.2 MB.
 */
export const MAX_INFLATED_BYTES = 256 << 20;

/**
 * The most rows (records, entries, transactions) one file may hold. A busy year of card payments is about
 * 1,000,000 rows (~130 MB); past twice that, a file is refused with a clear message rather than let
 * it exhaust memory (ten million tiny QIF records took V8 past its 4 GB heap; two million take 1.7 GB).
 */
export const MAX_ROWS = 2_000_000;

/** The issue of a file with more than {@link MAX_ROWS} rows, on the line where the one too many starts. */
export function tooManyRows(line: number): ParseIssue {
  return codedIssue(line, '(file)', 'error', { code: 'too_many_rows', params: { max: MAX_ROWS } });
}

/** The most lines one quoted CSV field may run over; past this its closing quote is taken to be missing. */
export const MAX_FIELD_LINES = 10_000;

/** The most lines a line-based format (QIF, MT940, BAI2) may have: a record takes two to four lines. */
export const MAX_LINES = 4 * MAX_ROWS;

/**
 * The issue of a text with more than {@link MAX_LINES} lines, or null. Counted before the text is split into
 * lines: an array of a hundred million short lines would itself exhaust memory.
 */
export function tooManyLines(text: string): ParseIssue | null {
  let lines = 1;
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) {
    if (++lines > MAX_LINES) {
      return codedIssue(lines, '(file)', 'error', { code: 'too_many_lines', params: { max: MAX_LINES } });
    }
  }
  return null;
}

/** The most characters of a cell (or any input text) an issue's message quotes; longer text is cut with "…". */
export const MAX_QUOTED = 80;

/**
 * A function giving the 1-based line of an offset in `text`, for offsets asked in increasing order. It keeps
 * the next line break it found, so a file written on one line is not searched to its end at every tag.
 */
export function lineCounter(text: string): (at: number) => number {
  let line = 1;
  let next = text.indexOf('\n');
  if (next < 0) next = Infinity;
  return (at: number): number => {
    while (next < at) {
      line++;
      next = text.indexOf('\n', next + 1);
      if (next < 0) next = Infinity;
    }
    return line;
  };
}

/** `text` as a message may quote it: at most {@link MAX_QUOTED} characters, cut with "…". */
export function shown(text: string, max = MAX_QUOTED): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

/** A message longer than this is cut (after its quoted parts are) so that no issue echoes a file. */
export const MAX_MESSAGE = 600;

/**
 * An issue's message with every quoted piece ("…" or '…') longer than {@link MAX_QUOTED} characters cut,
 * and the whole at most {@link MAX_MESSAGE} characters. Applied to every issue a parse returns, so a bad 5 MB cell is
 * never echoed whole whichever reader quoted it.
 */
export function boundMessage(message: string): string {
  if (message.length <= MAX_QUOTED) return message;
  const cut = message.replace(QUOTED, (whole, double: string | undefined, single: string | undefined) => {
    const inner = double ?? single ?? '';
    if (inner.length <= MAX_QUOTED) return whole;
    const q = double !== undefined ? '"' : "'";
    return `${q}${shown(inner)}${q}`;
  });
  return cut.length <= MAX_MESSAGE ? cut : `${cut.slice(0, MAX_MESSAGE)}…`;
}

// A run of quote-free text between double quotes, or between single quotes that do not stand inside a word.
const QUOTED = /"([^"]*)"|(?<![\w])'([^']*)'(?![\w])/g;

/** An issue's parameters with every text cut to {@link MAX_QUOTED} characters (the same object when none needs it). */
function boundParams<P extends object>(params: P): P {
  const long = (v: unknown) => (typeof v === 'string' && v.length > MAX_QUOTED) || (Array.isArray(v) && v.some(long));
  if (!Object.values(params).some(long)) return params;
  const cut = (v: unknown): unknown => (typeof v === 'string' ? shown(v) : Array.isArray(v) ? v.map(cut) : v);
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, cut(v)])) as P;
}

/** An issue with its message bounded by {@link boundMessage} and its parameters' texts cut (the same object when none needs it). */
function boundIssue(issue: ParseIssue): ParseIssue {
  const message = boundMessage(issue.message);
  const params = issue.params === undefined ? undefined : boundParams(issue.params);
  if (message === issue.message && params === issue.params) return issue;
  return { ...issue, message, ...(params === undefined ? {} : { params }) } as ParseIssue;
}

/** `result` with every issue bounded by {@link boundIssue} (the same object when none needs it). */
export function boundIssues(result: ParseResult): ParseResult {
  const issues = result.issues.map(boundIssue);
  return issues.every((i, k) => i === result.issues[k]) ? result : { ...result, issues };
}
