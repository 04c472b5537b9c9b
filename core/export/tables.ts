// The columns of the exported transactions, bank lines and alerts tables, in the reader's language:
// the same rows the screens show, amounts as plain decimals from minor units.
import { CATALOGS, renderAlert, type Lang } from '../messages/index';
import { COLUMN_WORDS } from '../messages/columns';
import type { AcquirerTxn, BankLine } from '../model/types';
import type { Alert, TxnStatus } from '../reconcile/types';
import { amountCell, type CsvColumn } from './csv';

/** A transaction as the table shows it (the fields the export reads; the ledger's TxnRow adds its line). */
export type TxnLine = Pick<
  AcquirerTxn,
  'id' | 'kind' | 'at' | 'grossMinor' | 'feeMinor' | 'netMinor' | 'currency' | 'terminal' | 'card'
> & {
  /** The acquirer profile it belongs to. */
  readonly acquirer: string;
  readonly status: TxnStatus | null;
  readonly expectedOn: string | null;
  readonly bankLineIds: readonly string[];
  readonly batchId: string | null;
};

/** A bank line as the table shows it: the line, and the acquirer and batches it is linked to. */
export type BankLineRow = Pick<
  BankLine,
  'id' | 'account' | 'bookedOn' | 'valueOn' | 'amountMinor' | 'currency' | 'counterparty' | 'description'
> & {
  readonly acquirer: string | null;
  readonly linkedBatchIds: readonly string[];
};

/** Several ids in one cell. */
const ids = (list: readonly string[]): string => list.join(' ');

/** The transactions table's columns; `acquirerName` turns a profile id into the merchant's name for it. */
export function txnColumns(lang: Lang, acquirerName: (id: string) => string): CsvColumn<TxnLine>[] {
  const w = COLUMN_WORDS[lang];
  const h = w.txn;
  return [
    { header: h.at, kind: 'text', cell: t => t.at },
    { header: h.acquirer, kind: 'text', cell: t => acquirerName(t.acquirer) },
    { header: h.id, kind: 'text', cell: t => t.id },
    { header: h.kind, kind: 'text', cell: t => w.txnKinds[t.kind] },
    { header: h.status, kind: 'text', cell: t => (t.status ? w.statuses[t.status] : null) },
    { header: h.gross, kind: 'number', cell: t => amountCell(t.grossMinor, t.currency) },
    { header: h.fee, kind: 'number', cell: t => amountCell(t.feeMinor, t.currency) },
    { header: h.net, kind: 'number', cell: t => amountCell(t.netMinor, t.currency) },
    { header: h.currency, kind: 'text', cell: t => t.currency },
    { header: h.terminal, kind: 'text', cell: t => t.terminal },
    { header: h.card, kind: 'text', cell: t => t.card },
    { header: h.expectedOn, kind: 'text', cell: t => t.expectedOn },
    { header: h.bankLineIds, kind: 'text', cell: t => ids(t.bankLineIds) },
    { header: h.batchId, kind: 'text', cell: t => t.batchId },
  ];
}

/** The bank lines table's columns. */
export function bankColumns(lang: Lang, acquirerName: (id: string) => string): CsvColumn<BankLineRow>[] {
  const h = COLUMN_WORDS[lang].bank;
  return [
    { header: h.bookedOn, kind: 'text', cell: l => l.bookedOn },
    { header: h.valueOn, kind: 'text', cell: l => l.valueOn },
    { header: h.amount, kind: 'number', cell: l => amountCell(l.amountMinor, l.currency) },
    { header: h.currency, kind: 'text', cell: l => l.currency },
    { header: h.account, kind: 'text', cell: l => l.account },
    { header: h.id, kind: 'text', cell: l => l.id },
    { header: h.counterparty, kind: 'text', cell: l => l.counterparty },
    { header: h.description, kind: 'text', cell: l => l.description },
    { header: h.acquirer, kind: 'text', cell: l => (l.acquirer ? acquirerName(l.acquirer) : null) },
    { header: h.linkedBatchIds, kind: 'text', cell: l => ids(l.linkedBatchIds) },
  ];
}

/** The alerts table's columns; the message is the alert's sentence in `lang`, as the screens and the CLI word it. */
export function alertColumns(lang: Lang, acquirerName: (id: string) => string): CsvColumn<Alert>[] {
  const w = COLUMN_WORDS[lang];
  const h = w.alert;
  return [
    { header: h.id, kind: 'text', cell: a => a.id },
    { header: h.severity, kind: 'text', cell: a => w.severities[a.severity] },
    { header: h.kind, kind: 'text', cell: a => CATALOGS[lang].kinds[a.kind] },
    { header: h.acquirer, kind: 'text', cell: a => acquirerName(a.acquirer) },
    { header: h.expectedOn, kind: 'text', cell: a => a.expectedOn ?? null },
    { header: h.amount, kind: 'number', cell: a => amountCell(a.amountMinor, a.currency) },
    { header: h.currency, kind: 'text', cell: a => a.currency },
    { header: h.transactionIds, kind: 'text', cell: a => ids(a.transactionIds) },
    { header: h.bankLineIds, kind: 'text', cell: a => ids(a.bankLineIds) },
    { header: h.message, kind: 'text', cell: a => renderAlert(a, lang) },
    { header: h.dismissed, kind: 'text', cell: a => a.dismissed?.reason ?? null },
  ];
}
