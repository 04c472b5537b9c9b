// The replica file is an age file (passphrase, scrypt): the standalone `age` tool opens what Settlewatch
// writes, and Settlewatch opens what the tool writes. The tool reads a passphrase only from a terminal, so
// the test gives it one through `script` (a pseudo-terminal), typing after the tool has asked.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { makeLine, makeTxn } from '../../test/support/factories';
import { openReplicaFile, writeReplicaFile } from './age';
import { decodeReplicaBytes, encodeReplicaBytes, REPLICA_SCHEMA } from './codec';
import { formatHlc } from './hlc';
import { replicaOf, type Replica } from './replica';

const AGE = '/usr/bin/age';
const hasAge = existsSync(AGE) && existsSync('/usr/bin/script');
if (!hasAge)
  console.warn(
    `core/replica/age.test.ts: ${AGE} (or /usr/bin/script) is missing: the interop tests with the age tool are skipped (apt-get install age)`,
  );

/** A small replica: a file of two transactions (one with an optional field left out), a bank file, a decision and a deleted mapping. */
function sample(): Replica {
  const file = (hash: string, role: 'acquirer' | 'bank') => ({
    hash,
    name: `${hash}.csv`,
    size: 10,
    role,
    format: role === 'bank' ? 'cn-bank-csv' : 'cn-acquirer',
    acquirer: role === 'bank' ? null : 'lakala',
    rows: 2,
    from: '2026-03-02',
    to: '2026-03-02',
    periods: [],
    warnings: [],
    importedAt: '2026-03-03T00:00:00.000Z',
  });
  const stamp = formatHlc({ wall: Date.parse('2026-03-04T00:00:00Z'), counter: 0, device: 'dev-a' });
  return replicaOf({
    files: [file('aa', 'acquirer'), file('bb', 'bank')],
    chunks: [
      {
        fileHash: 'aa',
        txns: [
          { ...makeTxn({ id: '商户-1', line: 2 }), acquirer: 'lakala', fileHash: 'aa' },
          { ...makeTxn({ id: 'X2', line: 3, reference: 'ch_1' }), acquirer: 'lakala', fileHash: 'aa' },
        ],
        bankLines: [],
      },
      { fileHash: 'bb', txns: [], bankLines: [{ ...makeLine({ id: 'L1', line: 2, balanceMinor: 5 }), fileHash: 'bb' }] },
    ],
    tables: {
      decisions: [{ id: 'd1', decision: { kind: 'unlink', bankLineId: 'L1', at: '2026-03-04T00:00:00Z' }, revokedAt: null, hlc: stamp }],
    },
    tombstones: [{ table: 'mappings', id: 'm1', hlc: stamp }],
  });
}

/** Runs the age tool with a passphrase typed at its terminal prompt(s); returns its exit status. */
function ageWithPassphrase(args: string[], passphrase: string, prompts: number): number {
  const typing = Array.from({ length: prompts }, () => `sleep 0.4; printf '%s\\n' "$PASS"`).join('; ');
  const command = `${AGE} ${args.map(a => `'${a}'`).join(' ')}`;
  const run = spawnSync('bash', ['-c', `(${typing}) | script -qec "${command}" /dev/null`], {
    env: { ...process.env, PASS: passphrase },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return run.status ?? -1;
}

describe('the replica payload', () => {
  test('decodes to the replica it encoded, optional fields left out as they were', () => {
    const r = sample();
    const back = decodeReplicaBytes(encodeReplicaBytes(r, '2026-03-05T00:00:00Z'));
    expect(back).toEqual(r);
    expect('reference' in back.rows[0]!.txns[0]!).toBe(false);
  });

  test('carries the bytes a record holds (a voucher photo) as they were', () => {
    const bytes = new Uint8Array(1000).map((_, i) => (i * 37 + (i >> 3)) & 255);
    const r: Replica = {
      files: [],
      rows: [],
      records: {
        vouchers: [
          { id: 'v1', hlc: 'x', value: { id: 'v1', bytes } },
          { id: 'v2', hlc: 'x', value: { id: 'v2', bytes: bytes.subarray(0, 2) } },
        ],
      },
    };
    const back = decodeReplicaBytes(encodeReplicaBytes(r, 'x'));
    expect(back.records.vouchers![0]!.value!.bytes).toEqual(bytes);
    expect(back.records.vouchers![1]!.value!.bytes).toEqual(bytes.subarray(0, 2));
  });

  test('refuses a payload cut short or of a later version, naming why', () => {
    const bytes = encodeReplicaBytes(sample(), '2026-03-05T00:00:00Z');
    expect(() => decodeReplicaBytes(bytes.subarray(0, Math.floor(bytes.length * 0.6)))).toThrow(/cut short|compressed/);
    const later = encodeReplicaBytes({ files: [], rows: [], records: {} }, 'x');
    const text = new TextDecoder().decode(gunzipSync(later)).replace(REPLICA_SCHEMA, 'settlewatch.replica/9');
    expect(() => decodeReplicaBytes(gzipSync(text))).toThrow(/settlewatch.replica\/9/);
  });
});

describe.skipIf(!hasAge)('the replica file and the age tool', () => {
  const dir = mkdtempSync(join(tmpdir(), 'settlewatch-age-'));

  test('age -d opens a file Settlewatch wrote, and its payload is gzip of JSON lines', async () => {
    const file = await writeReplicaFile(sample(), 'open sesame 北京', '2026-03-05T00:00:00Z', undefined, 12);
    writeFileSync(join(dir, 'out.age'), file);
    expect(ageWithPassphrase(['-d', '-o', join(dir, 'out.gz'), join(dir, 'out.age')], 'open sesame 北京', 1)).toBe(0);
    const lines = gunzipSync(readFileSync(join(dir, 'out.gz')))
      .toString('utf8')
      .trimEnd()
      .split('\n');
    expect(JSON.parse(lines[0]!).schema).toBe(REPLICA_SCHEMA);
    expect(JSON.parse(lines[lines.length - 1]!)).toEqual({ end: true });
    expect(ageWithPassphrase(['-d', '-o', join(dir, 'wrong.gz'), join(dir, 'out.age')], 'not it', 1)).not.toBe(0);
  }, 60_000);

  test('Settlewatch opens a file age -p wrote, and refuses it with another passphrase', async () => {
    writeFileSync(join(dir, 'payload.gz'), encodeReplicaBytes(sample(), '2026-03-05T00:00:00Z'));
    expect(ageWithPassphrase(['-p', '-o', join(dir, 'tool.age'), join(dir, 'payload.gz')], 'tool pass', 2)).toBe(0);
    const bytes = new Uint8Array(readFileSync(join(dir, 'tool.age')));
    expect(new TextDecoder('latin1').decode(bytes.subarray(0, 32))).toMatch(/^age-encryption\.org\/v1\n-> scrypt /);
    const opened = await openReplicaFile(bytes, 'tool pass');
    expect(opened.ok && opened.replica).toEqual(sample());
    expect(opened.ok && opened.createdAt).toBe('2026-03-05T00:00:00Z');
    const wrong = await openReplicaFile(bytes, 'tool pas');
    expect(wrong.ok ? null : wrong.code).toBe('replica_wrong_passphrase');
  }, 60_000);
});
