// The ledger image (issue 17): what the worker holds after reading the ledger, stored with it so a reopen reads a
// few large records instead of every row chunk, and does not resolve which reading of each fact counts again.
// The rows that count, in the order the store holds them (LedgerState.txns / bankLines), column by column in
// slices (image-columns.ts); room for the engine's snapshot and the tables' order. A cache: its format number and
// the stamp of what it was derived from (core/db/image.ts) must both be what the database holds, else it is
// ignored and the ledger is read as before.
import { IMAGE_HEAD } from '../db/image';
import { TXN_FIELDS } from '../import/identity';
import type { StoredBankLine, StoredImagePart, StoredTxn } from '../db/schema';
import { decodeColumns, encodeRows, has, placeOdd, type EncodedRows, type RowShape } from './image-columns';

/** The image's format: a stored image of another format is ignored (raise it with any change of what is stored). */
export const IMAGE_FORMAT = 2;

/** Set by the build (scripts/ledger-code.mjs): a hash of the core's sources. */
declare const __SETTLEWATCH_LEDGER_CODE__: string | undefined;

/**
 * Which code writes and reads images: in a build, a hash of the core's sources, the same in the PWA's and the
 * extension's workers built from them. An image written by other code is ignored, whatever its format: the engine
 * state and the tables' order in it were derived by that code, and a release that derives either differently must not
 * take them over. (Unbuilt, in tests, it is one name for every image; there the format numbers tell.)
 */
export const IMAGE_CODE: string = typeof __SETTLEWATCH_LEDGER_CODE__ === 'string' ? __SETTLEWATCH_LEDGER_CODE__ : 'unbuilt';

/** Rows per stored slice: a few records for a year, each small enough to clone quickly. */
export const SLICE_ROWS = 65536;

/** A transaction's fields, in the order rows are built (`reference` may be missing). */
const TXN_SHAPE: RowShape = { fields: [...TXN_FIELDS, 'line', 'acquirer', 'fileHash'], optional: ['reference'] };

/** A bank line's fields (`balanceMinor` may be missing). */
const LINE_SHAPE: RowShape = {
  fields: [
    'id',
    'account',
    'bookedOn',
    'valueOn',
    'amountMinor',
    'currency',
    'counterparty',
    'description',
    'line',
    'balanceMinor',
    'fileHash',
  ],
  optional: ['balanceMinor'],
};

/** The image's head record. */
export interface ImageHead extends StoredImagePart {
  readonly key: typeof IMAGE_HEAD;
  readonly format: number;
  /** The code that wrote it ({@link IMAGE_CODE}). */
  readonly code: string;
  /** Set by writeLedgerImage: what the database held when it was written. */
  readonly stamp?: string;
  readonly txns: number;
  readonly bankLines: number;
  readonly txnSlices: number;
  readonly lineSlices: number;
  /** A time order of the transactions (indexes into them) the tables may keep across reopens, when one is stored. */
  readonly order?: Int32Array;
  /** How long the worker took to encode it, in milliseconds (the bench prints it). */
  readonly encodedMs?: number;
  /** Which write made it: a later write that finds this one in the database stores only the slices that changed. */
  readonly writeId: string;
}

/** A slice record: rows `from`… of its kind. */
interface SliceRecord extends StoredImagePart {
  readonly rows: EncodedRows;
}

/** What an image holds. */
export interface LedgerImage {
  readonly txns: StoredTxn[];
  readonly bankLines: StoredBankLine[];
  /** What the worker derived from these rows (DerivedLedger.snapshot), when it had it; its taker checks it fits. */
  readonly derived?: unknown;
  readonly order?: Int32Array;
}

/** What an image's records gave back: its rows, and its transaction slices as they are in the database. */
export interface ReadImage extends LedgerImage {
  readonly stored: StoredSlices;
}

/** The key of the record of what was derived from the rows. */
const DERIVED_KEY = 'derived';

const sliceKey = (kind: 'txns' | 'lines', i: number) => `${kind}/${String(i).padStart(4, '0')}`;

