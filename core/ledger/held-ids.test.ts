import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { heldHash, HeldIds, type HeldRow } from './held-ids';

const ACQUIRERS = ['a', 'ab', 'b', ''];
/** Ids that are prefixes of each other, and pairs whose (acquirer, id) hash alike: ('a', '6yzx') and ('a', 'd6ad'); ('a', '838r') and ('ab', '6d30'). */
const IDS = ['', '1', '12', '123', 'x', '6yzx', 'd6ad', '838r', '6d30'];
/** Rows of odd shape the ledger image may keep: a field missing, an id not a string, not an object. */
const ODD: unknown[] = [{ acquirer: 'a' }, { id: '1' }, { acquirer: 'a', id: 1 }, {}, null];

type Row = HeldRow | unknown;
type Op =
  | { kind: 'append'; rows: Row[] }
  | { kind: 'claim' | 'release'; acquirer: string; id: string }
  | { kind: 'replace'; keep: boolean[]; rows: Row[]; forget: boolean }
  | { kind: 'clear' }
  | { kind: 'warm'; most: number };

const key = fc.record({ acquirer: fc.constantFrom(...ACQUIRERS), id: fc.constantFrom(...IDS) });
const row: fc.Arbitrary<Row> = fc.oneof(
  { weight: 9, arbitrary: key.map(k => ({ ...k, fileHash: 'f' })) },
  { weight: 1, arbitrary: fc.constantFrom(...ODD) },
);
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('append' as const), rows: fc.array(row, { minLength: 1, maxLength: 6 }) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constantFrom('claim' as const, 'release' as const),
      acquirer: key.map(k => k.acquirer),
      id: key.map(k => k.id),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('replace' as const),
      keep: fc.array(fc.boolean(), { maxLength: 40 }),
      rows: fc.array(row, { maxLength: 4 }),
      forget: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('warm' as const), most: fc.integer({ min: 0, max: 3 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'clear' as const }) },
);

const field = (r: Row, name: 'acquirer' | 'id') => (r as Record<string, unknown> | null | undefined)?.[name];
const same = (r: Row, acquirer: unknown, id: unknown) => field(r, 'acquirer') === acquirer && field(r, 'id') === id;

describe('held ids', () => {
  test('the pairs chosen to collide do collide, so the property below probes past rows of other keys', () => {
    expect(heldHash('a', '6yzx')).toBe(heldHash('a', 'd6ad'));
    expect(heldHash('a', '838r')).toBe(heldHash('ab', '6d30'));
  });

  test('after any appends, claims, releases and replaced lists, it holds exactly the rows and the claims', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), ops => {
        let rows: Row[] = [];
        const held = new HeldIds(() => rows as HeldRow[]);
        // The model: the rows, and the claims.
        const claims = new Map<string, Set<string>>();
        for (const o of ops) {
          if (o.kind === 'append') {
            rows.push(...o.rows);
          } else if (o.kind === 'claim') {
            if (!claims.has(o.acquirer)) claims.set(o.acquirer, new Set());
            claims.get(o.acquirer)!.add(o.id);
            held.claim(o.acquirer, o.id);
          } else if (o.kind === 'release') {
            claims.get(o.acquirer)?.delete(o.id);
            held.release(o.acquirer, o.id);
          } else if (o.kind === 'replace') {
            rows = [...rows.filter((_, k) => o.keep[k] ?? true), ...o.rows];
            if (o.forget) held.forget();
          } else if (o.kind === 'clear') {
            rows = [];
            claims.clear();
            held.forget(true);
          } else if (o.kind === 'warm') {
            const behind = held.behind();
            held.catchUp(o.most);
            expect(held.behind()).toBe(Math.max(0, behind - o.most));
          }
          for (const acquirer of ACQUIRERS)
            for (const id of IDS) {
              const last = rows.findLastIndex(r => same(r, acquirer, id));
              expect(held.rowOf(acquirer, id)).toBe(last);
              expect(held.has(acquirer, id)).toBe(last >= 0 || claims.get(acquirer)?.has(id) === true);
            }
          // An odd row is found by its fields as they are, with ===.
          expect(held.rowOf('a', 1 as unknown as string)).toBe(rows.findLastIndex(r => same(r, 'a', 1)));
          expect(held.rowOf(undefined as unknown as string, '1')).toBe(rows.findLastIndex(r => same(r, undefined, '1')));
          expect(held.behind()).toBe(0);
          const all = new Map<unknown, Set<unknown>>();
          const put = (acquirer: unknown, id: unknown) => {
            if (!all.has(acquirer)) all.set(acquirer, new Set());
            all.get(acquirer)!.add(id);
          };
          for (const r of rows) put(field(r, 'acquirer'), field(r, 'id'));
          for (const [acquirer, ids] of claims) for (const id of ids) put(acquirer, id);
          expect(held.byAcquirer()).toEqual(all);
        }
      }),
      { numRuns: 400 },
    );
  });

  test('a release gives back only the claim: a row held stays held', () => {
    const rows: HeldRow[] = [{ acquirer: 'lakala', id: 'R1' }];
    const held = new HeldIds(() => rows);
    held.claim('lakala', 'R1');
    held.claim('lakala', 'R2');
    expect(held.has('lakala', 'R2')).toBe(true);
    held.release('lakala', 'R1');
    held.release('lakala', 'R2');
    expect(held.has('lakala', 'R1')).toBe(true);
    expect(held.has('lakala', 'R2')).toBe(false);
  });

  test('a year of rows is covered in slices, rows appended meanwhile too, and each is found by its own acquirer only', () => {
    const rows: HeldRow[] = [];
    for (let i = 0; i < 30_000; i++)
      rows.push({ acquirer: i % 3 === 0 ? 'chinaums' : 'lakala', id: `LKL2025120100${String(i).padStart(6, '0')}` });
    const held = new HeldIds(() => rows);
    held.catchUp(10_000);
    expect(held.behind()).toBe(20_000);
    rows.push({ acquirer: 'lakala', id: 'late' });
    held.catchUp(10_000);
    expect(held.behind()).toBe(10_001);
    for (let i = 0; i < rows.length; i += 7) {
      expect(held.rowOf(rows[i]!.acquirer, rows[i]!.id)).toBe(i);
      expect(held.has(rows[i]!.acquirer === 'lakala' ? 'chinaums' : 'lakala', rows[i]!.id)).toBe(false);
    }
    expect(held.behind()).toBe(0);
  });
});
