import { serialize } from 'node:v8';
import { describe, expect, test } from 'vitest';
import { decodeColumns, encodeRows, has, placeOdd, type EncodedColumn, type EncodedRows, type RowShape } from './image-columns';

const SHAPE: RowShape = { fields: ['a', 'b'], optional: ['b'] };

/** Rows back from their columns as image.ts builds them (through a structured clone, as IndexedDB gives them). */
function roundTrip(rows: readonly object[], shape: RowShape = SHAPE, scratch: unknown[][] = []): { enc: EncodedRows; back: unknown[] } {
  const enc = structuredClone(encodeRows(rows, shape));
  const d = decodeColumns(enc, shape, scratch);
  const back: unknown[] = new Array(d.n);
  for (let i = 0; i < d.n; i++) {
    if (d.odd?.[i]) continue;
    const row: Record<string, unknown> = {};
    shape.fields.forEach((f, k) => {
      const o = shape.optional.indexOf(f);
      if (o < 0 || has(d, o, i)) row[f] = d.cols[k]![i];
    });
    back[i] = row;
  }
  return { enc, back: placeOdd(back, enc) };
}

/** Same values (absent, undefined, null, -0 and NaN told apart), keys in the same order. */
function same(a: readonly object[], b: readonly unknown[]): void {
  expect(b.length).toBe(a.length);
  a.forEach((x, i) => {
    const y = b[i] as Record<string, unknown>;
    expect(Object.keys(y)).toEqual(Object.keys(x));
    for (const [k, v] of Object.entries(x)) expect(Object.is(y[k], v) || (typeof v === 'object' && v !== null), `${i} ${k}`).toBe(true);
    expect(y).toStrictEqual(x);
  });
}

/** What a column is stored as: its tag and which arrays it has. */
const form = (c: EncodedColumn) => ({
  tag: c.tag,
  tags: c.tags !== undefined,
  nums: c.nums?.constructor.name,
  dict: c.dict !== undefined,
  text: c.text !== undefined,
  other: c.other !== undefined,
});

const rows = (n: number, a: (i: number) => unknown, b?: (i: number) => unknown) =>
  Array.from({ length: n }, (_, i) => (b ? { a: a(i), b: b(i) } : { a: a(i) }));

