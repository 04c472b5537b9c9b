/**
 * One spreadsheet cell as a reader found it. `text` is what Excel would display; a numeric cell
 * also keeps its raw `number`, so Excel serial dates (Zettle `Afregningsdato`) and amounts
 * (CCB `2,176.91` is stored as 2176.91 with a `#,##0.00` format) stay exact.
 */
export interface Cell {
  /** The displayed text: a string cell as stored, a number rendered with its number format. */
  readonly text: string;
  /** The stored number of a numeric cell (or of a formula's numeric result); null otherwise. */
  readonly number: number | null;
  /** True when the cell's number format shows a date or time: `number` is then an Excel serial day. */
  readonly isDate: boolean;
}

/** The cell a missing or blank position reads as. */
export const EMPTY_CELL: Cell = Object.freeze({ text: '', number: null, isDate: false });

/** A text cell. */
export function textCell(text: string): Cell {
  return text === '' ? EMPTY_CELL : { text, number: null, isDate: false };
}

/**
 * A number in plain decimal notation, the shortest text that reads back as the same double
 * (`2176.91`, never `2.17691e3` or `1e-7`), so money can go through parseAmount exactly.
 */
export function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const s = String(n);
  if (!/e/i.test(s)) return s;
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/i.exec(s);
  if (!m) return s;
  const sign = m[1]!,
    digits = m[2]! + (m[3] ?? ''),
    exp = Number(m[4]);
  const point = 1 + exp;
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