/**
 * Transaction slices in the database, with the rows each was made of: a slice whose rows did not change (the
 * same objects, in the same places) is neither encoded nor stored again when the image is written anew.
 */
export interface StoredSlices {
  /** The write these slices are in the database from (its head's `writeId`). */
  readonly writeId: string;
  readonly slices: readonly StoredSlice[];
}

/** One transaction slice in the database: its key and the rows it holds (not its bytes: those stay in the database). */
export interface StoredSlice {
  readonly key: string;
  readonly rows: readonly StoredTxn[];
}

/**
 * An image made to be written: its records, head first, but for the slices `before` says the database holds already
 * (they are not encoded again: the write keeps them, or, when the database holds another image, the image is made whole).
 */
export interface EncodedImage {
  readonly parts: StoredImagePart[];
  /** Keys of the slices left out of `parts`, as the database holds them from the write `before` names. */
  readonly unchanged: readonly string[];
  /** The transaction slices, for the next write. */
  readonly stored: StoredSlices;
}

const sameRows = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * The image's records of these rows, head first (without its stamp: writeLedgerImage sets it); transaction slices
 * whose rows are those of a slice of `before` are taken from it. `pause` is awaited after each slice encoded.
 */
export async function encodeImage(
  image: LedgerImage,
  before: StoredSlices | null = null,
  pause: () => Promise<void> = async () => {},
  writeId: string = crypto.randomUUID(),
): Promise<EncodedImage> {
  const txnSlices: StoredSlice[] = [];
  const records: SliceRecord[] = [];
  const unchanged: string[] = [];
  for (let i = 0, k = 0; i < image.txns.length; i += SLICE_ROWS, k++) {
    const rows = image.txns.slice(i, i + SLICE_ROWS);
    const old = before?.slices[k];
    if (old && sameRows(old.rows, rows)) {
      txnSlices.push(old);
      unchanged.push(old.key);
      continue;
    }
    const key = sliceKey('txns', k);
    txnSlices.push({ key, rows });
    records.push({ key, rows: encodeRows(rows, TXN_SHAPE) });
    // Between slices the caller may let other work run (a worker answering), or give up.
    await pause();
  }
  const lineSlices: SliceRecord[] = [];
  for (let i = 0; i < image.bankLines.length; i += SLICE_ROWS)
    lineSlices.push({ key: sliceKey('lines', lineSlices.length), rows: encodeRows(image.bankLines.slice(i, i + SLICE_ROWS), LINE_SHAPE) });
  const head: ImageHead = {
    key: IMAGE_HEAD,
    format: IMAGE_FORMAT,
    code: IMAGE_CODE,
    writeId,
    txns: image.txns.length,
    bankLines: image.bankLines.length,
    txnSlices: txnSlices.length,
    lineSlices: lineSlices.length,
    ...(image.order ? { order: image.order } : {}),
  };
  const derived = image.derived !== undefined ? [{ key: DERIVED_KEY, derived: image.derived }] : [];
  return {
    parts: [head, ...records, ...lineSlices, ...derived],
    unchanged,
    stored: { writeId, slices: txnSlices },
  };
}