describe('decoding a column', () => {
  const cases: [string, (i: number) => unknown, Partial<ReturnType<typeof form>>][] = [
    ['whole numbers', i => i * 7 - 50, { tag: 5, tags: false, nums: 'Int32Array' }],
    ['other numbers', i => [0.5, -0, NaN, 2 ** 40, -Infinity][i % 5], { tag: 5, tags: false, nums: 'Float64Array' }],
    ['repeated strings', i => ['sale', 'refund', ''][i % 3], { tag: 6, tags: false, dict: true }],
    ['unique strings', i => `T${i}\u0000\ud800𝄞`.slice(i % 3), { tag: 6, tags: false, text: true }],
    ['all null', () => null, { tag: 2, tags: false }],
    ['all undefined', () => undefined, { tag: 1, tags: false }],
    ['all true', () => true, { tag: 4, tags: false }],
    ['true and false', i => i % 3 === 0, { tag: -1, tags: true }],
    ['unique strings and null', i => (i % 4 ? `id-${i}` : null), { tag: -1, tags: true, text: true }],
    ['repeated strings and null', i => (i % 4 ? 'M1' : null), { tag: -1, tags: true, dict: true }],
    [
      'numbers, strings, null, undefined, booleans',
      i => [1.5, 'x', null, undefined, true, false, 3][i % 7],
      { tag: -1, nums: 'Float64Array', dict: true },
    ],
    ['values of other kinds among them', i => [[i], 'x', { k: i }, null, 4][i % 5], { tag: -1, other: true, nums: 'Int32Array' }],
    ['values of other kinds only', i => ({ k: i }), { tag: 7, other: true }],
    ['unique strings of one length', i => `T${String(i).padStart(5, '0')}`, { tag: 6, tags: false, text: true }],
    ['unique strings over 255 characters', i => `${i}`.repeat(300 - (i % 7)), { tag: 6, tags: false, text: true }],
  ];
  for (const [name, a, expected] of cases)
    test(name, () => {
      const input = rows(200, a);
      const { enc, back } = roundTrip(input);
      expect(form(enc.columns.a!)).toMatchObject(expected);
      same(input, back);
    });

  test('an optional field present in some rows, all rows or none', () => {
    for (const b of [(i: number) => (i % 2 ? 1 : undefined), () => 'x', () => undefined]) {
      const input = Array.from({ length: 50 }, (_, i) => (b(i) === undefined ? { a: i } : { a: i, b: b(i) }));
      same(input, roundTrip(input).back);
    }
  });

  test('rows of another shape among them come back as they were', () => {
    const input = [{ a: 1 }, { a: 'x', b: 2, c: 3 }, [1, 2], { a: 2 }, null] as object[];
    const { enc, back } = roundTrip(input);
    expect(enc.odd.map(o => o.at)).toEqual([1, 2, 4]);
    expect(back).toEqual(input);
  });

  test('slices decoded one after the other into the same arrays keep nothing of the slice before', () => {
    const scratch: unknown[][] = [];
    const first = rows(
      300,
      i => `s${i}`,
      i => i,
    );
    same(first, roundTrip(first, SHAPE, scratch).back);
    for (const a of [(i: number) => (i % 2 ? undefined : null), () => undefined, (i: number) => [1, 'x', undefined, { k: 1 }][i % 4]]) {
      const next = rows(100, a, i => (i % 3 ? undefined : 'b'));
      same(next, roundTrip(next, SHAPE, scratch).back);
    }
    expect(scratch[0]!.length).toBe(300);
  });

  test('joined text is stored in as few bytes as it can and decodes to the same strings', () => {
    // Strings cut from a text with Chinese in it are two bytes a character in V8 even when they are ASCII.
    const wide = '商户 ' + Array.from({ length: 300 }, (_, i) => `ID${String(i).padStart(6, '0')}`).join(' ');
    const id = (i: number) => wide.slice(3 + i * 9, 3 + i * 9 + 8);
    const cases: [string, (i: number) => string, Partial<EncodedColumn>][] = [
      ['ids of one length', id, { width: 8 }],
      ['ids of lengths under 256', i => id(i).slice(i % 3), {}],
      ['longer strings', i => id(i).repeat(40 + (i % 3)), {}],
    ];
    for (const [name, a, expected] of cases) {
      const input = rows(300, a);
      const { enc, back } = roundTrip(input);
      const col = enc.columns.a!;
      // What IndexedDB stores is V8's serialization: one byte a character, not two.
      const chars = input.reduce((s, r) => s + (r.a as string).length, 0);
      expect(col.text?.length, name).toBe(chars);
      expect(serialize(col.text).length, name).toBeLessThan(chars + 16);
      expect(serialize(input.map(r => r.a).join('')).length, name).toBeGreaterThan(2 * chars);
      expect(col.width, name).toBe(expected.width);
      expect(col.lens !== undefined, name).toBe(name.includes('under 256'));
      expect(col.ends !== undefined, name).toBe(name.includes('longer'));
      same(input, back);
    }
    // Text with any other character stays as it is.
    const zh = rows(20, i => `商户${i}`);
    same(zh, roundTrip(zh).back);
  });

  test('joined text that is not as long as its rows say is refused', () => {
    const enc = encodeRows(
      rows(100, i => `row-${String(i).padStart(2, '0')}`),
      SHAPE,
    );
    const col = enc.columns.a!;
    const damaged = (a: object) => () =>
      decodeColumns({ ...enc, columns: { ...enc.columns, a: { ...col, ...a } as EncodedColumn } }, SHAPE);
    expect(damaged({ text: col.text!.slice(1) })).toThrow(/column a is damaged/);
    expect(damaged({ text: new Uint8Array(600) })).toThrow(/column a is damaged/);
    expect(damaged({ width: 7 })).toThrow(/column a is damaged/);
    expect(damaged({ width: undefined })).toThrow(/column a is damaged/);
    expect(damaged({ width: undefined, lens: new Uint8Array(100).fill(5) })).toThrow(/column a is damaged/);
    expect(damaged({ width: undefined, ends: Uint32Array.from({ length: 100 }, (_, i) => 600 - i * 6) })).toThrow(/column a is damaged/);
    expect(() =>
      decodeColumns({ ...enc, columns: { ...enc.columns, a: { ...col, width: undefined, lens: new Uint8Array(100).fill(6) } } }, SHAPE),
    ).not.toThrow();
    expect(() => decodeColumns(enc, SHAPE)).not.toThrow();
  });

  test('a column that does not hold what its tags say is refused', () => {
    const enc = encodeRows(
      rows(10, i => (i % 2 ? i : null)),
      SHAPE,
    );
    const col = enc.columns.a!;
    const damaged = (a: object) => () =>
      decodeColumns({ ...enc, columns: { ...enc.columns, a: { ...col, ...a } as EncodedColumn } }, SHAPE);
    expect(damaged({ nums: undefined })).toThrow(/column a is damaged/);
    expect(damaged({ tags: undefined })).toThrow(/column a is damaged/);
    expect(damaged({ tags: new Uint8Array(10).fill(9) })).toThrow(/column a is damaged/);
    expect(damaged({ tag: 6, tags: undefined })).toThrow(/column a is damaged/);
    expect(damaged({ tag: 2.5, tags: undefined })).toThrow(/column a is damaged/);
    expect(damaged({ tag: 7, tags: undefined, other: [1] })).toThrow(/column a is damaged/);
    expect(damaged({ nums: new Int32Array(3) })).toThrow(/column a is damaged/);
  });
});
