import type { AcquirerTxn } from '../model/types';
import type { StoredTxn } from './schema';

/** The fields of an acquirer transaction as the parsers give them (`reference` only where a format prints one). */
const TXN_KEYS = 17;

/**
 * A parsed transaction as stored, written field by field in one order: rows made with `{ ...t, … }` each got an object
 * layout of their own in V8, and every later pass over a year of them (the engine, the fee totals, the tables) ran
 * 3–5× slower than over the same rows read back from IndexedDB. A row with a field no format sets keeps it.
 */
export function storedTxn(t: AcquirerTxn, acquirer: string, fileHash: string): StoredTxn {
  const keys = Object.keys(t).length;
  const hasReference = 'reference' in t;
  if (keys !== TXN_KEYS - (hasReference ? 0 : 1)) return { ...t, acquirer, fileHash };
  const row: { -readonly [K in keyof StoredTxn]: StoredTxn[K] } = {
    id: t.id,
    kind: t.kind,
    at: t.at,
    grossMinor: t.grossMinor,
    feeMinor: t.feeMinor,
    netMinor: t.netMinor,
    currency: t.currency,
    merchantId: t.merchantId,
    terminal: t.terminal,
    card: t.card,
    cardType: t.cardType,
    payoutId: t.payoutId,
    settlementDate: t.settlementDate,
    voided: t.voided,
    originalId: t.originalId,
    line: t.line,
    acquirer,
    fileHash,
  };
  // Added after: every row with a reference takes the same one step from the same layout.
  if (hasReference) row.reference = t.reference;
  return row;
}
