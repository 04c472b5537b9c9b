import { codedIssue } from '../messages/index';
import type { ParseIssue, ParseResult } from '../model/types';

/**
 * An id Excel turned into a number in scientific notation (`4.00123E+27`, `1.2302025304E+022`): a long
 * reference opened in Excel and saved again keeps only its first digits, so it can never equal the
 * acquirer's or the bank's own id. A `#2` suffix is the one UniqueIds adds to repeats.
 */
const MANGLED = /^[+-]?\d(?:[.,]\d+)?E\+?\d{1,3}(?:#\d+)?$/i;

/** True for an id Excel has rewritten in scientific notation. */
export function isExcelMangledId(text: string): boolean {
  const c = text.charCodeAt(0);
  return c >= 0x2b && c <= 0x39 && MANGLED.test(text);
}

// Results already checked, so a mapped format read through parseFile is not warned about twice.
const CHECKED = new WeakSet<ParseResult>();

/**
 * The result with one warning per id field that holds ids in Excel's scientific notation: how many rows,
 * and the first one's line. Such ids are kept (the amounts and dates are still good) but cannot be matched.
 */
export function warnMangledIds(result: ParseResult): ParseResult {
  if (CHECKED.has(result)) return result;
  const found = new Map<string, { count: number; line: number; example: string }>();
  const see = (field: string, value: string | null | undefined, line: number): void => {
    if (!value || !isExcelMangledId(value)) return;
    const seen = found.get(field);
    if (seen) seen.count++;
    else found.set(field, { count: 1, line, example: value });
  };
  for (const t of result.acquirerTxns) {
    see('id', t.id, t.line);
    see('payoutId', t.payoutId, t.line);
    see('originalId', t.originalId, t.line);
    see('reference', t.reference, t.line);
  }
  for (const l of result.bankLines) see('id', l.id, l.line);
  if (found.size === 0) {
    CHECKED.add(result);
    return result;
  }
  const warnings: ParseIssue[] = [...found].map(([field, { count, line, example }]) =>
    codedIssue(line, field, 'warning', { code: 'excel_mangled_ids', params: { count, field, example: example.replace(/#\d+$/, '') } }),
  );
  const checked = { ...result, issues: [...result.issues, ...warnings] };
  CHECKED.add(checked);
  return checked;
}
