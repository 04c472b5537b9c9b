import { readXls } from './biff';
import { isCompoundFile } from './cfb';
import { isZip, readXlsx } from './xlsx';
import { workbookFailure, type WorkbookResult } from './workbook';

export { EMPTY_CELL, numberText, type Cell } from './cell';
export { serialDateTime } from './serial';
export { cellText } from './text';
export type { Sheet, WorkbookResult } from './workbook';

/** Which spreadsheet container the bytes are, from their signature: zip (.xlsx), OLE2 (.xls), or neither. */
export function workbookKind(bytes: Uint8Array): 'xlsx' | 'xls' | null {
  if (isZip(bytes)) return 'xlsx';
  if (isCompoundFile(bytes)) return 'xls';
  return null;
}

/**
 * Reads an Excel workbook, .xlsx or BIFF5/BIFF8 .xls, chosen by content, into sheets of rows of
 * cells. Never throws: a file that is neither, or is damaged, is `{ ok: false, message }`.
 * A ".xls" that is really text (a GBK TSV, as some Chinese securities firms export) is not a
 * workbook: read it with readTable instead.
 */
export function readWorkbook(bytes: Uint8Array): WorkbookResult {
  try {
    switch (workbookKind(bytes)) {
      case 'xlsx':
        return readXlsx(bytes);
      case 'xls':
        return readXls(bytes);
      default:
        return workbookFailure('not_workbook');
    }
  } catch (err) {
    // The readers return their errors as values; this catches a reader bug, not bad input.
    return workbookFailure('failed', err instanceof Error ? err.message : String(err));
  }
}
