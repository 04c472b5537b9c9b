// The merge of replicas (issue 13): idempotent, commutative and associative as plain data; a decision is
// never lost; a row is never duplicated; what the other lacks is enough. Random replicas come from a small
// universe of files, rows and record versions, as real devices would hold them: the same file's rows read
// the same on every device, the same clock stamp carries the same value.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { makeLine, makeTxn } from '../../test/support/factories';
import type { StoredBankLine, StoredFile, StoredTxn } from '../db/schema';
import { bankLineKey } from '../import/identity';
import { formatHlc } from './hlc';
import {
  deltaOf,
  EMPTY_REPLICA,
  inventoryOf,
  isEmptyDelta,
  merge,
  missingFrom,
  previewOf,
  replicaOf,
  txnKey,
  type Replica,
  type ReplicaSource,
  type Tombstone,
} from './replica';

const FILES = ['a1', 'b2', 'c3', 'd4'];
const ROWS_PER_FILE = 6;
const WARNINGS = [
  { line: 3, field: 'amount', message: 'conflict: page says 1.00', severity: 'warning' as const },
  { line: 1, field: '(file)', message: 'may be cut short', severity: 'warning' as const },
];

/** Every row a file can hold, the same on every device; files b2 and c3 overlap in facts (a re-export). */
function rowsOf(hash: string): { txns: StoredTxn[]; bankLines: StoredBankLine[] } {
  const i = FILES.indexOf(hash);
  if (i % 2 === 0)
    return {
      txns: Array.from({ length: ROWS_PER_FILE }, (_, k) => ({
        ...makeTxn({ id: `T${hash === 'c3' ? 'b2' : hash}-${k}`, line: k + 2, grossMinor: 100 * (k + 1), feeMinor: 1 }),
        acquirer: 'lakala',
        fileHash: hash,
      })),
      bankLines: [],
    };
  return {
    txns: [],
    bankLines: Array.from({ length: ROWS_PER_FILE }, (_, k) => ({ ...makeLine({ id: `L${hash}-${k}`, line: k + 2 }), fileHash: hash })),
  };
}

function fileRecord(hash: string, importedAt: string, warnings: number[]): StoredFile {
  const rows = rowsOf(hash);
  return {
    hash,
    name: `${hash}.csv`,
    size: 100,
    role: rows.txns.length ? 'acquirer' : 'bank',
    format: rows.txns.length ? 'cn-acquirer' : 'cn-bank-csv',
    acquirer: rows.txns.length ? 'lakala' : null,
    rows: ROWS_PER_FILE,
    from: null,
    to: null,
    periods: [],
    warnings: warnings.map(w => WARNINGS[w]!),
    importedAt,
  };
}

const DEVICES = ['dev-a', 'dev-b', 'dev-c'];
const stampArb = fc.record({
  wall: fc.integer({ min: 1, max: 6 }),
  counter: fc.integer({ min: 0, max: 2 }),
  device: fc.constantFrom(...DEVICES),
});

/** The value a record has at a given stamp: the same stamp always carries the same value. */
function decisionAt(id: string, stamp: string, revoked: boolean) {
  return {
    id,
    decision: { kind: 'unlink', bankLineId: `B-${id}`, at: '2026-03-01T00:00:00Z' },
    revokedAt: revoked ? stamp : null,
    hlc: stamp,
  };
}

