// Exports: the transactions, bank lines and alerts of the current view (the filters the screen shows) as
// CSV files for Excel, and settlewatch.report/1 as the CLI prints it. Built here in the worker, handed to
// the screen as a Blob it downloads through a Blob URL: nothing leaves the device.
import { csvPieces, type CsvColumn } from '../export/csv';
import { JsonParts, writeReport } from '../export/report';
import { alertColumns, bankColumns, txnColumns } from '../export/tables';
import type { Lang } from '../messages/index';
import { filterAlerts, type AlertFilter } from '../reconcile/alert-filter';
import { bankHits, bankRow, queryIndex, txnHits, txnRow } from './queries';
import { attempt, fail, ok, type Result } from './result';
import type { LedgerState } from './state';
import type { BankFilter, ExportFile, TxnFilter } from './types';

const CSV = 'text/csv;charset=utf-8';
// Rows are encoded in runs of this many characters: a Blob of a few hundred parts, not one per row.
const PIECE_CHARS = 1 << 20;

/** A CSV file of `rows` as a Blob, built from text pieces joined in runs (never one string of the whole file). */
function csvBlob<Row>(columns: readonly CsvColumn<Row>[], rows: Iterable<Row>): Blob {
  const parts: string[] = [];
  let run: string[] = [];
  let size = 0;
  for (const piece of csvPieces(columns, rows)) {
    run.push(piece);
    size += piece.length;
    if (size >= PIECE_CHARS) {
      parts.push(run.join(''));
      run = [];
      size = 0;
    }
  }
  parts.push(run.join(''));
  return new Blob(parts, { type: CSV });
}

function* mapped<T>(hits: Int32Array, row: (i: number) => T): Generator<T> {
  for (let k = 0; k < hits.length; k++) yield row(hits[k]!);
}

/** The export handlers. */
export function exportHandlers(store: LedgerState) {
  const nameOf = (id: string): string => store.config?.acquirers.find(a => a.id === id)?.name ?? id;
  const stamp = (): string => store.summary?.asOf ?? store.clock.today();

  return {
    /** The transactions the table shows with `filter`, as CSV with headers in `lang`. */
    exportTxnsCsv: (filter: TxnFilter, lang: Lang): Promise<Result<ExportFile>> =>
      attempt(async () => {
        await store.init();
        const ix = queryIndex(store);
        const hits = txnHits(ix, filter);
        const blob = csvBlob(
          txnColumns(lang, nameOf),
          mapped(hits, i => txnRow(ix, i)),
        );
        return ok({ name: `settlewatch-transactions-${stamp()}.csv`, type: CSV, blob, rows: hits.length });
      }),

    /** The bank lines the table shows with `filter`, as CSV with headers in `lang`. */
    exportBankCsv: (filter: BankFilter, lang: Lang): Promise<Result<ExportFile>> =>
      attempt(async () => {
        await store.init();
        const ix = queryIndex(store);
        const hits = bankHits(ix, filter);
        const rows = mapped(hits, i => bankRow(ix, ix.lines[i]!, ix.lineAcquirer[i] ?? null));
        const blob = csvBlob(bankColumns(lang, nameOf), rows);
        return ok({ name: `settlewatch-bank-lines-${stamp()}.csv`, type: CSV, blob, rows: hits.length });
      }),

    /** The alerts the alerts screen lists with `filter`, as CSV with headers and messages in `lang`. */
    exportAlertsCsv: (filter: AlertFilter, lang: Lang): Promise<Result<ExportFile>> =>
      attempt(async () => {
        await store.init();
        // The reconciliation's own alerts (the summary's leave out the transactions, which the file lists).
        const alerts = filterAlerts(store.recon?.report.alerts ?? [], filter);
        const blob = csvBlob(alertColumns(lang, nameOf), alerts);
        return ok({ name: `settlewatch-alerts-${stamp()}.csv`, type: CSV, blob, rows: alerts.length });
      }),

    /** settlewatch.report/1 of the ledger, as `settlewatch reconcile --json` prints it (messages in `lang`). */
    exportReportJson: (lang: Lang): Promise<Result<ExportFile>> =>
      attempt(async () => {
        const summary = await store.init();
        const rec = store.recon;
        if (!rec)
          return fail({ code: 'failed', params: { message: summary.error ?? 'the ledger has no reconciliation yet (import a config)' } });
        const sink = new JsonParts();
        writeReport(rec, lang, sink);
        const blob = new Blob(sink.end() as BlobPart[], { type: 'application/json' });
        return ok({ name: `settlewatch-report-${rec.report.asOf}.json`, type: 'application/json', blob, rows: rec.transactionCount });
      }),
  };
}