/** The rows of an image's records; throws when they are not a whole image of this format. */
export function decodeImage(parts: readonly StoredImagePart[]): ReadImage {
  const byKey = new Map(parts.map(p => [p.key, p]));
  const head = byKey.get(IMAGE_HEAD) as ImageHead | undefined;
  if (!head || head.format !== IMAGE_FORMAT) throw new Error(`ledger image: not of format ${IMAGE_FORMAT}`);
  if (head.code !== IMAGE_CODE) throw new Error('ledger image: written by other code');
  const slice = (kind: 'txns' | 'lines', i: number) => {
    const rec = byKey.get(sliceKey(kind, i)) as SliceRecord | undefined;
    if (!rec?.rows) throw new Error(`ledger image: slice ${sliceKey(kind, i)} is missing`);
    return rec.rows;
  };
  // One set of column arrays for every slice (see decodeColumns).
  const scratch: unknown[][] = [];
  const slices: StoredSlice[] = [];
  for (let i = 0; i < head.txnSlices; i++) slices.push({ key: sliceKey('txns', i), rows: decodeTxns(slice('txns', i), scratch) });
  const lineSlices: StoredBankLine[][] = [];
  for (let i = 0; i < head.lineSlices; i++) lineSlices.push(decodeLines(slice('lines', i), scratch));
  // Joined at once (a copy of the slices' arrays), not pushed row by row.
  const txns = ([] as StoredTxn[]).concat(...slices.map(s => s.rows));
  const bankLines = ([] as StoredBankLine[]).concat(...lineSlices);
  if (txns.length !== head.txns || bankLines.length !== head.bankLines) throw new Error('ledger image: row counts differ from its head');
  if (head.order !== undefined && !(head.order instanceof Int32Array && head.order.length === txns.length))
    throw new Error('ledger image: its order is not one of its transactions');
  const derived = byKey.get(DERIVED_KEY)?.derived;
  return {
    txns,
    bankLines,
    stored: { writeId: String(head.writeId), slices },
    ...(derived !== undefined ? { derived } : {}),
    ...(head.order ? { order: head.order } : {}),
  };
}

/** Transactions of a slice, as literals of one shape. */
function decodeTxns(enc: EncodedRows, scratch: unknown[][]): StoredTxn[] {
  const d = decodeColumns(enc, TXN_SHAPE, scratch);
  const [
    id,
    kind,
    at,
    gross,
    fee,
    net,
    currency,
    merchantId,
    terminal,
    card,
    cardType,
    payoutId,
    settlementDate,
    voided,
    originalId,
    reference,
    line,
    acquirer,
    fileHash,
  ] = d.cols as unknown[][] as any[][]; // eslint-disable-line @typescript-eslint/no-explicit-any
  const out: StoredTxn[] = new Array(d.n);
  for (let i = 0; i < d.n; i++) {
    if (d.odd?.[i]) continue;
    // One literal, and `reference` added after where the rows have one: the same two layouts storedTxn gives imported rows.
    const row: { -readonly [K in keyof StoredTxn]: StoredTxn[K] } = {
      id: id![i],
      kind: kind![i],
      at: at![i],
      grossMinor: gross![i],
      feeMinor: fee![i],
      netMinor: net![i],
      currency: currency![i],
      merchantId: merchantId![i],
      terminal: terminal![i],
      card: card![i],
      cardType: cardType![i],
      payoutId: payoutId![i],
      settlementDate: settlementDate![i],
      voided: voided![i],
      originalId: originalId![i],
      line: line![i],
      acquirer: acquirer![i],
      fileHash: fileHash![i],
    };
    if (has(d, 0, i)) row.reference = reference![i];
    out[i] = row;
  }
  return placeOdd(out, enc);
}

/** Bank lines of a slice, as literals of one shape. */
function decodeLines(enc: EncodedRows, scratch: unknown[][]): StoredBankLine[] {
  const d = decodeColumns(enc, LINE_SHAPE, scratch);
  const [id, account, bookedOn, valueOn, amount, currency, counterparty, description, line, balance, fileHash] =
    d.cols as unknown[][] as any[][]; // eslint-disable-line @typescript-eslint/no-explicit-any
  const out: StoredBankLine[] = new Array(d.n);
  for (let i = 0; i < d.n; i++) {
    if (d.odd?.[i]) continue;
    const base = {
      id: id![i],
      account: account![i],
      bookedOn: bookedOn![i],
      valueOn: valueOn![i],
      amountMinor: amount![i],
      currency: currency![i],
      counterparty: counterparty![i],
      description: description![i],
      line: line![i],
    };
    out[i] = has(d, 0, i) ? { ...base, balanceMinor: balance![i], fileHash: fileHash![i] } : { ...base, fileHash: fileHash![i] };
  }
  return placeOdd(out, enc);
}
