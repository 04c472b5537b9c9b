import { cleanCell } from '../table';
import { numberText, type Cell } from './cell';
import { serialDateTime } from './serial';

/**
 * The text a table parser should see for a cell. Numbers come from the stored double, not the
 * display (a `0` format would show 12.345 as `12`); fractions are cut to 15 significant digits, as
 * Excel does, so a generator's float noise (0.30000000000000004) does not read as a third decimal,
 * while long integers (card and account numbers) keep every digit. Date cells become
 * `YYYY-MM-DD[ HH:MM:SS]`, or `HH:MM:SS` for a time-only cell. Text is cleaned like a CSV cell.
 */
export function cellText(cell: Cell): string {
  if (cell.number === null) return cleanCell(cell.text);
  const n = cell.number;
  if (cell.isDate) {
    const dt = serialDateTime(n);
    if (!dt) return cleanCell(cell.text);
    if (n < 1) return dt.time ?? '';
    return n === Math.floor(n) ? dt.date : `${dt.date} ${dt.time}`;
  }
  return Number.isInteger(n) ? numberText(n) : numberText(Number(n.toPrecision(15)));
}
