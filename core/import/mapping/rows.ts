import { decodeChunks, detectEncoding } from '../decode';
import { cellText, readWorkbook, workbookKind, type WorkbookResult } from '../sheet/index';
import { workbookFailure } from '../sheet/workbook';
import type { CodedIssue } from '../../messages/index';
import { cleanCell, splitRecord } from '../table';
import { MAX_ROWS, tooManyRows } from '../limits';

/** One record of a file: its 1-based line (spreadsheet row) and its cleaned cells. */
export interface RawRow {
  readonly line: number;
  readonly cells: readonly string[];
}

/** The records of a file, or why it has none. */
export type RowsResult =
  | { readonly ok: true; readonly rows: RawRow[]; readonly workbook: boolean }
  | { readonly ok: false; readonly message: string; readonly problem: CodedIssue };

const DELIMITERS = [',', ';', '\t', '|'] as const;

function countQuotes(s: string): number {
  let n = 0;
  for (let i = s.indexOf('"'); i >= 0; i = s.indexOf('"', i + 1)) n++;
  return n;
}

/**
 * The physical records of a text file: lines, joined while a quoted field is still open. Kept as
 * raw text so the delimiter can be chosen after looking at them. Decodes in line-aligned chunks, so
 * a large GBK export never becomes one huge string, and stops once `limit` records are read.
 */
export function textRecords(bytes: Uint8Array, limit = Number.POSITIVE_INFINITY): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  // The lines of a quoted field still open, joined once it closes: each line's quotes are counted once.
  let carry: string[] = [];
  let carryLine = 0;
  decodeChunks(
    bytes,
    (text, firstLine) => {
      let pos = 0;
      let lineNo = firstLine;
      while (pos < text.length && out.length < limit) {
        let nl = text.indexOf('\n', pos);
        if (nl < 0) nl = text.length;
        const raw = text.slice(pos, nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl);
        pos = nl + 1;
        if (carry.length > 0) {
          carry.push(raw);
          if (countQuotes(raw) % 2 === 1) {
            out.push({ line: carryLine, text: carry.join('\n') });
            carry = [];
          }
        } else if (countQuotes(raw) % 2 === 1) {
          carry = [raw];
          carryLine = lineNo;
        } else {
          out.push({ line: lineNo, text: raw });
        }
        lineNo++;
      }
      return out.length < limit;
    },
    detectEncoding(bytes),
  );
  // A quote never closed keeps what it swallowed as one record, so no line silently disappears.
  if (carry.length > 0 && out.length < limit) out.push({ line: carryLine, text: carry.join('\n') });
  return out;
}

/**
 * The delimiter that splits the records most consistently: the largest share of records with the
 * same number of fields, then the most fields. Decimal commas make `,` look consistent too in the
 * Danish `;` file (`-151,25;353.226,14`), which is why the field count breaks ties.
 */
export function guessDelimiter(records: readonly string[]): string {
  let best: string = ',';
  let bestShare = -1;
  let bestWidth = 0;
  const sample = records.filter(r => r.trim() !== '').slice(0, 200);
  for (const d of DELIMITERS) {
    const counts = new Map<number, number>();
    for (const r of sample) {
      const n = splitRecord(r, d).length;
      counts.set(n, (counts.get(n) ?? 0) + 1);
    }
    let width = 0,
      freq = 0;
    for (const [n, f] of counts)
      if (n > 1 && (f > freq || (f === freq && n > width))) {
        width = n;
        freq = f;
      }
    if (width < 2) continue;
    const share = freq / Math.max(1, sample.length);
    if (share > bestShare + 0.05 || (Math.abs(share - bestShare) <= 0.05 && width > bestWidth)) {
      best = d;
      bestShare = share;
      bestWidth = width;
    }
  }
  return best;
}

// Guessing a mapping and then parsing reads one workbook twice; keep its rows while the bytes live.
const SHEETS = new WeakMap<Uint8Array, RawRow[] | Extract<WorkbookResult, { ok: false }>>();

/** The rows of the first sheet that has cells, as parser text. */
function firstSheet(bytes: Uint8Array): RawRow[] | Extract<WorkbookResult, { ok: false }> {
  const cached = SHEETS.get(bytes);
  if (cached !== undefined) return cached;
  const wb = readWorkbook(bytes);
  let out: RawRow[] | Extract<WorkbookResult, { ok: false }>;
  if (!wb.ok) out = wb;
  else {
    const sheet = wb.sheets.find(s => s.rows.some(r => r.length > 0));
    out = sheet ? sheet.rows.map((r, i) => ({ line: i + 1, cells: r.map(cellText) })) : workbookFailure('no_cells');
  }
  SHEETS.set(bytes, out);
  return out;
}

/**
 * Reads a file as rows of cleaned cells: the first non-empty sheet of a workbook, or a text file
 * split by `delimiter` (guessed when null). Never throws.
 */
export function readRows(
  bytes: Uint8Array,
  delimiter: string | null,
  limit = Number.POSITIVE_INFINITY,
): RowsResult & { delimiter?: string } {
  if (workbookKind(bytes)) {
    const sheet = firstSheet(bytes);
    if (!Array.isArray(sheet)) return { ok: false, message: sheet.message, problem: sheet.problem };
    return { ok: true, rows: sheet.length > limit ? sheet.slice(0, limit) : sheet, workbook: true, delimiter: '' };
  }
  const records = textRecords(bytes, Math.min(limit, MAX_ROWS + 1));
  if (records.length > MAX_ROWS) {
    const problem: CodedIssue = { code: 'too_many_rows', params: { max: MAX_ROWS } };
    return { ok: false, message: tooManyRows(records[MAX_ROWS]!.line).message, problem };
  }
  const d = delimiter || guessDelimiter(records.map(r => r.text));
  return {
    ok: true,
    rows: records.map(r => ({ line: r.line, cells: splitRecord(r.text, d).map(cleanCell) })),
    workbook: false,
    delimiter: d,
  };
}
