import type { ParseIssue } from '../../model/types';
import { codedIssue } from '../../messages/index';
import { parseWithProfile, profileProblem } from './parse';
import type { MappingProfile } from './profile';
import { readRows } from './rows';

/** One row as a mapping reads it, for the merchant to check before saving. */
export interface PreviewRow {
  readonly line: number;
  /** `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM:SS` for an acquirer row. */
  readonly date: string;
  /** Bank: the signed amount; acquirer: the gross. */
  readonly amountMinor: number;
  readonly currency: string;
  /** Bank: the counterparty (else the description); acquirer: the terminal (else the row id). */
  readonly counterparty: string;
}

/** What a mapping makes of the first rows of a file: the raw cells, the rows it reads, and every problem. */
export interface MappingPreview {
  /** Header cells as printed (empty when the profile says there is none). */
  readonly header: readonly string[];
  /** The first data records' cells, split with the profile's delimiter. */
  readonly raw: readonly (readonly string[])[];
  /** Columns in the widest of header and raw rows. */
  readonly width: number;
  readonly rows: readonly PreviewRow[];
  /** Errors first, then warnings, each naming its line and field; at most `MAX_PREVIEW_ISSUES`. */
  readonly issues: readonly ParseIssue[];
  readonly issueCount: number;
  /** What the profile lacks to be usable at all (profileProblem), or null. */
  readonly problem: string | null;
}

/** Rows shown by default: enough to see the shape, few enough for a phone. */
export const PREVIEW_ROWS = 8;
const MAX_PREVIEW_ISSUES = 20;

/** Reads a file with a profile for the mapping form: the first rows raw and parsed, and the issues the whole file has. */
export function previewWithProfile(bytes: Uint8Array, profile: MappingProfile, limit = PREVIEW_ROWS): MappingPreview {
  const problem = profileProblem(profile);
  const read = readRows(bytes, profile.delimiter || null, profile.skipRows + limit * 4 + 1);
  const records = read.ok ? read.rows.slice(profile.skipRows) : [];
  const header = profile.hasHeader ? [...(records[0]?.cells ?? [])] : [];
  const raw = records
    .slice(profile.hasHeader ? 1 : 0)
    .filter(r => r.cells.some(c => c !== ''))
    .slice(0, limit)
    .map(r => [...r.cells]);
  const width = Math.max(header.length, ...raw.map(r => r.length), 0);
  const parsed = parseWithProfile(bytes, profile, { fileName: '' }, 'mapped', true);
  const rows: PreviewRow[] =
    profile.role === 'bank'
      ? parsed.bankLines.slice(0, limit).map(l => ({
          line: l.line,
          date: l.bookedOn,
          amountMinor: l.amountMinor,
          currency: l.currency,
          counterparty: l.counterparty || l.description,
        }))
      : parsed.acquirerTxns
          .slice(0, limit)
          .map(t => ({ line: t.line, date: t.at, amountMinor: t.grossMinor, currency: t.currency, counterparty: t.terminal ?? t.id }));
  const issues = [...parsed.issues].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) || a.line - b.line);
  if (!read.ok) issues.unshift(codedIssue(1, '(file)', 'error', read.problem));
  return { header, raw, width, rows, issues: issues.slice(0, MAX_PREVIEW_ISSUES), issueCount: issues.length, problem };
}