const sourceArb: fc.Arbitrary<ReplicaSource> = fc
  .record({
    files: fc.subarray(FILES),
    importedAt: fc.array(fc.constantFrom('2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z'), { minLength: 4, maxLength: 4 }),
    warnings: fc.array(fc.subarray([0, 1]), { minLength: 4, maxLength: 4 }),
    // Which rows of a held file this device stored (a device that held an overlapping file first stored fewer).
    held: fc.array(fc.subarray([0, 1, 2, 3, 4, 5], { minLength: 1 }), { minLength: 4, maxLength: 4 }),
    decisions: fc.array(fc.record({ id: fc.constantFrom('d1', 'd2', 'd3'), stamp: stampArb, revoked: fc.boolean() }), { maxLength: 4 }),
    mappings: fc.array(fc.record({ id: fc.constantFrom('m1', 'm2'), stamp: stampArb, deleted: fc.boolean() }), { maxLength: 3 }),
    config: fc.option(stampArb, { nil: undefined }),
  })
  .map(g => {
    const files = g.files.map(h => fileRecord(h, g.importedAt[FILES.indexOf(h)]!, g.warnings[FILES.indexOf(h)]!));
    const chunks = g.files.map(h => {
      const keep = new Set(g.held[FILES.indexOf(h)]);
      const all = rowsOf(h);
      return { fileHash: h, txns: all.txns.filter((_, k) => keep.has(k)), bankLines: all.bankLines.filter((_, k) => keep.has(k)) };
    });
    const decisions = new Map<string, ReturnType<typeof decisionAt>>();
    for (const d of g.decisions) {
      const stamp = formatHlc(d.stamp);
      // A revocation is a later write than the decision itself (counter parity says which the stamp is).
      const revoked = d.stamp.counter % 2 === 1;
      const was = decisions.get(d.id);
      if (!was || was.hlc < stamp) decisions.set(d.id, decisionAt(d.id, stamp, revoked));
    }
    const mappings = new Map<string, { id: string; name: string; hlc: string }>();
    const tombstones: Tombstone[] = [];
    for (const m of g.mappings) {
      const stamp = formatHlc(m.stamp);
      if (m.stamp.counter === 2) tombstones.push({ table: 'mappings', id: m.id, hlc: stamp });
      else mappings.set(m.id, { id: m.id, name: `${m.id}@${stamp}`, hlc: stamp });
    }
    const config = g.config
      ? [{ key: 'current', config: { schema: 'settlewatch.config/1', acquirers: [], at: formatHlc(g.config) }, hlc: formatHlc(g.config) }]
      : [];
    return { files, chunks, tombstones, tables: { decisions: [...decisions.values()], mappings: [...mappings.values()], config } };
  });

const replicaArb = sourceArb.map(replicaOf);

describe('merging replicas', () => {
  test('is idempotent: a replica merged with itself is itself', () => {
    fc.assert(
      fc.property(replicaArb, a => {
        expect(merge(a, a)).toEqual(a);
      }),
    );
  });

  test('is commutative', () => {
    fc.assert(
      fc.property(replicaArb, replicaArb, (a, b) => {
        expect(merge(a, b)).toEqual(merge(b, a));
      }),
    );
  });

  test('is associative', () => {
    fc.assert(
      fc.property(replicaArb, replicaArb, replicaArb, (a, b, c) => {
        expect(merge(merge(a, b), c)).toEqual(merge(a, merge(b, c)));
      }),
    );
  });

  test('never loses a decision: each one merged is there, at its latest version', () => {
    fc.assert(
      fc.property(replicaArb, replicaArb, (a, b) => {
        const merged = new Map((merge(a, b).records.decisions ?? []).map(d => [d.id, d]));
        for (const d of [...(a.records.decisions ?? []), ...(b.records.decisions ?? [])]) {
          const m = merged.get(d.id);
          expect(m?.value).not.toBeNull();
          expect(m!.hlc >= d.hlc).toBe(true);
        }
      }),
    );
  });

  test('never duplicates a row, and keeps every row either side held', () => {
    fc.assert(
      fc.property(replicaArb, replicaArb, (a, b) => {
        const keys = (r: Replica) =>
          r.rows.flatMap(x => [
            ...x.txns.map(t => `${x.fileHash}|${txnKey(t)}`),
            ...x.bankLines.map(l => `${x.fileHash}|${bankLineKey(l)}`),
          ]);
        const merged = keys(merge(a, b));
        expect(new Set(merged).size).toBe(merged.length);
        expect(new Set(merged)).toEqual(new Set([...keys(a), ...keys(b)]));
      }),
    );
  });

  test('a deletion with a later clock wins over the record, and a later write over the deletion', () => {
    const at = (wall: number, device = 'dev-a') => formatHlc({ wall, counter: 0, device });
    const source = (mappings: object[], tombstones: Tombstone[]): ReplicaSource => ({
      files: [],
      chunks: [],
      tables: { mappings },
      tombstones,
    });
    const kept = replicaOf(source([{ id: 'm1', name: 'Danske', hlc: at(1) }], []));
    const deleted = replicaOf(source([], [{ table: 'mappings', id: 'm1', hlc: at(2, 'dev-b') }]));
    expect(merge(kept, deleted).records.mappings).toEqual([{ id: 'm1', hlc: at(2, 'dev-b'), value: null }]);
    const rewritten = replicaOf(source([{ id: 'm1', name: 'Danske (fixed)', hlc: at(3) }], []));
    expect(merge(merge(kept, deleted), rewritten).records.mappings).toEqual([
      { id: 'm1', hlc: at(3), value: { id: 'm1', name: 'Danske (fixed)' } },
    ]);
  });

  test('a record rewritten by code that stamps only its time orders by that time, not by the older stamp a merge gave it', () => {
    const stamped = formatHlc({ wall: Date.parse('2026-03-01T00:00:00Z'), counter: 4, device: 'dev-a' });
    const source = (cases: object[]): ReplicaSource => ({ files: [], chunks: [], tables: { decisions: cases }, tombstones: [] });
    const rewritten = replicaOf(source([{ id: 'c1', note: 'called the bank', updatedAt: '2026-03-02T00:00:00.000Z', hlc: stamped }]));
    const other = replicaOf(
      source([{ id: 'c1', note: 'old', updatedAt: '2026-03-01T12:00:00.000Z', hlc: stamped.replace('dev-a', 'dev-b') }]),
    );
    expect(merge(rewritten, other).records.decisions![0]!.value).toMatchObject({ note: 'called the bank' });
    expect(merge(other, rewritten)).toEqual(merge(rewritten, other));
  });

  test('keeps the earlier import of a file both hold, with the warnings of both', () => {
    const early = replicaOf({ files: [fileRecord('a1', '2026-03-01T00:00:00Z', [0])], chunks: [], tables: {}, tombstones: [] });
    const late = replicaOf({ files: [fileRecord('a1', '2026-03-02T00:00:00Z', [1])], chunks: [], tables: {}, tombstones: [] });
    const [file] = merge(late, early).files;
    expect(file!.importedAt).toBe('2026-03-01T00:00:00Z');
    expect(file!.warnings).toEqual([WARNINGS[1], WARNINGS[0]]);
  });
});

