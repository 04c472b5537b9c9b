// What the ledger records about a parsed file beside its rows: the days it covers and the order of its
// issues. The ledger's import (core/ledger/imports.ts) and the command line's replica export share them.
import type { ParseIssue, ParseResult } from '../model/types';

/** How many of a file's issues are kept with it (the first, in issueOrder). */
export const MAX_ISSUES = 50;

/** Issues errors first, then by line: the order a file's issues are kept and shown in. */
export function issueOrder(a: ParseIssue, b: ParseIssue): number {
  return (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) || a.line - b.line;
}

/** The first and last date a parsed file covers: a statement's declared periods (else its booking dates), an export's trade dates. */
export function coveredDates(result: ParseResult): { from: string | null; to: string | null } {
  let from: string | null = null,
    to: string | null = null;
  const see = (d: string | null | undefined) => {
    if (!d) return;
    if (from === null || d < from) from = d;
    if (to === null || d > to) to = d;
  };
  if (result.role === 'bank') {
    for (const p of result.periods) {
      see(p.from);
      see(p.to);
    }
    if (from === null) for (const b of result.bankLines) see(b.bookedOn);
  } else {
    for (const t of result.acquirerTxns) see(t.at.slice(0, 10));
  }
  return { from, to };
}
