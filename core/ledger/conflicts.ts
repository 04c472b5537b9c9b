// How a captured row that an export contradicts is recorded: a warning on the capture's file whose
// message starts with this mark (captures.ts writes it; the ledger's import screen lists them). Kept apart
// from captures.ts so a page can tell them without loading the parsers.
import type { ParseIssue } from '../model/types';

export const CONFLICT = 'conflict: ';

/** Whether a file's warning is a captured row that an export contradicts. */
export function isCaptureConflict(issue: ParseIssue): boolean {
  return issue.message.startsWith(CONFLICT);
}
