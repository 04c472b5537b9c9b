import { codedIssue } from '../messages/index';
import { decodeText, detectEncoding } from './decode';
import { FORMATS } from './formats/index';
import { withStatementCoverage } from './statement-coverage';
import { boundIssues, boundMessage } from './limits';
import { isZip, readZip } from './zip';
import { checkRepeatsInFile } from './identity';
import type { Format, ParseContext, ParseResult } from '../model/types';
import { warnMangledIds } from './mangled-ids';

/** The first part of a file as text, for sniffing formats. */
export function headText(bytes: Uint8Array, maxBytes = 64 * 1024): string {
  const head = bytes.subarray(0, Math.min(bytes.length, maxBytes));
  return decodeText(head, detectEncoding(bytes));
}

/** The format that fits a file best, or null when none does. */
export function detectFormat(bytes: Uint8Array, formats: readonly Format[] = FORMATS): Format | null {
  const head = headText(bytes);
  let best: Format | null = null;
  let bestScore = 0;
  for (const f of formats) {
    let score: number;
    try {
      score = f.sniff(head, bytes);
    } catch {
      score = 0;
    }
    if (score > bestScore) {
      best = f;
      bestScore = score;
    }
  }
  return best;
}

/**
 * What every reading owes the merchant whatever the format: a row the file repeats counted once with a
 * warning, the same id with other content refused (identity.ts), and a file with no rows said so, since
 * a header-only export looks like a quiet day.
 */
function checked(result: ParseResult): ParseResult {
  const r = checkRepeatsInFile(result);
  if (r.acquirerTxns.length || r.bankLines.length || r.issues.some(i => i.severity === 'error')) return r;
  return { ...r, issues: [...r.issues, codedIssue(1, '(file)', 'warning', { code: 'header_only', params: { role: r.role } })] };
}

/** The format names Settlewatch knows. */
export function formatNames(): string[] {
  return FORMATS.map(f => f.name);
}

/** Reads a file of any supported format (see `checked`); a file no format accepts is one issue on line 1. */
export function parseFile(bytes: Uint8Array, ctx: ParseContext, formats: readonly Format[] = FORMATS): ParseResult {
  const format = detectFormat(bytes, formats);
  if (!format) {
    // A zip no format reads is most often one refused for its sizes: say so rather than only "not recognised".
    const zip = isZip(bytes) ? readZip(bytes, name => /\.(xml|rels|csv)$/i.test(name)) : null;
    const detail = typeof zip === 'string' ? zip : '';
    return boundIssues({
      format: 'unknown',
      role: 'bank',
      acquirerTxns: [],
      bankLines: [],
      merchantIds: [],
      acquirerName: null,
      periods: [],
      issues: [codedIssue(1, '(file)', 'error', { code: 'unknown_format', params: { tried: formats.map(f => f.name), detail } })],
    });
  }
  try {
    return boundIssues(withStatementCoverage(checked(warnMangledIds(format.parse(bytes, ctx))), ctx.fileName));
  } catch (err) {
    // A parser bug must still not leave a half-read file: refuse it with the reason.
    return {
      format: format.name,
      role: format.role,
      acquirerTxns: [],
      bankLines: [],
      merchantIds: [],
      acquirerName: null,
      periods: [],
      issues: [
        codedIssue(1, '(file)', 'error', { code: 'internal_error', params: { format: format.name, detail: boundMessage(String(err)) } }),
      ],
    };
  }
}
