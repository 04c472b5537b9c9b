import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { IMAGE_HEAD } from '../db/image';
import type { StoredBankLine, StoredImagePart, StoredTxn } from '../db/schema';
import { decodeImage, encodeImage, IMAGE_FORMAT, SLICE_ROWS } from './image';

/** Strings of any UTF-16 code units (lone surrogates, NUL, separators), or from a few, so dictionaries are used too. */
const anyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: fc.constantFrom('a', '\u0000', ',', '\ud800', '𝄞'), maxLength: 4 }),
  fc.constant(''),
);
const few = fc.constantFrom('lakala', 'CNY', 'x', '', 'sale\u0000');
const str = fc.oneof(anyString, few);
const num = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -0, 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, NaN, Infinity));
/** Any value a field might hold by mistake (the codec keeps it as it is). */
const odd = fc.oneof(
  str,
  num,
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2, noNullPrototype: true }),
);

const txn = fc.record(
  {
    id: str,
    kind: fc.oneof(fc.constantFrom('sale', 'refund', 'void', 'chargeback', 'fee'), odd),
    at: str,
    grossMinor: num,
    feeMinor: fc.oneof(num, odd),
    netMinor: num,
    currency: few,
    merchantId: fc.oneof(str, fc.constant(null)),
    terminal: fc.oneof(few, fc.constant(null)),
    card: fc.oneof(str, fc.constant(null)),
    cardType: fc.constantFrom('debit', 'credit', null),
    payoutId: fc.oneof(str, fc.constant(null), fc.constant(undefined)),
    settlementDate: fc.oneof(str, fc.constant(null)),
    voided: fc.oneof(fc.boolean(), odd),
    originalId: fc.oneof(str, fc.constant(null)),
    reference: fc.oneof(str, fc.constant(null), fc.constant(undefined)),
    line: fc.oneof(fc.nat(), odd),
    acquirer: few,
    fileHash: few,
    extra: odd,
  },
  // Any field may be missing (reference usually is); a field more makes a row of another shape.
  { requiredKeys: ['id', 'kind', 'at', 'grossMinor', 'feeMinor', 'netMinor', 'currency', 'line', 'acquirer', 'fileHash'] },
) as unknown as fc.Arbitrary<StoredTxn>;

const line = fc.record(
  {
    id: str,
    account: few,
    bookedOn: str,
    valueOn: fc.oneof(str, fc.constant(null)),
    amountMinor: num,
    currency: few,
    counterparty: str,
    description: str,
    line: fc.nat(),
    balanceMinor: fc.oneof(num, fc.constant(null), fc.constant(undefined)),
    fileHash: few,
  },
  { requiredKeys: ['id', 'account', 'bookedOn', 'valueOn', 'amountMinor', 'currency', 'counterparty', 'description', 'line', 'fileHash'] },
) as unknown as fc.Arbitrary<StoredBankLine>;

/** A transaction of the usual shape (no `reference`). */
const usual = (i: number): StoredTxn => ({
  id: `T${i}`,
  kind: 'sale',
  at: `2026-01-0${1 + (i % 9)}T10:00:00`,
  grossMinor: 1000 + i,
  feeMinor: 6,
  netMinor: 994 + i,
  currency: 'CNY',
  merchantId: 'M1',
  terminal: i % 2 ? 'T-1' : null,
  card: null,
  cardType: null,
  payoutId: null,
  settlementDate: null,
  voided: false,
  originalId: null,
  line: i + 2,
  acquirer: 'lakala',
  fileHash: 'h1',
});

/** Field by field, with absent, undefined, null, -0 and NaN told apart, and the keys in the same order. */
function same(a: readonly object[], b: readonly object[]): void {
  expect(b.length).toBe(a.length);
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as Record<string, unknown>;
    const y = b[i] as Record<string, unknown>;
    expect(Object.keys(y).sort()).toEqual(Object.keys(x).sort());
    for (const k of Object.keys(x)) if (!Object.is(x[k], y[k])) expect(y[k]).toStrictEqual(x[k]);
  }
}

/** Through IndexedDB's structured clone, as stored. */
const stored = (parts: StoredImagePart[]) => structuredClone(parts);

