import { renderCode, type CodedIssue } from '../../messages/index';
import type { WorkbookReason } from '../../messages/types';
import type { Cell } from './cell';

/** One worksheet: its tab name and its rows; `rows[i]` is spreadsheet row `i + 1`, `rows[i][j]` column `j + 1`. */
export interface Sheet {
  readonly name: string;
  readonly rows: Cell[][];
}

/** What a workbook reader returns: the sheets in tab order, or why the file cannot be read (coded, and in English). Never thrown. */
export type WorkbookResult =
  { readonly ok: true; readonly sheets: Sheet[] } | { readonly ok: false; readonly message: string; readonly problem: CodedIssue };

/** A workbook that cannot be read, for `reason` (`detail` and `sheet` as the reason quotes them). */
export function workbookFailure(reason: WorkbookReason, detail = '', sheet: string | null = null): Extract<WorkbookResult, { ok: false }> {
  const problem: CodedIssue = { code: 'workbook_unreadable', params: { reason, detail, sheet, fileName: null } };
  return { ok: false, message: renderCode(problem, 'en'), problem };
}

/** The failure of a sheet's cells: one outside Excel's grid or past the cell limit. */
export function tooManyCells(sheet: string): Extract<WorkbookResult, { ok: false }> {
  return workbookFailure('too_many_cells', String(SHEET_LIMITS.maxCells), sheet);
}

/** Limits that keep a hostile or broken file from exhausting memory (Excel's own grid is 1,048,576 × 16,384). */
export const SHEET_LIMITS = { maxRows: 1_048_576, maxColumns: 16_384, maxCells: 20_000_000 } as const;

/** Rows being filled by a reader, with the number of slots (cells plus the gaps before them) spent so far. */
export interface Grid {
  readonly rows: Cell[][];
  slots: number;
}

/**
 * Puts a cell into a dense row grid, filling gaps with `empty`. False when the position is outside
 * Excel's grid or the grid would exceed {@link SHEET_LIMITS}.maxCells slots: one cell at column XFD
 * costs 16,384 slots, so a hostile file cannot make a few bytes cost gigabytes.
 */
export function placeCell(grid: Grid, row: number, col: number, cell: Cell, empty: Cell): boolean {
  if (row < 0 || col < 0 || row >= SHEET_LIMITS.maxRows || col >= SHEET_LIMITS.maxColumns) return false;
  const rows = grid.rows;
  const newRows = Math.max(0, row + 1 - rows.length);
  const existing = rows[row]?.length ?? 0;
  const cost = newRows + Math.max(0, col + 1 - existing);
  if (grid.slots + cost > SHEET_LIMITS.maxCells) return false;
  grid.slots += cost;
  while (rows.length <= row) rows.push([]);
  const r = rows[row]!;
  while (r.length < col) r.push(empty);
  r[col] = cell;
  return true;
}
