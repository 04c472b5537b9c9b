// `settlewatch evidence`: the evidence pack of one alert, from the same files `reconcile` reads. The files
// the case rests on are named with the SHA-256 of their bytes, as the ledger stores them.
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { Config } from '../config/types';
import { assembleEvidence, buildEvidencePack, type EvidencePack, type PackLang, type SourceFile } from '../evidence/index';
import type { AcquirerTxn, BankLine, ParseResult } from '../model/types';
import type { Alert, Reconciliation } from '../reconcile/types';
import { bankLineKey } from '../import/identity';
import { readBytes } from './read';

/** A file given on the command line: its path, the profile it was assigned to (exports) and what it read. */
export interface LedgerFile {
  readonly path: string;
  readonly acquirer: string | null;
  readonly result: ParseResult;
}

/** Ids of alerts a wrong --alert is told about, at most. */
const LISTED_IDS = 20;

/** Why --alert names no alert: the ids there are (the first ones), and how to list them all. */
export function unknownAlert(id: string, alerts: readonly Alert[]): string {
  if (!alerts.length) return `no alert "${id}": these files raise no alert at all, so there is no case to make a pack of`;
  const ids = alerts.slice(0, LISTED_IDS).map(a => `  ${a.id}`);
  const more = alerts.length > LISTED_IDS ? `\n  … and ${alerts.length - LISTED_IDS} more` : '';
  return `no alert "${id}" in the report of these files; its ${alerts.length} alert ids are:\n${ids.join('\n')}${more}\n(settlewatch reconcile with the same files and --json lists each with its message)`;
}

/** The first and last day of an export's transactions (a bank file's days are its periods). */
function tradeSpan(txns: readonly AcquirerTxn[]): { from: string | null; to: string | null } {
  let from: string | null = null,
    to: string | null = null;
  for (const t of txns) {
    const day = t.at.slice(0, 10);
    if (from === null || day < from) from = day;
    if (to === null || day > to) to = day;
  }
  return { from, to };
}

/** The pack of `alert` in `lang`, made on `madeOn`, from the files and rows the command read. */
export function evidencePack(
  ledger: {
    readonly config: Config;
    readonly rec: Reconciliation;
    readonly acquirers: readonly { readonly acquirer: string; readonly txns: readonly AcquirerTxn[] }[];
    readonly bankLines: readonly BankLine[];
    readonly files: readonly LedgerFile[];
  },
  alert: Alert,
  lang: PackLang,
  madeOn: string,
): EvidencePack {
  const hashes = ledger.files.map(f => createHash('sha256').update(readBytes(f.path)).digest('hex'));
  const files: SourceFile[] = ledger.files.map((f, k) => ({
    name: basename(f.path),
    sha256: hashes[k]!,
    role: f.result.role,
    format: f.result.format,
    periods: f.result.periods,
    ...tradeSpan(f.result.acquirerTxns),
  }));
  const input = assembleEvidence({
    recon: ledger.rec,
    config: ledger.config,
    acquirers: ledger.acquirers,
    bankLines: ledger.bankLines,
    alert,
    files,
    // One pass over each file's rows: which files hold a row of the case (an export, of the alert's profile).
    filesOf: (txns, lines) => {
      const ids = new Set(txns.map(t => t.id));
      const lineKeys = new Set(lines.map(bankLineKey));
      const ofCase = (f: LedgerFile) =>
        f.acquirer !== null
          ? (alert.acquirer === '' || f.acquirer === alert.acquirer) && f.result.acquirerTxns.some(t => ids.has(t.id))
          : f.result.bankLines.some(l => lineKeys.has(bankLineKey(l)));
      return ledger.files.flatMap((f, k) => (ofCase(f) ? [hashes[k]!] : []));
    },
    madeOn,
  });
  return buildEvidencePack(input, lang);
}