describe('the ledger image', () => {
  test('gives back exactly the rows it was made of, whatever their fields hold', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(txn, { maxLength: 60 }), fc.array(line, { maxLength: 20 }), async (txns, bankLines) => {
        const back = decodeImage(stored((await encodeImage({ txns, bankLines })).parts));
        same(txns, back.txns);
        same(bankLines, back.bankLines);
      }),
      { numRuns: 300 },
    );
  });

  test('rows of the usual shape come back as literals with their fields in the same order', async () => {
    const txns = Array.from({ length: 1000 }, (_, i) => usual(i));
    const back = decodeImage(stored((await encodeImage({ txns, bankLines: [] })).parts));
    expect(back.txns).toEqual(txns);
    expect(Object.keys(back.txns[3]!)).toEqual(Object.keys(txns[3]!));
    expect('reference' in back.txns[3]!).toBe(false);
  });

  test('a year is cut into slices, and a time order travels with it', async () => {
    const n = SLICE_ROWS * 2 + 5;
    const txns = Array.from({ length: n }, (_, i) => ({ id: String(i), line: i }) as unknown as StoredTxn);
    const order = Int32Array.from({ length: n }, (_, i) => n - 1 - i);
    const parts = (await encodeImage({ txns, bankLines: [], order })).parts;
    expect(parts.map(p => p.key)).toEqual([IMAGE_HEAD, 'txns/0000', 'txns/0001', 'txns/0002']);
    const back = decodeImage(stored(parts));
    expect(back.txns.map(t => t.id)).toEqual(txns.map(t => t.id));
    expect([...back.order!]).toEqual([...order]);
  });

  test('written again after rows were appended, the slices whose rows did not change are taken as they are', async () => {
    const row = (i: number) => ({ id: String(i), line: i }) as unknown as StoredTxn;
    const txns = Array.from({ length: SLICE_ROWS * 2 + 5 }, (_, i) => row(i));
    const first = await encodeImage({ txns, bankLines: [] });
    expect(first.unchanged).toEqual([]);
    // As a reopen reads it back: the slices it holds are those of the rows decoded.
    const read = decodeImage(stored(first.parts));
    const more = [...read.txns, row(-1), row(-2)];
    const second = await encodeImage({ txns: more, bankLines: [] }, read.stored);
    expect(second.unchanged).toEqual(['txns/0000', 'txns/0001']);
    // Those are not made again: the database keeps them, and with the new records they read as the rows.
    expect(second.parts.map(p => p.key)).toEqual([IMAGE_HEAD, 'txns/0002']);
    const kept = first.parts.filter(p => second.unchanged.includes(p.key));
    expect(decodeImage(stored([...second.parts, ...kept])).txns.map(t => t.id)).toEqual(more.map(t => t.id));
    // A row replaced inside the first slice: that slice is made again.
    const replaced = [...more];
    replaced[3] = row(3);
    expect((await encodeImage({ txns: replaced, bankLines: [] }, second.stored)).unchanged).toEqual(['txns/0001', 'txns/0002']);
  });

  test('a column stored one way in a slice and another way in the next reads back the same', async () => {
    // Slice 0: settlement dates all null, references absent; 1: dates from a dictionary, references on every row;
    // 2: dates and nulls mixed, unique references on some rows, a number or a string for the fee, rows of another shape.
    const txns = Array.from({ length: SLICE_ROWS * 2 + 300 }, (_, i): StoredTxn => {
      const t = usual(i);
      const k = Math.floor(i / SLICE_ROWS);
      if (k === 0) return t;
      if (k === 1) return { ...t, settlementDate: `2026-01-0${1 + (i % 3)}`, reference: 'R' };
      if (i % 50 === 0) return { ...t, extra: i } as StoredTxn;
      const mixed = { ...t, settlementDate: i % 3 ? null : '2026-02-01', feeMinor: (i % 7 ? 6 : '6') as unknown as number };
      return i % 2 ? { ...mixed, reference: `ref-${i}` } : mixed;
    });
    const parts = stored((await encodeImage({ txns, bankLines: [] })).parts);
    const column = (k: number) => (parts[1 + k]!.rows as { columns: Record<string, { tag: number }> }).columns.settlementDate!.tag;
    expect([column(0), column(1), column(2)]).toEqual([2, 6, -1]);
    same(txns, decodeImage(parts).txns);
  });

  test('a damaged or foreign image is refused, not read', async () => {
    const txns = [usual(0)];
    const parts = (await encodeImage({ txns, bankLines: [] })).parts;
    const [head, slice] = parts as [StoredImagePart, StoredImagePart];
    expect(() => decodeImage([{ ...head, format: IMAGE_FORMAT + 1 }, slice])).toThrow(/format/);
    expect(() => decodeImage([{ ...head, code: 'https://app.example/assets/worker-0ther.js' }, slice])).toThrow(/other code/);
    expect(() => decodeImage([head])).toThrow(/missing/);
    expect(() => decodeImage([{ ...head, txns: 2 }, slice])).toThrow(/counts/);
    const rows = slice.rows as { n: number; columns: Record<string, object> };
    expect(() =>
      decodeImage([
        { ...head, txns: 3 },
        { ...slice, rows: { ...rows, n: 3 } },
      ]),
    ).toThrow(/damaged/);
    const { id: _id, ...lacking } = rows.columns;
    expect(() => decodeImage([head, { ...slice, rows: { ...rows, columns: lacking } }])).toThrow(/column id/);
    expect(() => decodeImage([{ ...head, order: new Int32Array(5) }, slice])).toThrow(/order/);
  });
});