describe('what the other lacks', () => {
  test('merging only what b lacks of a gives b what merging all of a gives', () => {
    fc.assert(
      fc.property(replicaArb, replicaArb, (a, b) => {
        expect(merge(b, missingFrom(a, inventoryOf(b)))).toEqual(merge(a, b));
      }),
    );
  });

  test('is nothing once both hold the same', () => {
    fc.assert(
      fc.property(replicaArb, replicaArb, (a, b) => {
        const both = merge(a, b);
        const rest = missingFrom(merge(b, a), inventoryOf(both));
        expect([rest.files.length, rest.rows.length, Object.values(rest.records).flat().length]).toEqual([0, 0, 0]);
      }),
    );
  });
});

describe('the delta a merge writes', () => {
  test('is empty when the ledger already holds everything the replica does', () => {
    fc.assert(
      fc.property(replicaArb, replicaArb, (a, b) => {
        expect(isEmptyDelta(deltaOf(merge(a, b), b))).toBe(true);
      }),
    );
  });

  test('counts rows new to the whole ledger, not to their file', () => {
    const local = replicaOf({
      files: [fileRecord('a1', '2026-03-01T00:00:00Z', [])],
      chunks: [{ fileHash: 'a1', ...rowsOf('a1') }],
      tables: {},
      tombstones: [],
    });
    // c3 re-exports b2's transactions; a1's are its own.
    const incoming = replicaOf({
      files: [fileRecord('a1', '2026-03-01T00:00:00Z', []), fileRecord('c3', '2026-03-01T00:00:00Z', [])],
      chunks: [
        { fileHash: 'a1', ...rowsOf('a1') },
        { fileHash: 'c3', ...rowsOf('c3') },
      ],
      tables: {},
      tombstones: [],
    });
    const preview = previewOf(local, incoming, deltaOf(local, incoming));
    expect(preview.files).toEqual({ new: 1, held: 1 });
    expect(preview.txns).toEqual({ new: ROWS_PER_FILE, held: ROWS_PER_FILE });
    expect(preview.nothingNew).toBe(false);
    expect(previewOf(EMPTY_REPLICA, EMPTY_REPLICA, deltaOf(EMPTY_REPLICA, EMPTY_REPLICA)).nothingNew).toBe(true);
  });
});
